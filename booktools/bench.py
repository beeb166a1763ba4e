"""Carrera al 99 %: la red del cuaderno original frente a la red rápida del capítulo «Mejorar la red».

Uso (lo llama «make bench»): ``python -m booktools.bench [--seeds 1 2 3 4 5]``. No es una
prueba ni una estimación de la exactitud: es la **definición de una carrera**, como las de
DAWNBench. Para cada semilla entrena las dos redes desde cero, una tras otra en la misma
máquina, con las 60 000 imágenes de entrenamiento; al final de cada época (fuera del tiempo
medido) evalúa la red con las 10 000 de prueba, y el tiempo de la red es el de entrenamiento
hasta la primera época que llega al 99 %. Como la meta se mira en prueba después de cada
época, esa exactitud no sirve para estimar cómo le irá a la red con dígitos nuevos (para eso,
``make seeds``: la prueba una vez, al final) ni para elegir nada: las dos recetas están
fijadas de antemano. Imprime, por red, la mediana de los segundos hasta el 99 % (una semilla
que no llega cuenta como un tiempo infinito), cuántas semillas llegan, y la media y la
desviación típica de la exactitud de prueba final; y la razón entre las dos medianas.
"""

from __future__ import annotations

import argparse
import os
import platform
import tempfile

TARGET = 0.99


def _cpu_name() -> str:
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return line.split(":", 1)[1].strip()
    except OSError:
        pass
    return platform.processor() or "desconocida"


def _onednn_enabled() -> bool:
    """Si TensorFlow usa oneDNN (lo hace por omisión en CPU x86; ``TF_ENABLE_ONEDNN_OPTS=0`` lo apaga)."""
    from tensorflow.python.util import _pywrap_util_port

    return bool(_pywrap_util_port.IsMklEnabled())


def machine() -> str:
    """La máquina, en palabras: procesador, núcleos disponibles, motor y versiones."""
    import keras

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    backend = keras.backend.backend()
    engine = __import__({"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}[backend])
    onednn = "sí" if backend == "tensorflow" and _onednn_enabled() else "no"
    return (f"{_cpu_name()}, {cores} núcleos disponibles; Python {platform.python_version()}, "
            f"Keras {keras.__version__} con {backend} {engine.__version__} (oneDNN: {onednn})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=TARGET, help="exactitud de prueba de la meta")
    parser.add_argument("--seeds", type=int, nargs="+", default=[1, 2, 3, 4, 5], help="semillas")
    parser.add_argument("--sin-onednn", dest="without_onednn", action="store_true",
                        help="sin las optimizaciones oneDNN de TensorFlow (los capítulos las dejan "
                             "como vienen: activadas en CPU x86)")
    args = parser.parse_args(argv)
    # Antes de importar Keras: los mismos ajustes que la primera celda de los capítulos.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    if args.without_onednn:
        os.environ["TF_ENABLE_ONEDNN_OPTS"] = "0"
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")

    import math
    import statistics

    import keras
    import numpy as np

    from course_lib import cache, data, formatting, models, recipes

    (x_train, y_train), (x_test, y_test) = data.load_mnist()
    x, y = data.prepare_images(x_train), keras.utils.to_categorical(y_train, 10)
    test = (data.prepare_images(x_test), keras.utils.to_categorical(y_test, 10))
    target = formatting.percent(args.target, 0)
    print(f"Máquina: {machine()}")
    print(f"Meta: {target} de exactitud de prueba, evaluada al final de cada época; "
          f"semillas {', '.join(map(str, args.seeds))}.\n")

    times: dict[str, list[float | None]] = {"Red del cuaderno original": [], "Red rápida": []}
    finals: dict[str, list[float]] = {name: [] for name in times}
    for seed in args.seeds:
        with tempfile.TemporaryDirectory() as folder:  # caché vacía: las dos se entrenan de verdad
            keras.utils.set_random_seed(seed)
            original = models.build_convnet()
            original_history = cache.fit_cached(
                original, x, y, epochs=5, batch_size=64, seed=seed, test_data=test,
                cache_dir=folder, verbose=0,
            )
            _, fast_history = recipes.train_fast_convnet(x, y, seed=seed, test_data=test, cache_dir=folder,
                                                         verbose=0)
        for name, history in (("Red del cuaderno original", original_history), ("Red rápida", fast_history)):
            reached = cache.seconds_to_reach(history, args.target)
            times[name].append(reached)
            finals[name].append(history.history["test_accuracy"][-1])
            epochs = ", ".join(formatting.percent(v, 2) for v in history.history["test_accuracy"])
            took = "no llega" if reached is None else f"{formatting.number(reached, 1)} s"
            print(f"Semilla {seed}, {name.lower()}: hasta el {target}, {took} (por época: {epochs})",
                  flush=True)

    print()
    medians: dict[str, float | None] = {}
    for name, values in times.items():
        arrived = [v for v in values if v is not None]
        # Una semilla que no llega cuenta como un tiempo infinito: la mediana es de todas.
        overall = statistics.median([math.inf if v is None else v for v in values])
        middle = None if math.isinf(overall) else overall
        medians[name] = middle
        mean = float(np.mean(finals[name]))
        sd = float(np.std(finals[name], ddof=1)) if len(finals[name]) > 1 else 0.0
        median = "—" if middle is None else f"{formatting.number(middle, 1)} s"
        print(f"{name}: mediana hasta el {target} {median}; llegan {len(arrived)} de {len(values)} semillas; "
              f"exactitud de prueba final {formatting.percent(mean, 2)} ± {formatting.percent(sd, 2)}")
    seed_time, fast_time = medians.values()
    if seed_time is not None and fast_time is not None:
        print(f"Razón entre las medianas: la red rápida llega {formatting.number(seed_time / fast_time, 1)} "
              "veces antes. Los segundos dependen de la máquina y de su carga: solo la razón y las "
              "medianas dicen algo.")
    # Es una medida, no una prueba: que una red no llegue a la meta es un resultado, no un fallo.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

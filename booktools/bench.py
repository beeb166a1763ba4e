"""Carrera al 99 %: la red del cuaderno original frente a la red rápida del capítulo «Mejorar la red».

Uso (lo llama «make bench»): ``python -m booktools.bench``. No es una prueba: entrena las dos
redes desde cero, en la misma ejecución y en la misma máquina, con las 60 000 imágenes de
entrenamiento, evalúa cada una con las 10 000 de prueba al final de cada época (fuera del
tiempo medido) e imprime los segundos de entrenamiento hasta la primera época con un 99 % de
exactitud de prueba, la exactitud final y la razón entre los dos tiempos. Nada se elige con
estos números: las dos recetas están fijadas de antemano (la rápida, con validación, en el
capítulo).
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


def machine() -> str:
    """La máquina, en palabras: procesador, núcleos disponibles, motor y versiones."""
    import keras

    cores = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    backend = keras.backend.backend()
    engine = __import__({"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}[backend])
    onednn = "sí" if os.environ.get("TF_ENABLE_ONEDNN_OPTS") == "1" else "no"
    return (f"{_cpu_name()}, {cores} núcleos disponibles; Python {platform.python_version()}, "
            f"Keras {keras.__version__} con {backend} {engine.__version__} (oneDNN: {onednn})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--target", type=float, default=TARGET, help="exactitud de prueba de la meta")
    parser.add_argument("--onednn", action="store_true",
                        help="con las optimizaciones oneDNN de TensorFlow (los capítulos las desactivan)")
    args = parser.parse_args(argv)
    # Antes de importar Keras: los mismos ajustes que la primera celda de los capítulos.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ["TF_ENABLE_ONEDNN_OPTS"] = "1" if args.onednn else "0"
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")

    from course_lib import data, formatting, models, reproducibility, training

    (x_train, y_train), (x_test, y_test) = data.load_mnist()
    x, y = data.prepare_images(x_train), data.one_hot(y_train)
    test = (data.prepare_images(x_test), data.one_hot(y_test))
    print(f"Máquina: {machine()}")
    print(f"Meta: {formatting.percent(args.target, 0)} de exactitud de prueba, "
          "evaluada al final de cada época.\n")

    results = {}
    with tempfile.TemporaryDirectory() as cache:  # caché vacía: las dos se entrenan de verdad
        reproducibility.set_seed(training.SEED)
        seed_net = models.build_convnet()
        seed_history = training.fit_cached(
            seed_net, x, y, epochs=5, batch_size=64, seed=training.SEED, test_data=test,
            cache_dir=cache, verbose=0,
        )
        results["Red del cuaderno original"] = (seed_net, seed_history, 64)
        fast_net, fast_history = training.train_fast_convnet(
            x, y, test_data=test, cache_dir=cache, verbose=0,
        )
        results["Red rápida"] = (fast_net, fast_history, training.FAST_BATCH_SIZE)

    reached = {}
    for name, (model, history, batch_size) in results.items():
        seconds = history.epoch_seconds
        accuracy = history.history["test_accuracy"]
        reached[name] = training.seconds_to_reach(history, args.target)
        print(f"{name}: {formatting.number(model.count_params())} parámetros, "
              f"{formatting.number(sum(models.multiply_adds(model).values()))} multiplicaciones por "
              f"imagen, lotes de {batch_size}")
        for epoch, (took, value) in enumerate(zip(seconds, accuracy, strict=True), start=1):
            print(f"  época {epoch}: {formatting.number(took, 1)} s de entrenamiento "
                  f"(acumulados: {formatting.number(sum(seconds[:epoch]), 1)} s), "
                  f"exactitud de prueba {formatting.percent(value, 2)}")
        first = reached[name]
        print(f"  hasta el {formatting.percent(args.target, 0)}: "
              f"{'no llega' if first is None else formatting.number(first, 1) + ' s'}; "
              f"exactitud final de prueba {formatting.percent(accuracy[-1], 2)}\n")
    seed_time, fast_time = reached.values()
    if seed_time is not None and fast_time is not None:
        print(f"La red rápida llega al {formatting.percent(args.target, 0)} "
              f"{formatting.number(seed_time / fast_time, 1)} veces antes que la del cuaderno original.")
    else:
        print(f"No hay razón entre los tiempos: alguna red no llega al {formatting.percent(args.target, 0)}.")
    # Es una medida, no una prueba: que una red no llegue a la meta es un resultado, no un fallo.
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

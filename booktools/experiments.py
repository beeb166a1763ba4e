"""Las recetas del libro con varias semillas, y la ablación de la red rápida (no son pruebas).

Uso (lo llaman ``make seeds`` y ``make ablation``; ninguna de las dos forma parte de la CI)::

    python -m booktools.experiments seeds [--seeds 1 2 3 4 5] [--recipes original mejorada ...]
    python -m booktools.experiments ablation [--seeds 1 2 3 4 5] [--recipes receta sin_bn ...]

``seeds`` entrena desde cero cada receta final del libro (la red del cuaderno original, la red
mejorada, la mejorada con aumento de datos y la red rápida) con cada semilla (por omisión, de
1 a 5: la 0 es la de los capítulos, cuya exactitud de prueba ya se ha visto), con las 54 000
primeras imágenes de entrenamiento y las 6000 últimas para validar, como los capítulos. De
cada entrenamiento guarda la exactitud de validación de cada época, los segundos que tardó
``model.fit`` y, **una sola vez, al final**, la exactitud de prueba: con los dígitos tal
cual, desplazados de 1 a 4 píxeles y girados de 5 a 20 grados (la robustez). Nada se elige con
estos números: las recetas están fijadas antes.

``ablation`` entrena variantes de la red rápida, cambiando un ingrediente cada vez, con las
mismas semillas, y solo mide la validación (la prueba no se toca).

Los resultados se escriben en ``course_lib/resultados/semillas.json`` y ``ablacion.json``
después de cada entrenamiento, con la huella de cada receta
(:func:`course_lib.experiments.recipe_fingerprint`), la máquina y las versiones. Si el archivo
ya tiene una semilla de una receta con la misma huella, no se repite (se puede interrumpir y
seguir); con otra huella, la receta se entrena de nuevo entera.
"""

from __future__ import annotations

import argparse
import datetime
import json
import os
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from booktools.bench import machine

RESULTS_DIR = Path(__file__).resolve().parent.parent / "course_lib" / "resultados"
TRAIN_SIZE = 54000
"""Las primeras 54 000 imágenes de entrenamiento; las 6000 últimas validan (como los capítulos)."""
SHIFTS = (0, 1, 2, 3, 4)
"""Píxeles de desplazamiento de las curvas de robustez."""
ROTATIONS = (0, 5, 10, 15, 20)
"""Grados de giro de las curvas de robustez."""
ROBUSTNESS_SEED = 2026
"""Semilla de las direcciones al azar (la misma para todas las redes: mismas imágenes movidas)."""


@dataclass(frozen=True)
class Recipe:
    """Una receta: cómo se construye la red (compilada) y cómo se entrena."""

    title: str
    build: Callable[[int, int], Any]  # (imágenes de entrenamiento, semilla) -> keras.Model
    epochs: int
    batch_size: int


def _original(num_examples: int, seed: int) -> Any:
    from course_lib import models

    return models.build_convnet()


def improved_convnet(num_examples: int, seed: int, *, augmentation: bool = False, batch_norm: bool = True,
                     epochs: int = 7, batch_size: int = 128) -> Any:
    """La red mejorada del capítulo «Mejorar la red» (con ``augmentation``, su variante aumentada)."""
    import keras

    from course_lib import models, schedules

    total = epochs * schedules.steps_per_epoch(num_examples, batch_size)
    return models.build_convnet(
        (32, 64, 128), kernel_size=(5, 3, 3), strides=(2, 1, 1), pooling=(False, True, False),
        dense_units=128, dropout=0.3, batch_norm=batch_norm,
        augmentation=models.build_augmentation(10, 0.1, 0.1, seed=seed) if augmentation else None,
        optimizer=keras.optimizers.Adam(schedules.warmup_cosine(0.01, total, total // 10)),
    )


def fast_variant(num_examples: int, *, batch_norm: bool = True, peak: float = 0.03,
                 schedule: str = "coseno", warmup: bool = True, stride_first: bool = True,
                 batch_size: int = 128, epochs: int = 2) -> Any:
    """La red rápida con un ingrediente cambiado (con los valores por defecto, la receta del capítulo)."""
    import keras

    from course_lib import models, schedules

    total = epochs * schedules.steps_per_epoch(num_examples, batch_size)
    if schedule == "coseno":
        rate: Any = schedules.warmup_cosine(peak, total, total // 10 if warmup else 0)
    else:
        rate = peak
    return models.build_convnet(
        (16, 48), kernel_size=(5, 3), strides=(2, 1) if stride_first else (1, 1),
        pooling=(False, True) if stride_first else (True, True), dense_units=None,
        batch_norm=batch_norm, optimizer=keras.optimizers.Adam(rate),
    )


RECIPES: dict[str, Recipe] = {
    "original": Recipe("Red del cuaderno original", _original, 5, 64),
    "mejorada": Recipe("Red mejorada", lambda n, s: improved_convnet(n, s), 7, 128),
    "aumentada": Recipe("Red mejorada con aumento de datos",
                        lambda n, s: improved_convnet(n, s, augmentation=True), 7, 128),
    "rapida": Recipe("Red rápida", lambda n, s: fast_variant(n), 2, 128),
}
"""Las recetas finales del libro, por su clave en ``semillas.json``."""

VARIANTS: dict[str, Recipe] = {
    "receta": Recipe("La receta del capítulo", lambda n, s: fast_variant(n), 2, 128),
    "sin_bn": Recipe("Sin normalización por lotes (máximo 0,03)",
                     lambda n, s: fast_variant(n, batch_norm=False), 2, 128),
    "sin_bn_tasa_baja": Recipe("Sin normalización por lotes, máximo 0,003",
                               lambda n, s: fast_variant(n, batch_norm=False, peak=0.003), 2, 128),
    "tasa_baja": Recipe("Con normalización, máximo 0,003",
                        lambda n, s: fast_variant(n, peak=0.003), 2, 128),
    "constante_0_03": Recipe("Tasa constante 0,03 (sin calendario)",
                             lambda n, s: fast_variant(n, schedule="constante"), 2, 128),
    "constante_0_001": Recipe("Tasa constante 0,001 (la de Adam por defecto)",
                              lambda n, s: fast_variant(n, peak=0.001, schedule="constante"), 2, 128),
    "sin_calentamiento": Recipe("Coseno sin calentamiento",
                                lambda n, s: fast_variant(n, warmup=False), 2, 128),
    "pooling": Recipe("Primera convolución con paso 1 y pooling",
                      lambda n, s: fast_variant(n, stride_first=False), 2, 128),
    "lote_64": Recipe("Lotes de 64", lambda n, s: fast_variant(n, batch_size=64), 2, 64),
}
"""Las variantes de la red rápida: cada una cambia un ingrediente de la receta."""


def shifted(images: Any, pixels: int, rng: Any) -> Any:
    """Cada imagen desplazada ``pixels`` píxeles hacia una dirección al azar (arriba, abajo,
    izquierda o derecha), rellenando con 0 lo que queda al descubierto."""
    import numpy as np

    out = np.zeros_like(images)
    directions = rng.integers(0, 4, size=len(images))
    if pixels == 0:
        return images.copy()
    k = pixels
    moves = {0: (slice(None), slice(k, None), slice(None), slice(None, -k)),   # derecha
             1: (slice(None), slice(None, -k), slice(None), slice(k, None)),   # izquierda
             2: (slice(k, None), slice(None), slice(None, -k), slice(None)),   # abajo
             3: (slice(None, -k), slice(None), slice(k, None), slice(None))}   # arriba
    for direction, (rows_to, cols_to, rows_from, cols_from) in moves.items():
        chosen = directions == direction
        out[chosen, rows_to, cols_to] = images[chosen][:, rows_from, cols_from]
    return out


def rotated(images: Any, degrees: float, rng: Any) -> Any:
    """Cada imagen girada ``degrees`` grados alrededor de su centro, hacia un lado al azar
    (interpolación bilineal, relleno con 0)."""
    import keras
    import numpy as np

    if degrees == 0:
        return images.copy()
    angles = np.deg2rad(degrees) * rng.choice([-1.0, 1.0], size=len(images))
    cos, sin = np.cos(angles), np.sin(angles)
    centre = (images.shape[1] - 1) / 2
    # Para cada píxel de salida, de dónde se lee en la entrada (la transformación inversa).
    transform = np.stack([cos, sin, centre - cos * centre - sin * centre,
                          -sin, cos, centre + sin * centre - cos * centre,
                          np.zeros_like(cos), np.zeros_like(cos)], axis=1).astype("float32")
    result = keras.ops.image.affine_transform(images, transform, interpolation="bilinear",
                                              fill_mode="constant", fill_value=0)
    return np.asarray(keras.ops.convert_to_numpy(result))


def _load(path: Path) -> dict[str, Any]:
    if path.is_file():
        loaded: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
        return loaded
    return {}


def _save(path: Path, content: dict[str, Any]) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    temporary = path.with_suffix(".tmp")
    temporary.write_text(json.dumps(content, ensure_ascii=False, indent=1) + "\n", encoding="utf-8")
    temporary.replace(path)


def _versions() -> dict[str, str]:
    import keras

    backend = keras.backend.backend()
    engine = __import__({"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}[backend])
    return {"keras": keras.__version__, "backend": backend, "backend_version": engine.__version__}


def run(kind: str, names: list[str], seeds: list[int], output: Path) -> dict[str, Any]:
    """Entrena cada receta con cada semilla y va guardando ``output``."""
    import keras
    import numpy as np

    from course_lib import data, experiments

    recipes = RECIPES if kind == "seeds" else VARIANTS
    (x_train, y_train), (x_test, y_test) = data.load_mnist()
    x, y = data.prepare_images(x_train), keras.utils.to_categorical(y_train, 10)
    x_fit, y_fit, x_val, y_val = x[:TRAIN_SIZE], y[:TRAIN_SIZE], x[TRAIN_SIZE:], y[TRAIN_SIZE:]
    x_test_prepared, y_test_hot = data.prepare_images(x_test), keras.utils.to_categorical(y_test, 10)
    test_sets: dict[str, list[Any]] = {}
    if kind == "seeds":  # las mismas imágenes movidas para todas las redes y semillas
        rng = np.random.default_rng(ROBUSTNESS_SEED)
        test_sets["shift"] = [shifted(x_test_prepared, k, rng) for k in SHIFTS]
        test_sets["rotation"] = [rotated(x_test_prepared, d, rng) for d in ROTATIONS]

    content = _load(output)
    content.update({
        "command": f"make {'seeds' if kind == 'seeds' else 'ablation'}",
        "machine": machine(),
        "versions": _versions(),
        "train_size": TRAIN_SIZE,
        "validation_size": len(x_val),
    })
    if kind == "seeds":
        content.update({"shifts": list(SHIFTS), "rotations": list(ROTATIONS)})
    stored = content.setdefault("recipes", {})
    for name in names:
        recipe = recipes[name]
        for seed in seeds:
            keras.utils.set_random_seed(seed)
            model = recipe.build(len(x_fit), seed)
            fingerprint = experiments.recipe_fingerprint(
                model, epochs=recipe.epochs, batch_size=recipe.batch_size, train_size=len(x_fit),
                validation_size=len(x_val))
            entry = stored.get(name)
            if entry is None or entry.get("fingerprint") != fingerprint:
                entry = stored[name] = {"title": recipe.title, "fingerprint": fingerprint,
                                        "epochs": recipe.epochs, "batch_size": recipe.batch_size,
                                        "runs": []}
            if any(r["seed"] == seed for r in entry["runs"]):
                print(f"{name}, semilla {seed}: ya está")
                continue
            keras.utils.set_random_seed(seed)
            start = time.perf_counter()
            history = model.fit(x_fit, y_fit, epochs=recipe.epochs, batch_size=recipe.batch_size,
                                validation_data=(x_val, y_val), verbose=0)
            seconds = time.perf_counter() - start
            row: dict[str, Any] = {
                "seed": seed,
                "val_accuracy": [float(v) for v in history.history["val_accuracy"]],
                "seconds": round(seconds, 2),
                "date": datetime.datetime.now(datetime.UTC).isoformat(timespec="seconds"),
            }
            if kind == "seeds":  # la prueba, una vez por entrenamiento, tras fijar la receta
                row["test_accuracy"] = float(model.evaluate(x_test_prepared, y_test_hot, verbose=0,
                                                            batch_size=1000)[1])
                for family, sets in test_sets.items():
                    row[f"{family}_accuracy"] = [
                        float(model.evaluate(images, y_test_hot, verbose=0, batch_size=1000)[1])
                        for images in sets]
            entry["runs"].append(row)
            entry["runs"].sort(key=lambda r: r["seed"])
            _save(output, content)
            test = f", prueba {row['test_accuracy']:.4f}" if "test_accuracy" in row else ""
            print(f"{name}, semilla {seed}: validación {row['val_accuracy'][-1]:.4f}{test}, "
                  f"{seconds:.1f} s", flush=True)
    return content


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("kind", choices=["seeds", "ablation"])
    parser.add_argument("--seeds", type=int, nargs="+", default=None,
                        help="semillas (por omisión, de 1 a 5)")
    parser.add_argument("--recipes", nargs="+", default=None, help="recetas o variantes (por omisión, todas)")
    args = parser.parse_args(argv)
    # Antes de importar Keras. Los archivos publicados se midieron sin oneDNN (lo dicen, y el
    # capítulo también): así se repiten sus segundos. Con TF_ENABLE_ONEDNN_OPTS=1 se mide con él.
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    os.environ.setdefault("KERAS_BACKEND", "tensorflow")
    recipes = RECIPES if args.kind == "seeds" else VARIANTS
    names = args.recipes or list(recipes)
    unknown = [n for n in names if n not in recipes]
    if unknown:
        parser.error(f"no existen: {', '.join(unknown)}; hay: {', '.join(recipes)}")
    seeds = args.seeds if args.seeds is not None else [1, 2, 3, 4, 5]
    output = RESULTS_DIR / ("semillas.json" if args.kind == "seeds" else "ablacion.json")
    run(args.kind, names, seeds, output)
    print(f"Escrito: {output}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

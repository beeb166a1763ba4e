"""Resultados de experimentos repetidos con varias semillas, guardados con la huella de su receta.

Algunas preguntas del curso (¿cuánto acierta de verdad esta receta?, ¿qué aporta cada
ingrediente?) no se contestan con un solo entrenamiento: hay que repetirlo con varias
semillas y mirar la dispersión. Esos entrenamientos tardan demasiado para un capítulo, así
que los hace una orden del repositorio (``make seeds``, ``make ablation``) y guarda los
resultados en archivos JSON que vienen con la biblioteca (``course_lib/resultados/``). Cada
receta va con su **huella** (:func:`recipe_fingerprint`): si la receta de un capítulo cambia
y nadie vuelve a ejecutar esas órdenes, la huella ya no coincide y las pruebas lo dicen.
"""

from __future__ import annotations

import hashlib
import json
from importlib import resources
from typing import Any

import keras

from course_lib import _validation

RESULTS_PACKAGE = "course_lib.resultados"
"""El subpaquete donde viven los archivos de resultados."""

_IGNORED_KEYS = frozenset({"name", "seed"})


def _canonical(value: Any) -> Any:
    """Quita nombres y semillas (no forman parte de la receta) y ordena lo demás."""
    if isinstance(value, dict):
        return {k: _canonical(v) for k, v in value.items() if k not in _IGNORED_KEYS}
    if isinstance(value, (list, tuple)):
        return [_canonical(v) for v in value]
    return value


def recipe_fingerprint(
    model: keras.Model, *, epochs: int, batch_size: int, train_size: int, validation_size: int
) -> str:
    """La huella de una receta de entrenamiento: 16 cifras hexadecimales.

    Entran la arquitectura y la compilación del modelo (optimizador con su calendario,
    pérdida, métricas), las épocas, el tamaño de lote y cuántas imágenes hay para
    entrenar y para validar. No entran los nombres de las capas, las semillas ni los pesos
    (que cambian de una semilla a otra), ni la máquina o las versiones: dos entrenamientos
    de la misma receta con semillas distintas tienen la misma huella.

    Parameters
    ----------
    model : keras.Model
        El modelo compilado, sin entrenar o entrenado (los pesos no cuentan).
    epochs, batch_size : int
        Épocas y tamaño de lote del entrenamiento.
    train_size, validation_size : int
        Número de imágenes de entrenamiento y de validación.

    Returns
    -------
    str
        La huella, p. ej. ``'3f9a0c1d2b4e5f60'``.

    Raises
    ------
    TypeError
        Si ``model`` no es un ``keras.Model``.
    ValueError
        Si el modelo no está compilado o algún número no es un entero positivo.
    """
    _validation.keras_model(model)
    if not model.compiled:
        raise ValueError("El modelo no está compilado: la huella incluye su optimizador.")
    payload = {
        "architecture": _canonical(model.get_config()),
        "compile": _canonical(model.get_compile_config()),
        "epochs": _validation.integer(epochs, "epochs"),
        "batch_size": _validation.integer(batch_size, "batch_size"),
        "train_size": _validation.integer(train_size, "train_size"),
        "validation_size": _validation.integer(validation_size, "validation_size"),
    }
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def load_results(name: str) -> dict[str, Any]:
    """Lee un archivo de resultados de ``course_lib/resultados/``: ``'semillas'``, ``'ablacion'``...

    Parameters
    ----------
    name : str
        El nombre del archivo, sin ``.json``.

    Returns
    -------
    dict
        Su contenido: la máquina y las versiones con que se obtuvo y, por receta, su huella
        y una fila por semilla.

    Raises
    ------
    FileNotFoundError
        Si no existe ese archivo (dice cuáles hay).
    """
    if not isinstance(name, str) or not name.isidentifier():
        raise ValueError(f"«name» debe ser un nombre como 'semillas'; se recibió {name!r}.")
    folder = resources.files(RESULTS_PACKAGE)
    path = folder / f"{name}.json"
    if not path.is_file():
        available = sorted(p.name.removesuffix(".json") for p in folder.iterdir() if p.name.endswith(".json"))
        raise FileNotFoundError(
            f"No hay resultados llamados «{name}» en course_lib/resultados/; hay: {', '.join(available)}."
        )
    result: dict[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return result


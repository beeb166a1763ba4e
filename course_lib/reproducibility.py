"""Semillas: una llamada fija los generadores aleatorios de Python, NumPy y Keras."""

from __future__ import annotations

import random

import numpy as np


def set_seed(seed: int) -> None:
    """Fija la semilla de Python, NumPy y Keras (y de su motor, TensorFlow).

    Con la misma semilla, el mismo tipo de máquina y el mismo número de hilos,
    la inicialización de los pesos y el orden de los lotes se repiten.

    Parameters
    ----------
    seed : int
        Entero entre 0 y 2**32 - 1.
    """
    if isinstance(seed, bool) or not isinstance(seed, (int, np.integer)):
        raise TypeError(f"«seed» debe ser un entero; se recibió {type(seed).__name__}.")
    if not 0 <= int(seed) < 2**32:
        raise ValueError(f"«seed» debe estar entre 0 y 2**32 - 1; se recibió {seed}.")
    import keras  # importación diferida: importar el módulo no carga TensorFlow

    random.seed(int(seed))
    np.random.seed(int(seed))
    keras.utils.set_random_seed(int(seed))

"""Las recetas de entrenamiento de los capítulos: cada red de referencia, entrenada como en su capítulo.

Un capítulo posterior que necesita la red de otro (ya entrenada) la pide aquí:
:func:`train_original_convnet` (la red convolucional del cuaderno original),
:func:`train_dense_net` (la red densa) y :func:`train_fast_convnet` (la red rápida de «Mejorar
la red»). Cada una construye la red con la misma semilla y la entrena con los mismos
argumentos que su capítulo, a través de la caché (:func:`course_lib.cache.fit_cached`): si el
capítulo ya la entrenó, se cargan sus pesos.
"""

from __future__ import annotations

import os

import keras
import numpy as np

from course_lib import cache
from course_lib.models import build_convnet, build_dense
from course_lib.schedules import steps_per_epoch, warmup_cosine

SEED = 0
"""Semilla con la que el curso construye y entrena sus redes de referencia."""

VALIDATION_SPLIT = 0.1
"""Fracción final de las imágenes de entrenamiento que las redes de referencia reservan para validar."""


def train_original_convnet(
    x: np.ndarray, y: np.ndarray, *, seed: int = SEED, verbose: int = 2,
    cache_dir: str | os.PathLike[str] | None = None,
) -> tuple[keras.Model, keras.callbacks.History]:
    """La red convolucional del cuaderno original, entrenada como allí (o cargada de la caché).

    Construye :func:`course_lib.models.build_convnet` con la semilla ``seed`` y la
    entrena 5 épocas con lotes de 64, reservando para validación el último 10 %
    de las imágenes (:data:`VALIDATION_SPLIT`), exactamente como el capítulo
    «Redes convolucionales: introducción»; si ese entrenamiento ya está en la
    caché, carga sus pesos.

    Parameters
    ----------
    x, y : numpy.ndarray
        Las 60 000 imágenes de entrenamiento preparadas y sus etiquetas en one-hot.
    seed : int
        Semilla de la construcción y del entrenamiento.
    verbose : int
        Verbosidad de ``model.fit``.
    cache_dir : str o Path, opcional
        Carpeta de la caché.

    Returns
    -------
    tuple
        ``(model, history)``.
    """
    keras.utils.set_random_seed(seed)
    model = build_convnet()
    history = cache.fit_cached(
        model, x, y, epochs=5, batch_size=64, seed=seed, validation_split=VALIDATION_SPLIT,
        verbose=verbose, cache_dir=cache_dir,
    )
    return model, history


def train_dense_net(
    x: np.ndarray, y: np.ndarray, *, seed: int = SEED, verbose: int = 2,
    cache_dir: str | os.PathLike[str] | None = None,
) -> tuple[keras.Model, keras.callbacks.History]:
    """La red densa del capítulo «La red densa», entrenada como allí.

    5 épocas, lotes de 128 y el último 10 % de las imágenes para validación.

    Igual que :func:`train_original_convnet`, pero con :func:`course_lib.models.build_dense`.
    """
    keras.utils.set_random_seed(seed)
    model = build_dense()
    history = cache.fit_cached(
        model, x, y, epochs=5, batch_size=128, seed=seed, validation_split=VALIDATION_SPLIT,
        verbose=verbose, cache_dir=cache_dir,
    )
    return model, history


FAST_FILTERS = (16, 48)
"""Filtros de las dos convoluciones de la red rápida del capítulo «Mejorar la red»."""
FAST_KERNEL_SIZES = (5, 3)
"""Lado del núcleo de cada convolución de la red rápida."""
FAST_STRIDES = (2, 1)
"""Paso de cada convolución de la red rápida: la primera avanza de 2 en 2 píxeles."""
FAST_POOLING = (False, True)
"""Pooling tras cada convolución de la red rápida: solo tras la segunda."""
FAST_EPOCHS = 2
FAST_BATCH_SIZE = 128
FAST_PEAK_RATE = 0.03
"""Tasa de aprendizaje máxima de la red rápida (Adam, calentamiento del 10 % y coseno)."""


def build_fast_convnet(num_examples: int, *, seed: int = SEED) -> keras.Model:
    """La red rápida del capítulo «Mejorar la red», compilada con su calendario de la tasa de aprendizaje.

    Una convolución de 16 filtros 5 x 5 con paso 2 (mapas de 12 x 12), otra de 48 filtros
    3 x 3 seguida de pooling, normalización por lotes tras cada una y la softmax
    directamente tras ``Flatten`` (19 578 parámetros). Adam con un calentamiento lineal
    durante el 10 % de los pasos hasta :data:`FAST_PEAK_RATE` y caída en coseno hasta 0 al
    final de :data:`FAST_EPOCHS` épocas con lotes de :data:`FAST_BATCH_SIZE`; por eso
    necesita el número de imágenes de entrenamiento, ``num_examples``.
    """
    total = FAST_EPOCHS * steps_per_epoch(num_examples, FAST_BATCH_SIZE)
    keras.utils.set_random_seed(seed)
    return build_convnet(
        FAST_FILTERS, kernel_size=FAST_KERNEL_SIZES, strides=FAST_STRIDES, pooling=FAST_POOLING,
        dense_units=None, batch_norm=True,
        optimizer=keras.optimizers.Adam(learning_rate=warmup_cosine(FAST_PEAK_RATE, total, total // 10)),
    )


def train_fast_convnet(
    x: np.ndarray, y: np.ndarray, *, seed: int = SEED,
    validation_data: tuple[np.ndarray, np.ndarray] | None = None,
    test_data: tuple[np.ndarray, np.ndarray] | None = None, verbose: int = 2,
    cache_dir: str | os.PathLike[str] | None = None,
) -> tuple[keras.Model, keras.callbacks.History]:
    """La red rápida del capítulo «Mejorar la red», entrenada como allí (o cargada de la caché).

    :func:`build_fast_convnet` entrenada :data:`FAST_EPOCHS` épocas con lotes de
    :data:`FAST_BATCH_SIZE` con :func:`~course_lib.cache.fit_cached`, a la que se pasan tal
    cual ``validation_data`` y ``test_data`` (``make bench`` la mide con ``test_data``).

    Returns
    -------
    tuple
        ``(model, history)``.
    """
    model = build_fast_convnet(len(x), seed=seed)
    history = cache.fit_cached(
        model, x, y, epochs=FAST_EPOCHS, batch_size=FAST_BATCH_SIZE, seed=seed,
        validation_data=validation_data, test_data=test_data, verbose=verbose, cache_dir=cache_dir,
    )
    return model, history

"""Carga de MNIST (archivo local verificado o descarga de Keras) y preparación de los datos."""

from __future__ import annotations

import hashlib
import os
import zipfile
from pathlib import Path

import numpy as np

from course_lib import _validation

MNIST_PATH_ENV = "MNIST_PATH"
"""Variable de entorno con la ruta de un ``mnist.npz`` local (para trabajar sin conexión)."""

NUM_CLASSES = 10
IMAGE_SHAPE = (28, 28, 1)

# Forma, tipo y sha256 de los bytes (orden C) de cada matriz del MNIST estándar.
EXPECTED_ARRAYS: dict[str, tuple[tuple[int, ...], str, str]] = {
    "x_train": (
        (60000, 28, 28),
        "uint8",
        "741c988805d008ac6e4c904b69001ba184c24b2c540a4ef403f4c71b676cf757",
    ),
    "y_train": (
        (60000,),
        "uint8",
        "1feba77c54802fa5339a11837ea4b2866434b83314ec45192930f1df69120c13",
    ),
    "x_test": (
        (10000, 28, 28),
        "uint8",
        "6d87418db22cc8025d05968bec9bd5c3932904b23485740db143a061a2c9d161",
    ),
    "y_test": (
        (10000,),
        "uint8",
        "ddeff807876a9661a1110d45c266c86239a3a1b7d37da0c3716a7a683c852ff5",
    ),
}

MnistSplits = tuple[tuple[np.ndarray, np.ndarray], tuple[np.ndarray, np.ndarray]]


class MnistDataError(ValueError):
    """Los datos de MNIST no son los esperados (archivo ausente, dañado o alterado)."""


def _sha256(array: np.ndarray) -> str:
    """El sha256 de los bytes de ``array`` en orden C."""
    return hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()


def _verify_mnist(arrays: dict[str, np.ndarray], source: str = "los datos") -> None:
    """Comprueba claves, formas, tipos, etiquetas 0-9 y sumas sha256 de MNIST.

    Parameters
    ----------
    arrays : dict
        Las cuatro matrices, con las claves ``x_train``, ``y_train``, ``x_test`` e ``y_test``.
    source : str
        Cómo nombrar el origen de los datos en los mensajes de error.

    Raises
    ------
    MnistDataError
        Si algo no coincide; el mensaje dice qué y dónde.
    """
    missing = sorted(set(EXPECTED_ARRAYS) - set(arrays))
    if missing:
        raise MnistDataError(
            f"A {source} le faltan las matrices {missing}; se esperaban "
            f"{sorted(EXPECTED_ARRAYS)} (el formato de keras.datasets.mnist)."
        )
    for key, (shape, dtype, _) in EXPECTED_ARRAYS.items():
        array = arrays[key]
        if array.shape != shape:
            raise MnistDataError(
                f"En {source}, «{key}» tiene forma {array.shape}; se esperaba {shape}. "
                "¿Es un MNIST recortado o de otro conjunto de datos?"
            )
        if array.dtype != np.dtype(dtype):
            raise MnistDataError(
                f"En {source}, «{key}» es de tipo {array.dtype}; se esperaba {dtype}."
            )
        if key.startswith("y_") and array.size and (array.min() < 0 or array.max() >= NUM_CLASSES):
            raise MnistDataError(
                f"En {source}, «{key}» tiene etiquetas fuera de 0-9 "
                f"(mínima {array.min()}, máxima {array.max()})."
            )
    for key, (_, _, digest) in EXPECTED_ARRAYS.items():
        if _sha256(arrays[key]) != digest:
            raise MnistDataError(
                f"En {source}, la suma sha256 de «{key}» no coincide con la del MNIST "
                "estándar: el archivo está dañado o modificado. Vuelve a obtenerlo."
            )


def _read_npz(path: Path) -> dict[str, np.ndarray]:
    if not path.exists():
        raise FileNotFoundError(
            f"No existe el archivo de MNIST «{path}» (indicado por {MNIST_PATH_ENV} "
            "o por el argumento «path»)."
        )
    if not path.is_file():
        raise MnistDataError(f"«{path}» no es un archivo .npz, sino una carpeta u otro objeto.")
    try:
        with path.open("rb") as handle, np.load(handle, allow_pickle=False) as npz:
            return {key: npz[key] for key in npz.files}
    except (zipfile.BadZipFile, EOFError, OSError, ValueError, KeyError) as error:
        raise MnistDataError(
            f"No se puede leer «{path}» como archivo .npz: está truncado o dañado "
            f"({type(error).__name__}). Vuelve a copiarlo o a descargarlo."
        ) from None


def _download_with_keras() -> dict[str, np.ndarray]:
    import keras  # importación diferida: solo hace falta para descargar

    try:
        (x_train, y_train), (x_test, y_test) = keras.datasets.mnist.load_data()
    except Exception as error:  # red caída, caché corrupta...
        raise MnistDataError(
            "Keras no pudo descargar MNIST (¿hay conexión a internet?). Para trabajar sin "
            f"conexión, define la variable de entorno {MNIST_PATH_ENV} con la ruta de un "
            f"mnist.npz local. Detalle: {type(error).__name__}: {error}"
        ) from None
    return {"x_train": x_train, "y_train": y_train, "x_test": x_test, "y_test": y_test}


def load_mnist(path: str | os.PathLike[str] | None = None) -> MnistSplits:
    """Carga MNIST completo (60 000 imágenes de entrenamiento y 10 000 de prueba).

    El origen se elige así: el argumento ``path`` si se da; si no, el archivo
    que nombre la variable de entorno ``MNIST_PATH``; si tampoco existe, la
    descarga (y caché) de ``keras.datasets.mnist.load_data()``. En todos los
    casos se verifican las claves, formas, tipos, etiquetas y sumas sha256.

    Parameters
    ----------
    path : str o Path, opcional
        Ruta de un ``mnist.npz`` con las claves de Keras.

    Returns
    -------
    tuple
        ``((x_train, y_train), (x_test, y_test))``, como Keras: imágenes
        ``uint8`` de forma ``(N, 28, 28)`` y etiquetas ``uint8`` de 0 a 9.

    Raises
    ------
    FileNotFoundError
        Si el archivo indicado no existe.
    MnistDataError
        Si el archivo está dañado o sus datos no son el MNIST estándar.
    """
    if path is None and os.environ.get(MNIST_PATH_ENV):
        path = os.environ[MNIST_PATH_ENV]
    if path is not None:
        file = Path(path).expanduser()
        arrays = _read_npz(file)
        source = f"«{file}»"
    else:
        arrays = _download_with_keras()
        source = "la descarga de Keras"
    _verify_mnist(arrays, source)
    return (arrays["x_train"], arrays["y_train"]), (arrays["x_test"], arrays["y_test"])


def prepare_images(images: np.ndarray) -> np.ndarray:
    """Convierte imágenes ``uint8`` de MNIST al formato de entrada de la red.

    Parameters
    ----------
    images : numpy.ndarray
        Imágenes de forma ``(N, 28, 28)`` o ``(N, 28, 28, 1)``, enteras de 0 a 255.

    Returns
    -------
    numpy.ndarray
        Una copia ``float32`` de forma ``(N, 28, 28, 1)`` con valores en [0, 1].
    """
    images = _validation.ndarray(images, "images")
    if images.ndim == 3:
        images = images[..., np.newaxis]
    if images.ndim != 4 or images.shape[1:] != IMAGE_SHAPE:
        raise ValueError(
            f"«images» debe tener forma (N, 28, 28) o (N, 28, 28, 1); tiene forma {images.shape}."
        )
    if images.dtype != np.uint8:
        raise ValueError(
            f"«images» debe ser de tipo uint8 (píxeles de 0 a 255); es de tipo {images.dtype}. "
            "¿Ya estaban preparadas? No las dividas dos veces por 255."
        )
    return images.astype("float32") / 255.0

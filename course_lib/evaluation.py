"""Evaluación de clasificadores: predicciones y matriz de confusión."""

from __future__ import annotations

import numpy as np


def confusion_matrix(y_true: np.ndarray, y_pred: np.ndarray, num_classes: int = 10) -> np.ndarray:
    """Cuenta cuántas imágenes de cada clase real se predijeron como cada clase.

    Parameters
    ----------
    y_true, y_pred : numpy.ndarray
        Vectores de etiquetas enteras (reales y predichas) de la misma longitud.
    num_classes : int
        Número de clases.

    Returns
    -------
    numpy.ndarray
        Matriz ``(num_classes, num_classes)`` de enteros: la fila es la clase
        real y la columna la predicha; la diagonal son los aciertos.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    if y_true.ndim != 1 or y_true.shape != y_pred.shape:
        raise ValueError(
            "«y_true» e «y_pred» deben ser vectores de la misma longitud; tienen formas "
            f"{y_true.shape} y {y_pred.shape}. ¿Olvidaste argmax(axis=1)?"
        )
    for name, values in (("y_true", y_true), ("y_pred", y_pred)):
        if not np.issubdtype(values.dtype, np.integer):
            raise ValueError(f"«{name}» debe contener enteros; es de tipo {values.dtype}.")
        if values.size and (values.min() < 0 or values.max() >= num_classes):
            raise ValueError(f"«{name}» debe estar entre 0 y {num_classes - 1}.")
    matrix = np.zeros((num_classes, num_classes), dtype=np.int64)
    np.add.at(matrix, (y_true, y_pred), 1)
    return matrix


def predict_classes(model, images: np.ndarray, batch_size: int = 256) -> tuple[np.ndarray, np.ndarray]:
    """Clase predicha y su probabilidad para cada imagen.

    Parameters
    ----------
    model : keras.Model
        Modelo con salida softmax.
    images : numpy.ndarray
        Imágenes preparadas ``(N, 28, 28, 1)``.
    batch_size : int
        Tamaño de lote para ``model.predict``.

    Returns
    -------
    tuple
        ``(clases, confianzas)``: la clase más probable y su probabilidad.
    """
    probabilities = model.predict(images, batch_size=batch_size, verbose=0)
    classes = probabilities.argmax(axis=1)
    return classes, probabilities[np.arange(len(classes)), classes]

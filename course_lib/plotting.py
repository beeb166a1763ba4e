"""Gráficos del curso: cuadrícula de dígitos, recuento por clase y curvas de entrenamiento.

Todas las funciones dibujan con la interfaz orientada a objetos de
matplotlib, devuelven la ``Figure`` y no cambian el estado global
(``rcParams``, estilos). Los colores y mapas de color son seguros para
personas con daltonismo (paleta de Okabe e Ito, ``gray_r``, ``viridis``).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

# Paleta de Okabe e Ito (distinguible con daltonismo).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")

METRIC_LABELS = {
    "loss": "Pérdida",
    "accuracy": "Exactitud",
}


def _as_images(images: object) -> np.ndarray:
    if not isinstance(images, np.ndarray):
        raise TypeError(f"«images» debe ser un numpy.ndarray; se recibió {type(images).__name__}.")
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3 or images.shape[0] == 0:
        raise ValueError(
            "«images» debe tener forma (N, alto, ancho) o (N, alto, ancho, 1) con N >= 1; "
            f"tiene forma {images.shape}."
        )
    return images


def _as_labels(labels: object, name: str, count: int) -> np.ndarray | None:
    if labels is None:
        return None
    array = np.asarray(labels)
    if array.ndim != 1 or len(array) != count:
        raise ValueError(
            f"«{name}» debe ser un vector con una etiqueta por imagen ({count}); "
            f"tiene forma {array.shape}."
        )
    return array


def plot_digits(
    images: np.ndarray,
    labels: Sequence[int] | np.ndarray | None = None,
    predictions: Sequence[int] | np.ndarray | None = None,
    *,
    ncols: int = 8,
    title: str | None = None,
    fig: Figure | None = None,
) -> Figure:
    """Dibuja una cuadrícula de dígitos con su etiqueta (y, si se da, la predicción).

    Parameters
    ----------
    images : numpy.ndarray
        Imágenes de forma ``(N, alto, ancho)`` o ``(N, alto, ancho, 1)``.
    labels : secuencia de int, opcional
        Etiqueta real de cada imagen.
    predictions : secuencia de int, opcional
        Clase predicha de cada imagen; los aciertos se marcan con «✓» y los
        errores con «✗» (no solo con color).
    ncols : int
        Número de columnas de la cuadrícula.
    title : str, opcional
        Título de la figura.
    fig : matplotlib.figure.Figure, opcional
        Figura vacía donde dibujar; si no se da, se crea una.

    Returns
    -------
    matplotlib.figure.Figure
        La figura, con un eje por imagen.
    """
    images = _as_images(images)
    count = images.shape[0]
    labels_ = _as_labels(labels, "labels", count)
    predictions_ = _as_labels(predictions, "predictions", count)
    if isinstance(ncols, bool) or not isinstance(ncols, int) or ncols < 1:
        raise ValueError(f"«ncols» debe ser un entero positivo; se recibió {ncols!r}.")
    ncols = min(ncols, count)
    nrows = -(-count // ncols)
    if fig is None:
        fig = Figure(figsize=(1.3 * ncols, 1.5 * nrows + (0.4 if title else 0)), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for index, ax in enumerate(axes.flat):
        ax.set_axis_off()
        if index >= count:
            fig.delaxes(ax)
            continue
        ax.imshow(images[index], cmap="gray_r", interpolation="nearest")
        parts = []
        if labels_ is not None:
            parts.append(f"Real: {labels_[index]}")
        if predictions_ is not None:
            hit = labels_ is None or predictions_[index] == labels_[index]
            parts.append(f"Pred.: {predictions_[index]} {'✓' if hit else '✗'}")
        if parts:
            color = "black" if predictions_ is None or labels_ is None or predictions_[index] == labels_[index] else OKABE_ITO[1]
            ax.set_title("\n".join(parts), fontsize=10, color=color)
    if title:
        fig.suptitle(title)
    return fig


def plot_class_counts(
    labels: Sequence[int] | np.ndarray,
    *,
    num_classes: int = 10,
    title: str = "Imágenes por clase",
    ax: Axes | None = None,
) -> Figure:
    """Diagrama de barras con el número de ejemplos de cada clase.

    Parameters
    ----------
    labels : secuencia de int
        Etiquetas enteras (de 0 a ``num_classes - 1``).
    num_classes : int
        Número de clases.
    title : str
        Título del eje.
    ax : matplotlib.axes.Axes, opcional
        Eje donde dibujar; si no se da, se crea una figura nueva.

    Returns
    -------
    matplotlib.figure.Figure
        La figura que contiene el eje.
    """
    array = np.asarray(labels)
    if array.ndim != 1 or array.size == 0 or not np.issubdtype(array.dtype, np.integer):
        raise ValueError(
            "«labels» debe ser un vector no vacío de etiquetas enteras; "
            f"tiene forma {array.shape} y tipo {array.dtype}."
        )
    if array.min() < 0 or array.max() >= num_classes:
        raise ValueError(
            f"«labels» debe estar entre 0 y {num_classes - 1}; hay valores de {array.min()} a {array.max()}."
        )
    counts = np.bincount(array, minlength=num_classes)
    if ax is None:
        fig = Figure(figsize=(6, 3), layout="constrained")
        ax = fig.add_subplot()
    ax.bar(np.arange(num_classes), counts, color=OKABE_ITO[0])
    ax.set_xticks(np.arange(num_classes))
    ax.set_xlabel("Clase (dígito)")
    ax.set_ylabel("Número de imágenes")
    ax.set_title(title)
    return ax.figure


def _history_dict(history: Any) -> Mapping[str, Sequence[float]]:
    data = getattr(history, "history", history)
    if not isinstance(data, Mapping) or not data:
        raise TypeError(
            "«history» debe ser el History que devuelve model.fit (o su diccionario "
            f"history.history); se recibió {type(history).__name__}."
        )
    return data


def plot_history(
    history: Any,
    *,
    metrics: Sequence[str] = ("loss", "accuracy"),
    axes: Sequence[Axes] | None = None,
    title: str | None = None,
) -> Figure:
    """Curvas de entrenamiento (y de validación, si las hay) época a época.

    Parameters
    ----------
    history : keras.callbacks.History o dict
        Lo que devuelve ``model.fit`` o su atributo ``history``.
    metrics : secuencia de str
        Métricas que se dibujan, un eje cada una (por defecto pérdida y exactitud).
    axes : secuencia de Axes, opcional
        Un eje por métrica; si no se da, se crea una figura nueva.
    title : str, opcional
        Título de la figura.

    Returns
    -------
    matplotlib.figure.Figure
        La figura con un eje por métrica.
    """
    data = _history_dict(history)
    missing = [m for m in metrics if m not in data]
    if missing:
        raise ValueError(
            f"El historial no tiene las métricas {missing}; tiene {sorted(data)}."
        )
    if axes is None:
        fig = Figure(figsize=(4.5 * len(metrics), 3.2), layout="constrained")
        axes = fig.subplots(1, len(metrics), squeeze=False)[0]
    elif len(axes) != len(metrics):
        raise ValueError(f"Hacen falta {len(metrics)} ejes (uno por métrica); se dieron {len(axes)}.")
    fig = axes[0].figure
    for ax, metric in zip(axes, metrics):
        values = data[metric]
        epochs = np.arange(1, len(values) + 1)
        ax.plot(epochs, values, marker="o", color=OKABE_ITO[0], label="Entrenamiento")
        if f"val_{metric}" in data:
            ax.plot(epochs, data[f"val_{metric}"], marker="s", linestyle="--",
                    color=OKABE_ITO[1], label="Validación")
        ax.set_xlabel("Época")
        ax.set_ylabel(METRIC_LABELS.get(metric, metric))
        ax.set_title(METRIC_LABELS.get(metric, metric))
        ax.set_xticks(epochs)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    return fig

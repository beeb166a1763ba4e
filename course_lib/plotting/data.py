"""Gráficos de los datos: cuadrícula de dígitos (con predicciones) y recuento de imágenes por clase."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from course_lib import _validation, formatting
from course_lib.plotting._common import (
    OKABE_ITO,
    _as_images,
    _as_labels,
    _figure_of,
    _new_axes,
    _new_grid,
    _suptitle,
    _title_space,
)


def _percent_label(probability: float) -> str:
    """Una probabilidad en %, sin redondear a «100 %» ni a «0 %» lo que no lo es.

    Con los decimales justos (hasta 4) para que 0,99996 salga «99,996 %» y no «100 %»;
    si ni así se distingue, «> 99,9999 %» (o «< 0,0001 %»).
    """
    value = 100 * probability
    for decimals in range(5):
        text = f"{value:.{decimals}f}"
        if (float(text) < 100 or value >= 100) and (float(text) > 0 or value <= 0):
            return f"{formatting.decimal_comma(text)} %"
    return "> 99,9999 %" if value > 50 else "< 0,0001 %"


def plot_digits(
    images: np.ndarray,
    labels: Sequence[int] | np.ndarray | None = None,
    predictions: Sequence[int] | np.ndarray | None = None,
    *,
    confidences: Sequence[float] | np.ndarray | None = None,
    ncols: int = 8,
    title: str | None = None,
    cmap: str = "gray_r",
    value_range: tuple[float, float] | None = None,
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
    confidences : secuencia de float, opcional
        Probabilidad (de 0 a 1) que la red dio a su predicción; se muestra en %, con
        los decimales necesarios para no redondear a «100 %» lo que no lo es.
    ncols : int
        Número de columnas de la cuadrícula.
    title : str, opcional
        Título de la figura.
    cmap : str
        Mapa de color: ``"gray_r"`` (por defecto) dibuja la tinta (1) en negro sobre blanco
        (0); ``"gray"``, como valores: 0 en negro y 1 en blanco.
    value_range : (mínimo, máximo), opcional
        Valores que van a los extremos del mapa de color en todas las imágenes, p. ej.
        ``(0, 1)``; si no se da, cada imagen usa su propio mínimo y su máximo.
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
    confidences_ = _as_labels(confidences, "confidences", count)
    _validation.integer(ncols, "ncols")
    fig, axes = _new_grid(count, ncols, (1.3, 1.5), extra=(0, _title_space(title)), fig=fig)
    for index, ax in enumerate(axes):
        ax.set_axis_off()
        low, high = (None, None) if value_range is None else value_range
        ax.imshow(images[index], cmap=cmap, interpolation="nearest", vmin=low, vmax=high)
        hit = predictions_ is None or labels_ is None or predictions_[index] == labels_[index]
        parts = []
        if labels_ is not None:
            parts.append(f"Etiqueta: {labels_[index]}")
        if predictions_ is not None:
            parts.append(f"Pred.: {predictions_[index]} {'✓' if hit else '✗'}")
        if confidences_ is not None:
            parts.append(f"({_percent_label(float(confidences_[index]))})")
        if parts:
            ax.set_title("\n".join(parts), fontsize=10, color="black" if hit else OKABE_ITO[1])
    return _suptitle(fig, title)


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
    ax = _new_axes(ax, (6, 3))
    ax.bar(np.arange(num_classes), counts, color=OKABE_ITO[0])
    ax.set_xticks(np.arange(num_classes))
    ax.set_xlabel("Clase (dígito)")
    ax.set_ylabel("Número de imágenes")
    ax.set_title(title)
    return _figure_of(ax)

"""Piezas comunes de los gráficos: paleta, nombres de métricas, validación, ejes y coma decimal."""

from __future__ import annotations

from collections.abc import Sequence
from typing import cast

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure
from matplotlib.ticker import Formatter

from course_lib import _validation, formatting

# Paleta de Okabe e Ito (distinguible con daltonismo).
OKABE_ITO = ("#0072B2", "#D55E00", "#009E73", "#CC79A7", "#E69F00", "#56B4E9", "#F0E442")

# Un mapa de color por tipo de magnitud, en todo el libro (la presentación lo explica):
# imágenes de dígitos, magnitudes con signo (pesos, mapas antes de la ReLU, diferencias;
# centrado en 0: rojo positivo, azul negativo, blanco cero) y magnitudes no negativas
# (activaciones tras la ReLU, probabilidades, recuentos; desde 0: morado oscuro a amarillo).
IMAGE_CMAP = "gray_r"
SIGNED_CMAP = "RdBu_r"
NONNEGATIVE_CMAP = "viridis"

METRIC_LABELS = {
    "loss": "Pérdida",
    "accuracy": "Exactitud",
}

_TITLE_SPACE = 0.4
"""Alto (pulgadas) que se añade a una cuadrícula con título de figura."""


def _title_space(title: str | None) -> float:
    """Alto extra para el título de la figura (``suptitle``), si lo hay."""
    return _TITLE_SPACE if title else 0


def _suptitle(fig: Figure, title: str | None) -> Figure:
    """Pone el título de la figura, si lo hay, y devuelve la figura."""
    if title:
        fig.suptitle(title)
    return fig


def _label(value: float, spec: str) -> str:
    """Un número para un texto de una figura: coma decimal y «−» (``-0.25`` -> ``'−0,25'``).

    A diferencia de :func:`course_lib.formatting.format_number`, no rechaza NaN ni
    infinitos (escribe ``'nan'``, ``'−inf'``): una figura no debe fallar al dibujarse.
    """
    return formatting.decimal_comma(format(value, spec), typographic_minus=True)


class _CommaFormatter(Formatter):
    """Marcas de un eje con coma decimal y todas con los mismos decimales (0,05; 0,10; 0,15).

    Los decimales son los que necesita la marca que más necesita (hasta 6). Con
    ``percent=True``, el valor es una fracción y se escribe en % (0,985 -> «98,5 %»).
    """

    def __init__(self, percent: bool = False) -> None:
        self.percent = percent
        self.decimals = 0

    def set_locs(self, locs: list[float]) -> None:
        super().set_locs(locs)
        values = [100 * v if self.percent else v for v in locs if np.isfinite(v)]
        for decimals in range(7):
            if all(abs(round(v, decimals) - v) <= 1e-9 * max(1.0, abs(v)) for v in values):
                break
        self.decimals = decimals

    def __call__(self, value: float, pos: int | None = None) -> str:
        shown = 100 * value if self.percent else value
        if abs(shown) < 0.5 * 10.0 ** -self.decimals:
            shown = 0.0  # sin «−0,00»
        text = _label(shown, f".{self.decimals}f")
        return f"{text} %" if self.percent else text


def _decimal_comma(ax: Axes) -> None:
    """Números de los ejes con coma decimal, como en la prosa (0,05 y no 0.05), y los mismos
    decimales en todas las marcas de un eje."""
    ax.xaxis.set_major_formatter(_CommaFormatter())
    ax.yaxis.set_major_formatter(_CommaFormatter())


def _percent_axis(ax: Axes) -> None:
    """El eje y de una fracción (una exactitud) en %, con coma decimal: «98,5 %»."""
    ax.yaxis.set_major_formatter(_CommaFormatter(percent=True))


def _as_images(images: object) -> np.ndarray:
    """Comprueba un lote de imágenes y quita el canal único: ``(N, alto, ancho)``."""
    images = _validation.ndarray(images, "images")
    if images.ndim == 4 and images.shape[-1] == 1:
        images = images[..., 0]
    if images.ndim != 3 or images.shape[0] == 0:
        raise ValueError(
            "«images» debe tener forma (N, alto, ancho) o (N, alto, ancho, 1) con N >= 1; "
            f"tiene forma {images.shape}."
        )
    return images


def _as_labels(labels: object, name: str, count: int) -> np.ndarray | None:
    """Comprueba un vector opcional con un valor por imagen (etiquetas, predicciones...)."""
    if labels is None:
        return None
    array = np.asarray(labels)
    if array.ndim != 1 or len(array) != count:
        raise ValueError(
            f"«{name}» debe ser un vector con una etiqueta por imagen ({count}); "
            f"tiene forma {array.shape}."
        )
    return array


def _new_figure(figsize: tuple[float, float]) -> Figure:
    """Una figura nueva, sin pyplot (no queda abierta ni cambia el estado global)."""
    return Figure(figsize=figsize, layout="constrained")


def _figure_of(ax: Axes) -> Figure:
    """La figura de un eje (si el eje está en una ``SubFigure``, esa ``SubFigure``)."""
    return cast(Figure, ax.figure)


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    """El eje dado o, si no se da, el único eje de una figura nueva de tamaño ``figsize``."""
    if ax is None:
        ax = _new_figure(figsize).add_subplot()
    return ax


def _new_grid(
    count: int,
    ncols: int,
    cell: tuple[float, float],
    *,
    extra: tuple[float, float] = (0.0, 0.0),
    fig: Figure | None = None,
) -> tuple[Figure, list[Axes]]:
    """Cuadrícula de ``count`` ejes en ``ncols`` columnas (como mucho), en orden de lectura.

    Las columnas se recortan a ``count`` (y a 1 como mínimo); las filas son las
    necesarias. Si no se da ``fig``, se crea una de ``cell`` pulgadas por celda más
    ``extra`` (ancho, alto) en total. Las celdas sobrantes de la última fila se
    quitan de la figura.

    Parameters
    ----------
    count : int
        Número de ejes.
    ncols : int
        Columnas que se piden.
    cell : (float, float)
        Ancho y alto de cada celda, en pulgadas.
    extra : (float, float)
        Ancho y alto que se añaden a la figura (barra de color, título).
    fig : Figure, opcional
        Figura vacía donde dibujar.

    Returns
    -------
    (Figure, list of Axes)
        La figura y sus ``count`` ejes, fila a fila.
    """
    if count < 1:
        raise ValueError(f"Hace falta al menos un panel para la cuadrícula; se pidieron {count}.")
    ncols = max(1, min(ncols, count))
    nrows = -(-count // ncols)
    if fig is None:
        fig = _new_figure((cell[0] * ncols + extra[0], cell[1] * nrows + extra[1]))
    axes = list(fig.subplots(nrows, ncols, squeeze=False).flat)
    for ax in axes[count:]:
        fig.delaxes(ax)
    return fig, axes[:count]


def _axes_row(
    axes: Sequence[Axes] | None, count: int, cell: tuple[float, float], what: str = ""
) -> Sequence[Axes]:
    """Los ``count`` ejes dados o, si no se dan, una fila nueva de ``count`` ejes de ``cell`` pulgadas.

    ``what`` completa el mensaje de error si el número de ejes no cuadra (p. ej. ``" (uno por métrica)"``).
    """
    if axes is None:
        return _new_grid(count, count, cell)[1]
    if len(axes) != count:
        raise ValueError(f"Hacen falta {count} ejes{what}; se dieron {len(axes)}.")
    return axes

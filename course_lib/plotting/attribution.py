"""Gráficos de atribución: dónde mira la red, sobre el propio dígito."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
from matplotlib.figure import Figure

from course_lib.plotting._common import (
    IMAGE_CMAP,
    NONNEGATIVE_CMAP,
    SIGNED_CMAP,
    _decimal_comma,
    _new_grid,
    _suptitle,
    _title_space,
)


def plot_attribution(
    image: np.ndarray,
    maps: Sequence[np.ndarray],
    titles: Sequence[str],
    *,
    extents: Sequence[tuple[float, float, float, float] | None] | None = None,
    centered: bool | None = None,
    image_title: str = "Entrada",
    label: str = "Importancia",
    title: str | None = None,
    fig: Figure | None = None,
) -> Figure:
    """El dígito y, a su lado, uno o más mapas de atribución dibujados sobre él.

    Cada mapa lleva su propia escala de color (los métodos miden cosas distintas): divergente
    y centrada en 0 para una magnitud con signo (rojo: valores positivos; azul: negativos),
    ``viridis`` desde 0 para una que no puede ser negativa. Encima, el contorno del trazo del dígito (donde
    la tinta vale 0,5), para ver qué parte del dígito señala el mapa.

    Parameters
    ----------
    image : numpy.ndarray
        El dígito, de forma ``(alto, ancho)`` o ``(alto, ancho, 1)``, con valores de 0 a 1.
    maps : secuencia de matrices 2D
        Los mapas; pueden ser más pequeños que la imagen (una casilla por posición del parche o
        por posición de una capa).
    titles : secuencia de str
        Un título por mapa.
    extents : secuencia de tuplas, opcional
        Para cada mapa, dónde cae sobre la imagen (``(izquierda, derecha, abajo, arriba)``, como
        devuelve :func:`course_lib.attribution.map_extent`); ``None`` para un mapa del tamaño de
        la imagen, píxel a píxel.
    centered : bool, opcional
        Escala divergente centrada en 0 para todos los mapas (``True``) o ``viridis`` desde 0
        (``False``); si no se da, cada mapa la elige según tenga o no valores negativos. Una
        magnitud que puede tener los dos signos (una bajada de la puntuación) pide ``True``,
        aunque en un mapa concreto no salga ningún valor negativo.
    image_title, label, title : str
        El título del panel del dígito, el rótulo de las barras de color y el de la figura.
    fig : Figure, opcional
        Figura vacía donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        Un eje para el dígito y uno por mapa, cada mapa con su barra de color.
    """
    image = np.asarray(image, dtype=float)
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.ndim != 2:
        raise ValueError(f"«image» debe tener forma (alto, ancho) o (alto, ancho, 1); tiene {image.shape}.")
    panels = [np.asarray(m, dtype=float) for m in maps]
    if not panels or any(m.ndim != 2 for m in panels):
        raise ValueError("«maps» debe ser una lista no vacía de matrices 2D.")
    if len(titles) != len(panels):
        raise ValueError(f"Hay {len(panels)} mapas y {len(titles)} títulos.")
    places = list(extents) if extents is not None else [None] * len(panels)
    if len(places) != len(panels):
        raise ValueError(f"Hay {len(panels)} mapas y {len(places)} extensiones.")
    height, width = image.shape
    frame = (-0.5, width - 0.5, height - 0.5, -0.5)
    fig, axes = _new_grid(len(panels) + 1, len(panels) + 1, (2.2, 2.1), extra=(0, _title_space(title)),
                          fig=fig)
    axes[0].imshow(image, cmap=IMAGE_CMAP, vmin=0, vmax=1, interpolation="nearest")
    axes[0].set_title(image_title, fontsize=9)
    for ax, panel, name, place in zip(axes[1:], panels, titles, places, strict=True):
        signed = float(panel.min()) < 0 if centered is None else centered
        bound = float(np.abs(panel).max()) or 1.0
        low, cmap = (-bound, SIGNED_CMAP) if signed else (0.0, NONNEGATIVE_CMAP)
        shown = ax.imshow(panel, cmap=cmap, vmin=low, vmax=bound, interpolation="nearest",
                          extent=place if place is not None else frame)
        ax.contour(image, levels=[0.5], colors="black", linewidths=0.8, extent=frame, origin="upper")
        ax.set_xlim(frame[0], frame[1])
        ax.set_ylim(frame[2], frame[3])
        ax.set_title(name, fontsize=9)
        bar = fig.colorbar(shown, ax=ax, shrink=0.8)
        bar.ax.tick_params(labelsize=8)
        bar.set_label(label, fontsize=8)
        _decimal_comma(bar.ax)
    for ax in axes:
        ax.set_xticks([])
        ax.set_yticks([])
    return _suptitle(fig, title)

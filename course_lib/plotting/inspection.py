"""Gráficos para inspeccionar una red entrenada: matriz de confusión, traza de un dígito y puntuaciones."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib
import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from course_lib.plotting._common import (
    IMAGE_CMAP,
    NONNEGATIVE_CMAP,
    OKABE_ITO,
    _axes_row,
    _decimal_comma,
    _figure_of,
    _label,
    _new_axes,
    _new_figure,
    _suptitle,
)


def plot_confusion_matrix(
    matrix: np.ndarray,
    *,
    title: str = "Matriz de confusión",
    ax: Axes | None = None,
) -> Figure:
    """Dibuja una matriz de confusión (filas: clase real; columnas: clase predicha).

    La escala de color es logarítmica, para que los pocos errores se vean junto
    a los miles de aciertos de la diagonal; cada casilla lleva su recuento.

    Parameters
    ----------
    matrix : numpy.ndarray
        Matriz cuadrada de recuentos enteros.
    title : str
        Título del eje.
    ax : Axes, opcional
        Eje donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        La figura que contiene el eje.
    """
    from matplotlib.colors import LogNorm

    matrix = np.asarray(matrix)
    if matrix.ndim != 2 or matrix.shape[0] != matrix.shape[1] or not np.issubdtype(matrix.dtype, np.integer):
        raise ValueError(
            "«matrix» debe ser una matriz cuadrada de enteros; "
            f"tiene forma {matrix.shape} y tipo {matrix.dtype}."
        )
    if (matrix < 0).any():
        raise ValueError("«matrix» no puede tener recuentos negativos.")
    ax = _new_axes(ax, (6.4, 5.6))
    # Escala logarítmica desde 1; los ceros quedan en blanco (por debajo de la escala), para
    # que no compartan color con los unos.
    cmap = matplotlib.colormaps[NONNEGATIVE_CMAP].with_extremes(under="white", bad="white")
    image = ax.imshow(matrix, cmap=cmap, norm=LogNorm(vmin=1, vmax=max(2, matrix.max())))
    n = matrix.shape[0]
    for (row, col), value in np.ndenumerate(matrix):
        if value:
            bright = value > np.sqrt(max(2, matrix.max()))
            ax.text(col, row, str(value), ha="center", va="center", fontsize=8,
                    color="black" if bright else "white")
    ax.set_xticks(range(n))
    ax.set_yticks(range(n))
    ax.set_xlabel("Clase predicha")
    ax.set_ylabel("Clase real")
    ax.set_title(title)
    fig = _figure_of(ax)
    fig.colorbar(image, ax=ax, label="Número de imágenes (escala logarítmica; 0 en blanco)")
    return fig


def plot_digit_trace(
    image: np.ndarray,
    feature_maps: Mapping[str, np.ndarray],
    flat: np.ndarray,
    logits: np.ndarray,
    probabilities: np.ndarray,
    *,
    label: int,
    loss: float,
    channels: Mapping[str, int] | None = None,
) -> Figure:
    """Sigue un dígito por toda la red en una sola figura.

    Fila superior: la imagen y, para cada capa, un canal de su mapa de
    características (con su forma y su barra de color: las capas tienen
    magnitudes distintas, así que cada panel lleva su escala). Por defecto se
    dibuja el canal más activo de cada capa para este dígito (el de mayor
    activación media), que nunca es un canal apagado, todo ceros, si la capa
    tiene alguno encendido. Fila inferior: el vector aplanado, los *logits* y
    las probabilidades softmax, con la etiqueta real y la pérdida (escrita con
    las cifras significativas necesarias: ``4,1 · 10⁻¹⁰`` y no ``0`` ni ``−0``).

    Parameters
    ----------
    image : numpy.ndarray
        Imagen 2D de entrada.
    feature_maps : dict
        Nombre de capa -> salida ``(alto, ancho, canales)`` para ese dígito.
    flat : numpy.ndarray
        Salida de ``Flatten`` (vector).
    logits, probabilities : numpy.ndarray
        Vectores de la capa de salida antes y después de softmax.
    label : int
        Clase real.
    loss : float
        Entropía cruzada de este ejemplo (un número finito >= 0).
    channels : dict, opcional
        Nombre de capa -> canal que se dibuja; las capas que falten usan su
        canal más activo.

    Returns
    -------
    matplotlib.figure.Figure
        La figura completa.
    """
    from matplotlib.layout_engine import ConstrainedLayoutEngine

    image = np.asarray(image)
    flat, logits, probabilities = (
        np.ravel(np.asarray(v, dtype=float)) for v in (flat, logits, probabilities)
    )
    if image.ndim != 2:
        raise ValueError(f"«image» debe ser 2D; tiene forma {image.shape}.")
    if not feature_maps or any(np.asarray(m).ndim != 3 for m in feature_maps.values()):
        raise ValueError("«feature_maps» debe asociar cada capa a un tensor (alto, ancho, canales).")
    if logits.shape != probabilities.shape:
        raise ValueError("«logits» y «probabilities» deben tener la misma longitud.")
    loss = float(loss)
    if not np.isfinite(loss) or loss < 0:
        raise ValueError(f"«loss» debe ser una entropía cruzada: un número finito >= 0; se recibió {loss}.")
    loss += 0.0  # -0.0 + 0.0 es 0.0: una pérdida nula no se escribe «−0»
    chosen = dict(channels or {})
    unknown = sorted(set(chosen) - set(feature_maps))
    if unknown:
        raise ValueError(f"«channels» nombra capas que no están en «feature_maps»: {unknown}.")

    def loss_text(value: float) -> str:
        """La pérdida con sus cifras significativas: «0,0123», «4,1 · 10⁻¹⁰» o «0»."""
        if value == 0 or value >= 1e-3:
            return _label(value, ".3g")
        mantissa, exponent = format(value, ".1e").split("e")
        superscript = str.maketrans("-0123456789", "⁻⁰¹²³⁴⁵⁶⁷⁸⁹")
        return f"{_label(float(mantissa), 'g')} · 10{str(int(exponent)).translate(superscript)}"

    # Una rejilla irregular (los paneles de abajo ocupan un tercio cada uno): gridspec, no _new_grid.
    ncols = 1 + len(feature_maps)
    width = max(ncols, 3)
    fig = _new_figure((max(10, 2.4 * ncols), 6.2))  # sitio para las barras de color
    # Aire entre cada barra de color y el panel siguiente.
    fig.set_layout_engine(ConstrainedLayoutEngine(w_pad=0.15))
    grid = fig.add_gridspec(2, width)
    ax = fig.add_subplot(grid[0, 0])
    ax.imshow(image, cmap=IMAGE_CMAP, interpolation="nearest")
    ax.set_title(f"Entrada {image.shape[0]} × {image.shape[1]}", fontsize=9)
    ax.set_xticks([])
    ax.set_yticks([])
    for index, (name, maps) in enumerate(feature_maps.items(), start=1):
        maps = np.asarray(maps, dtype=float)
        channel = int(chosen.get(name, maps.mean(axis=(0, 1)).argmax()))
        if not 0 <= channel < maps.shape[2]:
            raise ValueError(f"«{name}» tiene {maps.shape[2]} canales; no hay canal {channel}.")
        ax = fig.add_subplot(grid[0, index])
        shown = ax.imshow(maps[..., channel], cmap=NONNEGATIVE_CMAP, interpolation="nearest",
                          vmin=min(0.0, float(maps[..., channel].min())))
        bar = fig.colorbar(shown, ax=ax, shrink=0.7)
        bar.ax.tick_params(labelsize=8)
        _decimal_comma(bar.ax)
        rows, cols, depth = maps.shape
        ax.set_title(f"{name}, canal {channel}\n{rows} × {cols} × {depth}", fontsize=9)
        ax.set_xticks([])
        ax.set_yticks([])
    thirds = [slice(0, width // 3), slice(width // 3, 2 * width // 3), slice(2 * width // 3, width)]
    ax = fig.add_subplot(grid[1, thirds[0]])
    # Barras finas, no una línea: los valores vecinos son canales distintos de una misma
    # posición (Flatten recorre los canales primero), así que unirlos no tiene sentido.
    ax.vlines(np.arange(flat.size), 0, flat, color=OKABE_ITO[0], linewidth=0.8)
    ax.set_title(f"Vector aplanado ({flat.size} valores)", fontsize=9)
    ax.set_xlabel("Posición")
    _decimal_comma(ax)
    classes = np.arange(logits.size)
    ax = fig.add_subplot(grid[1, thirds[1]])
    ax.bar(classes, logits, color=OKABE_ITO[5])
    ax.set_title("Logits (antes de la softmax)", fontsize=9)
    ax.set_xticks(classes)
    ax.set_xlabel("Clase")
    _decimal_comma(ax)
    ax = fig.add_subplot(grid[1, thirds[2]])
    colors = [OKABE_ITO[1] if c == label else OKABE_ITO[0] for c in classes]
    ax.bar(classes, probabilities, color=colors)
    ax.set_ylim(0, 1)
    ax.set_xticks(classes)
    ax.set_xlabel("Clase")
    ax.set_title(f"Softmax: real {label}, pérdida {loss_text(loss)}", fontsize=9)
    _decimal_comma(ax)
    return _suptitle(fig, "Un dígito a través de la red")


def plot_class_scores(
    scores: Mapping[str, np.ndarray],
    *,
    label: int | None = None,
    axes: Sequence[Axes] | None = None,
    title: str | None = None,
) -> Figure:
    """Diagramas de barras con una puntuación por clase (p. ej. logits y probabilidades).

    Parameters
    ----------
    scores : dict
        Título del panel -> vector con un valor por clase.
    label : int, opcional
        Clase real: su barra se dibuja en otro color, con borde y trama negros
        (se distingue también sin ver los colores), y la leyenda del primer
        panel la nombra.
    axes : secuencia de Axes, opcional
        Un eje por panel.
    title : str, opcional
        Título de la figura.

    Returns
    -------
    matplotlib.figure.Figure
        La figura con un eje por panel.
    """
    if not isinstance(scores, Mapping) or not scores:
        raise TypeError("«scores» debe ser un diccionario no vacío título -> vector.")
    vectors = {name: np.ravel(np.asarray(v, dtype=float)) for name, v in scores.items()}
    sizes = {v.size for v in vectors.values()}
    if len(sizes) != 1:
        raise ValueError(f"Todos los vectores deben tener la misma longitud; tienen {sorted(sizes)}.")
    n = sizes.pop()
    if label is not None and not 0 <= label < n:
        raise ValueError(f"«label» debe estar entre 0 y {n - 1}; se recibió {label}.")
    axes = _axes_row(axes, len(vectors), (4.2, 3.0))
    classes = np.arange(n)
    for ax, (name, values) in zip(axes, vectors.items(), strict=True):
        bars = ax.bar(classes, values, color=OKABE_ITO[0])
        if label is not None:
            # La trama se dibuja con el color del borde: con un borde negro se ve
            # sobre el relleno naranja (con set_color serían del mismo color).
            true_bar = bars[label]
            true_bar.set_facecolor(OKABE_ITO[1])
            true_bar.set_edgecolor("black")
            true_bar.set_hatch("//")
            if ax is axes[0]:
                others = [bar for index, bar in enumerate(bars) if index != label][:1]
                ax.legend([true_bar, *others], [f"Clase real ({label})", "Otras clases"][: 1 + len(others)],
                          fontsize=8)
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(classes)
        ax.set_xlabel("Clase")
        ax.set_title(name)
        _decimal_comma(ax)
    return _suptitle(_figure_of(axes[0]), title)

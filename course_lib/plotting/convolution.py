"""Gráficos de la convolución: mapas, núcleos, la cuenta posición a posición y campos receptivos."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib
import numpy as np
from matplotlib.figure import Figure

from course_lib.plotting._common import (
    IMAGE_CMAP,
    NONNEGATIVE_CMAP,
    OKABE_ITO,
    SIGNED_CMAP,
    _decimal_comma,
    _label,
    _new_figure,
    _new_grid,
    _suptitle,
    _title_space,
)


def _weight_decimals(weights: np.ndarray) -> int:
    """Los decimales (0, 1 o 2) que necesitan los pesos de un núcleo: todos se escriben igual."""
    for decimals in (0, 1):
        if np.allclose(np.round(weights, decimals), weights, rtol=0, atol=1e-6):  # float32
            return decimals
    return 2


def _weight_label(value: float, decimals: int) -> str:
    """Un peso escrito en su casilla, con los decimales de su núcleo (0,7; −1,2; 0,0 o −0,20)."""
    return _label(value, f".{decimals}f")


def _map_scale(values: np.ndarray) -> tuple[str, float, float]:
    """Mapa de color y límites de un mapa según el convenio del libro.

    Con valores negativos, ``RdBu_r`` centrado en 0 (límites simétricos); si no,
    ``viridis`` desde 0 hasta el máximo.
    """
    low, high = float(np.min(values)), float(np.max(values))
    if low < 0:
        bound = max(-low, high)
        return SIGNED_CMAP, -bound, bound
    return NONNEGATIVE_CMAP, 0.0, high if high > 0 else 1.0


def plot_feature_maps(
    maps: np.ndarray | Sequence[np.ndarray],
    titles: Sequence[str] | None = None,
    *,
    ncols: int = 8,
    scale: str = "shared",
    centered: bool | None = None,
    cmap: str | None = None,
    label: str = "Valor",
    title: str | None = None,
    fig: Figure | None = None,
) -> Figure:
    """Dibuja mapas de características (o cualquier lista de imágenes 2D) en cuadrícula.

    Cada figura lleva su escala de color, para que se puedan leer las magnitudes:
    con ``scale="shared"`` (por defecto) todos los paneles usan los mismos límites
    y una sola barra de color, así que un mapa más claro es un mapa con valores
    mayores; con ``scale="panel"`` cada panel tiene sus límites y su barra (para
    paneles de naturaleza distinta, como un dígito junto a sus mapas). Con
    ``centered=True`` los límites son simétricos alrededor de 0 y el mapa de color
    es divergente (``RdBu_r``): el cero sale blanco, los positivos en rojo y los
    negativos en azul, que es lo que pide una diferencia entre dos mapas. Por defecto
    (``centered=None``) se elige solo: con algún valor negativo, la escala centrada; si
    no, ``viridis`` desde 0 (el morado oscuro es 0).

    Parameters
    ----------
    maps : numpy.ndarray o secuencia de matrices 2D
        Un tensor ``(alto, ancho, canales)`` (un panel por canal) o una lista de
        matrices 2D (que pueden tener tamaños distintos).
    titles : secuencia de str, opcional
        Un título por panel.
    ncols : int
        Número de columnas.
    scale : {"shared", "panel"}
        Una escala común para todos los paneles o una por panel.
    centered : bool, opcional
        Límites simétricos alrededor de 0 y mapa de color divergente; si no se da, se
        centra cuando algún mapa tiene valores negativos.
    cmap : str, opcional
        Mapa de color; por defecto ``viridis`` desde 0 (o ``RdBu_r`` si ``centered``),
        seguros con daltonismo.
    label : str
        Rótulo de la barra de color.
    title : str, opcional
        Título de la figura.
    fig : Figure, opcional
        Figura vacía donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        Una figura con un eje por mapa y sus barras de color.
    """
    if isinstance(maps, np.ndarray):
        if maps.ndim != 3:
            raise ValueError(
                f"«maps» debe tener forma (alto, ancho, canales); tiene forma {maps.shape}."
            )
        panels = [np.asarray(maps[..., c], dtype=float) for c in range(maps.shape[-1])]
    else:
        panels = [np.asarray(m, dtype=float) for m in maps]
        if not panels or any(m.ndim != 2 for m in panels):
            raise ValueError("«maps» debe ser una lista no vacía de matrices 2D.")
    if titles is not None and len(titles) != len(panels):
        raise ValueError(f"Hay {len(panels)} mapas y {len(titles)} títulos.")
    if scale not in ("shared", "panel"):
        raise ValueError(f"«scale» debe ser 'shared' o 'panel'; se recibió {scale!r}.")
    if centered is None:
        centered = any(float(m.min()) < 0 for m in panels)
    if cmap is None:
        cmap = SIGNED_CMAP if centered else NONNEGATIVE_CMAP

    def limits(values: list[np.ndarray]) -> tuple[float, float]:
        low = min(float(v.min()) for v in values)
        high = max(float(v.max()) for v in values)
        if centered:
            bound = max(abs(low), abs(high)) or 1.0
            return -bound, bound
        low = min(low, 0.0)  # las magnitudes no negativas empiezan en 0
        return (low, high) if high > low else (low - 0.5, low + 0.5)

    shared = scale == "shared"
    cell = (1.6, 1.7) if shared else (2.0, 1.7)
    extra = (0.9 if shared else 0.0, _title_space(title))
    fig, axes = _new_grid(len(panels), ncols, cell, extra=extra, fig=fig)
    common = limits(panels) if shared else None
    for index, ax in enumerate(axes):
        vmin, vmax = common if common is not None else limits([panels[index]])
        image = ax.imshow(panels[index], cmap=cmap, vmin=vmin, vmax=vmax, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
        if not shared:
            bar = fig.colorbar(image, ax=ax, shrink=0.8)
            bar.ax.tick_params(labelsize=8)
            _decimal_comma(bar.ax)
    if shared:
        bar = fig.colorbar(image, ax=list(axes), shrink=0.8, label=label)
        _decimal_comma(bar.ax)
    return _suptitle(fig, title)


def plot_kernels(
    kernels: np.ndarray,
    titles: Sequence[str] | None = None,
    *,
    ncols: int = 8,
    annotate: bool | None = None,
    title: str | None = None,
    fig: Figure | None = None,
) -> Figure:
    """Dibuja núcleos de convolución (las ventanas de pesos) con un mapa de color divergente.

    Los pesos positivos salen en un color, los negativos en otro y el cero en
    blanco (mapa ``RdBu_r``, seguro con daltonismo), con la misma escala en todos
    los paneles.

    Parameters
    ----------
    kernels : numpy.ndarray
        Forma ``(kh, kw, n)`` (``n`` núcleos) o la del tensor de pesos de una
        ``Conv2D`` de un canal de entrada, ``(kh, kw, 1, n)``.
    titles : secuencia de str, opcional
        Un título por núcleo.
    ncols : int
        Número de columnas.
    annotate : bool, opcional
        Escribir el valor de cada peso; por defecto, solo si el núcleo es de 5 × 5 o menos
        y hay como mucho 8 núcleos.
    title : str, opcional
        Título de la figura.
    fig : Figure, opcional
        Figura vacía donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        Una figura con un eje por núcleo (y una barra de color).
    """
    kernels = np.asarray(kernels, dtype=float)
    if kernels.ndim == 4:
        if kernels.shape[2] != 1:
            raise ValueError(
                "Solo se dibujan pesos de un canal de entrada; este tensor de pesos tiene "
                f"{kernels.shape[2]}. Elige un canal: kernels[:, :, c:c+1, :]."
            )
        kernels = kernels[:, :, 0, :]
    if kernels.ndim != 3:
        raise ValueError(f"«kernels» debe tener forma (kh, kw, n); tiene forma {kernels.shape}.")
    count = kernels.shape[-1]
    if titles is not None and len(titles) != count:
        raise ValueError(f"Hay {count} núcleos y {len(titles)} títulos.")
    if annotate is None:
        annotate = max(kernels.shape[:2]) <= 5 and count <= 8
    limit = float(np.abs(kernels).max()) or 1.0
    size = 2.0 if annotate else 1.3
    fig, axes = _new_grid(count, ncols, (size, size), extra=(0.8, _title_space(title)), fig=fig)
    for index, ax in enumerate(axes):
        kernel = kernels[..., index]
        image = ax.imshow(kernel, cmap=SIGNED_CMAP, vmin=-limit, vmax=limit, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
        if annotate:
            decimals = _weight_decimals(kernel)
            for (row, col), value in np.ndenumerate(kernel):
                dark = abs(value) > 0.6 * limit
                ax.text(col, row, _weight_label(value, decimals), ha="center", va="center", fontsize=8,
                        color="white" if dark else "black")
    colorbar = fig.colorbar(image, ax=list(fig.axes), shrink=0.8, label="Peso")
    _decimal_comma(colorbar.ax)
    return _suptitle(fig, title)


def plot_convolution_steps(
    image: np.ndarray,
    output: np.ndarray,
    kernel_size: int,
    positions: Sequence[tuple[int, int]],
    *,
    fig: Figure | None = None,
) -> Figure:
    """Muestra, posición a posición, la ventana del núcleo recorriendo la imagen y la salida que se llena.

    Arriba, la imagen con la ventana en cada posición; abajo, el mapa de salida
    calculado hasta esa posición (en orden de lectura), con la casilla actual marcada
    y una barra de color común (la escala del mapa completo). Los títulos numeran las
    posiciones («Posición 1», «Posición 2»...), no «pasos»: en el curso, el paso es
    cuánto avanza la ventana (*stride*).

    Parameters
    ----------
    image : numpy.ndarray
        Imagen 2D de entrada.
    output : numpy.ndarray
        Mapa de salida 2D ya calculado (convolución ``valid`` con paso 1).
    kernel_size : int
        Lado de la ventana.
    positions : secuencia de (fila, columna)
        Posiciones de la esquina superior izquierda de la ventana (= casilla de salida).
    fig : Figure, opcional
        Figura vacía donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        Una figura con dos ejes por posición y la barra de color del mapa de salida.
    """
    from matplotlib.patches import Rectangle

    image = np.asarray(image)
    output = np.asarray(output, dtype=float)
    if image.ndim != 2 or output.ndim != 2:
        raise ValueError("«image» y «output» deben ser matrices 2D.")
    expected = (image.shape[0] - kernel_size + 1, image.shape[1] - kernel_size + 1)
    if output.shape != expected:
        raise ValueError(
            f"«output» tiene forma {output.shape}; con una imagen {image.shape} y una ventana "
            f"{kernel_size} × {kernel_size} (valid, paso 1) debería ser {expected}."
        )
    if not positions:
        raise ValueError("«positions» debe tener al menos una posición.")
    for row, col in positions:
        if not (0 <= row < expected[0] and 0 <= col < expected[1]):
            raise ValueError(f"La posición {(row, col)} se sale del mapa de salida {expected}.")
    steps = len(positions)
    # Dos filas: la entrada (ejes 0 .. steps-1) y el mapa de salida (ejes steps .. 2*steps-1).
    fig, axes = _new_grid(2 * steps, steps, (2.6, 2.7), extra=(0.9, 0.0), fig=fig)
    output_cmap, low, high = _map_scale(output)
    for step, (row, col) in enumerate(positions):
        top, bottom = axes[step], axes[steps + step]
        top.imshow(image, cmap=IMAGE_CMAP, interpolation="nearest")
        top.add_patch(Rectangle((col - 0.5, row - 0.5), kernel_size, kernel_size,
                                fill=False, edgecolor=OKABE_ITO[1], linewidth=2))
        top.set_title(f"Posición {step + 1}: ventana en ({row}, {col})", fontsize=9)
        filled = np.full(output.shape, np.nan)
        order = np.arange(output.size).reshape(output.shape)
        done = order <= order[row, col]
        filled[done] = output[done]
        # Lo que aún no se ha calculado (NaN), en gris: un 0 calculado es blanco en RdBu_r.
        pending = matplotlib.colormaps[output_cmap].with_extremes(bad="0.85")
        shown = bottom.imshow(filled, cmap=pending, vmin=low, vmax=high, interpolation="nearest")
        bottom.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False,
                                   edgecolor=OKABE_ITO[1], linewidth=2))
        bottom.set_title(f"Salida ({row}, {col}) = {_label(output[row, col], '.2f')}", fontsize=9)
        for ax in (top, bottom):
            ax.set_xticks([])
            ax.set_yticks([])
    axes[0].set_ylabel("Entrada")
    axes[steps].set_ylabel("Mapa de salida")
    bar = fig.colorbar(shown, ax=axes[steps:], shrink=0.8, label="Valor del mapa")
    _decimal_comma(bar.ax)
    return fig


def plot_multichannel_convolution(
    inputs: np.ndarray,
    kernel: np.ndarray,
    partials: np.ndarray,
    bias: float = 0.0,
    *,
    input_titles: Sequence[str] | None = None,
    fig: Figure | None = None,
) -> Figure:
    """Muestra un filtro sobre una entrada de varios canales: un núcleo por canal y la suma.

    Una fila por canal de entrada: el canal, la parte del filtro que le corresponde
    (su núcleo, con el valor de cada peso) y el resultado de aplicarle ese núcleo. A la
    derecha, el único mapa de salida del filtro: la suma de los resultados de todos los
    canales más el sesgo. Los canales de entrada comparten una escala de color; los
    resultados y la salida comparten otra, centrada en 0 (mapa divergente ``RdBu_r``), así
    que se pueden comparar sus magnitudes.

    Parameters
    ----------
    inputs : numpy.ndarray
        La entrada, de forma ``(alto, ancho, canales)``.
    kernel : numpy.ndarray
        Los pesos de un filtro, de forma ``(kh, kw, canales)``.
    partials : numpy.ndarray
        El resultado de cada canal (correlación ``valid`` con paso 1, sin sesgo), de forma
        ``(alto - kh + 1, ancho - kw + 1, canales)``.
    bias : float
        El sesgo del filtro.
    input_titles : secuencia de str, opcional
        Un nombre por canal de entrada (por defecto, «Canal 0», «Canal 1»...).
    fig : Figure, opcional
        Figura vacía donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        Una figura con tres ejes por canal, el eje de la salida y dos barras de color.
    """
    inputs = np.asarray(inputs, dtype=float)
    kernel = np.asarray(kernel, dtype=float)
    partials = np.asarray(partials, dtype=float)
    for name, array in (("inputs", inputs), ("kernel", kernel), ("partials", partials)):
        if array.ndim != 3:
            raise ValueError(f"«{name}» debe tener tres ejes (el último, los canales); "
                             f"tiene forma {array.shape}.")
    channels = inputs.shape[-1]
    if kernel.shape[-1] != channels or partials.shape[-1] != channels:
        raise ValueError(
            f"La entrada tiene {channels} canales, el filtro {kernel.shape[-1]} y los resultados "
            f"{partials.shape[-1]}: deben coincidir."
        )
    expected = (inputs.shape[0] - kernel.shape[0] + 1, inputs.shape[1] - kernel.shape[1] + 1)
    if partials.shape[:2] != expected:
        raise ValueError(
            f"«partials» mide {partials.shape[:2]}; con una entrada {inputs.shape[:2]} y un núcleo "
            f"{kernel.shape[0]} × {kernel.shape[1]} (valid, paso 1) debería medir {expected}."
        )
    if input_titles is None:
        input_titles = [f"Canal {c}" for c in range(channels)]
    if len(input_titles) != channels:
        raise ValueError(f"Hay {channels} canales y {len(input_titles)} nombres.")
    output = partials.sum(axis=-1) + float(bias)

    if fig is None:
        fig = _new_figure((9.5, 2.1 * channels + 0.3))
    grid = fig.add_gridspec(channels, 4)
    rows = [[fig.add_subplot(grid[c, col]) for col in range(3)] for c in range(channels)]
    out_ax = fig.add_subplot(grid[:, 3])

    in_cmap, in_low, in_high = _map_scale(inputs)
    weight_limit = float(np.abs(kernel).max()) or 1.0
    value_limit = float(max(np.abs(partials).max(), np.abs(output).max())) or 1.0
    for c, (in_ax, k_ax, p_ax) in enumerate(rows):
        shown_in = in_ax.imshow(inputs[..., c], cmap=in_cmap, vmin=in_low, vmax=in_high,
                                interpolation="nearest")
        in_ax.set_title(input_titles[c], fontsize=9)
        k_ax.imshow(kernel[..., c], cmap=SIGNED_CMAP, vmin=-weight_limit, vmax=weight_limit,
                    interpolation="nearest")
        decimals = _weight_decimals(kernel)
        for (row, col), value in np.ndenumerate(kernel[..., c]):
            dark = abs(value) > 0.6 * weight_limit
            k_ax.text(col, row, _weight_label(value, decimals), ha="center", va="center", fontsize=8,
                      color="white" if dark else "black")
        k_ax.set_title(f"Núcleo del canal {c}", fontsize=9)
        shown = p_ax.imshow(partials[..., c], cmap=SIGNED_CMAP, vmin=-value_limit, vmax=value_limit,
                            interpolation="nearest")
        p_ax.set_title(f"Resultado del canal {c}", fontsize=9)
    out_ax.imshow(output, cmap=SIGNED_CMAP, vmin=-value_limit, vmax=value_limit, interpolation="nearest")
    out_ax.set_title(f"Salida = suma + sesgo\n(sesgo = {_label(float(bias), '.2g')})", fontsize=9)
    for ax in [*(ax for row in rows for ax in row), out_ax]:
        ax.set_xticks([])
        ax.set_yticks([])
    in_bar = fig.colorbar(shown_in, ax=[row[0] for row in rows], location="left", shrink=0.8,
                          label="Entrada")
    out_bar = fig.colorbar(shown, ax=[*(row[2] for row in rows), out_ax], shrink=0.8,
                           label="Valor")
    for bar in (in_bar, out_bar):
        _decimal_comma(bar.ax)
    return fig

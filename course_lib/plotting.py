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


def _comma(number: str) -> str:
    """Un número ya escrito, a la española: coma decimal y signo menos tipográfico.

    ``'-0.25'`` -> ``'−0,25'`` (como el resto de matplotlib, que usa «−» y no el guion).
    """
    return number.replace(".", ",").replace("-", "\u2212")


def _decimal_comma(ax: Axes) -> None:
    """Números de los ejes con coma decimal, como en la prosa (0,05 y no 0.05)."""
    from matplotlib.ticker import FuncFormatter

    formatter = FuncFormatter(lambda value, _: _comma(f"{value:g}"))
    ax.xaxis.set_major_formatter(formatter)
    ax.yaxis.set_major_formatter(formatter)


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
    confidences: Sequence[float] | np.ndarray | None = None,
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
    confidences : secuencia de float, opcional
        Probabilidad (de 0 a 1) que la red dio a su predicción; se muestra en %.
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
    confidences_ = _as_labels(confidences, "confidences", count)
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
        if confidences_ is not None:
            parts.append(f"({100 * float(confidences_[index]):.0f} %)")
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
        _decimal_comma(ax)
    if title:
        fig.suptitle(title)
    return fig


def _new_axes(ax: Axes | None, figsize: tuple[float, float]) -> Axes:
    if ax is None:
        fig = Figure(figsize=figsize, layout="constrained")
        ax = fig.add_subplot()
    return ax


def plot_feature_maps(
    maps: np.ndarray | Sequence[np.ndarray],
    titles: Sequence[str] | None = None,
    *,
    ncols: int = 8,
    cmap: str = "viridis",
    title: str | None = None,
    fig: Figure | None = None,
) -> Figure:
    """Dibuja mapas de características (o cualquier lista de imágenes 2D) en cuadrícula.

    Parameters
    ----------
    maps : numpy.ndarray o secuencia de matrices 2D
        Un tensor ``(alto, ancho, canales)`` (un panel por canal) o una lista de
        matrices 2D (que pueden tener tamaños distintos).
    titles : secuencia de str, opcional
        Un título por panel.
    ncols : int
        Número de columnas.
    cmap : str
        Mapa de color (``viridis`` por defecto, seguro con daltonismo).
    title : str, opcional
        Título de la figura.
    fig : Figure, opcional
        Figura vacía donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        Una figura con un eje por mapa.
    """
    if isinstance(maps, np.ndarray):
        if maps.ndim != 3:
            raise ValueError(
                f"«maps» debe tener forma (alto, ancho, canales); tiene forma {maps.shape}."
            )
        panels = [maps[..., c] for c in range(maps.shape[-1])]
    else:
        panels = [np.asarray(m) for m in maps]
        if not panels or any(m.ndim != 2 for m in panels):
            raise ValueError("«maps» debe ser una lista no vacía de matrices 2D.")
    if titles is not None and len(titles) != len(panels):
        raise ValueError(f"Hay {len(panels)} mapas y {len(titles)} títulos.")
    ncols = max(1, min(ncols, len(panels)))
    nrows = -(-len(panels) // ncols)
    if fig is None:
        fig = Figure(figsize=(1.6 * ncols, 1.7 * nrows + (0.4 if title else 0)), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    for index, ax in enumerate(axes.flat):
        if index >= len(panels):
            fig.delaxes(ax)
            continue
        ax.imshow(panels[index], cmap=cmap, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
    if title:
        fig.suptitle(title)
    return fig


def plot_kernels(
    kernels: np.ndarray,
    titles: Sequence[str] | None = None,
    *,
    ncols: int = 8,
    annotate: bool | None = None,
    title: str | None = None,
    fig: Figure | None = None,
) -> Figure:
    """Dibuja núcleos (filtros) de convolución con un mapa de color divergente.

    Los pesos positivos salen en un color, los negativos en otro y el cero en
    blanco (mapa ``PuOr``, seguro con daltonismo), con la misma escala en todos
    los paneles.

    Parameters
    ----------
    kernels : numpy.ndarray
        Forma ``(kh, kw, n)`` o la de los pesos de una ``Conv2D`` de un canal de
        entrada, ``(kh, kw, 1, n)``.
    titles : secuencia de str, opcional
        Un título por núcleo.
    ncols : int
        Número de columnas.
    annotate : bool, opcional
        Escribir el valor de cada peso; por defecto, solo si el núcleo es de 5 x 5 o menos
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
                "Solo se dibujan núcleos de un canal de entrada; estos tienen "
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
    ncols = max(1, min(ncols, count))
    nrows = -(-count // ncols)
    if fig is None:
        size = 2.0 if annotate else 1.3
        fig = Figure(figsize=(size * ncols + 0.8, size * nrows + (0.4 if title else 0)), layout="constrained")
    axes = fig.subplots(nrows, ncols, squeeze=False)
    image = None
    for index, ax in enumerate(axes.flat):
        if index >= count:
            fig.delaxes(ax)
            continue
        kernel = kernels[..., index]
        image = ax.imshow(kernel, cmap="PuOr", vmin=-limit, vmax=limit, interpolation="nearest")
        ax.set_xticks([])
        ax.set_yticks([])
        if titles is not None:
            ax.set_title(titles[index], fontsize=9)
        if annotate:
            for (row, col), value in np.ndenumerate(kernel):
                dark = abs(value) > 0.6 * limit
                ax.text(col, row, _comma(f"{value:.2g}"), ha="center", va="center", fontsize=8,
                        color="white" if dark else "black")
    colorbar = fig.colorbar(image, ax=[a for a in fig.axes], shrink=0.8, label="Peso")
    _decimal_comma(colorbar.ax)
    if title:
        fig.suptitle(title)
    return fig


def plot_convolution_steps(
    image: np.ndarray,
    output: np.ndarray,
    kernel_size: int,
    positions: Sequence[tuple[int, int]],
    *,
    fig: Figure | None = None,
) -> Figure:
    """Muestra, paso a paso, la ventana del núcleo recorriendo la imagen y la salida que se llena.

    Arriba, la imagen con la ventana en cada posición; abajo, el mapa de salida
    calculado hasta esa posición (en orden de lectura), con la casilla actual marcada.

    Parameters
    ----------
    image : numpy.ndarray
        Imagen 2D de entrada.
    output : numpy.ndarray
        Mapa de salida 2D ya calculado (convolución ``valid``, paso 1).
    kernel_size : int
        Lado de la ventana.
    positions : secuencia de (fila, columna)
        Posiciones de la esquina superior izquierda de la ventana (= casilla de salida).
    fig : Figure, opcional
        Figura vacía donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        Una figura con dos ejes por paso.
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
            f"{kernel_size} x {kernel_size} (valid, paso 1) debería ser {expected}."
        )
    if not positions:
        raise ValueError("«positions» debe tener al menos una posición.")
    for row, col in positions:
        if not (0 <= row < expected[0] and 0 <= col < expected[1]):
            raise ValueError(f"La posición {(row, col)} se sale del mapa de salida {expected}.")
    if fig is None:
        fig = Figure(figsize=(2.6 * len(positions), 5.4), layout="constrained")
    axes = fig.subplots(2, len(positions), squeeze=False)
    low, high = float(output.min()), float(output.max())
    for step, (row, col) in enumerate(positions):
        top, bottom = axes[0, step], axes[1, step]
        top.imshow(image, cmap="gray_r", interpolation="nearest")
        top.add_patch(Rectangle((col - 0.5, row - 0.5), kernel_size, kernel_size,
                                fill=False, edgecolor=OKABE_ITO[1], linewidth=2))
        top.set_title(f"Paso {step + 1}: ventana en ({row}, {col})", fontsize=9)
        filled = np.full(output.shape, np.nan)
        order = np.arange(output.size).reshape(output.shape)
        done = order <= order[row, col]
        filled[done] = output[done]
        bottom.imshow(filled, cmap="viridis", vmin=low, vmax=high, interpolation="nearest")
        bottom.add_patch(Rectangle((col - 0.5, row - 0.5), 1, 1, fill=False,
                                   edgecolor=OKABE_ITO[1], linewidth=2))
        bottom.set_title(f"Salida ({row}, {col}) = {_comma(f'{output[row, col]:.2f}')}", fontsize=9)
        for ax in (top, bottom):
            ax.set_xticks([])
            ax.set_yticks([])
    axes[0, 0].set_ylabel("Entrada")
    axes[1, 0].set_ylabel("Mapa de salida")
    return fig


def plot_receptive_fields(
    image: np.ndarray,
    sizes: Mapping[str, int],
    *,
    center: tuple[int, int] = (14, 14),
    ax: Axes | None = None,
) -> Figure:
    """Dibuja sobre un dígito el campo receptivo de cada capa, centrado en un píxel.

    Parameters
    ----------
    image : numpy.ndarray
        Imagen 2D (p. ej. 28 x 28).
    sizes : dict
        Nombre de la capa -> lado de su campo receptivo en píxeles de la entrada.
    center : (fila, columna)
        Píxel central de los cuadrados.
    ax : Axes, opcional
        Eje donde dibujar.

    Returns
    -------
    matplotlib.figure.Figure
        La figura que contiene el eje.
    """
    from matplotlib.patches import Rectangle

    image = np.asarray(image)
    if image.ndim != 2:
        raise ValueError(f"«image» debe ser una imagen 2D; tiene forma {image.shape}.")
    if not sizes or any(not isinstance(v, (int, np.integer)) or v < 1 for v in sizes.values()):
        raise ValueError("«sizes» debe asociar cada capa a un lado entero positivo.")
    ax = _new_axes(ax, (5, 5))
    ax.imshow(image, cmap="gray_r", interpolation="nearest")
    styles = ["-", "--", "-.", ":"]
    for index, (name, size) in enumerate(sizes.items()):
        half = (size - 1) / 2
        ax.add_patch(Rectangle(
            (center[1] - half - 0.5, center[0] - half - 0.5), size, size, fill=False,
            edgecolor=OKABE_ITO[index % len(OKABE_ITO)], linestyle=styles[index % len(styles)],
            linewidth=2, label=f"{name}: {size} × {size}",
        ))
    ax.set_xlim(-0.5, max(image.shape[1], center[1] + max(sizes.values()) / 2) - 0.5)
    ax.set_ylim(max(image.shape[0], center[0] + max(sizes.values()) / 2) - 0.5, -0.5)
    ax.set_title("Campo receptivo de cada capa")
    ax.set_xlabel("Columna (píxel)")
    ax.set_ylabel("Fila (píxel)")
    ax.legend(loc="upper left", bbox_to_anchor=(1.02, 1), fontsize=9)
    return ax.figure


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
            f"«matrix» debe ser una matriz cuadrada de enteros; tiene forma {matrix.shape} y tipo {matrix.dtype}."
        )
    if (matrix < 0).any():
        raise ValueError("«matrix» no puede tener recuentos negativos.")
    ax = _new_axes(ax, (6.4, 5.6))
    image = ax.imshow(np.maximum(matrix, 1), cmap="viridis", norm=LogNorm(vmin=1, vmax=max(2, matrix.max())))
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
    ax.figure.colorbar(image, ax=ax, label="Número de imágenes (escala logarítmica)")
    return ax.figure


def plot_histories(
    histories: Mapping[str, Any],
    *,
    metrics: Sequence[str] = ("val_loss", "val_accuracy"),
    axes: Sequence[Axes] | None = None,
    title: str | None = None,
) -> Figure:
    """Compara las curvas de varios entrenamientos (p. ej. varios optimizadores).

    Parameters
    ----------
    histories : dict
        Nombre -> ``History`` (o su diccionario ``history``).
    metrics : secuencia de str
        Métricas que se comparan, un eje cada una.
    axes : secuencia de Axes, opcional
        Un eje por métrica.
    title : str, opcional
        Título de la figura.

    Returns
    -------
    matplotlib.figure.Figure
        La figura con un eje por métrica y una línea por entrenamiento.
    """
    if not isinstance(histories, Mapping) or not histories:
        raise TypeError("«histories» debe ser un diccionario no vacío nombre -> History.")
    data = {name: _history_dict(h) for name, h in histories.items()}
    for name, values in data.items():
        missing = [m for m in metrics if m not in values]
        if missing:
            raise ValueError(f"El historial «{name}» no tiene las métricas {missing}.")
    if axes is None:
        fig = Figure(figsize=(4.8 * len(metrics), 3.4), layout="constrained")
        axes = fig.subplots(1, len(metrics), squeeze=False)[0]
    elif len(axes) != len(metrics):
        raise ValueError(f"Hacen falta {len(metrics)} ejes (uno por métrica); se dieron {len(axes)}.")
    markers = ["o", "s", "^", "D", "v", "P", "X"]
    for ax, metric in zip(axes, metrics):
        base = metric.removeprefix("val_")
        label = METRIC_LABELS.get(base, base) + (" (validación)" if metric.startswith("val_") else "")
        for index, (name, values) in enumerate(data.items()):
            epochs = np.arange(1, len(values[metric]) + 1)
            ax.plot(epochs, values[metric], marker=markers[index % len(markers)],
                    color=OKABE_ITO[index % len(OKABE_ITO)], label=name)
        ax.set_xlabel("Época")
        ax.set_ylabel(label)
        ax.set_title(label)
        ax.grid(alpha=0.3)
        ax.legend()
        _decimal_comma(ax)
    fig = axes[0].figure
    if title:
        fig.suptitle(title)
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
) -> Figure:
    """Sigue un dígito por toda la red en una sola figura.

    Fila superior: la imagen y, para cada capa, el primer canal de su mapa de
    características (con su forma). Fila inferior: el vector aplanado, los
    *logits* y las probabilidades softmax, con la etiqueta real y la pérdida.

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
        Entropía cruzada de este ejemplo.

    Returns
    -------
    matplotlib.figure.Figure
        La figura completa.
    """
    image = np.asarray(image)
    flat, logits, probabilities = (np.ravel(np.asarray(v, dtype=float)) for v in (flat, logits, probabilities))
    if image.ndim != 2:
        raise ValueError(f"«image» debe ser 2D; tiene forma {image.shape}.")
    if not feature_maps or any(np.asarray(m).ndim != 3 for m in feature_maps.values()):
        raise ValueError("«feature_maps» debe asociar cada capa a un tensor (alto, ancho, canales).")
    if logits.shape != probabilities.shape:
        raise ValueError("«logits» y «probabilities» deben tener la misma longitud.")
    ncols = 1 + len(feature_maps)
    fig = Figure(figsize=(max(10, 1.9 * ncols), 6.2), layout="constrained")
    grid = fig.add_gridspec(2, max(ncols, 3))
    ax = fig.add_subplot(grid[0, 0])
    ax.imshow(image, cmap="gray_r", interpolation="nearest")
    ax.set_title(f"Entrada {image.shape[0]}×{image.shape[1]}", fontsize=9)
    ax.set_xticks([]); ax.set_yticks([])
    for index, (name, maps) in enumerate(feature_maps.items(), start=1):
        maps = np.asarray(maps)
        ax = fig.add_subplot(grid[0, index])
        ax.imshow(maps[..., 0], cmap="viridis", interpolation="nearest")
        ax.set_title(f"{name}\n{maps.shape[0]}×{maps.shape[1]}×{maps.shape[2]} (canal 0)", fontsize=9)
        ax.set_xticks([]); ax.set_yticks([])
    width = max(ncols, 3)
    thirds = [slice(0, width // 3), slice(width // 3, 2 * width // 3), slice(2 * width // 3, width)]
    ax = fig.add_subplot(grid[1, thirds[0]])
    ax.plot(flat, color=OKABE_ITO[0], linewidth=0.8)
    ax.set_title(f"Vector aplanado ({flat.size} valores)", fontsize=9)
    ax.set_xlabel("Posición")
    _decimal_comma(ax)
    classes = np.arange(logits.size)
    ax = fig.add_subplot(grid[1, thirds[1]])
    ax.bar(classes, logits, color=OKABE_ITO[5])
    ax.set_title("Logits (antes de softmax)", fontsize=9)
    ax.set_xticks(classes)
    ax.set_xlabel("Clase")
    _decimal_comma(ax)
    ax = fig.add_subplot(grid[1, thirds[2]])
    colors = [OKABE_ITO[1] if c == label else OKABE_ITO[0] for c in classes]
    ax.bar(classes, probabilities, color=colors)
    ax.set_ylim(0, 1)
    ax.set_xticks(classes)
    ax.set_xlabel("Clase")
    ax.set_title(f"Softmax: real {label}, pérdida {_comma(f'{loss:.3g}')}", fontsize=9)
    _decimal_comma(ax)
    fig.suptitle("Un dígito a través de la red")
    return fig


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
        Clase real: su barra se dibuja en otro color y con trama.
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
    if axes is None:
        fig = Figure(figsize=(4.2 * len(vectors), 3.0), layout="constrained")
        axes = fig.subplots(1, len(vectors), squeeze=False)[0]
    elif len(axes) != len(vectors):
        raise ValueError(f"Hacen falta {len(vectors)} ejes; se dieron {len(axes)}.")
    classes = np.arange(n)
    for ax, (name, values) in zip(axes, vectors.items()):
        bars = ax.bar(classes, values, color=OKABE_ITO[0])
        if label is not None:
            bars[label].set_color(OKABE_ITO[1])
            bars[label].set_hatch("//")
        ax.axhline(0, color="black", linewidth=0.8)
        ax.set_xticks(classes)
        ax.set_xlabel("Clase")
        ax.set_title(name)
        _decimal_comma(ax)
    fig = axes[0].figure
    if title:
        fig.suptitle(title)
    return fig

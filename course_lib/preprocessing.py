"""Cualquier imagen de un dígito, preparada como las de MNIST.

Los autores de MNIST partieron de imágenes de dígitos en blanco y negro (sin grises),
escalaron cada uno para que cupiera en una caja de 20 × 20 píxeles sin deformarlo (el
suavizado del escalado dejó los grises) y lo colocaron en un marco de 28 × 28 con su centro
de masas en el centro.
:func:`prepare_like_mnist` repite esos pasos con una imagen en escala de grises de cualquier
tamaño, con trazo oscuro sobre papel claro o al revés.

La página «Dibuja un dígito» del libro hace lo mismo en JavaScript
(``_extra/dibuja/red.js``); las pruebas comprueban que las dos dan lo mismo.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

FRAME = 28
"""Lado del marco de MNIST, en píxeles."""
BOX = 20
"""Lado de la caja en la que cabe el dígito escalado."""
INK_THRESHOLD = 0.1
"""Lo que, en la escala de 0 (fondo) a 1 (tinta), se considera fondo: se pone a 0."""


def _as_grayscale(image: object) -> np.ndarray:
    """Comprueba la imagen y la devuelve en float64 (alto × ancho)."""
    if isinstance(image, np.ndarray):
        array = image
    else:
        try:
            array = np.asarray(image)
        except (TypeError, ValueError):
            raise TypeError("la imagen debe ser una matriz de NumPy (alto × ancho)") from None
    if array.dtype == bool:
        array = array.astype(np.uint8)
    numeric = np.issubdtype(array.dtype, np.integer) or np.issubdtype(array.dtype, np.floating)
    if not numeric or np.issubdtype(array.dtype, np.timedelta64):
        raise TypeError(
            f"la imagen debe ser numérica (enteros o reales) y es de tipo {array.dtype}"
        )
    if array.ndim == 3 and array.shape[-1] == 1:
        array = array[..., 0]
    if array.ndim != 2:
        raise ValueError(
            f"se esperaba una imagen en escala de grises (alto × ancho) y tiene la forma {array.shape}"
            + ("; si es en color, conviértela antes a grises" if array.ndim == 3 else "")
        )
    if array.size == 0:
        raise ValueError("la imagen está vacía: no tiene píxeles")
    values = array.astype(np.float64)
    if not np.isfinite(values).all():
        raise ValueError("la imagen tiene valores no finitos (NaN o infinito)")
    return values


def ink_image(image: object) -> np.ndarray:
    """El primer paso: la imagen en la escala de MNIST, con el fondo a 0 y la tinta hacia 1.

    Lleva los valores al intervalo [0, 1] (el mínimo a 0 y el máximo a 1), invierte la
    imagen si el papel es claro (si la mediana del borde pasa de 0,5: trazo oscuro sobre
    papel claro) y pone a 0 lo que no llega a :data:`INK_THRESHOLD`.

    Raises
    ------
    TypeError, ValueError
        Si la imagen no es numérica, no es de alto × ancho, está vacía, tiene NaN o
        es uniforme (sin trazo).
    """
    values = _as_grayscale(image)
    low, high = values.min(), values.max()
    if high == low:
        raise ValueError("la imagen es uniforme: no hay ningún trazo que preparar")
    values = (values - low) / (high - low)
    border = np.concatenate([values[0], values[-1], values[1:-1, 0], values[1:-1, -1]])
    if np.median(border) > 0.5:
        values = 1.0 - values
    return np.where(values < INK_THRESHOLD, 0.0, values)


def resize_area(image: np.ndarray, height: int, width: int) -> np.ndarray:
    """Cambia el tamaño promediando áreas: cada píxel nuevo es la media de lo que cubre.

    Es el escalado con suavizado más sencillo: al reducir, cada píxel de salida promedia los
    de entrada que caen en su cuadrado (con su fracción de área en los bordes); al ampliar,
    repite los píxeles y mezcla los vecinos donde un píxel de salida pisa dos de entrada.
    """
    if height < 1 or width < 1:
        raise ValueError(f"el tamaño de destino debe ser de al menos 1 × 1 y es {height} × {width}")
    return _area_weights(height, image.shape[0]) @ image @ _area_weights(width, image.shape[1]).T


def _area_weights(size_out: int, size_in: int) -> np.ndarray:
    """Matriz (salida × entrada) con la fracción de cada píxel de entrada en cada uno de salida."""
    scale = size_in / size_out
    weights = np.zeros((size_out, size_in))
    for i in range(size_out):
        start, stop = i * scale, (i + 1) * scale
        for j in range(int(np.floor(start)), min(int(np.ceil(stop)), size_in)):
            weights[i, j] = min(stop, j + 1) - max(start, j)
    return weights / scale


def center_of_mass(image: np.ndarray) -> tuple[float, float]:
    """Fila y columna del centro de masas (la media de las coordenadas ponderada por la tinta)."""
    total = image.sum()
    if not total > 0:
        raise ValueError("la imagen no tiene tinta: no hay centro de masas")
    rows = (image.sum(axis=1) * np.arange(image.shape[0])).sum() / total
    cols = (image.sum(axis=0) * np.arange(image.shape[1])).sum() / total
    return float(rows), float(cols)


def prepare_like_mnist(image: object) -> np.ndarray:
    """Prepara una imagen de un dígito como las de MNIST: 28 × 28, fondo 0 y tinta hasta 1.

    Los pasos, los de los autores de MNIST:

    1. :func:`ink_image`: escala de 0 a 1, invertida si el trazo es oscuro sobre papel claro,
       con el fondo a 0.
    2. Recorta la caja que contiene toda la tinta.
    3. La escala, sin deformarla, para que su lado mayor mida :data:`BOX` (20) píxeles
       (:func:`resize_area`).
    4. La coloca en un marco de :data:`FRAME` × :data:`FRAME` (28 × 28) de modo que su
       centro de masas quede en el píxel (14, 14) (contando desde 0), donde lo tienen los
       dígitos de MNIST; el desplazamiento se redondea al píxel y el dígito nunca se sale
       del marco.

    Parameters
    ----------
    image : numpy.ndarray
        Imagen en escala de grises, de cualquier tamaño: alto × ancho (o alto × ancho × 1),
        de enteros (como ``uint8``, de 0 a 255), reales o booleanos.

    Returns
    -------
    numpy.ndarray
        Matriz ``float32`` de 28 × 28 con valores entre 0 y 1, como una imagen de
        ``data.prepare_images`` sin el canal: ``model.predict(x[None, ..., None])``.

    Raises
    ------
    TypeError
        Si la imagen no es numérica.
    ValueError
        Si no es de alto × ancho, está vacía, tiene NaN o infinitos, o es uniforme.

    Examples
    --------
    >>> import numpy as np
    >>> paper = np.full((60, 40), 255, dtype=np.uint8)
    >>> paper[10:50, 18:22] = 0  # un «1» oscuro sobre papel blanco
    >>> prepare_like_mnist(paper).shape
    (28, 28)
    """
    ink = ink_image(image)
    rows = np.flatnonzero(ink.any(axis=1))
    cols = np.flatnonzero(ink.any(axis=0))
    crop = ink[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
    height, width = crop.shape
    scale = BOX / max(height, width)
    new_height = max(1, int(np.floor(height * scale + 0.5)))
    new_width = max(1, int(np.floor(width * scale + 0.5)))
    digit = resize_area(crop, new_height, new_width)
    centre_row, centre_col = center_of_mass(digit)
    middle = FRAME // 2  # donde lo tienen los dígitos de MNIST: fila 14, columna 14
    # Redondeo al píxel (las medias, a 9 decimales: así un centro justo en ,5 no depende
    # del orden de las sumas, y red.js da lo mismo).
    top = int(np.clip(np.floor(round(middle - centre_row, 9) + 0.5), 0, FRAME - new_height))
    left = int(np.clip(np.floor(round(middle - centre_col, 9) + 0.5), 0, FRAME - new_width))
    frame = np.zeros((FRAME, FRAME))
    frame[top:top + new_height, left:left + new_width] = digit
    return np.clip(frame, 0.0, 1.0).astype(np.float32)


def draw_strokes(
    strokes: Sequence[Sequence[tuple[float, float]]], shape: tuple[int, int] = (200, 200), *,
    thickness: float = 16.0,
) -> np.ndarray:
    """Dibuja trazos con tinta oscura sobre papel blanco, como un dígito escrito a mano.

    Cada trazo es una lista de puntos ``(fila, columna)`` unidos por segmentos; el borde de
    la tinta se suaviza un píxel. Sirve para tener dígitos que no son de MNIST (y para las
    pruebas de :func:`prepare_like_mnist`).

    Parameters
    ----------
    strokes : secuencia de trazos
        Cada trazo, una secuencia de puntos ``(fila, columna)``; un trazo de un solo punto
        es un punto.
    shape : (alto, ancho)
        Tamaño del papel en píxeles.
    thickness : float
        Grosor del trazo en píxeles.

    Returns
    -------
    numpy.ndarray
        Imagen ``uint8`` de ``shape``: 255 el papel y 0 la tinta.
    """
    height, width = shape
    if height < 1 or width < 1:
        raise ValueError(f"el papel debe medir al menos 1 × 1 píxeles y mide {height} × {width}")
    if not np.isfinite(thickness) or thickness <= 0:
        raise ValueError(f"el grosor del trazo debe ser un número positivo y finito, y es {thickness}")
    rows, cols = np.mgrid[0:height, 0:width].astype(np.float64)
    distance = np.full(shape, np.inf)
    for stroke in strokes:
        points = np.asarray(stroke, dtype=np.float64).reshape(-1, 2)
        if len(points) == 0:
            raise ValueError("hay un trazo sin puntos")
        ends = points[1:] if len(points) > 1 else points
        for (r0, c0), (r1, c1) in zip(points[:len(ends)], ends, strict=True):
            dr, dc = r1 - r0, c1 - c0
            length2 = dr * dr + dc * dc
            t = 0.0 if length2 == 0 else np.clip(((rows - r0) * dr + (cols - c0) * dc) / length2, 0, 1)
            distance = np.minimum(distance, np.hypot(rows - (r0 + t * dr), cols - (c0 + t * dc)))
    ink = np.clip(thickness / 2 + 0.5 - distance, 0.0, 1.0)
    return np.round(255 * (1 - ink)).astype(np.uint8)


def _ellipse(
    centre: tuple[float, float], radii: tuple[float, float], points: int = 24
) -> list[tuple[float, float]]:
    angles = np.linspace(0, 2 * np.pi, points + 1)
    return [(centre[0] + radii[0] * np.sin(a), centre[1] + radii[1] * np.cos(a)) for a in angles]


SKETCHES: dict[int, list[list[tuple[float, float]]]] = {
    0: [_ellipse((0.5, 0.5), (0.5, 0.45))],
    1: [[(0.12, 0.35), (0.0, 0.6), (1.0, 0.6)]],
    2: [[(0.2, 0.05), (0.02, 0.35), (0.02, 0.65), (0.2, 0.95), (0.4, 0.9), (1.0, 0.0), (1.0, 1.0)]],
    3: [[(0.05, 0.05), (0.0, 0.6), (0.15, 0.95), (0.35, 0.9), (0.48, 0.4), (0.6, 0.95),
         (0.85, 0.95), (1.0, 0.5), (0.92, 0.0)]],
    4: [[(0.0, 0.15), (0.62, 0.0), (0.62, 1.0)], [(0.0, 0.75), (1.0, 0.75)]],
    5: [[(0.0, 0.95), (0.0, 0.15), (0.45, 0.1), (0.38, 0.6), (0.55, 0.95), (0.82, 0.95),
         (1.0, 0.5), (0.9, 0.0)]],
    6: [[(0.0, 0.75), (0.3, 0.2), (0.65, 0.0), (0.95, 0.2), (0.95, 0.75), (0.7, 0.95),
         (0.5, 0.6), (0.55, 0.1)]],
    7: [[(0.0, 0.0), (0.0, 1.0), (1.0, 0.35)]],
    8: [_ellipse((0.23, 0.5), (0.23, 0.38)), _ellipse((0.72, 0.5), (0.28, 0.48))],
    9: [_ellipse((0.28, 0.5), (0.28, 0.48)), [(0.28, 0.98), (1.0, 0.8)]],
}
"""Un boceto de cada dígito: trazos con puntos ``(fila, columna)`` en una caja de 1 × 1."""


def sketch_digit(
    label: int, shape: tuple[int, int] = (200, 200), *, top: float = 30, left: float = 60,
    height: float = 140, width: float = 80, thickness: float = 16.0,
) -> np.ndarray:
    """Un dígito dibujado por código (:data:`SKETCHES`) en un papel de ``shape`` píxeles.

    El boceto se escala a una caja de ``height`` × ``width`` píxeles con la esquina
    superior izquierda en ``(top, left)`` y se dibuja con :func:`draw_strokes`.
    """
    if isinstance(label, bool) or not isinstance(label, (int, np.integer)) or label not in SKETCHES:
        raise ValueError(f"no hay boceto del dígito {label!r}: los hay del 0 al 9")
    strokes = [[(top + r * height, left + c * width) for r, c in stroke] for stroke in SKETCHES[label]]
    return draw_strokes(strokes, shape, thickness=thickness)

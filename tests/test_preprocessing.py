"""Pruebas de :mod:`course_lib.preprocessing`: cualquier imagen de un dígito, como las de MNIST.

Solo con matrices pequeñas dibujadas por código (:func:`draw_strokes`, :func:`sketch_digit`):
ni Keras ni el archivo de MNIST. Se comprueba lo que promete :func:`prepare_like_mnist`
(28 × 28, lado mayor de 20 píxeles, centro de masas en el centro del marco) y que el
resultado no depende del color del papel, del tipo de la matriz, del tamaño del dibujo ni
de su posición en el papel.
"""

from __future__ import annotations

import doctest

import numpy as np
import pytest

from course_lib import preprocessing
from course_lib.preprocessing import (
    BOX,
    FRAME,
    INK_THRESHOLD,
    SKETCHES,
    center_of_mass,
    draw_strokes,
    ink_image,
    prepare_like_mnist,
    resize_area,
    sketch_digit,
)

DIGITS = list(range(10))

# El centro de masas queda a medio píxel como mucho del centro del marco; la holgura
# cubre el paso final a float32.
CENTRE_TOLERANCE = 0.5 + 1e-5

# Mismo boceto en un papel el doble de grande y con el doble de grosor: la diferencia
# media medida es de 0,003 como mucho (dígito 5); 0,01 deja margen sin ocultar un error.
SCALE_TOLERANCE = 0.01


def ink_box(image: np.ndarray) -> tuple[int, int]:
    """Alto y ancho de la caja que contiene la tinta (los valores mayores que 0)."""
    rows = np.flatnonzero((image > 0).any(axis=1))
    cols = np.flatnonzero((image > 0).any(axis=0))
    return int(rows[-1] - rows[0] + 1), int(cols[-1] - cols[0] + 1)


def paste(drawing: np.ndarray, shape: tuple[int, int], top: int, left: int) -> np.ndarray:
    """El dibujo pegado en un papel blanco de ``shape``: el mismo trazo, movido píxeles enteros."""
    page = np.full(shape, 255, dtype=np.uint8)
    page[top:top + drawing.shape[0], left:left + drawing.shape[1]] = drawing
    return page


# --- prepare_like_mnist: forma, caja y centro ------------------------------------------------


@pytest.mark.parametrize("digit", DIGITS)
def test_result_is_a_float32_frame_between_0_and_1(digit: int) -> None:
    result = prepare_like_mnist(sketch_digit(digit))
    assert result.dtype == np.float32
    assert result.shape == (FRAME, FRAME) == (28, 28)
    assert result.min() >= 0.0
    assert result.max() <= 1.0
    assert result.max() > 0.5  # hay tinta de verdad, no solo gris del borde


@pytest.mark.parametrize("digit", DIGITS)
def test_longer_side_of_the_ink_is_the_box(digit: int) -> None:
    # Los bocetos son más altos que anchos (140 × 80 píxeles): el alto mide BOX.
    height, width = ink_box(prepare_like_mnist(sketch_digit(digit)))
    assert height == BOX == 20
    assert width < BOX


@pytest.mark.parametrize("digit", DIGITS)
def test_centre_of_mass_is_the_centre_of_the_frame(digit: int) -> None:
    row, col = center_of_mass(prepare_like_mnist(sketch_digit(digit)))
    assert abs(row - FRAME // 2) <= CENTRE_TOLERANCE
    assert abs(col - FRAME // 2) <= CENTRE_TOLERANCE


@pytest.mark.parametrize(
    ("ink_shape", "expected_box"),
    [
        ((100, 40), (20, 8)),  # alto: el alto pasa a 20 y el ancho, en proporción
        ((40, 100), (8, 20)),  # apaisado: igual, con el ancho
        ((50, 50), (20, 20)),
        ((7, 3), (20, 9)),  # se amplía: 3 × 20/7 = 8,57 → 9
    ],
)
def test_scaling_keeps_the_aspect_ratio(
    ink_shape: tuple[int, int], expected_box: tuple[int, int]
) -> None:
    paper = np.full((ink_shape[0] + 30, ink_shape[1] + 30), 255, dtype=np.uint8)
    paper[10:10 + ink_shape[0], 20:20 + ink_shape[1]] = 0
    result = prepare_like_mnist(paper)
    assert ink_box(result) == expected_box
    if ink_shape == (100, 40):
        # Un rectángulo lleno sigue lleno: cada píxel nuevo promedia solo tinta.
        rows = np.flatnonzero(result.any(axis=1))
        cols = np.flatnonzero(result.any(axis=0))
        box = result[rows[0]:rows[-1] + 1, cols[0]:cols[-1] + 1]
        np.testing.assert_allclose(box, 1.0, atol=1e-6)


def test_docstring_example() -> None:
    finder = doctest.DocTestFinder()
    runner = doctest.DocTestRunner(optionflags=doctest.ELLIPSIS)
    for test in finder.find(prepare_like_mnist, "prepare_like_mnist", globs=vars(preprocessing)):
        runner.run(test)
    results = runner.summarize(verbose=False)
    assert results.attempted == 4
    assert results.failed == 0


def test_docstring_example_inline() -> None:
    # El «1» del ejemplo: 40 × 4 píxeles de tinta → 20 × 2, centrado.
    paper = np.full((60, 40), 255, dtype=np.uint8)
    paper[10:50, 18:22] = 0
    result = prepare_like_mnist(paper)
    assert result.shape == (28, 28)
    assert ink_box(result) == (20, 2)
    row, col = center_of_mass(result)
    assert abs(row - 14) <= CENTRE_TOLERANCE
    assert abs(col - 14) <= CENTRE_TOLERANCE


# --- prepare_like_mnist: lo que no debe cambiar el resultado ---------------------------------


@pytest.mark.parametrize("digit", DIGITS)
def test_dark_on_light_and_light_on_dark_are_the_same(digit: int) -> None:
    drawing = sketch_digit(digit)
    np.testing.assert_array_equal(prepare_like_mnist(drawing), prepare_like_mnist(255 - drawing))


@pytest.mark.parametrize("digit", [1, 4, 8])
def test_uint8_and_float_between_0_and_1_are_the_same(digit: int) -> None:
    drawing = sketch_digit(digit)
    np.testing.assert_array_equal(prepare_like_mnist(drawing), prepare_like_mnist(drawing / 255))
    # En float32 la entrada ya viene redondeada: iguales salvo en el último decimal.
    np.testing.assert_allclose(
        prepare_like_mnist(drawing.astype(np.float32) / 255), prepare_like_mnist(drawing),
        rtol=0, atol=1e-6,
    )


@pytest.mark.parametrize("digit", [0, 7])
def test_boolean_image_works(digit: int) -> None:
    ink = sketch_digit(digit) < 128  # True, la tinta
    result = prepare_like_mnist(ink)
    assert result.shape == (28, 28)
    assert ink_box(result)[0] == BOX
    # Lo mismo que en blanco y negro con uint8 (y que con la tinta en False).
    black_and_white = np.where(ink, 0, 255).astype(np.uint8)
    np.testing.assert_array_equal(result, prepare_like_mnist(black_and_white))
    np.testing.assert_array_equal(result, prepare_like_mnist(~ink))


def test_single_channel_image_is_like_a_grayscale_one() -> None:
    drawing = sketch_digit(3)
    np.testing.assert_array_equal(prepare_like_mnist(drawing[..., None]), prepare_like_mnist(drawing))


def test_other_integer_types_and_lists_work() -> None:
    drawing = sketch_digit(2, (60, 60), top=10, left=15, height=40, width=25, thickness=5)
    expected = prepare_like_mnist(drawing)
    np.testing.assert_array_equal(prepare_like_mnist(drawing.astype(np.int64) * 4 - 7), expected)
    np.testing.assert_array_equal(prepare_like_mnist(drawing.tolist()), expected)


@pytest.mark.parametrize("digit", DIGITS)
def test_scale_invariance(digit: int) -> None:
    small = prepare_like_mnist(sketch_digit(digit))
    large = prepare_like_mnist(
        sketch_digit(digit, (400, 400), top=60, left=120, height=280, width=160, thickness=32)
    )
    assert np.abs(small - large).mean() < SCALE_TOLERANCE


@pytest.mark.parametrize("digit", DIGITS)
@pytest.mark.parametrize(("top", "left"), [(0, 0), (37, 5), (113, 290)])
def test_translation_invariance(digit: int, top: int, left: int) -> None:
    # El dibujo se mueve píxeles enteros pegándolo en otro sitio: volver a dibujarlo con
    # otro origen cambia algún píxel en 1 nivel de gris (redondeo de las coordenadas).
    drawing = sketch_digit(digit)
    moved = paste(drawing, (320, 500), top, left)
    np.testing.assert_array_equal(prepare_like_mnist(moved), prepare_like_mnist(drawing))


def test_digit_in_a_corner_of_a_large_page_is_centred() -> None:
    page = sketch_digit(5, (900, 700), top=740, left=600, height=140, width=80, thickness=16)
    assert center_of_mass(255.0 - page)[0] > 750  # en la esquina inferior derecha
    result = prepare_like_mnist(page)
    assert ink_box(result)[0] == BOX
    row, col = center_of_mass(result)
    assert abs(row - 14) <= CENTRE_TOLERANCE
    assert abs(col - 14) <= CENTRE_TOLERANCE
    # Y exactamente igual que el mismo dibujo en su papel pequeño.
    drawing = sketch_digit(5)
    corner = paste(drawing, (900, 700), 900 - drawing.shape[0], 700 - drawing.shape[1])
    np.testing.assert_array_equal(prepare_like_mnist(corner), prepare_like_mnist(drawing))


# --- prepare_like_mnist: errores -------------------------------------------------------------


@pytest.mark.parametrize(
    ("image", "message"),
    [
        (np.zeros((0, 5)), "vacía"),
        (np.full((10, 10), 255, dtype=np.uint8), "uniforme"),
        (np.zeros((10, 10)), "uniforme"),
        (np.array([[0.0, np.nan], [1.0, 0.0]]), "no finitos"),
        (np.array([[0.0, np.inf], [1.0, 0.0]]), "no finitos"),
        (np.array([[0.0, -np.inf], [1.0, 0.0]]), "no finitos"),
        (np.arange(5.0), r"escala de grises .* forma \(5,\)"),
        (np.zeros((2, 3, 4, 1)), r"forma \(2, 3, 4, 1\)"),
        (np.zeros((8, 8, 3)), "conviértela antes a grises"),
    ],
)
def test_invalid_images_raise_value_error(image: np.ndarray, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        prepare_like_mnist(image)


def test_only_colour_images_get_the_hint_about_grey() -> None:
    with pytest.raises(ValueError, match=r"grises \(alto × ancho\)") as excinfo:
        prepare_like_mnist(np.zeros((2, 3, 4, 1)))
    assert "conviértela" not in str(excinfo.value)


@pytest.mark.parametrize(
    "image",
    [
        np.array([["a", "b"], ["c", "d"]]),
        np.array([[1, 2], [3, 4]], dtype=object),
        np.array([[1 + 1j, 0], [0, 0]]),
        None,
    ],
)
def test_non_numeric_images_raise_type_error(image: object) -> None:
    with pytest.raises(TypeError, match="la imagen debe ser numérica"):
        prepare_like_mnist(image)


def test_ragged_list_raises_type_error() -> None:
    with pytest.raises(TypeError, match="matriz de NumPy"):
        prepare_like_mnist([[0, 1], [1]])


# --- ink_image ------------------------------------------------------------------------------


def test_ink_image_on_light_paper() -> None:
    paper = np.full((5, 6), 200, dtype=np.uint8)
    paper[2, 1] = 0  # la tinta más oscura
    paper[2, 2] = 100  # gris a medias
    paper[2, 3] = 190  # casi papel: (200 - 190) / 200 = 0,05, por debajo del umbral
    ink = ink_image(paper)
    expected = np.zeros((5, 6))
    expected[2, 1] = 1.0
    expected[2, 2] = 0.5
    np.testing.assert_allclose(ink, expected, atol=1e-12)
    assert ink[paper == 200].max() == 0.0  # el fondo, exactamente 0
    assert ink[2, 1] == 1.0
    assert ink[2, 3] == 0.0


def test_ink_image_on_dark_paper_is_not_inverted() -> None:
    paper = np.full((5, 6), 10.0)
    paper[1, 1] = 250.0
    paper[3, 4] = 130.0
    paper[3, 2] = 20.0  # (20 - 10) / 240 < INK_THRESHOLD
    ink = ink_image(paper)
    assert ink[1, 1] == 1.0
    assert ink[3, 4] == pytest.approx(0.5)
    assert ink[3, 2] == 0.0
    assert (ink[paper == 10.0] == 0.0).all()


def test_ink_image_sets_everything_below_the_threshold_to_zero() -> None:
    ink = ink_image(sketch_digit(8))  # el borde suavizado tiene todos los grises
    assert ink.min() == 0.0
    assert ink.max() == 1.0
    assert ink[ink > 0].min() >= INK_THRESHOLD


# --- resize_area ----------------------------------------------------------------------------


def test_resize_area_by_an_integer_factor_averages_blocks() -> None:
    image = np.arange(16.0).reshape(4, 4)
    expected = image.reshape(2, 2, 2, 2).mean(axis=(1, 3))  # la media de cada bloque 2 × 2
    result = resize_area(image, 2, 2)
    np.testing.assert_allclose(result, expected)
    assert result.mean() == pytest.approx(image.mean())


def test_resize_area_to_the_same_size_is_the_identity() -> None:
    image = np.random.default_rng(0).random((7, 5))
    np.testing.assert_allclose(resize_area(image, 7, 5), image, rtol=0, atol=1e-15)


def test_resize_area_conserves_ink_up_to_the_area_factor() -> None:
    image = np.random.default_rng(1).random((7, 5))
    result = resize_area(image, 3, 2)
    assert result.shape == (3, 2)
    assert result.sum() * (7 * 5) / (3 * 2) == pytest.approx(image.sum(), rel=1e-12)


def test_resize_area_enlarging_by_an_integer_factor_repeats_pixels() -> None:
    image = np.array([[0.0, 1.0], [0.25, 0.5]])
    np.testing.assert_allclose(resize_area(image, 4, 6), np.kron(image, np.ones((2, 3))))


def test_resize_area_of_a_constant_image_is_constant() -> None:
    np.testing.assert_allclose(resize_area(np.full((13, 9), 0.7), 5, 11), 0.7)


@pytest.mark.parametrize(("height", "width"), [(0, 3), (3, 0), (-1, 2)])
def test_resize_area_rejects_sizes_below_one(height: int, width: int) -> None:
    with pytest.raises(ValueError, match="el tamaño de destino debe ser de al menos 1 × 1"):
        resize_area(np.ones((4, 4)), height, width)


# --- center_of_mass -------------------------------------------------------------------------


def test_center_of_mass_of_a_single_pixel() -> None:
    image = np.zeros((7, 9))
    image[3, 5] = 0.8
    assert center_of_mass(image) == pytest.approx((3.0, 5.0), abs=1e-12)


def test_center_of_mass_of_a_symmetric_figure() -> None:
    image = np.zeros((11, 13))
    image[2:9, 6] = 1.0  # una cruz centrada en (5, 6)
    image[5, 3:10] = 1.0
    image[4:7, 5:8] += 0.5
    row, col = center_of_mass(image)
    assert row == pytest.approx(5.0)
    assert col == pytest.approx(6.0)


def test_center_of_mass_is_weighted_by_the_ink() -> None:
    image = np.zeros((3, 5))
    image[0, 0] = 3.0
    image[2, 4] = 1.0
    assert center_of_mass(image) == pytest.approx((0.5, 1.0))


# --- draw_strokes y sketch_digit ------------------------------------------------------------


def test_draw_strokes_is_dark_ink_on_white_paper() -> None:
    image = draw_strokes([[(10, 10), (10, 50)]], (30, 60), thickness=8)
    assert image.dtype == np.uint8
    assert image.shape == (30, 60)
    assert image[0, 0] == image[-1, -1] == 255
    assert image[10, 30] == 0  # el centro del trazo
    assert (image[7:14, 10:51] == 0).all()  # hasta medio grosor, tinta plena
    assert (image[20:] == 255).all()


def test_single_point_stroke_is_a_dot() -> None:
    image = draw_strokes([[(20, 30)]], (40, 60), thickness=10)
    assert image[20, 30] == 0
    assert image[20, 34] == 0
    assert image[20, 37] == 255
    assert image[27, 30] == 255
    # Un disco: simétrico alrededor del punto.
    dot = image[10:31, 20:41]
    np.testing.assert_array_equal(dot, dot[::-1])
    np.testing.assert_array_equal(dot, dot[:, ::-1])
    np.testing.assert_array_equal(dot, dot.T)


def test_edge_of_the_stroke_is_anti_aliased() -> None:
    image = draw_strokes([[(50.3, 10), (50.3, 90)]], (100, 100), thickness=6)
    column = image[44:57, 50]
    assert ((column > 0) & (column < 255)).any()
    # A 3,3 píxeles del centro queda 0,2 de tinta; a 2,7 píxeles, 0,8.
    assert column[3] == round(255 * 0.8)
    assert column[9] == round(255 * 0.2)


def test_strokes_are_joined_by_segments() -> None:
    image = draw_strokes([[(5, 5), (5, 25), (25, 25)]], (30, 30), thickness=2)
    assert image[5, 15] == 0  # en el primer segmento
    assert image[15, 25] == 0  # en el segundo
    assert image[15, 15] == 255  # no se une el primero con el último


def test_several_strokes_are_all_drawn() -> None:
    image = draw_strokes([[(5, 5)], [(20, 20), (20, 25)]], (30, 30), thickness=3)
    assert image[5, 5] == 0
    assert image[20, 22] == 0
    assert image[12, 12] == 255


def test_no_strokes_is_blank_paper() -> None:
    assert (draw_strokes([], (5, 7)) == 255).all()


@pytest.mark.parametrize("thickness", [0, -3.0, float("nan"), float("inf")])
def test_draw_strokes_rejects_non_positive_thickness(thickness: float) -> None:
    with pytest.raises(ValueError, match="el grosor del trazo debe ser un número positivo y finito"):
        draw_strokes([[(1, 1)]], (5, 5), thickness=thickness)


@pytest.mark.parametrize("shape", [(0, 10), (10, 0)])
def test_draw_strokes_rejects_empty_paper(shape: tuple[int, int]) -> None:
    with pytest.raises(ValueError, match=r"el papel debe medir al menos 1 × 1 píxeles"):
        draw_strokes([[(1, 1)]], shape)


def test_draw_strokes_rejects_a_stroke_without_points() -> None:
    with pytest.raises(ValueError, match="hay un trazo sin puntos"):
        draw_strokes([[(1, 1), (2, 2)], []], (5, 5))


@pytest.mark.parametrize("label", [-1, 10, 42, "7"])
def test_sketch_digit_rejects_labels_outside_0_to_9(label: object) -> None:
    with pytest.raises(ValueError, match="no hay boceto del dígito .*: los hay del 0 al 9"):
        sketch_digit(label)  # type: ignore[arg-type]


@pytest.mark.parametrize("digit", DIGITS)
def test_sketch_digit_stays_in_its_box(digit: int) -> None:
    image = sketch_digit(digit, (200, 200), top=30, left=60, height=140, width=80, thickness=16)
    assert image.dtype == np.uint8
    ink_rows, ink_cols = np.nonzero(image < 255)
    # La caja, más medio grosor y el píxel del suavizado.
    assert ink_rows.min() >= 30 - 9
    assert ink_rows.max() <= 170 + 9
    assert ink_cols.min() >= 60 - 9
    assert ink_cols.max() <= 140 + 9


def test_sketches_are_the_ten_digits() -> None:
    assert sorted(SKETCHES) == DIGITS


@pytest.mark.parametrize("digit", DIGITS)
def test_sketch_points_are_inside_the_unit_box(digit: int) -> None:
    strokes = SKETCHES[digit]
    assert strokes
    assert all(len(stroke) > 0 for stroke in strokes)
    points = np.concatenate([np.asarray(stroke, dtype=np.float64).reshape(-1, 2) for stroke in strokes])
    # Las elipses se calculan con senos y cosenos: el borde, con holgura de redondeo.
    assert points.min() >= -1e-12
    assert points.max() <= 1 + 1e-12


@pytest.mark.parametrize("label", [[1], True, 1.0, "1"])
def test_sketch_digit_rejects_labels_that_are_not_integers(label: object) -> None:
    with pytest.raises(ValueError, match="no hay boceto del dígito"):
        sketch_digit(label)  # type: ignore[arg-type]


def test_timedelta_images_are_not_numbers() -> None:
    with pytest.raises(TypeError, match="numérica"):
        prepare_like_mnist(np.zeros((4, 4), dtype="timedelta64[s]"))


def test_center_of_mass_of_an_empty_image_is_an_error() -> None:
    with pytest.raises(ValueError, match="no tiene tinta"):
        center_of_mass(np.zeros((3, 3)))

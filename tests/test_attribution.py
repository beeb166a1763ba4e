"""Pruebas de course_lib.attribution: la sensibilidad a la oclusión, con una red diminuta."""

from __future__ import annotations

import keras
import numpy as np
import pytest

from course_lib import attribution, data, models


@pytest.fixture(scope="module")
def tiny_net() -> keras.Model:
    keras.utils.set_random_seed(0)
    return models.build_convnet(filters=(4,), pooling=(True,), dense_units=8)


@pytest.fixture
def digit(tiny_images) -> np.ndarray:
    return data.prepare_images(tiny_images)[0]


def test_the_map_is_the_score_drop_patch_by_patch(tiny_net, digit):
    """Cada casilla es la puntuación sin tapar menos la puntuación con ese parche (a mano)."""
    result = attribution.occlusion_map(tiny_net, digit, 3, patch=7, stride=3, fill=0.0)
    positions = range(0, 28 - 7 + 1, 3)
    assert result.shape == (len(positions), len(positions)) == (8, 8)
    covered = []
    for top in positions:
        for left in positions:
            image = digit.copy()
            image[top:top + 7, left:left + 7] = 0.0
            covered.append(image)
    scores = tiny_net(np.stack([digit, *covered]), training=False)[:, 3]
    expected = (keras.ops.convert_to_numpy(scores[0] - scores[1:])).reshape(8, 8)
    np.testing.assert_allclose(result, expected, atol=1e-6)


def test_two_dimensional_images_are_accepted(tiny_net, digit):
    with_channel = attribution.occlusion_map(tiny_net, digit, 1, patch=14, stride=14)
    without = attribution.occlusion_map(tiny_net, digit[..., 0], 1, patch=14, stride=14)
    np.testing.assert_array_equal(with_channel, without)
    assert with_channel.shape == (2, 2)


def test_logits_are_those_of_the_last_dense_layer(tiny_net, digit):
    """«logit»: z = h · W + b con la entrada de la capa softmax; su softmax es la salida de la red."""
    images = np.stack([digit, digit[::-1]])
    logits = attribution.class_scores(tiny_net, images, "logit")
    probabilities = attribution.class_scores(tiny_net, images)
    softmax = np.exp(logits - logits.max(axis=1, keepdims=True))
    softmax /= softmax.sum(axis=1, keepdims=True)
    np.testing.assert_allclose(softmax, probabilities, atol=1e-6)


def test_a_network_that_ignores_the_input_gives_an_empty_map(digit):
    """Comprobación de cordura: si la salida no depende de la imagen, el mapa no dice nada (ceros)."""
    keras.utils.set_random_seed(0)
    blind = models.build_convnet(filters=(4,), pooling=(True,), dense_units=8)
    blind.layers[-1].kernel.assign(np.zeros(blind.layers[-1].kernel.shape))
    result = attribution.occlusion_map(blind, digit, 0, patch=7, stride=7)
    np.testing.assert_allclose(result, 0.0, atol=1e-7)


def test_a_patch_over_the_background_changes_nothing(tiny_net):
    """Tapar con 0 un fondo que ya vale 0 deja la imagen igual: la diferencia es exactamente 0."""
    image = np.zeros((28, 28, 1), dtype=np.float32)
    image[10:18, 10:18] = 1.0
    result = attribution.occlusion_map(tiny_net, image, 5, patch=4, stride=4)
    assert result[0, 0] == 0.0
    assert result[-1, -1] == 0.0
    assert np.abs(result[2:4, 2:4]).max() > 0  # sobre la tinta sí cambia


@pytest.mark.parametrize(("kwargs", "error", "message"), [
    ({"patch": 29}, ValueError, "no cabe"),
    ({"patch": 0}, ValueError, "patch"),
    ({"stride": 0}, ValueError, "stride"),
    ({"class_index": 10}, ValueError, "de 0 a 9"),
    ({"class_index": -1}, ValueError, "de 0 a 9"),
    ({"fill": "negro"}, TypeError, "fill"),
    ({"score": "exactitud"}, ValueError, "score"),
])
def test_bad_arguments_get_a_spanish_error(tiny_net, digit, kwargs, error, message):
    arguments = {"class_index": 0} | kwargs
    class_index = arguments.pop("class_index")
    with pytest.raises(error, match=message):
        attribution.occlusion_map(tiny_net, digit, class_index, **arguments)


def test_wrong_image_shape_is_rejected(tiny_net, digit):
    with pytest.raises(ValueError, match="forma"):
        attribution.occlusion_map(tiny_net, np.stack([digit, digit]), 0)


def test_logits_need_a_softmax_dense_layer_at_the_end(digit):
    plain = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)])
    with pytest.raises(ValueError, match="softmax"):
        attribution.class_scores(plain, digit[np.newaxis], "logit")


# ---------------------------------------------------------------- dónde cae el mapa, similitud


def test_map_extent_centres_each_cell_on_its_window():
    """Casilla i: ventana de píxeles [i·salto, i·salto + campo − 1], centrada en su mitad."""
    left, right, bottom, top = attribution.map_extent(7, 1, 22)
    assert (left, top) == (2.5, 2.5)
    assert (right, bottom) == (24.5, 24.5)
    # conv_3 de la red del curso: campo 18, salto 4, 3 × 3 casillas con centros en 8,5; 12,5; 16,5.
    left, right, _, _ = attribution.map_extent(18, 4, 3)
    centres = [left + 4 / 2 + 4 * i for i in range(3)]
    assert centres == [8.5, 12.5, 16.5]
    assert right == 18.5
    with pytest.raises(ValueError, match="field"):
        attribution.map_extent(0, 1, 3)


def test_rank_similarity_compares_the_order_of_the_pixels():
    rng = np.random.default_rng(0)
    maps = rng.random((4, 6, 6))
    assert attribution.rank_similarity(maps, maps) == pytest.approx(1.0)
    assert attribution.rank_similarity(maps, 3 * maps + 1) == pytest.approx(1.0)  # solo el orden
    assert attribution.rank_similarity(maps, -maps) == pytest.approx(1.0)  # valores absolutos
    assert attribution.rank_similarity(maps, 1 / maps) == pytest.approx(-1.0)  # orden inverso
    others = rng.random((4, 6, 6))
    assert abs(attribution.rank_similarity(maps, others)) < 0.3
    with pytest.raises(ValueError, match="misma forma"):
        attribution.rank_similarity(maps, maps[:2])


# ---------------------------------------------------------------- comprobación de cordura


def _saliency(model: keras.Model, images: np.ndarray) -> np.ndarray:
    """|gradiente| del logit de la clase 3: depende de todos los pesos de la red."""
    from course_lib import gradients

    body = keras.Model(model.inputs[0], model.layers[-1].input)
    kernel = keras.ops.convert_to_numpy(model.layers[-1].kernel)
    weights = np.tile(kernel[:, 3], (len(images), 1))
    return np.abs(gradients.input_gradient(body, images, weights))[..., 0]


def test_cascading_randomization_passes_a_map_that_depends_on_the_weights(tiny_net, tiny_images):
    images = data.prepare_images(tiny_images)[:8]
    steps = attribution.cascading_randomization(
        tiny_net, lambda model: _saliency(model, images), ["softmax", "dense", "conv_1"])
    assert [name for name, _, _ in steps] == ["softmax", "dense", "conv_1"]
    assert steps[-1][1] < 0.5, steps[-1][1]
    assert steps[-1][2].shape == (8, 28, 28)
    # La red original no cambia: la cascada trabaja sobre una copia.
    np.testing.assert_allclose(_saliency(tiny_net, images), _saliency(tiny_net, images))


def test_cascading_randomization_fails_a_map_that_ignores_the_weights(tiny_net, tiny_images):
    """El fallo a propósito: un «mapa» que no mira la red (la imagen, o sus bordes) da lo mismo
    con los pesos al azar; la aserción del capítulo (similitud final < 0,6) fallaría."""
    images = data.prepare_images(tiny_images)[:8]
    for ignores_weights in (lambda model: images[..., 0],
                            lambda model: np.abs(np.diff(images[..., 0], axis=1, prepend=0))):
        steps = attribution.cascading_randomization(tiny_net, ignores_weights, ["softmax", "dense", "conv_1"])
        assert all(similarity == pytest.approx(1.0) for _, similarity, _ in steps)
        with pytest.raises(AssertionError):
            assert steps[-1][1] < 0.6  # la aserción del capítulo


def test_cascading_randomization_rejects_unknown_layers(tiny_net):
    with pytest.raises(ValueError, match="no es una capa con pesos"):
        attribution.cascading_randomization(tiny_net, lambda model: np.zeros((1, 2, 2)), ["conv_9"])
    with pytest.raises(ValueError, match="no es una capa con pesos"):
        attribution.cascading_randomization(tiny_net, lambda model: np.zeros((1, 2, 2)), ["flatten"])


def test_rank_similarity_gives_ties_their_average_rank():
    """Con empates, el rango medio (como scipy.stats.spearmanr): [0, 0, 1, 2] y [0, 0, 2, 1]."""
    a = np.array([[0.0, 0.0, 1.0, 2.0]])
    b = np.array([[0.0, 0.0, 2.0, 1.0]])
    # Rangos 0,5 0,5 2 3 y 0,5 0,5 3 2: correlación de Pearson de los rangos = 7/9.
    assert attribution.rank_similarity(a, b) == pytest.approx(7 / 9)
    # Dos mapas con ceros en sitios distintos no se parecen por el orden de las posiciones.
    c = np.array([[1.0, 2.0, 0.0, 0.0]])
    assert attribution.rank_similarity(a, c) < 0
    assert attribution.rank_similarity(np.zeros((1, 4)), a) == 0.0  # un mapa constante no tiene orden

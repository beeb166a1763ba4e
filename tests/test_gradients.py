"""Pruebas de course_lib.gradients: el gradiente respecto a la entrada, con el motor activo.

Se comprueba con diferencias finitas en una red de 64 bits y en un punto sin empates (max
pooling no es derivable donde dos valores de una ventana son iguales, como en el fondo de MNIST).
"""

from __future__ import annotations

import keras
import numpy as np
import pytest

from course_lib import gradients, models


def _float64_copy(model: keras.Model) -> keras.Model:
    layers = [layer.__class__.from_config({**layer.get_config(), "dtype": "float64"})
              for layer in model.layers]
    copy = keras.Sequential([keras.Input(model.inputs[0].shape[1:], dtype="float64"), *layers])
    copy.set_weights(model.get_weights())
    return copy


@pytest.fixture(scope="module")
def tiny_net() -> keras.Model:
    keras.utils.set_random_seed(0)
    return models.build_convnet(filters=(4, 8), pooling=(True, False), dense_units=8)


def test_the_gradient_matches_finite_differences(tiny_net):
    rng = np.random.default_rng(0)
    images = rng.random((3, 28, 28, 1))  # sin empates: valores distintos en cada ventana
    weights = rng.normal(size=(3, 10))
    with gradients.float64_precision():  # JAX calcula en 32 bits si no se le pide
        net = _float64_copy(tiny_net)
        exact = gradients.input_gradient(net, images, weights)
        assert exact.shape == images.shape
        assert exact.dtype == np.float64
        for _ in range(5):
            v = rng.normal(size=images.shape)
            plus, minus = (keras.ops.convert_to_numpy(net(images + s * 1e-7 * v)) for s in (1, -1))
            numeric = float(((plus - minus) * weights).sum() / 2e-7)
            assert numeric == pytest.approx(float((exact * v).sum()), rel=1e-5, abs=1e-7)


def test_float32_gives_the_same_gradient_up_to_rounding(tiny_net):
    rng = np.random.default_rng(1)
    images = rng.random((2, 28, 28, 1))
    weights = rng.normal(size=(2, 10))
    single = gradients.input_gradient(tiny_net, images.astype("float32"), weights)
    with gradients.float64_precision():
        double = gradients.input_gradient(_float64_copy(tiny_net), images, weights)
    assert single.dtype == np.float32
    np.testing.assert_allclose(single, double, atol=1e-5 * np.abs(double).max())


def test_a_wrong_gradient_would_be_caught(tiny_net):
    """La comparación con diferencias finitas detecta un gradiente equivocado (aquí, con el
    signo cambiado y con otra clase): la prueba de arriba puede fallar."""
    rng = np.random.default_rng(2)
    images = rng.random((1, 28, 28, 1))
    weights = np.eye(10)[[3]]
    v = rng.normal(size=images.shape)
    with gradients.float64_precision():
        net = _float64_copy(tiny_net)
        plus, minus = (keras.ops.convert_to_numpy(net(images + s * 1e-7 * v)) for s in (1, -1))
        numeric = float(((plus - minus) * weights).sum() / 2e-7)
        for wrong in (-gradients.input_gradient(net, images, weights),
                      gradients.input_gradient(net, images, np.eye(10)[[4]])):
            assert float((wrong * v).sum()) != pytest.approx(numeric, rel=1e-3)


def test_clear_errors_for_bad_arguments(tiny_net):
    images = np.zeros((2, 28, 28, 1), dtype="float32")
    with pytest.raises(ValueError, match="forma de la salida"):
        gradients.input_gradient(tiny_net, images, np.ones((2, 9)))
    with pytest.raises(TypeError, match="numpy.ndarray"):
        gradients.input_gradient(tiny_net, images.tolist(), np.ones((2, 10)))
    with pytest.raises(TypeError, match="keras.Model"):
        gradients.input_gradient("red", images, np.ones((2, 10)))


def test_float64_precision_changes_nothing_outside_the_block():
    """El bloque no deja nada cambiado: fuera de él, las redes siguen en float32."""
    with gradients.float64_precision():
        pass
    assert keras.ops.convert_to_numpy(keras.ops.ones(2)).dtype == np.float32

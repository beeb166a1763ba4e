"""El gradiente de una red con respecto a su entrada, con el motor de Keras que esté activo.

Keras 3 no tiene (aún) una función de gradientes común a sus motores: cada uno calcula
gradientes a su manera (``tf.GradientTape`` en TensorFlow, ``jax.vjp`` en JAX y
``Tensor.backward`` en PyTorch). Esta función hace lo mismo con los tres, para que la celda del
capítulo sea igual con cualquiera.

Lo que calcula es el producto de un vector por la matriz jacobiana (*vector-Jacobian
product*): dada una red ``f`` y unos pesos ``w`` para cada salida, el gradiente de
``sum(w * f(x))`` con respecto a ``x``. Con ``w`` igual a 1 en una clase y 0 en las demás es el
gradiente de la puntuación de esa clase; con ``w`` igual al gradiente que llega de las capas
siguientes, es un paso más de la retropropagación (la regla de la cadena).
"""

from __future__ import annotations

import contextlib
import importlib
from collections.abc import Iterator
from typing import TYPE_CHECKING, Any

import numpy as np

from course_lib import _validation

if TYPE_CHECKING:
    import keras

BACKENDS = ("tensorflow", "jax", "torch")
"""Los motores de Keras con que funciona :func:`input_gradient`."""


def input_gradient(model: keras.Model, inputs: np.ndarray, output_weights: np.ndarray) -> np.ndarray:
    """El gradiente de ``sum(output_weights * model(inputs))`` con respecto a ``inputs``.

    Parameters
    ----------
    model : keras.Model
        Cualquier red (o trozo de red) de Keras; se llama en modo de predicción
        (``training=False``), así que el *dropout* está apagado.
    inputs : numpy.ndarray
        Un lote de entradas, con la forma que espera la red (con la dimensión del lote).
    output_weights : numpy.ndarray
        Un peso por cada salida de la red para ese lote: la misma forma que ``model(inputs)``.

    Returns
    -------
    numpy.ndarray
        Un número por cada número de la entrada (la forma de ``inputs``), en el tipo con que
        espera la entrada de la red (``float32``, o ``float64`` si se declaró así): cuánto
        cambia la suma ponderada de las salidas por cada unidad que sube ese número de la entrada.
    """
    import keras

    _validation.keras_model(model)
    _validation.ndarray(inputs, "inputs")
    _validation.ndarray(output_weights, "output_weights")
    # float32, salvo en una red cuya entrada se declaró en float64 (keras.Input(..., dtype="float64")).
    dtype = str(model.inputs[0].dtype) if getattr(model, "inputs", None) else str(model.compute_dtype)
    x = np.asarray(inputs, dtype=dtype)
    weights = np.asarray(output_weights, dtype=dtype)
    backend = keras.backend.backend()
    if backend == "tensorflow":
        return _tensorflow(model, x, weights)
    if backend == "jax":
        return _jax(model, x, weights)
    if backend == "torch":
        return _torch(model, x, weights)
    raise RuntimeError(f"input_gradient funciona con los motores {BACKENDS}; el activo es «{backend}».")


@contextlib.contextmanager
def float64_precision() -> Iterator[None]:
    """Un bloque ``with`` en el que el motor activo puede calcular en 64 bits.

    JAX calcula en 32 bits salvo que se le pida lo contrario (``jax_enable_x64``); dentro de
    este bloque, una red construida con ``dtype="float64"`` calcula de verdad en 64 bits.
    TensorFlow y PyTorch ya lo hacen sin nada más, así que con ellos el bloque no cambia nada.
    Sirve para comprobar un gradiente con diferencias finitas sin que el redondeo lo tape.
    """
    import keras

    if keras.backend.backend() != "jax":
        yield
        return
    import jax

    enable: Any = getattr(jax, "enable_x64", None)
    if enable is None:  # JAX anteriores a 0.6
        enable = importlib.import_module("jax.experimental").enable_x64
    with enable(True):
        yield


def _check_shape(outputs: Any, weights: np.ndarray) -> None:
    """La forma de la salida se mira al calcularla (Keras 3.3 no sabe deducirla de un modelo funcional)."""
    shape = tuple(int(n) for n in outputs.shape)
    if weights.shape != shape:
        raise ValueError(f"«output_weights» debe tener la forma de la salida de la red para estas "
                         f"entradas, {shape}; tiene {weights.shape}.")


def _tensorflow(model: keras.Model, x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    import tensorflow as tf

    tensor = tf.convert_to_tensor(x)
    with tf.GradientTape() as tape:
        tape.watch(tensor)
        outputs = model(tensor, training=False)
        _check_shape(outputs, weights)
        total = tf.reduce_sum(outputs * weights)
    return np.asarray(tape.gradient(total, tensor))


def _jax(model: keras.Model, x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    import jax
    import jax.numpy as jnp

    def total(values: jax.Array) -> jax.Array:
        return jnp.sum(model(values, training=False) * weights)

    _check_shape(jax.eval_shape(lambda values: model(values, training=False), jnp.asarray(x)), weights)
    return np.asarray(jax.grad(total)(jnp.asarray(x)))


def _torch(model: keras.Model, x: np.ndarray, weights: np.ndarray) -> np.ndarray:
    import keras
    import torch

    tensor = keras.ops.convert_to_tensor(x).detach().requires_grad_(True)
    outputs = model(tensor, training=False)
    _check_shape(outputs, weights)
    total = (outputs * keras.ops.convert_to_tensor(weights)).sum()
    (gradient,) = torch.autograd.grad(total, tensor)
    return gradient.detach().cpu().numpy()

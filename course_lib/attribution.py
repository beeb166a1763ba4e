"""¿Dónde mira la red? Sensibilidad a la oclusión, solo con pasadas hacia delante.

Se tapa una zona de la imagen con un parche y se mira cuánto baja la puntuación de una clase:
donde baja mucho, la red se apoyaba en esos píxeles. Como solo hace predicciones, funciona igual
con cualquier motor de Keras (TensorFlow, JAX o PyTorch).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING

import numpy as np

from course_lib import _validation

if TYPE_CHECKING:
    import keras

SCORES = ("probabilidad", "logit")
"""Las puntuaciones de una clase que se pueden mirar: la probabilidad de la softmax o el logit."""


def class_scores(model: keras.Model, images: np.ndarray, score: str = "probabilidad",
                 batch_size: int = 256) -> np.ndarray:
    """La puntuación de cada clase para cada imagen: forma ``(imágenes, clases)``.

    Con ``score="probabilidad"``, la salida de la red. Con ``score="logit"``, los logits de la
    última capa ``Dense`` (la de la softmax), calculados a mano a partir de lo que le llega, como
    en el capítulo sobre la cabeza clasificadora: ``z = h · W + b``. Los logits no se saturan
    cuando la red está muy segura (una probabilidad de 0,9999 apenas puede subir, su logit sí).
    """
    import keras

    _validation.keras_model(model)
    _validation.ndarray(images, "images")
    if score not in SCORES:
        raise ValueError(f"«score» debe ser uno de {SCORES}; se recibió {score!r}.")
    _validation.integer(batch_size, "batch_size")
    if score == "probabilidad":
        return _in_batches(model, images, batch_size)
    last = model.layers[-1]
    if not isinstance(last, keras.layers.Dense) or last.activation is not keras.activations.softmax:
        raise ValueError("Para «logit», la última capa de la red debe ser una Dense con activación "
                         f"softmax; la última es {type(last).__name__} («{last.name}»).")
    hidden = _in_batches(keras.Model(model.inputs[0], last.input), images, batch_size)
    weights, bias = (np.asarray(keras.ops.convert_to_numpy(w), dtype=np.float64) for w in last.weights)
    return hidden @ weights + bias


def _in_batches(model: keras.Model, images: np.ndarray, batch_size: int) -> np.ndarray:
    """La salida de ``model`` (en modo de predicción) para ``images``, por lotes, en ``float64``.

    Llama a la red directamente (``model(x, training=False)``): con pocas imágenes es mucho más
    rápido que ``model.predict``, que prepara un conjunto de datos en cada llamada.
    """
    import keras

    outputs = [keras.ops.convert_to_numpy(model(images[start:start + batch_size], training=False))
               for start in range(0, len(images), batch_size)]
    return np.concatenate(outputs).astype(np.float64)


def occlusion_positions(size: int, patch: int, stride: int) -> np.ndarray:
    """Dónde empieza el parche en cada posición, a lo largo de un lado de ``size`` píxeles.

    Como una ventana sin relleno: ``(size - patch) // stride + 1`` posiciones.
    """
    _validation.integer(size, "size")
    _validation.integer(patch, "patch")
    _validation.integer(stride, "stride")
    if patch > size:
        raise ValueError(f"El parche ({patch} × {patch}) no cabe en la imagen ({size} píxeles de lado).")
    return np.arange(0, size - patch + 1, stride)


def occlusion_map(model: keras.Model, image: np.ndarray, class_index: int, *, patch: int = 7,
                  stride: int = 1, fill: float = 0.0, score: str = "probabilidad") -> np.ndarray:
    """Cuánto baja la puntuación de ``class_index`` al tapar cada zona de ``image``.

    Parameters
    ----------
    model : keras.Model
        La red, con entrada de forma ``(alto, ancho, 1)``.
    image : numpy.ndarray
        Una imagen preparada, de forma ``(alto, ancho)`` o ``(alto, ancho, 1)``.
    class_index : int
        La clase cuya puntuación se mira (de 0 al número de clases menos 1).
    patch, stride : int
        El lado del parche cuadrado y cuántos píxeles avanza de una posición a la siguiente.
    fill : float
        El valor con que se tapa. En MNIST, 0 es el fondo: tapar con 0 solo puede quitar tinta.
    score : {"probabilidad", "logit"}
        Qué puntuación se mira (ver :func:`class_scores`).

    Returns
    -------
    numpy.ndarray
        Forma ``(filas, columnas)``, una casilla por posición del parche: la puntuación de la
        imagen sin tapar menos la de la imagen tapada. Positivo: tapar esa zona baja la
        puntuación; la zona ayudaba a elegir la clase.
    """
    _validation.keras_model(model)
    _validation.ndarray(image, "image")
    if image.ndim == 3 and image.shape[-1] == 1:
        image = image[..., 0]
    if image.ndim != 2:
        raise ValueError(f"«image» debe tener forma (alto, ancho) o (alto, ancho, 1); tiene {image.shape}.")
    classes = int(model.output_shape[-1])
    if not _validation.is_integer(class_index, minimum=0) or class_index >= classes:
        raise ValueError(f"«class_index» debe ser un entero de 0 a {classes - 1}; "
                         f"se recibió {class_index!r}.")
    fill = _validation.real(fill, "fill")
    rows = occlusion_positions(image.shape[0], patch, stride)
    cols = occlusion_positions(image.shape[1], patch, stride)
    covered = np.repeat(image[np.newaxis].astype(np.float32), len(rows) * len(cols), axis=0)
    for k, (top, left) in enumerate((r, c) for r in rows for c in cols):
        covered[k, top:top + patch, left:left + patch] = fill
    batch = np.concatenate([image[np.newaxis].astype(np.float32), covered])[..., np.newaxis]
    scores = class_scores(model, batch, score)[:, class_index]
    return (scores[0] - scores[1:]).reshape(len(rows), len(cols))


def map_extent(field: int, jump: int, count: int) -> tuple[float, float, float, float]:
    """Dónde cae, sobre la imagen, un mapa de ``count × count`` casillas: el ``extent`` de ``imshow``.

    Cada casilla resume una ventana de ``field × field`` píxeles (el parche de la oclusión o el
    campo receptivo de una capa) y la siguiente empieza ``jump`` píxeles después. Dibujada así,
    cada casilla queda centrada en su ventana, en las coordenadas de ``imshow`` para la imagen
    (el centro del píxel ``i`` está en ``i``). Devuelve ``(izquierda, derecha, abajo, arriba)``.
    """
    _validation.integer(field, "field")
    _validation.integer(jump, "jump")
    _validation.integer(count, "count")
    first = (field - 1) / 2 - jump / 2
    last = (field - 1) / 2 + (count - 1) * jump + jump / 2
    return first, last, last, first


def _average_ranks(values: np.ndarray) -> np.ndarray:
    """Los rangos de cada fila (desde 0), con los empates en su rango medio, como Spearman."""
    ranks = np.empty_like(values, dtype=np.float64)
    for row, data in enumerate(values):
        _, inverse, counts = np.unique(data, return_inverse=True, return_counts=True)
        ends = np.cumsum(counts)  # los valores iguales ocupan los puestos ends - counts … ends - 1
        ranks[row] = (ends - (counts + 1) / 2)[inverse]
    return ranks


def rank_similarity(first: np.ndarray, second: np.ndarray) -> float:
    """La correlación de Spearman entre los valores absolutos de dos lotes de mapas, media por mapa.

    Compara el orden de los píxeles (cuál importa más), no sus valores: 1 si los dos mapas
    ordenan los píxeles igual, cerca de 0 si no tienen nada que ver. Los empates (los píxeles
    con el mismo valor, como los muchos ceros de un mapa) comparten su rango medio; un mapa
    constante no tiene orden y cuenta como 0.
    """
    _validation.ndarray(first, "first")
    _validation.ndarray(second, "second")
    if first.shape != second.shape or first.ndim < 2:
        raise ValueError("«first» y «second» deben ser lotes de mapas de la misma forma; "
                         f"tienen {first.shape} y {second.shape}.")
    ranks_a = _average_ranks(np.abs(first.reshape(len(first), -1)).astype(np.float64))
    ranks_b = _average_ranks(np.abs(second.reshape(len(second), -1)).astype(np.float64))
    ranks_a -= ranks_a.mean(axis=1, keepdims=True)
    ranks_b -= ranks_b.mean(axis=1, keepdims=True)
    norms = np.sqrt((ranks_a**2).sum(axis=1) * (ranks_b**2).sum(axis=1))
    correlation = np.divide((ranks_a * ranks_b).sum(axis=1), norms, out=np.zeros(len(norms)), where=norms > 0)
    return float(correlation.mean())


def cascading_randomization(model: keras.Model, explain: Callable[[keras.Model], np.ndarray],
                            layer_names: Sequence[str], seed: int = 0) -> list[tuple[str, float, np.ndarray]]:
    """La comprobación de cordura de Adebayo et al. (2018): ¿cambia el mapa si se borra lo aprendido?

    Se copia la red y se vuelven a inicializar sus capas al azar, una a una y de arriba abajo
    (en el orden de ``layer_names``; cada paso conserva las capas ya borradas). Tras cada paso
    se calculan de nuevo los mapas con ``explain`` (una función que recibe una red y devuelve
    un lote de mapas) y se comparan con los de la red entrenada con :func:`rank_similarity`.
    Un método que explica la red debe dar mapas cada vez más distintos; uno que da lo mismo
    con los pesos al azar (por ejemplo, la propia imagen) no dice nada de lo aprendido.

    Returns
    -------
    list of (str, float, numpy.ndarray)
        Para cada capa borrada, su nombre, la similitud con los mapas de la red entrenada y los
        mapas de la red con esa capa (y las anteriores) al azar.
    """
    import keras

    _validation.keras_model(model)
    _validation.integer(seed, "seed", minimum=0)
    names = [layer.name for layer in model.layers]
    for name in layer_names:
        if name not in names or not model.get_layer(name).weights:
            raise ValueError(f"«{name}» no es una capa con pesos de la red; las capas son {names}.")
    reference = np.asarray(explain(model))
    copy = keras.models.clone_model(model)
    copy.set_weights(model.get_weights())
    keras.utils.set_random_seed(seed)
    steps = []
    for name in layer_names:
        layer = copy.get_layer(name)
        layer.kernel.assign(layer.kernel_initializer(layer.kernel.shape))
        if layer.bias is not None:
            layer.bias.assign(layer.bias_initializer(layer.bias.shape))
        maps = np.asarray(explain(copy))
        steps.append((name, rank_similarity(reference, maps), maps))
    return steps

"""Constructores de los modelos del curso: la red densa de referencia y la red convolucional."""

from __future__ import annotations

import math
from collections.abc import Sequence

import keras
from keras import layers

from course_lib import _validation
from course_lib.data import IMAGE_SHAPE, NUM_CLASSES

OPTIMIZER = "rmsprop"
LOSS = "categorical_crossentropy"
METRICS = ("accuracy",)


def _input_shape(value: object) -> tuple[int, int, int]:
    if (
        not isinstance(value, (tuple, list))
        or len(value) != 3
        or not all(_validation.is_integer(v, minimum=1) for v in value)
    ):
        raise ValueError(
            "«input_shape» debe ser (alto, ancho, canales) con tres enteros positivos, "
            f"p. ej. (28, 28, 1); se recibió {value!r}."
        )
    return (value[0], value[1], value[2])


def _per_layer(value: object, name: str, count: int) -> list[int]:
    """Un entero para todas las convoluciones o una secuencia con uno por convolución."""
    if isinstance(value, Sequence) and not isinstance(value, (str, bytes)):
        if len(value) != count:
            raise ValueError(
                f"«{name}» tiene {len(value)} elementos y «filters» {count}: debe ser un "
                "entero o tener uno por cada convolución."
            )
        return [_validation.integer(v, name) for v in value]
    return [_validation.integer(value, name)] * count


def _compile(model: keras.Model, optimizer: str | keras.optimizers.Optimizer) -> keras.Model:
    try:
        model.compile(optimizer=optimizer, loss=LOSS, metrics=list(METRICS))
    except ValueError as error:
        raise ValueError(
            f"Optimizador no válido: {optimizer!r}. Usa un nombre de Keras como "
            f"'rmsprop', 'adam' o 'sgd', o un objeto keras.optimizers. ({error})"
        ) from None
    return model


def build_dense(
    hidden_units: int = 512,
    *,
    num_classes: int = NUM_CLASSES,
    input_shape: Sequence[int] = IMAGE_SHAPE,
    optimizer: str | keras.optimizers.Optimizer = OPTIMIZER,
) -> keras.Model:
    """Construye y compila la red densa de referencia del capítulo «La red densa».

    Aplana la imagen (28 x 28 x 1 -> 784), la pasa por una capa ``Dense`` con
    activación ReLU y termina en una capa ``Dense`` softmax de ``num_classes``
    unidades. Se compila como la red convolucional: rmsprop, entropía cruzada
    categórica y exactitud.

    Parameters
    ----------
    hidden_units : int
        Unidades de la capa oculta (512 en el capítulo).
    num_classes : int
        Número de clases de salida.
    input_shape : tuple
        Forma de una imagen: (alto, ancho, canales).
    optimizer : str o keras.optimizers.Optimizer
        Optimizador con el que se compila.

    Returns
    -------
    keras.Model
        El modelo compilado, llamado ``"red_densa"``.
    """
    hidden_units = _validation.integer(hidden_units, "hidden_units")
    num_classes = _validation.integer(num_classes, "num_classes")
    shape = _input_shape(input_shape)
    model = keras.Sequential(
        [
            keras.Input(shape=shape, name="imagen"),
            layers.Flatten(name="flatten"),
            layers.Dense(hidden_units, activation="relu", name="dense"),
            layers.Dense(num_classes, activation="softmax", name="softmax"),
        ],
        name="red_densa",
    )
    return _compile(model, optimizer)


def conv_output_size(
    size: int, kernel_size: int, padding: str | int = "valid", stride: int = 1
) -> int:
    """Tamaño (alto o ancho) de la salida de una convolución o de un pooling.

    Es la fórmula general ``(size + 2 * p - kernel_size) // stride + 1``, con ``p`` ceros de
    relleno a cada lado: ``p = 0`` con ``"valid"`` y, con ``"same"``, el relleno que Keras
    elige para que la salida mida ``ceil(size / stride)`` (``p = (kernel_size - 1) / 2`` si el
    núcleo es impar).

    Parameters
    ----------
    size : int
        Alto (o ancho) de la entrada.
    kernel_size : int
        Lado de la ventana.
    padding : {"valid", "same"} o int
        El relleno como en Keras o el número ``p`` de ceros que se añaden a cada lado.
    stride : int
        El paso: cuántas posiciones avanza la ventana cada vez.

    Returns
    -------
    int
        El tamaño de la salida.
    """
    if padding == "same":
        return -(-size // stride)
    if padding == "valid":
        padding = 0
    if not _validation.is_integer(padding, minimum=0):
        raise ValueError(
            f"«padding» debe ser 'valid', 'same' o un entero >= 0; se recibió {padding!r}."
        )
    return (size + 2 * padding - kernel_size) // stride + 1


def build_augmentation(
    rotation: float = 10.0, translation: float = 0.1, zoom: float = 0.1, *, seed: int | None = None
) -> keras.Sequential:
    """Capas de aumento de datos para dígitos: giro, desplazamiento y zoom al azar.

    Solo actúan al entrenar: en ``predict`` y ``evaluate`` devuelven la imagen tal
    cual. Los huecos que dejan se rellenan con 0, el valor del fondo en MNIST.

    Parameters
    ----------
    rotation : float
        Giro máximo, en grados, a cada lado (``RandomRotation`` lo recibe como
        fracción de vuelta: ``rotation / 360``).
    translation : float
        Desplazamiento máximo, en fracción del alto y del ancho (0,1: hasta
        2,8 píxeles en 28).
    zoom : float
        Zoom máximo, en fracción (0,1: entre un 10 % más cerca y un 10 % más lejos).
    seed : int, opcional
        Semilla de las capas aleatorias: cada capa recibe la suya (``seed``, ``seed + 1`` y
        ``seed + 2``), para que sus transformaciones sean independientes.

    Returns
    -------
    keras.Sequential
        Un modelo llamado ``"aumento"`` con ``RandomRotation``, ``RandomTranslation``
        y ``RandomZoom``, para pasarlo como ``augmentation`` a :func:`build_convnet`.
    """
    _validation.in_interval(rotation, "rotation", 0, 180)
    _validation.in_interval(translation, "translation", 0, 1)
    _validation.in_interval(zoom, "zoom", 0, 1)
    if seed is not None and not _validation.is_integer(seed):
        raise ValueError(f"«seed» debe ser un entero o None; se recibió {seed!r}.")
    # Una semilla distinta para cada capa: con la misma, las tres sacarían los mismos números al
    # azar y el giro, el desplazamiento vertical y el zoom irían a la par.
    seeds = (None, None, None) if seed is None else (seed, seed + 1, seed + 2)
    fill = {"fill_mode": "constant", "fill_value": 0.0}
    return keras.Sequential(
        [
            layers.RandomRotation(rotation / 360, name="giro", seed=seeds[0], **fill),
            layers.RandomTranslation(translation, translation, name="desplazamiento",
                                     seed=seeds[1], **fill),
            layers.RandomZoom(zoom, name="zoom", seed=seeds[2], **fill),
        ],
        name="aumento",
    )


def build_convnet(
    filters: Sequence[int] = (32, 64, 64),
    *,
    kernel_size: int | Sequence[int] = 3,
    strides: int | Sequence[int] = 1,
    pooling: Sequence[bool] = (True, True, False),
    pool_size: int = 2,
    padding: str = "valid",
    dense_units: int | None = 64,
    dropout: float = 0.0,
    batch_norm: bool = False,
    augmentation: keras.layers.Layer | None = None,
    num_classes: int = NUM_CLASSES,
    input_shape: Sequence[int] = IMAGE_SHAPE,
    optimizer: str | keras.optimizers.Optimizer = OPTIMIZER,
) -> keras.Model:
    """Construye y compila la red convolucional del curso.

    Con los valores por defecto es exactamente la red del cuaderno original:
    ``Conv2D`` de 32, 64 y 64 filtros 3 x 3 con ReLU, ``MaxPooling2D`` 2 x 2
    tras las dos primeras, ``Flatten``, ``Dense`` de 64 con ReLU y ``Dense``
    de 10 con softmax (93 322 parámetros), compilada con rmsprop, entropía
    cruzada categórica y exactitud. Los capítulos y ejercicios la varían con
    estos argumentos.

    Parameters
    ----------
    filters : secuencia de int
        Número de filtros de cada capa ``Conv2D``, en orden.
    kernel_size : int o secuencia de int
        Lado del núcleo (cuadrado) de las convoluciones: un número para todas o uno por
        convolución, p. ej. ``(5, 3, 3)``.
    strides : int o secuencia de int
        El paso de las convoluciones: un número para todas o uno por convolución. Con
        ``(2, 1, 1)``, la primera avanza de 2 en 2 píxeles y su mapa de características
        tiene la mitad de alto y de ancho.
    pooling : secuencia de bool
        Para cada convolución, si va seguida de un ``MaxPooling2D``; misma
        longitud que ``filters``.
    pool_size : int
        Lado de la ventana de pooling.
    padding : {"valid", "same"}
        Relleno de las convoluciones.
    dense_units : int o None
        Unidades de la capa densa oculta de la cabeza clasificadora; ``None``
        para no ponerla (``Flatten`` va directamente a la softmax).
    dropout : float
        Si es mayor que 0, añade una capa ``Dropout`` con esa fracción tras
        ``Flatten`` y otra tras la capa densa oculta (regularización).
    batch_norm : bool
        Si es ``True``, cada convolución (y la capa densa oculta) va seguida de
        ``BatchNormalization`` y después de la ReLU: ``conv_1`` (sin sesgo, porque la
        normalización lo anularía), ``bn_1``, ``relu_1``...
    augmentation : keras.layers.Layer, opcional
        Capa de aumento de datos (p. ej. :func:`build_augmentation`) que se aplica a la
        imagen de entrada solo al entrenar.
    num_classes : int
        Número de clases de salida.
    input_shape : tuple
        Forma de una imagen: (alto, ancho, canales).
    optimizer : str o keras.optimizers.Optimizer
        Optimizador con el que se compila.

    Returns
    -------
    keras.Model
        El modelo compilado, llamado ``"convnet"``, con capas ``conv_1``,
        ``pool_1``, ``conv_2``... ``flatten``, ``dense`` y ``softmax`` (y
        ``aumento``, ``bn_1``, ``relu_1``... si se piden).

    Raises
    ------
    ValueError
        Si un argumento no es válido o si la imagen se quedaría sin píxeles
        antes de llegar a ``Flatten``.
    """
    if isinstance(filters, (str, bytes)) or not isinstance(filters, Sequence) or not filters:
        raise ValueError(
            "«filters» debe ser una lista no vacía con el número de filtros de cada "
            f"convolución, p. ej. (32, 64, 64); se recibió {filters!r}."
        )
    filters = [_validation.integer(f, "filters") for f in filters]
    if isinstance(pooling, (str, bytes)) or not isinstance(pooling, Sequence):
        raise ValueError(f"«pooling» debe ser una lista de True/False; se recibió {pooling!r}.")
    if len(pooling) != len(filters):
        raise ValueError(
            f"«pooling» tiene {len(pooling)} elementos y «filters» {len(filters)}: "
            "debe haber un True/False por cada convolución."
        )
    if not all(isinstance(p, bool) for p in pooling):
        raise ValueError(f"«pooling» debe contener solo True o False; se recibió {pooling!r}.")
    kernel_sizes = _per_layer(kernel_size, "kernel_size", len(filters))
    strides_ = _per_layer(strides, "strides", len(filters))
    pool_size = _validation.integer(pool_size, "pool_size")
    if dense_units is not None:
        dense_units = _validation.integer(dense_units, "dense_units")
    if not isinstance(batch_norm, bool):
        raise ValueError(f"«batch_norm» debe ser True o False; se recibió {batch_norm!r}.")
    if augmentation is not None and not isinstance(augmentation, keras.layers.Layer):
        raise ValueError(
            "«augmentation» debe ser una capa de Keras (p. ej. models.build_augmentation()); "
            f"se recibió {type(augmentation).__name__}."
        )
    num_classes = _validation.integer(num_classes, "num_classes")
    _validation.in_interval(dropout, "dropout", 0, 1)
    if padding not in ("valid", "same"):
        raise ValueError(f"«padding» debe ser 'valid' o 'same'; se recibió {padding!r}.")
    shape = _input_shape(input_shape)

    height, width = shape[0], shape[1]
    stack: list[layers.Layer] = [keras.Input(shape=shape, name="imagen")]
    if augmentation is not None:
        stack.append(augmentation)
    layer_options = zip(filters, pooling, kernel_sizes, strides_, strict=True)
    for index, (n_filters, pool, kernel, stride) in enumerate(layer_options, start=1):
        height = conv_output_size(height, kernel, padding, stride)
        width = conv_output_size(width, kernel, padding, stride)
        if height < 1 or width < 1:
            step = f", paso {stride}" if stride > 1 else ""
            raise ValueError(
                f"La convolución {index} ({kernel} x {kernel}{step}, padding='{padding}') "
                "dejaría la imagen sin píxeles: hay demasiadas capas, o el núcleo o el paso "
                "son demasiado grandes para la entrada."
            )
        if batch_norm:
            stack += [
                layers.Conv2D(
                    n_filters, kernel, strides=stride, padding=padding, use_bias=False,
                    name=f"conv_{index}",
                ),
                layers.BatchNormalization(name=f"bn_{index}"),
                layers.Activation("relu", name=f"relu_{index}"),
            ]
        else:
            stack.append(
                layers.Conv2D(
                    n_filters, kernel, strides=stride, activation="relu", padding=padding,
                    name=f"conv_{index}",
                )
            )
        if pool:
            height, width = height // pool_size, width // pool_size
            if height < 1 or width < 1:
                raise ValueError(
                    f"El pooling {pool_size} x {pool_size} tras la convolución {index} "
                    "dejaría la imagen sin píxeles: quita algún pooling o alguna capa."
                )
            stack.append(layers.MaxPooling2D(pool_size, name=f"pool_{index}"))
    stack.append(layers.Flatten(name="flatten"))
    if dropout:
        stack.append(layers.Dropout(dropout, name="dropout_1"))
    if dense_units is not None and batch_norm:
        stack += [
            layers.Dense(dense_units, use_bias=False, name="dense"),
            layers.BatchNormalization(name="bn_dense"),
            layers.Activation("relu", name="relu_dense"),
        ]
    elif dense_units is not None:
        stack.append(layers.Dense(dense_units, activation="relu", name="dense"))
    if dropout and dense_units is not None:
        stack.append(layers.Dropout(dropout, name="dropout_2"))
    stack.append(layers.Dense(num_classes, activation="softmax", name="softmax"))
    return _compile(keras.Sequential(stack, name="convnet"), optimizer)


def multiply_adds(model: keras.Model) -> dict[str, int]:
    """Multiplicaciones (cada una con su suma) que hace la red por imagen, capa a capa.

    Una ``Conv2D`` con núcleo ``k_h x k_w`` sobre ``c_in`` canales hace
    ``k_h · k_w · c_in`` por cada valor de su salida; una ``Dense`` de ``n`` entradas,
    ``n`` por unidad. El resto de capas (pooling, ``Flatten``, activaciones, la
    normalización por lotes, el aumento de datos) no se cuentan: no multiplican matrices,
    y su coste es pequeño al lado. Es lo que el capítulo del pooling calcula a mano.

    Parameters
    ----------
    model : keras.Model
        Un modelo construido (con forma de entrada conocida).

    Returns
    -------
    dict
        Nombre de cada capa ``Conv2D`` o ``Dense`` -> sus multiplicaciones por imagen.
    """
    _validation.keras_model(model)
    counts: dict[str, int] = {}
    for layer in model.layers:
        if isinstance(layer, layers.Conv2D):
            k_h, k_w = layer.kernel_size
            outputs = math.prod(layer.output.shape[1:])
            counts[layer.name] = outputs * k_h * k_w * layer.input.shape[-1]
        elif isinstance(layer, layers.Dense):
            counts[layer.name] = layer.input.shape[-1] * layer.units
    return counts

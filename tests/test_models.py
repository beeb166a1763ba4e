import keras
import numpy as np
import pytest

from course_lib import models

SEED_LAYERS = [
    ("conv_1", "Conv2D", (26, 26, 32), 320),
    ("pool_1", "MaxPooling2D", (13, 13, 32), 0),
    ("conv_2", "Conv2D", (11, 11, 64), 18496),
    ("pool_2", "MaxPooling2D", (5, 5, 64), 0),
    ("conv_3", "Conv2D", (3, 3, 64), 36928),
    ("flatten", "Flatten", (576,), 0),
    ("dense", "Dense", (64,), 36928),
    ("softmax", "Dense", (10,), 650),
]


def layer_table(model):
    return [
        (layer.name, type(layer).__name__, tuple(layer.output.shape[1:]), layer.count_params())
        for layer in model.layers
    ]


def test_default_convnet_is_the_seed_network():
    model = models.build_convnet()
    assert layer_table(model) == SEED_LAYERS
    assert model.count_params() == 93322


def test_convnet_activations_and_kernels():
    model = models.build_convnet()
    convs = [layer for layer in model.layers if isinstance(layer, keras.layers.Conv2D)]
    assert [c.kernel_size for c in convs] == [(3, 3)] * 3
    assert all(c.activation.__name__ == "relu" and c.padding == "valid" for c in convs)
    pools = [layer for layer in model.layers if isinstance(layer, keras.layers.MaxPooling2D)]
    assert [p.pool_size for p in pools] == [(2, 2)] * 2
    assert model.get_layer("dense").activation.__name__ == "relu"
    assert model.get_layer("softmax").activation.__name__ == "softmax"


@pytest.mark.parametrize("builder", [models.build_convnet, models.build_dense])
def test_models_are_compiled_like_the_seed(builder):
    model = builder()
    config = model.get_compile_config()
    assert isinstance(model.optimizer, keras.optimizers.RMSprop)
    assert config["loss"] == "categorical_crossentropy"
    assert config["metrics"] == ["accuracy"]


def test_dense_baseline():
    model = models.build_dense()
    assert layer_table(model) == [
        ("flatten", "Flatten", (784,), 0),
        ("dense", "Dense", (512,), 401920),
        ("softmax", "Dense", (10,), 5130),
    ]


def test_dense_hidden_units_argument():
    assert models.build_dense(32).count_params() == (784 + 1) * 32 + (32 + 1) * 10


def test_fewer_filters_changes_parameters_by_formula():
    model = models.build_convnet(filters=(16, 64, 64))
    assert model.get_layer("conv_1").count_params() == (3 * 3 * 1 + 1) * 16
    assert model.get_layer("conv_2").count_params() == (3 * 3 * 16 + 1) * 64


def test_same_padding_keeps_size():
    model = models.build_convnet(padding="same")
    assert tuple(model.get_layer("conv_1").output.shape[1:]) == (28, 28, 32)
    assert tuple(model.get_layer("flatten").output.shape[1:]) == (7 * 7 * 64,)


def test_pooling_and_depth_are_configurable():
    model = models.build_convnet(filters=(8, 8), pooling=(False, True), dense_units=16)
    assert [layer.name for layer in model.layers] == [
        "conv_1", "conv_2", "pool_2", "flatten", "dense", "softmax"
    ]
    assert tuple(model.get_layer("flatten").output.shape[1:]) == (12 * 12 * 8,)


def test_optimizer_argument():
    model = models.build_convnet(optimizer="adam")
    assert isinstance(model.optimizer, keras.optimizers.Adam)


@pytest.mark.parametrize(
    ("size", "kernel", "padding", "expected"),
    [(28, 3, "valid", 26), (28, 3, "same", 28), (5, 5, "valid", 1), (13, 3, "valid", 11)],
)
def test_conv_output_size(size, kernel, padding, expected):
    assert models.conv_output_size(size, kernel, padding) == expected


@pytest.mark.parametrize("size", [28, 13, 7])
@pytest.mark.parametrize("kernel", [2, 3, 5])
@pytest.mark.parametrize("stride", [1, 2, 3])
@pytest.mark.parametrize("padding", ["valid", "same"])
def test_conv_output_size_general_formula_matches_keras(size, kernel, stride, padding):
    """⌊(n + 2p − k)/s⌋ + 1: con p = 0 («valid») o p = (k − 1)/2 («same», núcleo impar)."""
    layer = keras.layers.Conv2D(1, kernel, strides=stride, padding=padding)
    keras_size = layer.compute_output_shape((None, size, size, 1))[1]
    assert models.conv_output_size(size, kernel, padding, stride) == keras_size
    if padding == "valid":
        assert models.conv_output_size(size, kernel, 0, stride) == keras_size
    elif kernel % 2:
        assert models.conv_output_size(size, kernel, (kernel - 1) // 2, stride) == keras_size


@pytest.mark.parametrize("padding", ["VALID", -1, 1.5, True])
def test_conv_output_size_rejects_bad_padding(padding):
    with pytest.raises(ValueError, match="«padding» debe ser"):
        models.conv_output_size(28, 3, padding)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"filters": ()}, "«filters» debe ser una lista no vacía"),
        ({"filters": "32"}, "«filters» debe ser una lista no vacía"),
        ({"filters": (32, 0, 64)}, "«filters» debe ser un entero positivo"),
        ({"filters": (32, 64.5, 64)}, "«filters» debe ser un entero positivo"),
        ({"pooling": (True, True)}, "«pooling» tiene 2 elementos y «filters» 3"),
        ({"pooling": (1, 1, 0)}, "solo True o False"),
        ({"kernel_size": 0}, "«kernel_size»"),
        ({"kernel_size": (5, 3)}, "«kernel_size» tiene 2 elementos y «filters» 3"),
        ({"kernel_size": (5, 3, 2.0)}, "«kernel_size» debe ser un entero positivo"),
        ({"strides": 0}, "«strides» debe ser un entero positivo"),
        ({"strides": (2, 1, 1, 1)}, "«strides» tiene 4 elementos y «filters» 3"),
        ({"strides": "2"}, "«strides» debe ser un entero positivo"),
        ({"strides": (1, True, 1)}, "«strides» debe ser un entero positivo"),
        ({"strides": 4, "pooling": (False,) * 3}, "La convolución 3 \\(3 x 3, paso 4, .* el paso"),
        ({"padding": "full"}, "«padding» debe ser 'valid' o 'same'"),
        ({"dense_units": -4}, "«dense_units»"),
        ({"input_shape": (28, 28)}, "«input_shape» debe ser \\(alto, ancho, canales\\)"),
        ({"filters": (8,) * 6, "pooling": (True,) * 6}, "dejaría la imagen sin píxeles"),
        ({"kernel_size": 29, "filters": (8,), "pooling": (False,)}, "dejaría la imagen sin píxeles"),
        ({"optimizer": "rmsprob"}, "Optimizador no válido: 'rmsprob'"),
    ],
)
def test_invalid_convnet_arguments_have_spanish_errors(kwargs, message):
    with pytest.raises(ValueError, match=message):
        models.build_convnet(**kwargs)


@pytest.mark.parametrize("bad", [0, 2.5, "512", True])
def test_invalid_dense_arguments(bad):
    with pytest.raises(ValueError, match="«hidden_units» debe ser un entero positivo"):
        models.build_dense(bad)


def test_dropout_adds_layers_without_parameters():
    model = models.build_convnet(dropout=0.5)
    names = [layer.name for layer in model.layers]
    assert names[-5:] == ["flatten", "dropout_1", "dense", "dropout_2", "softmax"]
    assert model.get_layer("dropout_1").rate == 0.5
    assert model.count_params() == 93322


@pytest.mark.parametrize("bad", [-0.1, 1.0, "0.5", True])
def test_invalid_dropout(bad):
    with pytest.raises(ValueError, match="«dropout»"):
        models.build_convnet(dropout=bad)


def test_batch_norm_puts_normalization_between_convolution_and_relu():
    model = models.build_convnet((8, 16), pooling=(True, True), dense_units=32, batch_norm=True)
    names = [layer.name for layer in model.layers]
    assert names == ["conv_1", "bn_1", "relu_1", "pool_1", "conv_2", "bn_2", "relu_2", "pool_2",
                     "flatten", "dense", "bn_dense", "relu_dense", "softmax"]
    assert not model.get_layer("conv_1").use_bias
    assert not model.get_layer("dense").use_bias
    assert model.get_layer("conv_1").activation.__name__ == "linear"
    # gamma, beta, media y varianza móviles: 4 por canal, 2 de ellos entrenables.
    assert model.get_layer("bn_1").count_params() == 4 * 8
    assert len(model.get_layer("bn_1").trainable_weights) == 2


def test_no_hidden_dense_layer():
    model = models.build_convnet((4,), pooling=(True,), dense_units=None)
    assert [layer.name for layer in model.layers] == ["conv_1", "pool_1", "flatten", "softmax"]
    assert model.get_layer("softmax").input.shape[-1] == 13 * 13 * 4


def test_augmentation_goes_first_and_only_acts_when_training():
    augmentation = models.build_augmentation(seed=0)
    model = models.build_convnet((4,), pooling=(True,), augmentation=augmentation)
    assert model.layers[0] is augmentation
    assert augmentation.name == "aumento"
    images = np.random.default_rng(0).random((4, 28, 28, 1)).astype("float32")
    same = keras.ops.convert_to_numpy(augmentation(images, training=False))
    np.testing.assert_array_equal(same, images)
    changed = keras.ops.convert_to_numpy(augmentation(images, training=True))
    assert changed.shape == images.shape
    assert not np.allclose(changed, images)


def test_augmentation_ranges():
    augmentation = models.build_augmentation(rotation=18, translation=0.1, zoom=0.2)
    rotation, translation, zoom = augmentation.layers
    assert rotation.factor == pytest.approx((-0.05, 0.05))
    assert translation.height_factor == pytest.approx(0.1)
    assert zoom.height_factor == pytest.approx(0.2)
    assert all(layer.fill_mode == "constant" and layer.fill_value == 0 for layer in augmentation.layers)


def test_augmentation_layers_draw_independently():
    # Con una sola semilla para las tres capas, el giro, el desplazamiento vertical y el zoom
    # salían del mismo flujo de números al azar: correlación 0,999 entre giro y desplazamiento.
    augmentation = models.build_augmentation(seed=0)
    assert len({layer.seed for layer in augmentation.layers}) == 3
    images = np.zeros((500, 28, 28, 1), "float32")
    rotation, translation, zoom = (
        layer.get_random_transformation(images, training=True) for layer in augmentation.layers
    )
    draws = [keras.ops.convert_to_numpy(rotation["angle"]).ravel()]
    draws += list(keras.ops.convert_to_numpy(translation["translations"]).T)
    draws.append(keras.ops.convert_to_numpy(zoom["height_zoom"]).ravel())
    correlations = np.corrcoef(np.stack(draws))[np.triu_indices(len(draws), 1)]
    assert np.abs(correlations).max() < 0.2, correlations


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"rotation": -1}, "rotation"),
        ({"rotation": 180}, "rotation"),
        ({"translation": 1.5}, "translation"),
        ({"zoom": "mucho"}, "zoom"),
        ({"seed": 1.5}, "seed"),
    ],
)
def test_augmentation_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        models.build_augmentation(**kwargs)


@pytest.mark.parametrize(
    ("kwargs", "message"),
    [
        ({"batch_norm": "sí"}, "batch_norm"),
        ({"augmentation": "aumento"}, "augmentation"),
        ({"dense_units": 0}, "dense_units"),
    ],
)
def test_new_convnet_options_bad_arguments(kwargs, message):
    with pytest.raises(ValueError, match=message):
        models.build_convnet(**kwargs)


def test_default_strides_and_kernels_keep_the_seed_configuration():
    """Pasar los valores por defecto de forma explícita no cambia la red (ni su clave de caché)."""
    explicit = models.build_convnet(kernel_size=(3, 3, 3), strides=(1, 1, 1))
    assert explicit.get_config()["layers"] == models.build_convnet().get_config()["layers"]


def test_per_layer_kernels_and_strides():
    model = models.build_convnet((16, 32), kernel_size=(5, 3), strides=(2, 1), pooling=(False, True),
                                 dense_units=None)
    conv_1, conv_2 = model.get_layer("conv_1"), model.get_layer("conv_2")
    assert (conv_1.kernel_size, conv_1.strides) == ((5, 5), (2, 2))
    assert (conv_2.kernel_size, conv_2.strides) == ((3, 3), (1, 1))
    # (28 - 5) // 2 + 1 = 12; 12 - 3 + 1 = 10; pooling: 5.
    size_1 = models.conv_output_size(28, 5, "valid", 2)
    assert tuple(conv_1.output.shape[1:]) == (size_1, size_1, 16) == (12, 12, 16)
    assert tuple(model.get_layer("pool_2").output.shape[1:]) == (5, 5, 32)
    # multiply_adds cuenta el paso: 12 × 12 posiciones de la ventana, no las 24 × 24 del paso 1.
    assert models.multiply_adds(model)["conv_1"] == 12 * 12 * 16 * 5 * 5


def test_same_padding_with_stride_halves_the_size():
    model = models.build_convnet((8, 8), strides=(2, 1), padding="same", pooling=(False, True),
                                 batch_norm=True)
    assert tuple(model.get_layer("conv_1").output.shape[1:]) == (14, 14, 8)
    assert tuple(model.get_layer("pool_2").output.shape[1:]) == (7, 7, 8)
    assert model.get_layer("conv_1").strides == (2, 2)


def test_multiply_adds_of_the_seed_network():
    """Las cuentas del capítulo del pooling: 2 794 240 multiplicaciones por imagen."""
    counts = models.multiply_adds(models.build_convnet())
    assert counts == {"conv_1": 194688, "conv_2": 2230272, "conv_3": 331776, "dense": 36864,
                      "softmax": 640}
    assert sum(counts.values()) == 2794240


def test_multiply_adds_ignore_normalization_and_augmentation():
    plain = models.build_convnet((8,), pooling=(True,))
    extra = models.build_convnet((8,), pooling=(True,), batch_norm=True,
                                 augmentation=models.build_augmentation())
    assert models.multiply_adds(plain) == models.multiply_adds(extra)
    with pytest.raises(TypeError, match="keras.Model"):
        models.multiply_adds("convnet")

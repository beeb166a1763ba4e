import sys

import numpy as np
import pytest

from course_lib import data


def full_size_arrays(fill: int = 0) -> dict[str, np.ndarray]:
    """Matrices con las formas y tipos de MNIST pero contenido falso (no pasan el sha256)."""
    return {
        key: np.full(shape, fill % 10 if key.startswith("y_") else fill, dtype=dtype)
        for key, (shape, dtype, _) in data.EXPECTED_ARRAYS.items()
    }


# --- load_mnist con el archivo real -------------------------------------------------


def test_load_real_file_returns_keras_layout(real_mnist_path):
    (x_train, y_train), (x_test, y_test) = data.load_mnist(real_mnist_path)
    assert x_train.shape == (60000, 28, 28)
    assert x_train.dtype == np.uint8
    assert y_train.shape == (60000,)
    assert x_test.shape == (10000, 28, 28)
    assert list(y_train[:5]) == [5, 0, 4, 1, 9]
    assert list(y_test[:5]) == [7, 2, 1, 0, 4]
    assert list(np.bincount(y_test)) == [980, 1135, 1032, 1010, 982, 892, 958, 1028, 974, 1009]


def test_environment_variable_points_the_loader(real_mnist_path, monkeypatch):
    monkeypatch.setenv(data.MNIST_PATH_ENV, str(real_mnist_path))
    (x_train, _), _ = data.load_mnist()
    assert x_train.shape == (60000, 28, 28)


# --- load_mnist con archivos malos --------------------------------------------------


def test_missing_file_is_reported_in_spanish(tmp_path):
    with pytest.raises(FileNotFoundError, match="No existe el archivo de MNIST"):
        data.load_mnist(tmp_path / "no_existe.npz")


def test_directory_instead_of_file(tmp_path):
    with pytest.raises(data.MnistDataError, match="no es un archivo"):
        data.load_mnist(tmp_path)


def test_truncated_file_is_detected(tmp_path):
    path = tmp_path / "mnist.npz"
    np.savez(path, **full_size_arrays())
    content = path.read_bytes()
    path.write_bytes(content[: len(content) // 2])
    with pytest.raises(data.MnistDataError, match="truncado o dañado"):
        data.load_mnist(path)


def test_not_a_zip_file_is_detected(tmp_path):
    path = tmp_path / "mnist.npz"
    path.write_text("esto no es un npz")
    with pytest.raises(data.MnistDataError, match="truncado o dañado"):
        data.load_mnist(path)


def test_checksum_mismatch_is_detected(tmp_path):
    path = tmp_path / "mnist.npz"
    np.savez(path, **full_size_arrays())
    with pytest.raises(data.MnistDataError, match="sha256 de «x_train» no coincide"):
        data.load_mnist(path)


def test_missing_key_is_named(tmp_path):
    arrays = full_size_arrays()
    del arrays["y_test"]
    path = tmp_path / "mnist.npz"
    np.savez(path, **arrays)
    with pytest.raises(data.MnistDataError, match="faltan las matrices \\['y_test'\\]"):
        data.load_mnist(path)


def test_reduced_dataset_is_rejected(tmp_path):
    arrays = full_size_arrays()
    arrays["x_train"] = arrays["x_train"][:1000]
    path = tmp_path / "mnist.npz"
    np.savez(path, **arrays)
    with pytest.raises(data.MnistDataError, match="«x_train» tiene forma \\(1000, 28, 28\\)"):
        data.load_mnist(path)


def test_wrong_dtype_is_rejected(tmp_path):
    arrays = full_size_arrays()
    arrays["x_test"] = arrays["x_test"].astype("float32")
    path = tmp_path / "mnist.npz"
    np.savez(path, **arrays)
    with pytest.raises(data.MnistDataError, match="«x_test» es de tipo float32"):
        data.load_mnist(path)


def test_labels_out_of_range_are_rejected(tmp_path):
    arrays = full_size_arrays()
    arrays["y_train"][0] = 12
    path = tmp_path / "mnist.npz"
    np.savez(path, **arrays)
    with pytest.raises(data.MnistDataError, match="fuera de 0-9"):
        data.load_mnist(path)


# --- descarga de Keras (simulada: estas máquinas no llegan a su servidor) -------------


def test_without_local_file_uses_keras_download_and_verifies_it(monkeypatch):
    import keras

    monkeypatch.delenv(data.MNIST_PATH_ENV, raising=False)
    fake = full_size_arrays()
    calls = []

    def load_data():
        calls.append(True)
        return (fake["x_train"], fake["y_train"]), (fake["x_test"], fake["y_test"])

    monkeypatch.setattr(keras.datasets.mnist, "load_data", load_data)
    with pytest.raises(data.MnistDataError, match="la descarga de Keras"):
        data.load_mnist()
    assert calls, "load_mnist debería haber usado keras.datasets.mnist.load_data"


def test_keras_download_with_real_arrays_passes(monkeypatch, real_mnist_path):
    import keras

    monkeypatch.delenv(data.MNIST_PATH_ENV, raising=False)
    with np.load(real_mnist_path) as npz:
        real = {k: npz[k] for k in npz.files}
    monkeypatch.setattr(
        keras.datasets.mnist,
        "load_data",
        lambda: ((real["x_train"], real["y_train"]), (real["x_test"], real["y_test"])),
    )
    (x_train, _), (x_test, _) = data.load_mnist()
    assert x_train.shape == (60000, 28, 28)
    assert x_test.shape == (10000, 28, 28)


def test_network_failure_gives_guidance(monkeypatch):
    import keras

    monkeypatch.delenv(data.MNIST_PATH_ENV, raising=False)

    def offline():
        raise OSError("sin red")

    monkeypatch.setattr(keras.datasets.mnist, "load_data", offline)
    with pytest.raises(data.MnistDataError, match="MNIST_PATH"):
        data.load_mnist()


# --- prepare_images ---------------------------------------------------------------


def test_prepare_images_shape_dtype_and_range(tiny_images):
    prepared = data.prepare_images(tiny_images)
    assert prepared.shape == (32, 28, 28, 1)
    assert prepared.dtype == np.float32
    assert prepared.min() >= 0.0
    assert prepared.max() <= 1.0
    np.testing.assert_allclose(prepared[..., 0] * 255, tiny_images, atol=1e-4)


def test_prepare_images_accepts_channel_axis(tiny_images):
    assert data.prepare_images(tiny_images[..., None]).shape == (32, 28, 28, 1)


def test_prepare_images_does_not_modify_input(tiny_images):
    copy = tiny_images.copy()
    data.prepare_images(tiny_images)
    np.testing.assert_array_equal(tiny_images, copy)


def test_prepare_images_rejects_already_scaled(tiny_images):
    with pytest.raises(ValueError, match="uint8.*No las dividas dos veces"):
        data.prepare_images(tiny_images.astype("float32") / 255)


@pytest.mark.parametrize("shape", [(32, 784), (32, 28, 27), (28, 28), (32, 28, 28, 3)])
def test_prepare_images_rejects_wrong_shape(shape):
    with pytest.raises(ValueError, match="forma"):
        data.prepare_images(np.zeros(shape, dtype=np.uint8))


def test_prepare_images_rejects_lists():
    with pytest.raises(TypeError, match="numpy.ndarray"):
        data.prepare_images([[0] * 28] * 28)


def test_importing_the_package_does_not_import_keras():
    import subprocess

    code = "import course_lib, course_lib.data, sys; print('keras' in sys.modules)"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert result.stdout.strip() == "False"

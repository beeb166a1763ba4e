"""Configuración común de las pruebas: TensorFlow silencioso y datos sintéticos pequeños."""

from __future__ import annotations

import os

# Antes de que ninguna prueba importe Keras.
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
os.environ.setdefault("KERAS_BACKEND", "tensorflow")

import shutil  # noqa: E402
import subprocess  # noqa: E402
import sys  # noqa: E402
from pathlib import Path  # noqa: E402

import numpy as np  # noqa: E402
import pytest  # noqa: E402

ROOT = Path(__file__).resolve().parents[1]


@pytest.fixture
def tiny_images() -> np.ndarray:
    """32 imágenes sintéticas uint8 de 28 x 28 (no son MNIST: solo para probar funciones)."""
    rng = np.random.default_rng(0)
    return rng.integers(0, 256, size=(32, 28, 28), dtype=np.uint8)


@pytest.fixture
def tiny_labels() -> np.ndarray:
    return np.arange(32, dtype=np.uint8) % 10


KERAS_MNIST_ORIGIN = "https://storage.googleapis.com/tensorflow/tf-keras-datasets/mnist.npz"
"""La dirección de la que descarga MNIST ``keras.datasets.mnist.load_data()`` (a ~/.keras/datasets)."""


@pytest.fixture(scope="session")
def real_mnist_path() -> Path:
    """El mnist.npz real: el de MNIST_PATH o, si no está definida, el de Keras.

    Sin MNIST_PATH (como en los ejecutores de GitHub), el de ``keras.datasets.mnist.load_data()``:
    ``keras.utils.get_file`` con su nombre y su origen lo toma de ~/.keras/datasets si ya está y,
    si no, lo descarga allí. ``load_data`` le pasa además la suma sha256 del archivo, y con ella
    Keras borra una copia que no sea su .npz byte a byte (aunque tenga las mismas matrices) para
    descargarlo otra vez; aquí no se le pasa: las matrices las verifica ``data.load_mnist``. La
    prueba se salta solo si no hay ni lo uno ni lo otro.
    """
    value = os.environ.get("MNIST_PATH")
    if value:
        if not Path(value).expanduser().is_file():
            pytest.fail(f"MNIST_PATH indica «{value}», que no es un archivo")
        return Path(value).expanduser()
    import keras

    try:
        return Path(keras.utils.get_file("mnist.npz", origin=KERAS_MNIST_ORIGIN))
    except Exception as error:  # sin conexión y sin copia en la caché de Keras
        pytest.skip("no hay MNIST: MNIST_PATH no está definida y Keras no lo tiene en "
                    f"~/.keras/datasets ni pudo descargarlo ({error})")


@pytest.fixture(scope="session")
def built_book(tmp_path_factory) -> Path:
    """Construye el libro una vez por sesión, con -W -n (un aviso es un error); devuelve el HTML."""
    out = tmp_path_factory.mktemp("libro")
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = [str(jupyter_book if jupyter_book.exists() else shutil.which("jupyter-book"))]
    result = subprocess.run(
        [*command, "build", str(ROOT), "--path-output", str(out), "-W", "-n", "--keep-going"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    log = result.stdout + result.stderr
    warnings = [line for line in log.splitlines() if "WARNING" in line or "ERROR" in line]
    assert result.returncode == 0, log[-3000:]
    assert not warnings, "\n".join(warnings)
    return out / "_build" / "html"


# --- El entorno como Colab (tests/test_colab.py) ---------------------------------------------

_COLAB_SUMMARY = pytest.StashKey[list[str]]()


def pytest_addoption(parser: pytest.Parser) -> None:
    """Con qué Pythons se crea el entorno como Colab y cuántos capítulos se ejecutan con lo más reciente."""
    group = parser.getgroup("colab", "el entorno como Colab (tests/test_colab.py)")
    group.addoption("--colab-pythons", default=os.environ.get("COLAB_PYTHONS", ""), metavar="VERSIONES",
                    help="versiones de Python del entorno como Colab, p. ej. «3.12 3.13», o «all» (todas "
                         "las de requires-python que haya en la máquina); por omisión, la que ejecuta "
                         "pytest. También con la variable de entorno COLAB_PYTHONS.")
    group.addoption("--colab-oldest-all", action="store_true",
                    help="ejecuta todos los capítulos solo con las versiones más antiguas que permite "
                         "pyproject.toml (make test-oldest).")
    group.addoption("--colab-latest-all", action="store_true",
                    help="ejecuta todos los capítulos también con las versiones más recientes que permite "
                         "pyproject.toml (make test-latest); por omisión, solo los dos primeros.")


@pytest.fixture(scope="session")
def colab_summary(pytestconfig: pytest.Config) -> list[str]:
    """Líneas para el resumen final: qué versiones tiene cada entorno como Colab y por qué."""
    return pytestconfig.stash.setdefault(_COLAB_SUMMARY, [])


def pytest_terminal_summary(terminalreporter: pytest.TerminalReporter, exitstatus: int,
                            config: pytest.Config) -> None:
    """Al final, las versiones de cada entorno como Colab (y las del lock que no se pudieron usar)."""
    lines = config.stash.get(_COLAB_SUMMARY, [])
    if lines:
        terminalreporter.section("entornos como Colab")
        for line in lines:
            terminalreporter.write_line(line)

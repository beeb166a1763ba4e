"""Exporta la red entrenada del cuaderno original para la página «Dibuja un dígito».

Uso (lo llama «make weights»): ``python -m booktools.export_weights``. Toma de la caché de
modelos la red convolucional del cuaderno original (la entrena si no está, como el capítulo
«Redes convolucionales: introducción») y escribe ``_extra/dibuja/pesos.js``: la arquitectura,
los pesos en float32 (base64), su huella sha256 y un dígito de prueba de cada clase para los
botones de ejemplo. La página lo carga con una etiqueta ``<script>`` (funciona también
abriendo el libro desde el disco, donde ``fetch`` no puede leer archivos) y Node con
``require``. Las pruebas comprueban que la huella coincide con los pesos del archivo y con
los de la red de la caché: un archivo de pesos viejo (de otra receta o de otras versiones de
Keras y TensorFlow) hace fallar la CI. El entrenamiento solo se repite bit a bit en el mismo
tipo de máquina y con los mismos hilos: en otra, vuelve a ejecutar «make weights».
"""

from __future__ import annotations

import base64
import hashlib
import json
import os
import re
from pathlib import Path
from typing import Any

import numpy as np

from booktools import layout

OUTPUT = layout.ROOT / "_extra" / "dibuja" / "pesos.js"
HEADER = "/* Generado por «make weights» (booktools/export_weights.py): no lo edites a mano. */\n"
_WRAPPER = (
    "(function (root, data) {{\n"
    "  if (typeof module === \"object\" && module.exports) {{ module.exports = data; }}\n"
    "  else {{ root.RED_MNIST = data; }}\n"
    "}})(this, {json});\n"
)


def weights_checksum(weights: list[np.ndarray]) -> str:
    """sha256 de los pesos en orden, como float32 little-endian (orden C)."""
    digest = hashlib.sha256()
    for array in weights:
        digest.update(np.ascontiguousarray(array, dtype="<f4").tobytes())
    return digest.hexdigest()


def _encode(array: np.ndarray, dtype: str) -> str:
    return base64.b64encode(np.ascontiguousarray(array, dtype=dtype).tobytes()).decode("ascii")


def describe(model: Any) -> list[dict[str, Any]]:
    """Las capas del modelo como las recorre ``red.js``; falla si hay alguna que no sabe hacer."""
    layers = []
    for layer in model.layers:
        kind = type(layer).__name__
        entry: dict[str, Any] = {"name": layer.name, "type": kind}
        if kind == "Conv2D":
            plain = tuple(layer.strides) == (1, 1) and tuple(layer.dilation_rate) == (1, 1)
            if layer.padding != "valid" or not plain:
                raise ValueError(f"{layer.name}: red.js solo sabe hacer convoluciones «valid» de paso 1")
        elif kind == "MaxPooling2D":
            if tuple(layer.pool_size) != (2, 2) or tuple(layer.strides) != (2, 2) or layer.padding != "valid":
                raise ValueError(f"{layer.name}: red.js solo sabe hacer pooling máximo de 2 × 2")
            layers.append(entry)
            continue
        elif kind == "Flatten":
            layers.append(entry)
            continue
        elif kind != "Dense":
            raise ValueError(f"{layer.name}: red.js no sabe hacer capas {kind}")
        activation = layer.activation.__name__
        if activation not in ("relu", "softmax", "linear"):
            raise ValueError(f"{layer.name}: red.js no sabe hacer la activación {activation}")
        kernel, bias = layer.get_weights()
        entry.update(activation=activation, kernel_shape=list(kernel.shape),
                     kernel=_encode(kernel, "<f4"), bias=_encode(bias, "<f4"))
        layers.append(entry)
    return layers


def export_text(model: Any, examples: np.ndarray, labels: np.ndarray, source: str) -> str:
    """El contenido de ``pesos.js`` para ``model`` y las imágenes de ejemplo (uint8, 28 × 28)."""
    data = {
        "source": source,
        "input_shape": [int(n) for n in model.input_shape[1:]],
        "sha256": weights_checksum(model.get_weights()),
        "parameters": int(model.count_params()),
        "layers": describe(model),
        "examples": [
            {"label": int(label), "pixels": _encode(image, "u1")}
            for image, label in zip(examples, labels, strict=True)
        ],
    }
    return HEADER + _WRAPPER.format(json=json.dumps(data, ensure_ascii=False, indent=1))


def read_export(path: Path = OUTPUT) -> dict[str, Any]:
    """Lee un ``pesos.js`` y devuelve sus datos, con los pesos ya decodificados (``weights``)."""
    text = path.read_text(encoding="utf-8")
    match = re.search(r"\}\)\(this, (\{.*\})\);\s*$", text, re.S)
    if not match:
        raise ValueError(f"{path}: no tiene el formato de «make weights»")
    data: dict[str, Any] = json.loads(match.group(1))
    weights = []
    for layer in data["layers"]:
        if "kernel" in layer:
            kernel = np.frombuffer(base64.b64decode(layer["kernel"]), dtype="<f4")
            weights.append(kernel.reshape(layer["kernel_shape"]))
            weights.append(np.frombuffer(base64.b64decode(layer["bias"]), dtype="<f4"))
    data["weights"] = weights
    data["example_images"] = np.stack([
        np.frombuffer(base64.b64decode(e["pixels"]), dtype="u1").reshape(28, 28) for e in data["examples"]
    ])
    data["example_labels"] = np.array([e["label"] for e in data["examples"]])
    return data


def first_of_each_class(images: np.ndarray, labels: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """La primera imagen de cada clase, de 0 a 9."""
    index = [int(np.flatnonzero(labels == k)[0]) for k in range(10)]
    return images[index], labels[index]


def main() -> int:
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    os.environ.setdefault("TF_ENABLE_ONEDNN_OPTS", "0")
    from course_lib import data, training

    (x_train, y_train), (x_test, y_test) = data.load_mnist()
    model, _ = training.train_seed_convnet(
        data.prepare_images(x_train), data.one_hot(y_train), verbose=0,
    )
    examples, labels = first_of_each_class(x_test, y_test)
    source = "la red del cuaderno original entrenada con training.train_seed_convnet"
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(export_text(model, examples, labels, source), encoding="utf-8")
    print(f"Escrito {OUTPUT.relative_to(layout.ROOT)}: {OUTPUT.stat().st_size / 1024:.0f} KiB, "
          f"sha256 de los pesos {weights_checksum(model.get_weights())[:12]}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

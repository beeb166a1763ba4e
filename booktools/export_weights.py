"""Exporta la red entrenada del cuaderno original para la página «Dibuja un dígito».

Uso (lo llama «make weights»): ``python -m booktools.export_weights``. Toma de la caché de
modelos la red convolucional del cuaderno original (la entrena si no está, con
``recipes.train_original_convnet``, como el capítulo «Redes convolucionales: introducción») y
escribe ``_extra/dibuja/pesos.js``: la arquitectura, los pesos en float32 (base64), la huella
del entrenamiento y un dígito de prueba de cada clase para los botones de ejemplo. La página lo
carga con una etiqueta ``<script>`` (funciona también abriendo el libro desde el disco, donde
``fetch`` no puede leer archivos) y Node con ``require``.

La huella es la clave de la caché (``cache.training_key``): arquitectura, compilación, pesos
iniciales, datos, épocas, lote, semilla y versiones de Keras y de su motor. No depende de la
máquina, al contrario que los pesos entrenados, que solo se repiten bit a bit en el mismo tipo
de máquina y con los mismos hilos. Las pruebas comparan la huella del archivo con la de la
receta de hoy: un archivo de pesos viejo (de otra receta o de otras versiones de Keras y
TensorFlow) hace fallar la CI en cualquier máquina.
"""

from __future__ import annotations

import base64
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


def training_fingerprint(model: Any, cache_dir: str | os.PathLike[str] | None = None) -> str:
    """La clave de la caché del entrenamiento que dio los pesos de ``model`` (su huella).

    ``model`` acaba de salir de ``cache.fit_cached`` (entrenado o cargado): la entrada de la
    caché con sus mismos pesos guarda la clave en su ``meta.json``. Falla si no hay ninguna o
    si hay varias con claves distintas.
    """
    from course_lib import cache

    root = Path(cache_dir) if cache_dir is not None else cache.default_cache_dir()
    weights = model.get_weights()
    keys = set()
    for meta in sorted(root.glob("*/meta.json")):
        with np.load(meta.with_name("weights.npz"), allow_pickle=False) as npz:
            stored = [npz[name] for name in sorted(npz.files)]
        if len(stored) == len(weights) and all(
            a.shape == b.shape and np.array_equal(a, b) for a, b in zip(stored, weights, strict=True)
        ):
            keys.add(json.loads(meta.read_text(encoding="utf-8"))["key"])
    if len(keys) != 1:
        raise ValueError(
            f"La caché {root} tiene {len(keys)} entradas con los pesos de la red (se esperaba una): "
            "no se sabe qué entrenamiento los dio."
        )
    return keys.pop()


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


def export_text(
    model: Any, examples: np.ndarray, labels: np.ndarray, source: str, training_key: str
) -> str:
    """El contenido de ``pesos.js``: ``model``, la huella de su entrenamiento y los ejemplos (28 × 28)."""
    data = {
        "source": source,
        "training_key": training_key,
        "input_shape": [int(n) for n in model.input_shape[1:]],
        "parameters": int(model.count_params()),
        "layers": describe(model),
        "examples": [
            {"label": int(label), "pixels": _encode(image, "u1")}
            for image, label in zip(examples, labels, strict=True)
        ],
    }
    return HEADER + _WRAPPER.format(json=json.dumps(data, ensure_ascii=False, indent=1))


def read_export(path: Path = OUTPUT) -> dict[str, Any]:
    """Lee un ``pesos.js`` y devuelve sus datos, con los pesos ya decodificados.

    Cada capa gana ``weights``: ``[kernel, bias]`` si tiene pesos, ``[]`` si no; y los datos,
    ``weights``: los de todas las capas en orden, como ``model.get_weights()``.
    """
    text = path.read_text(encoding="utf-8")
    match = re.search(r"\}\)\(this, (\{.*\})\);\s*$", text, re.S)
    if not match:
        raise ValueError(f"{path}: no tiene el formato de «make weights»")
    data: dict[str, Any] = json.loads(match.group(1))
    for layer in data["layers"]:
        layer["weights"] = []
        if "kernel" in layer:
            shape = tuple(layer["kernel_shape"])
            kernel = np.frombuffer(base64.b64decode(layer["kernel"]), dtype="<f4")
            bias = np.frombuffer(base64.b64decode(layer["bias"]), dtype="<f4")
            if kernel.size != np.prod(shape) or bias.shape != shape[-1:]:
                raise ValueError(
                    f"{path}, capa {layer['name']}: {kernel.size} pesos y {bias.size} sesgos no "
                    f"caben en un núcleo de forma {shape} (vuelve a ejecutar make weights)"
                )
            layer["weights"] = [kernel.reshape(shape), bias]
    data["weights"] = [array for layer in data["layers"] for array in layer["weights"]]
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
    import keras

    from course_lib import data, recipes

    (x_train, y_train), (x_test, y_test) = data.load_mnist()
    model, _ = recipes.train_original_convnet(
        data.prepare_images(x_train), keras.utils.to_categorical(y_train, 10), verbose=0,
    )
    key = training_fingerprint(model)
    examples, labels = first_of_each_class(x_test, y_test)
    source = "la red del cuaderno original entrenada con recipes.train_original_convnet"
    OUTPUT.parent.mkdir(parents=True, exist_ok=True)
    OUTPUT.write_text(export_text(model, examples, labels, source, key), encoding="utf-8")
    print(f"Escrito {OUTPUT.relative_to(layout.ROOT)}: {OUTPUT.stat().st_size / 1024:.0f} KiB, "
          f"huella del entrenamiento {key[:12]}…")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

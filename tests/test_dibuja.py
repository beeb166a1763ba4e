"""«Dibuja un dígito»: los pesos exportados, la red y la preparación en JavaScript, y la página.

- Los pesos de ``_extra/dibuja/pesos.js`` tienen, capa a capa, las formas de los de la red de
  Keras, y su huella (la clave de la caché, que no depende de la máquina) es la del
  entrenamiento de la receta del cuaderno original (si no, hay que volver a ``make weights``).
- ``red.js``, ejecutado con Node, da las mismas probabilidades que Keras con los mismos pesos
  y prepara las imágenes exactamente como ``course_lib.preprocessing.prepare_like_mnist``.

La página en Chromium (dibujar con el ratón, el teclado, la accesibilidad y file://) se prueba
en tests/test_browser.py.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import pytest

from booktools import export_weights
from course_lib import preprocessing

ROOT = Path(__file__).resolve().parents[1]
STATIC = ROOT / "_extra" / "dibuja"
RUNNER = ROOT / "tests" / "js" / "run_red.js"
NODE = shutil.which("node")


def _require_node() -> str:
    """Sin Node: se salta en local, pero falla en CI (REQUIRE_BROWSER=1)."""
    if NODE is None:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("falta Node.js para ejecutar red.js")
        pytest.skip("falta Node.js para ejecutar red.js")
    return NODE


@pytest.fixture(scope="module")
def export() -> dict:
    return export_weights.read_export()


# --- Los pesos exportados -----------------------------------------------------------------


def test_exported_weights_have_the_shapes_of_the_keras_layers(export):
    from course_lib import models

    model = models.build_convnet()
    assert [layer["name"] for layer in export["layers"]] == [layer.name for layer in model.layers]
    for layer in export["layers"]:
        expected = [tuple(w.shape) for w in model.get_layer(layer["name"]).get_weights()]
        assert [w.shape for w in layer["weights"]] == expected, f"capa {layer['name']}"
    assert export["parameters"] == model.count_params() == sum(w.size for w in export["weights"])


def test_read_export_rejects_weights_that_do_not_fit_their_shape(tmp_path):
    text = export_weights.OUTPUT.read_text(encoding="utf-8")
    wrong_shape = re.sub(r'"kernel_shape": \[\s*3,', '"kernel_shape": [4,', text, count=1)
    assert wrong_shape != text
    broken = tmp_path / "pesos.js"
    broken.write_text(wrong_shape, encoding="utf-8")
    with pytest.raises(ValueError, match="capa conv_1: 288 pesos y 32 sesgos no caben"):
        export_weights.read_export(broken)


def test_export_carries_a_training_key(export):
    assert re.fullmatch(r"[0-9a-f]{64}", export["training_key"]), export["training_key"]
    assert "sha256" not in export, "pesos.js ya no lleva la suma de los pesos, que depende de la máquina"


def _tiny_training(cache_dir: Path, seed: int) -> tuple[object, str]:
    """Entrena con fit_cached una red diminuta (16 imágenes, 1 época); devuelve la red y su clave."""
    import keras

    from course_lib import cache

    rng = np.random.default_rng(0)
    x = rng.random((16, 4, 4, 1), dtype=np.float32)
    y = keras.utils.to_categorical(np.arange(16) % 2, 2)

    def build():
        keras.utils.set_random_seed(seed)
        model = keras.Sequential([keras.Input((4, 4, 1)), keras.layers.Flatten(),
                                  keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="sgd", loss="categorical_crossentropy")
        return model

    key = cache.training_key(build(), x, y, epochs=1, batch_size=8, seed=seed)
    model = build()
    cache.fit_cached(model, x, y, epochs=1, batch_size=8, seed=seed, verbose=0, cache_dir=cache_dir)
    return model, key


def test_training_fingerprint_is_the_cache_key_of_the_training(tmp_path):
    model, key = _tiny_training(tmp_path, seed=0)
    other, other_key = _tiny_training(tmp_path, seed=1)
    assert key != other_key
    assert export_weights.training_fingerprint(model, tmp_path) == key
    assert export_weights.training_fingerprint(other, tmp_path) == other_key
    with pytest.raises(ValueError, match="tiene 0 entradas con los pesos de la red"):
        export_weights.training_fingerprint(model, tmp_path / "vacía")


def test_static_files_add_less_than_one_megabyte():
    total = sum(path.stat().st_size for path in STATIC.iterdir())
    assert total < 1_000_000, f"_extra/dibuja ocupa {total} bytes"


def test_examples_are_the_first_test_digit_of_each_class(export, real_mnist_path):
    from course_lib import data

    _, (x_test, y_test) = data.load_mnist(real_mnist_path)
    images, labels = export_weights.first_of_each_class(x_test, y_test)
    assert export["example_labels"].tolist() == list(range(10)) == labels.tolist()
    assert np.array_equal(export["example_images"], images)


def test_describe_rejects_layers_that_red_js_cannot_run():
    import keras

    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Conv2D(4, 3, padding="same")])
    with pytest.raises(ValueError, match="«valid» de paso 1"):
        export_weights.describe(model)
    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.AveragePooling2D(2)])
    with pytest.raises(ValueError, match="no sabe hacer capas AveragePooling2D"):
        export_weights.describe(model)


@pytest.mark.slow
def test_export_is_the_training_of_the_recipe(export, real_mnist_path):
    """Un pesos.js viejo (de otra red, receta o versión de Keras) hace fallar la CI en cualquier máquina."""
    import keras

    from course_lib import data, recipes

    (x_train, y_train), _ = data.load_mnist(real_mnist_path)
    model, _ = recipes.train_original_convnet(
        data.prepare_images(x_train), keras.utils.to_categorical(y_train, 10), verbose=0,
    )
    assert export_weights.training_fingerprint(model) == export["training_key"], (
        "_extra/dibuja/pesos.js no es de la red que entrena hoy recipes.train_original_convnet: "
        "vuelve a exportarla con «make weights»"
    )


# --- red.js en Node -------------------------------------------------------------------------


def _stroke_images() -> list[np.ndarray]:
    """Trazos de todo tipo: los 10 bocetos en papeles y tamaños distintos, invertidos, finos..."""
    images = [
        preprocessing.sketch_digit(d, (90 + 17 * d, 160 - 9 * d), top=4 + 3 * d, left=2 + 5 * d,
                                   height=70 - 2 * d, width=35 + d, thickness=4 + d)
        for d in range(10)
    ]
    images.append(255 - images[3])  # trazo claro sobre fondo oscuro
    images.append(preprocessing.sketch_digit(1, (40, 40), top=5, left=5, height=30, width=4, thickness=1))
    images.append(preprocessing.sketch_digit(8, (300, 120), top=10, left=10, height=280, width=100))
    images.append(preprocessing.draw_strokes([[(3, 3)]], (9, 9), thickness=3))  # un punto
    rng = np.random.default_rng(0)
    images.append(rng.random((17, 9)))  # ruido en reales
    images.append(preprocessing.sketch_digit(0, (28, 28), top=0, left=0, height=27, width=27, thickness=2))
    return images


def test_red_js_prepares_like_python(tmp_path):
    node = _require_node()
    images = _stroke_images()
    items = [{"height": im.shape[0], "width": im.shape[1], "pixels": im.astype(float).ravel().tolist()}
             for im in images]
    items.append({"height": 3, "width": 4, "pixels": [7.0] * 12})  # uniforme
    (tmp_path / "entrada.json").write_text(json.dumps(items), encoding="utf-8")
    subprocess.run(
        [node, str(RUNNER), "prepare", str(tmp_path / "entrada.json"), str(tmp_path / "salida.json")],
        check=True, timeout=120,
    )
    prepared = json.loads((tmp_path / "salida.json").read_text(encoding="utf-8"))
    assert prepared[-1] is None, "red.js debe devolver null con una imagen uniforme"
    for index, (image, js) in enumerate(zip(images, prepared[:-1], strict=True)):
        expected = preprocessing.prepare_like_mnist(image)
        got = np.array(js, dtype=np.float32).reshape(28, 28)
        assert np.abs(got - expected).max() <= 1e-6, f"imagen {index}: red.js y Python no coinciden"


@pytest.mark.slow
def test_red_js_forward_pass_matches_keras(export, real_mnist_path, tmp_path):
    """Las 10 000 imágenes de prueba: mismas probabilidades que Keras con los mismos pesos."""
    node = _require_node()
    from course_lib import data, models

    _, (x_test, y_test) = data.load_mnist(real_mnist_path)
    images = data.prepare_images(x_test)
    model = models.build_convnet()
    model.set_weights(export["weights"])
    keras_probabilities = model.predict(images, verbose=0)
    images.astype("<f4").tofile(tmp_path / "entrada.f32")
    result = subprocess.run(
        [node, str(RUNNER), "forward", str(STATIC / "pesos.js"), str(tmp_path / "entrada.f32"),
         str(tmp_path / "salida.f32")],
        check=True, capture_output=True, text=True, timeout=600,
    )
    timing = json.loads(result.stdout)
    js_probabilities = np.fromfile(tmp_path / "salida.f32", dtype="<f4").reshape(-1, 10)
    assert js_probabilities.shape == keras_probabilities.shape == (10000, 10)
    largest = float(np.abs(js_probabilities[:200] - keras_probabilities[:200]).max())
    assert largest <= 1e-5, f"diferencia máxima de las probabilidades en 200 imágenes: {largest}"
    everywhere = float(np.abs(js_probabilities - keras_probabilities).max())
    assert everywhere <= 1e-5, f"diferencia máxima de las probabilidades en 10 000 imágenes: {everywhere}"
    same = float((js_probabilities.argmax(1) == keras_probabilities.argmax(1)).mean())
    accuracy = float((js_probabilities.argmax(1) == y_test).mean())
    assert same >= 0.999, f"misma clase que Keras solo en el {same:.2%}"
    # Un mínimo que detecta una red rota o mal exportada, no una meta (la del capítulo, 0,985).
    assert accuracy >= 0.985, f"exactitud de red.js: {accuracy:.2%}"
    print(f"\nred.js frente a Keras: diferencia máxima {largest:.1e} (200 imágenes), "
          f"{everywhere:.1e} (10 000); misma clase "
          f"en el {same:.2%}; exactitud {accuracy:.2%}; {timing['seconds'] / timing['count'] * 1000:.2f} ms "
          "por imagen en Node")


# --- La sensibilidad a la oclusión de la página (occlusionMap en red.js) -------------------


def _occlusion_in_node(images: np.ndarray, tmp_path: Path) -> dict:
    """Los mapas de oclusión de red.js (los de la página) para imágenes (N, 28, 28, 1) float32."""
    node = _require_node()
    images.astype("<f4").tofile(tmp_path / "entrada.f32")
    subprocess.run(
        [node, str(RUNNER), "occlusion", str(STATIC / "pesos.js"), str(tmp_path / "entrada.f32"),
         str(tmp_path / "mapas.json")],
        check=True, timeout=600,
    )
    return json.loads((tmp_path / "mapas.json").read_text(encoding="utf-8"))


def _compare_with_python(export: dict, images: np.ndarray, result: dict) -> float:
    """La mayor diferencia entre los mapas de red.js y los de attribution.occlusion_map."""
    from course_lib import attribution, models

    options = result["options"]
    model = models.build_convnet()
    model.set_weights(export["weights"])
    largest = 0.0
    for index, (image, js) in enumerate(zip(images, result["maps"], strict=True)):
        expected = attribution.occlusion_map(model, image, js["classIndex"], patch=options["patch"],
                                             stride=options["stride"], fill=options["fill"],
                                             score=options["score"])
        got = np.array(js["map"]).reshape(js["rows"], js["cols"])
        assert got.shape == expected.shape, f"imagen {index}: forma {got.shape}, en Python {expected.shape}"
        largest = max(largest, float(np.abs(got - expected).max()))
    return largest


def test_red_js_occlusion_maps_of_the_examples(export, tmp_path):
    """Los 10 ejemplos de la página: forma, ceros exactos donde el parche solo tapa fondo y Python."""
    from course_lib import attribution, data, models

    images = data.prepare_images(export["example_images"])
    result = _occlusion_in_node(images, tmp_path)
    options = result["options"]
    patch, stride, fill = options["patch"], options["stride"], options["fill"]
    assert options["score"] == "logit"
    side = (28 - patch) // stride + 1
    model = models.build_convnet()
    model.set_weights(export["weights"])
    logits = attribution.class_scores(model, images, "logit")
    for label, image, js in zip(export["example_labels"], images[..., 0], result["maps"], strict=True):
        assert js["classIndex"] == label, f"la red lee el {label} de ejemplo como {js['classIndex']}"
        assert (js["rows"], js["cols"]) == (side, side)
        assert abs(js["before"] - logits[label, label]) <= 1e-5, "«before» no es el logit sin tapar"
        heat = np.array(js["map"]).reshape(side, side)
        blank = np.array([[np.all(image[i * stride:i * stride + patch, j * stride:j * stride + patch] == fill)
                           for j in range(side)] for i in range(side)])
        assert blank.any(), f"el {label}: ninguna zona es solo fondo"
        assert not blank.all(), f"el {label}: ninguna zona tiene tinta"
        assert np.all(heat[blank] == 0), f"el {label}: tapar fondo con fondo debe dar exactamente 0"
        assert np.count_nonzero(heat[~blank]) >= 0.8 * (~blank).sum(), f"el {label}: mapa casi vacío"
        # Con logits, tapar el trazo baja la puntuación varias unidades (la probabilidad, apenas).
        assert heat.max() > 2, f"el {label}: la mayor bajada del logit es {heat.max():.2f}"
    largest = _compare_with_python(export, images, result)
    assert largest <= 1e-5, f"red.js y attribution.occlusion_map difieren en {largest:.1e}"


def test_red_js_occlusion_matches_the_page_text():
    """El texto de la página dice el parche y el paso que usa red.js."""
    node = _require_node()
    script = (f"const red = require({json.dumps(str(STATIC / 'red.js'))});"
              "console.log(JSON.stringify(red.OCCLUSION));")
    options = json.loads(subprocess.run([node, "-e", script], check=True, capture_output=True,
                                        text=True, timeout=60).stdout)
    patch, stride = options["patch"], options["stride"]
    side = (28 - patch) // stride + 1
    text = " ".join((ROOT / "chapters" / "dibuja.md").read_text(encoding="utf-8").split())
    for phrase in (f"una zona de {patch} × {patch} píxeles", f"avanza de {stride} en {stride}",
                   f"{side} × {side} = {side * side} zonas, y hasta {side * side + 1} pasadas"):
        assert phrase in text, f"chapters/dibuja.md no dice «{phrase}»"


@pytest.mark.parametrize(("call", "message"), [
    ("{patch: 29}", "El parche (29 × 29) no cabe en la imagen (28 píxeles de lado)."),
    ("{stride: 0}", "«stride» debe ser un entero mayor o igual que 1"),
    ("{score: 'probability'}", "«score» debe ser «logit» o «probabilidad»"),
])
def test_red_js_occlusion_rejects_bad_options(call, message):
    node = _require_node()
    script = (f"const red = require({json.dumps(str(STATIC / 'red.js'))});"
              f"const net = red.loadNetwork(require({json.dumps(str(STATIC / 'pesos.js'))}));"
              f"try {{ red.occlusionMap(net, new Float32Array(784), 3, {call}); console.log('sin error'); }}"
              "catch (error) { console.log(error.message); }")
    output = subprocess.run([node, "-e", script], check=True, capture_output=True, text=True, timeout=60)
    assert message in output.stdout


@pytest.mark.slow
def test_red_js_occlusion_maps_match_python(export, real_mnist_path, tmp_path):
    """200 imágenes de prueba: los mapas de la página son los de attribution.occlusion_map.

    La diferencia (unos 8 · 10⁻⁶ como mucho) es de Keras, que acumula en float32: red.js
    acumula en float64 y redondea a float32 la salida de cada capa.
    """
    from course_lib import data

    _, (x_test, _) = data.load_mnist(real_mnist_path)
    images = data.prepare_images(x_test[:200])
    result = _occlusion_in_node(images, tmp_path)
    assert result["count"] == 200
    largest = _compare_with_python(export, images, result)
    assert largest <= 1e-5, f"diferencia máxima de los mapas de oclusión en 200 imágenes: {largest:.1e}"
    print(f"\nmapas de oclusión de red.js frente a Python: diferencia máxima {largest:.1e} (200 imágenes); "
          f"{result['seconds'] / result['count'] * 1000:.0f} ms por mapa en Node")

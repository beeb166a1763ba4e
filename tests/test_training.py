import json
import re

import keras
import numpy as np
import pytest

from course_lib import cache, data, models, recipes

EPOCHS = 2
BATCH = 16


@pytest.fixture
def xy(tiny_images, tiny_labels):
    return data.prepare_images(tiny_images), keras.utils.to_categorical(tiny_labels, 10)


def tiny_model(seed: int = 0, filters: int = 2) -> keras.Model:
    """Red convolucional diminuta: entrena en una fracción de segundo."""
    keras.utils.set_random_seed(seed)
    return models.build_convnet(filters=(filters,), pooling=(True,), dense_units=4)


def fit(model, xy, folder, **kwargs):
    x, y = xy
    options = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0, "cache_dir": folder, "verbose": 0}
    options.update(kwargs)
    return cache.fit_cached(model, x, y, **options)


def forbid_fit(model):
    def fail(*args, **kwargs):
        raise AssertionError("no debería volver a entrenar")

    model.fit = fail


def entries(folder):
    return sorted(p.name for p in folder.iterdir()) if folder.exists() else []


def test_first_call_trains_and_stores(xy, tmp_path):
    model = tiny_model()
    history = fit(model, xy, tmp_path)
    assert set(history.history) == {"loss", "accuracy"}
    assert len(history.history["loss"]) == EPOCHS
    [entry] = entries(tmp_path)
    stored = tmp_path / entry
    assert {p.name for p in stored.iterdir()} == {"weights.npz", "history.json", "meta.json"}


def test_second_call_loads_same_weights_without_training(xy, tmp_path, capsys):
    trained = tiny_model()
    first = fit(trained, xy, tmp_path)
    again = tiny_model()
    forbid_fit(again)
    second = fit(again, xy, tmp_path, verbose=2)
    assert second.history == first.history
    for a, b in zip(trained.get_weights(), again.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)
    assert "cargados de la caché" in capsys.readouterr().out


def test_trained_once_even_across_processes_layout(xy, tmp_path):
    fit(tiny_model(), xy, tmp_path)
    fit(tiny_model(), xy, tmp_path)
    assert len(entries(tmp_path)) == 1


def test_corrupted_weights_are_detected_and_replaced(xy, tmp_path, capsys):
    trained = tiny_model()
    fit(trained, xy, tmp_path)
    [entry] = entries(tmp_path)
    weights = tmp_path / entry / "weights.npz"
    raw = bytearray(weights.read_bytes())
    raw[len(raw) // 2] ^= 0xFF
    weights.write_bytes(bytes(raw))

    fresh = tiny_model()
    fit(fresh, xy, tmp_path, verbose=0)
    assert "no es válida" in capsys.readouterr().out
    # Se reentrenó desde los mismos pesos iniciales: mismo resultado que el primero.
    for a, b in zip(trained.get_weights(), fresh.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)
    # Y la entrada reparada ya sirve sin entrenar.
    again = tiny_model()
    forbid_fit(again)
    fit(again, xy, tmp_path)


def test_truncated_history_means_training_again(xy, tmp_path, capsys):
    fit(tiny_model(), xy, tmp_path)
    [entry] = entries(tmp_path)
    (tmp_path / entry / "history.json").write_text('{"loss": [0.1]}')
    fit(tiny_model(), xy, tmp_path)
    assert "historial está incompleto" in capsys.readouterr().out


def test_entry_of_another_training_is_never_used(xy, tmp_path, capsys):
    fit(tiny_model(), xy, tmp_path)
    [entry] = entries(tmp_path)
    meta_path = tmp_path / entry / "meta.json"
    meta = json.loads(meta_path.read_text())
    meta["key"] = "0" * 64
    meta_path.write_text(json.dumps(meta))
    fit(tiny_model(), xy, tmp_path)
    assert "la clave no coincide" in capsys.readouterr().out


def test_missing_weights_file_means_training_again(xy, tmp_path, capsys):
    fit(tiny_model(), xy, tmp_path)
    [entry] = entries(tmp_path)
    (tmp_path / entry / "weights.npz").unlink()
    fit(tiny_model(), xy, tmp_path)
    assert "falta o está dañado" in capsys.readouterr().out


def test_no_temporary_files_left_after_failed_write(xy, tmp_path, monkeypatch):
    model = tiny_model()

    def broken_save(*args, **kwargs):
        raise OSError("disco lleno")

    monkeypatch.setattr(cache.np, "savez", broken_save)
    fit(model, xy, tmp_path)  # entrena; avisa de que no pudo guardar
    assert entries(tmp_path) == []


@pytest.mark.parametrize(
    "change",
    [
        {"epochs": EPOCHS + 1},
        {"batch_size": BATCH * 2},
        {"seed": 1},
        {"validation_split": 0.25},
    ],
)
def test_key_changes_with_hyperparameters(xy, change):
    x, y = xy
    base = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0}
    key = cache.training_key(tiny_model(), x, y, **base)
    assert cache.training_key(tiny_model(), x, y, **{**base, **change}) != key


def test_key_changes_with_architecture_initial_weights_and_data(xy):
    x, y = xy
    args = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0}
    key = cache.training_key(tiny_model(), x, y, **args)
    assert cache.training_key(tiny_model(), x, y, **args) == key  # determinista
    assert cache.training_key(tiny_model(filters=3), x, y, **args) != key
    assert cache.training_key(tiny_model(seed=1), x, y, **args) != key
    assert cache.training_key(tiny_model(), x[::-1].copy(), y, **args) != key


def test_float64_labels_give_the_key_and_the_training_of_float32_labels(xy, tmp_path):
    """to_categorical da float64; Keras entrena en float32: misma clave y mismos pesos."""
    x, y = xy
    assert y.dtype == np.float64
    args = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0}
    single = y.astype(np.float32)
    key = cache.training_key(tiny_model(), x, y, **args)
    assert cache.training_key(tiny_model(), x, single, **args) == key
    assert cache.training_key(tiny_model(), x, y[::-1].copy(), **args) != key
    double, simple = tiny_model(), tiny_model()
    fit(double, (x, y), tmp_path / "a")
    fit(simple, (x, single), tmp_path / "b")
    for a, b in zip(double.get_weights(), simple.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_key_changes_with_optimizer(xy):
    x, y = xy
    args = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0}
    keras.utils.set_random_seed(0)
    adam = models.build_convnet(filters=(2,), pooling=(True,), dense_units=4, optimizer="adam")
    assert cache.training_key(adam, x, y, **args) != cache.training_key(tiny_model(), x, y, **args)


def test_key_includes_library_versions(xy, monkeypatch):
    x, y = xy
    args = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0}
    key = cache.training_key(tiny_model(), x, y, **args)
    monkeypatch.setattr(keras, "__version__", "0.0.0")
    assert cache.training_key(tiny_model(), x, y, **args) != key


def test_cache_dir_from_environment(xy, tmp_path, monkeypatch):
    monkeypatch.setenv(cache.CACHE_DIR_ENV, str(tmp_path / "mi_cache"))
    assert cache.default_cache_dir() == tmp_path / "mi_cache"
    fit(tiny_model(), xy, None)
    assert len(entries(tmp_path / "mi_cache")) == 1


def test_default_cache_dir_without_environment(monkeypatch, tmp_path):
    monkeypatch.delenv(cache.CACHE_DIR_ENV, raising=False)
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert cache.default_cache_dir() == tmp_path / "redes-convolucionales"


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"epochs": 0}, ValueError, "«epochs» debe ser un entero positivo"),
        ({"batch_size": 1.5}, ValueError, "«batch_size»"),
        ({"seed": "0"}, ValueError, "«seed» debe ser un entero"),
        ({"validation_split": 1.0}, ValueError, "validation_split"),
    ],
)
def test_bad_arguments(xy, tmp_path, change, error, message):
    with pytest.raises(error, match=message):
        fit(tiny_model(), xy, tmp_path, **change)


def test_bad_data(xy, tmp_path):
    x, y = xy
    model = tiny_model()
    with pytest.raises(ValueError, match="¿Olvidaste data.prepare_images\\?"):
        cache.fit_cached(model, x[..., 0], y, epochs=1, batch_size=8, seed=0, cache_dir=tmp_path)
    with pytest.raises(ValueError, match="one-hot"):
        cache.fit_cached(model, x, y.argmax(axis=1), epochs=1, batch_size=8, seed=0, cache_dir=tmp_path)
    with pytest.raises(ValueError, match="mismo número"):
        cache.fit_cached(model, x, y[:5], epochs=1, batch_size=8, seed=0, cache_dir=tmp_path)
    with pytest.raises(TypeError, match="keras.Model"):
        cache.fit_cached("modelo", x, y, epochs=1, batch_size=8, seed=0, cache_dir=tmp_path)


def test_uncompiled_model_is_rejected(xy, tmp_path):
    x, y = xy
    model = keras.Sequential([keras.Input((28, 28, 1)), keras.layers.Flatten(), keras.layers.Dense(10)])
    with pytest.raises(ValueError, match="no está compilado"):
        cache.fit_cached(model, x, y, epochs=1, batch_size=8, seed=0, cache_dir=tmp_path)


def test_training_time_is_measured_and_kept_in_the_cache(xy, tmp_path):
    first = fit(tiny_model(), xy, tmp_path)
    assert first.training_seconds > 0
    again = tiny_model()
    forbid_fit(again)
    assert fit(again, xy, tmp_path).training_seconds == pytest.approx(first.training_seconds)


def test_reference_networks_use_the_chapter_settings(monkeypatch, xy, tmp_path):
    calls = []

    def fake_fit_cached(model, x, y, **kwargs):
        calls.append((model.name, model.count_params(), kwargs["epochs"], kwargs["batch_size"],
                      kwargs["seed"], kwargs["validation_split"]))
        return "historial"

    monkeypatch.setattr(cache, "fit_cached", fake_fit_cached)
    x, y = xy
    model, history = recipes.train_original_convnet(x, y, cache_dir=tmp_path)
    assert history == "historial"
    assert model.count_params() == 93322
    recipes.train_dense_net(x, y, cache_dir=tmp_path)
    assert calls == [("convnet", 93322, 5, 64, 0, 0.1), ("red_densa", 407050, 5, 128, 0, 0.1)]


def test_reference_network_has_the_same_key_as_the_chapter(xy, monkeypatch):
    """train_original_convnet reutiliza lo que entrenó el capítulo (misma clave de caché)."""
    x, y = xy
    keras.utils.set_random_seed(recipes.SEED)  # como convnet_intro: semilla y luego el modelo
    chapter = models.build_convnet()
    expected = cache.training_key(
        chapter, x, y, epochs=5, batch_size=64, seed=recipes.SEED, validation_split=0.1
    )
    keys = []

    def capture(model, x_, y_, **kwargs):
        kwargs = {k: kwargs[k] for k in ("epochs", "batch_size", "seed", "validation_split")}
        keys.append(cache.training_key(model, x_, y_, **kwargs))

    monkeypatch.setattr(cache, "fit_cached", capture)
    keras.utils.set_random_seed(123)  # el estado previo no debe importar
    recipes.train_original_convnet(x, y)
    assert keys == [expected]


def test_validation_data_is_used_and_part_of_the_key(xy, tmp_path):
    x, y = xy
    history = fit(tiny_model(), xy, tmp_path, validation_data=(x[:8], y[:8]))
    assert set(history.history) == {"loss", "accuracy", "val_loss", "val_accuracy"}
    args = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0}
    with_val = cache.training_key(tiny_model(), x, y, validation_data=(x[:8], y[:8]), **args)
    other_val = cache.training_key(tiny_model(), x, y, validation_data=(x[8:16], y[8:16]), **args)
    assert with_val != other_val != cache.training_key(tiny_model(), x, y, **args)


def test_bad_validation_data(xy, tmp_path):
    x, y = xy
    with pytest.raises(TypeError, match="validation_data"):
        fit(tiny_model(), xy, tmp_path, validation_data=[x, y])
    with pytest.raises(ValueError, match="no los dos"):
        fit(tiny_model(), xy, tmp_path, validation_data=(x, y), validation_split=0.1)
    with pytest.raises(ValueError, match="one-hot"):
        fit(tiny_model(), xy, tmp_path, validation_data=(x, y.argmax(axis=1)))


def test_store_training_makes_a_visible_fit_reusable(xy, tmp_path):
    """Un model.fit a la vista, guardado con store_training, es lo que luego carga fit_cached."""
    x, y = xy
    args = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0, "validation_split": 0.25}
    model = tiny_model()
    key = cache.training_key(model, x, y, **args)
    keras.utils.set_random_seed(0)
    history = model.fit(x, y, epochs=EPOCHS, batch_size=BATCH, validation_split=0.25, verbose=0)
    entry = cache.store_training(key, model, history, seconds=1.5, cache_dir=tmp_path)
    assert entry.parent == tmp_path
    assert entry.name == key[:24]
    again = tiny_model()
    forbid_fit(again)
    loaded = cache.fit_cached(again, x, y, cache_dir=tmp_path, verbose=0, **args)
    assert loaded.training_seconds == 1.5
    assert loaded.history == {k: [float(v) for v in vals] for k, vals in history.history.items()}
    for ours, theirs in zip(again.get_weights(), model.get_weights(), strict=True):
        np.testing.assert_array_equal(ours, theirs)


@pytest.mark.parametrize(
    ("change", "error", "message"),
    [
        ({"key": "abc"}, ValueError, "training_key"),
        ({"model": "modelo"}, TypeError, "keras.Model"),
        ({"history": {"loss": [1.0]}}, TypeError, "History"),
        ({"seconds": -1.0}, ValueError, "no negativo"),
    ],
)
def test_store_training_bad_arguments(xy, tmp_path, change, error, message):
    x, y = xy
    model = tiny_model()
    history = model.fit(x, y, epochs=1, batch_size=BATCH, verbose=0)
    args = {"key": "0" * 64, "model": model, "history": history, "seconds": 1.0}
    args.update(change)
    with pytest.raises(error, match=message):
        cache.store_training(
            args["key"], args["model"], args["history"], seconds=args["seconds"], cache_dir=tmp_path
        )
    assert not list(tmp_path.iterdir())


def test_epoch_seconds_are_measured_stored_and_printed(xy, tmp_path, capsys):
    """Cada época tiene su tiempo (el de la línea de Keras), también cuando viene de la caché."""
    first = fit(tiny_model(), xy, tmp_path)
    assert len(first.epoch_seconds) == EPOCHS
    assert all(t > 0 for t in first.epoch_seconds)
    assert sum(first.epoch_seconds) <= first.training_seconds
    again = tiny_model()
    forbid_fit(again)
    capsys.readouterr()
    loaded = cache.fit_cached(again, *xy, epochs=EPOCHS, batch_size=BATCH, seed=0, cache_dir=tmp_path)
    assert loaded.epoch_seconds == pytest.approx(first.epoch_seconds)
    printed = capsys.readouterr().out
    assert f"Epoch 1/{EPOCHS}\n" in printed
    assert f" - {first.epoch_seconds[0]:.0f}s - " in printed


def test_cached_log_has_the_form_of_keras_log(xy, tmp_path, capsys):
    """El registro que se repite desde la caché es el de Keras (verbose=2), con sus números."""
    capsys.readouterr()
    fit(tiny_model(), xy, tmp_path, verbose=2, validation_split=0.25)
    keras_log = capsys.readouterr().out
    again = tiny_model()
    forbid_fit(again)
    fit(again, xy, tmp_path, verbose=2, validation_split=0.25)
    replayed = capsys.readouterr().out.splitlines()
    assert "cargados de la caché" in replayed[0]
    timing = re.compile(r" - \d+s - \d+(?:s|ms|us)/step")
    expected = [timing.sub("", line) for line in keras_log.splitlines() if line.strip()]
    assert [timing.sub("", line) for line in replayed[1:]] == expected
    assert all(timing.search(line) for line in replayed[2::2])


def test_entry_without_epoch_seconds_still_loads(xy, tmp_path):
    """Una entrada guardada sin tiempos por época (store_training) se carga; epoch_seconds es None."""
    x, y = xy
    model = tiny_model()
    key = cache.training_key(model, x, y, epochs=EPOCHS, batch_size=BATCH, seed=0)
    history = model.fit(x, y, epochs=EPOCHS, batch_size=BATCH, verbose=0)
    cache.store_training(key, model, history, seconds=1.0, cache_dir=tmp_path)
    again = tiny_model()
    forbid_fit(again)
    loaded = cache.fit_cached(again, x, y, epochs=EPOCHS, batch_size=BATCH, seed=0, cache_dir=tmp_path)
    assert loaded.epoch_seconds is None
    assert loaded.training_seconds == 1.0


def test_test_data_is_evaluated_each_epoch_outside_the_timer(xy, tmp_path):
    """Con test_data, cada época añade test_loss y test_accuracy, iguales a model.evaluate."""
    x, y = xy
    model = tiny_model()
    history = fit(model, xy, tmp_path, test_data=(x[:20], y[:20]))
    assert {"test_loss", "test_accuracy"} <= set(history.history)
    assert len(history.history["test_accuracy"]) == EPOCHS
    loss, accuracy = model.evaluate(x[:20], y[:20], verbose=0)
    assert history.history["test_accuracy"][-1] == pytest.approx(accuracy)
    assert history.history["test_loss"][-1] == pytest.approx(loss, rel=1e-4)
    assert sum(history.epoch_seconds) <= history.training_seconds + 1e-6


def test_test_data_does_not_change_the_training(xy, tmp_path):
    """Evaluar en cada época no cambia los pesos entrenados (ni consume azar)."""
    x, y = xy
    plain, measured = tiny_model(), tiny_model()
    fit(plain, xy, tmp_path / "a")
    fit(measured, xy, tmp_path / "b", test_data=(x[:20], y[:20]))
    for a, b in zip(plain.get_weights(), measured.get_weights(), strict=True):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_test_data_is_part_of_the_key_only_when_given(xy):
    x, y = xy
    options = {"epochs": EPOCHS, "batch_size": BATCH, "seed": 0}
    plain = cache.training_key(tiny_model(), x, y, **options)
    assert cache.training_key(tiny_model(), x, y, test_data=None, **options) == plain
    with_test = cache.training_key(tiny_model(), x, y, test_data=(x[:20], y[:20]), **options)
    other_test = cache.training_key(tiny_model(), x, y, test_data=(x[:30], y[:30]), **options)
    assert len({plain, with_test, other_test}) == 3


@pytest.mark.parametrize("bad", [(1, 2), "datos", ([1], [2])])
def test_bad_test_data(xy, tmp_path, bad):
    with pytest.raises(TypeError, match="test_data"):
        fit(tiny_model(), xy, tmp_path, test_data=bad)


def test_seconds_to_reach_sums_epochs_until_the_first_success():
    history = keras.callbacks.History()
    history.history = {"test_accuracy": [0.97, 0.991, 0.989, 0.995]}
    history.epoch_seconds = [10.0, 5.0, 5.0, 5.0]
    assert cache.seconds_to_reach(history, 0.99) == 15.0
    assert cache.seconds_to_reach(history, 0.995) == 25.0
    assert cache.seconds_to_reach(history, 0.999) is None
    history.history["val_accuracy"] = [0.99, 0.9, 0.9, 0.9]
    assert cache.seconds_to_reach(history, 0.99, metric="val_accuracy") == 10.0


def test_seconds_to_reach_explains_what_is_missing():
    history = keras.callbacks.History()
    history.history = {"accuracy": [0.9]}
    history.epoch_seconds = [1.0]
    with pytest.raises(ValueError, match="test_data"):
        cache.seconds_to_reach(history, 0.99)
    history.epoch_seconds = None
    with pytest.raises(ValueError, match="epoch_seconds"):
        cache.seconds_to_reach(history, 0.9, metric="accuracy")
    history.epoch_seconds = [1.0]
    with pytest.raises(ValueError, match="target"):
        cache.seconds_to_reach(history, 99, metric="accuracy")


def test_fast_convnet_recipe():
    """La red rápida del capítulo «Mejorar la red»: la arquitectura y el calendario que dice."""
    model = recipes.build_fast_convnet(54000)
    shapes = {layer.name: tuple(layer.output.shape[1:]) for layer in model.layers}
    assert shapes["conv_1"] == (12, 12, 16)
    assert shapes["pool_2"] == (5, 5, 48)
    assert "pool_1" not in shapes
    assert "dense" not in shapes
    assert model.count_params() == 19578
    schedule = model.optimizer.get_config()["learning_rate"]["config"]
    total = recipes.FAST_EPOCHS * 422  # ceil(54 000 / 128) pasos por época
    assert schedule["warmup_target"] == recipes.FAST_PEAK_RATE
    assert schedule["warmup_steps"] == total // 10
    assert schedule["warmup_steps"] + schedule["decay_steps"] == total
    # Misma semilla, mismos pesos iniciales (la clave de la caché depende de ellos).
    again = recipes.build_fast_convnet(54000)
    assert all((a == b).all() for a, b in zip(model.get_weights(), again.get_weights(), strict=True))


def test_a_second_caller_waits_for_the_same_training_and_loads_it(xy, tmp_path):
    """Dos cuadernos a la vez con el mismo entrenamiento: el segundo espera al primero (el
    cerrojo de la entrada) y carga sus pesos en lugar de entrenar otra vez."""
    import threading
    import time

    x, y = xy
    first = tiny_model()
    key = cache.training_key(first, x, y, epochs=EPOCHS, batch_size=BATCH, seed=0)
    second = tiny_model()
    forbid_fit(second)
    result: dict[str, object] = {}

    def call() -> None:
        try:
            result["history"] = fit(second, xy, tmp_path)
        except Exception as error:  # se comprueba abajo, en el hilo principal
            result["error"] = error

    with cache._training_lock(tmp_path / key[:24]):
        waiting = threading.Thread(target=call)
        waiting.start()
        time.sleep(1.0)
        assert waiting.is_alive(), result  # espera el cerrojo: no ha mirado aún la caché
        history = first.fit(x, y, epochs=EPOCHS, batch_size=BATCH, verbose=0)
        cache.store_training(key, first, history, seconds=1.0, cache_dir=tmp_path)
    waiting.join(timeout=60)
    assert "error" not in result, result  # habría fallado si hubiese entrenado (forbid_fit)
    for a, b in zip(first.get_weights(), second.get_weights(), strict=True):
        np.testing.assert_array_equal(a, b)


def test_without_the_lock_the_second_caller_would_train(xy, tmp_path):
    """La prueba anterior puede fallar: sin entrada guardada, el segundo entrena (y forbid_fit salta)."""
    second = tiny_model()
    forbid_fit(second)
    with pytest.raises(AssertionError, match="no debería volver a entrenar"):
        fit(second, xy, tmp_path)

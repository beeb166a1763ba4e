"""Entrenamiento con caché en disco: se entrena una vez y los capítulos siguientes reutilizan los pesos."""

from __future__ import annotations

import hashlib
import importlib
import json
import math
import os
import shutil
import tempfile
import time
from pathlib import Path
from typing import Any

import keras
import numpy as np

from course_lib.data import array_sha256
from course_lib.models import build_convnet, build_dense
from course_lib.reproducibility import set_seed
from course_lib.schedules import steps_per_epoch, warmup_cosine

CACHE_DIR_ENV = "COURSE_CACHE_DIR"
"""Variable de entorno con la carpeta de la caché de modelos entrenados."""

CACHE_FORMAT = 2
WEIGHTS_FILE = "weights.npz"
HISTORY_FILE = "history.json"
META_FILE = "meta.json"


def default_cache_dir() -> Path:
    """Carpeta de la caché: ``$COURSE_CACHE_DIR`` o ``~/.cache/redes-convolucionales``.

    Si ``COURSE_CACHE_DIR`` no está definida se respeta ``XDG_CACHE_HOME``. (No se usa
    ``platformdirs``: sería una cuarta dependencia para quien instala el curso.)
    """
    if os.environ.get(CACHE_DIR_ENV):
        return Path(os.environ[CACHE_DIR_ENV]).expanduser()
    base = os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache"
    return Path(base) / "redes-convolucionales"


def _strip_names(value: Any) -> Any:
    """Quita los nombres de capas y modelos (no cambian el resultado del entrenamiento)."""
    if isinstance(value, dict):
        return {k: _strip_names(v) for k, v in value.items() if k != "name"}
    if isinstance(value, (list, tuple)):
        return [_strip_names(v) for v in value]
    return value


def _backend_version() -> dict[str, str]:
    backend = keras.backend.backend()
    module = {"tensorflow": "tensorflow", "jax": "jax", "torch": "torch"}.get(backend, "numpy")
    return {
        "keras": keras.__version__,
        "backend": backend,
        "backend_version": importlib.import_module(module).__version__,
    }


def _weights_sha256(model: keras.Model) -> str:
    digest = hashlib.sha256()
    for weights in model.get_weights():
        digest.update(str(weights.shape).encode())
        digest.update(np.ascontiguousarray(weights).tobytes())
    return digest.hexdigest()


def _file_sha256(path: Path) -> str:
    with path.open("rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def _check_arguments(
    model: object, x: object, y: object, epochs: object, batch_size: object, seed: object,
    validation_split: object,
) -> None:
    if not isinstance(model, keras.Model):
        raise TypeError(f"«model» debe ser un keras.Model; se recibió {type(model).__name__}.")
    if not model.compiled:
        raise ValueError("El modelo no está compilado: llama antes a model.compile(...).")
    for name, array in (("x", x), ("y", y)):
        if not isinstance(array, np.ndarray):
            raise TypeError(f"«{name}» debe ser un numpy.ndarray; se recibió {type(array).__name__}.")
    assert isinstance(x, np.ndarray) and isinstance(y, np.ndarray)
    if len(x) != len(y) or len(x) == 0:
        raise ValueError(
            f"«x» y «y» deben tener el mismo número (no nulo) de ejemplos; tienen {len(x)} y {len(y)}."
        )
    if tuple(x.shape[1:]) != tuple(model.input_shape[1:]):
        raise ValueError(
            f"Cada ejemplo de «x» tiene forma {x.shape[1:]}, pero el modelo espera "
            f"{model.input_shape[1:]}. ¿Olvidaste data.prepare_images?"
        )
    if y.ndim != 2 or y.shape[1] != model.output_shape[-1]:
        raise ValueError(
            f"«y» tiene forma {y.shape}, pero el modelo da {model.output_shape[-1]} salidas: "
            "con entropía cruzada categórica las etiquetas van en one-hot (data.one_hot)."
        )
    for name, value in (("epochs", epochs), ("batch_size", batch_size)):
        if isinstance(value, bool) or not isinstance(value, int) or value < 1:
            raise ValueError(f"«{name}» debe ser un entero positivo; se recibió {value!r}.")
    if isinstance(seed, bool) or not isinstance(seed, int):
        raise TypeError(f"«seed» debe ser un entero; se recibió {seed!r}.")
    if not isinstance(validation_split, (int, float)) or not 0 <= validation_split < 1:
        raise ValueError(
            f"«validation_split» debe estar en [0, 1); se recibió {validation_split!r}."
        )


def training_key(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    seed: int,
    validation_split: float = 0.0,
    validation_data: tuple[np.ndarray, np.ndarray] | None = None,
    test_data: tuple[np.ndarray, np.ndarray] | None = None,
) -> str:
    """Clave de la caché: sha256 de todo lo que cambia el resultado del entrenamiento.

    Entran la arquitectura, la compilación (optimizador, pérdida, métricas),
    los pesos iniciales (que dependen de la semilla con que se construyó el
    modelo), los datos, las épocas, el tamaño de lote, la semilla del
    entrenamiento, la fracción de validación, los datos de prueba evaluados en
    cada época (si los hay: cambian el historial) y las versiones de Keras y de su motor.
    """
    payload = {
        "format": CACHE_FORMAT,
        "architecture": _strip_names(model.get_config()),
        "compile": _strip_names(model.get_compile_config()),
        "initial_weights": _weights_sha256(model),
        "x": [array_sha256(x), list(x.shape), str(x.dtype)],
        "y": [array_sha256(y), list(y.shape), str(y.dtype)],
        "epochs": epochs,
        "batch_size": batch_size,
        "seed": seed,
        "validation_split": float(validation_split),
        "validation_data": None if validation_data is None else [
            [array_sha256(a), list(a.shape), str(a.dtype)] for a in validation_data
        ],
        "versions": _backend_version(),
    }
    if test_data is not None:  # solo si se dan: las claves de siempre no cambian
        payload["test_data"] = [[array_sha256(a), list(a.shape), str(a.dtype)] for a in test_data]
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _read_entry(
    entry: Path, key: str, epochs: int
) -> tuple[dict[str, list[float]], float, list[float] | None]:
    """Lee y valida una entrada; lanza ValueError con el motivo si no sirve."""
    if not entry.is_dir():
        raise FileNotFoundError("no existe")
    try:
        meta = json.loads((entry / META_FILE).read_text(encoding="utf-8"))
        history = json.loads((entry / HISTORY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"metadatos ilegibles ({type(error).__name__})") from None
    if not isinstance(meta, dict) or meta.get("format") != CACHE_FORMAT or meta.get("key") != key:
        raise ValueError("la clave no coincide con este entrenamiento")
    weights = entry / WEIGHTS_FILE
    if not weights.is_file() or _file_sha256(weights) != meta.get("weights_sha256"):
        raise ValueError("el archivo de pesos falta o está dañado")
    if not isinstance(history, dict) or not history or not all(
        isinstance(v, list) and len(v) == epochs and all(isinstance(n, (int, float)) for n in v)
        for v in history.values()
    ):
        raise ValueError("el historial está incompleto")
    seconds = meta.get("training_seconds")
    epoch_seconds = meta.get("epoch_seconds")
    if epoch_seconds is not None and not (
        isinstance(epoch_seconds, list) and len(epoch_seconds) == epochs
        and all(isinstance(v, (int, float)) and v >= 0 for v in epoch_seconds)
    ):
        raise ValueError("los tiempos por época están incompletos")
    if not isinstance(seconds, (int, float)) or seconds < 0:
        raise ValueError("falta el tiempo de entrenamiento")
    return history, float(seconds), None if epoch_seconds is None else [float(v) for v in epoch_seconds]


def _load_weights(path: Path) -> list[np.ndarray]:
    with path.open("rb") as handle, np.load(handle, allow_pickle=False) as npz:
        return [npz[name] for name in sorted(npz.files)]


def _write_entry(
    root: Path, entry: Path, key: str, model: keras.Model, history: dict, seconds: float,
    epoch_seconds: list[float] | None = None,
) -> None:
    """Escribe la entrada en una carpeta temporal y la coloca de una vez (nunca a medias)."""
    root.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=".tmp-", dir=root))
    try:
        weights = model.get_weights()
        np.savez(tmp / WEIGHTS_FILE, **{f"w{i:03d}": w for i, w in enumerate(weights)})
        (tmp / HISTORY_FILE).write_text(json.dumps(history), encoding="utf-8")
        meta = {
            "format": CACHE_FORMAT,
            "key": key,
            "weights_sha256": _file_sha256(tmp / WEIGHTS_FILE),
            "model": model.name,
            "training_seconds": seconds,
            "epoch_seconds": epoch_seconds,
            "versions": _backend_version(),
        }
        (tmp / META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
        if entry.exists():
            shutil.rmtree(entry)
        os.replace(tmp, entry)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


class _EpochTimer(keras.callbacks.Callback):
    """Anota los segundos de cada época: lo mismo que Keras escribe en su línea de registro."""

    def __init__(self) -> None:
        super().__init__()
        self.seconds: list[float] = []
        self._start = 0.0

    def on_epoch_begin(self, epoch: int, logs: dict | None = None) -> None:
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        self.seconds.append(time.perf_counter() - self._start)


class _TestEvaluator(keras.callbacks.Callback):
    """Evalúa el modelo con los datos de prueba al final de cada época (fuera del tiempo medido).

    Añade al registro de la época ``test_loss``, ``test_accuracy``... (las métricas de la
    compilación con el prefijo ``test_``). No cambia el entrenamiento: en evaluación no hay
    *dropout*, ni aumento de datos, ni se actualizan las estadísticas de la normalización.
    """

    def __init__(self, data: tuple[np.ndarray, np.ndarray], batch_size: int) -> None:
        super().__init__()
        self.data = data
        self.batch_size = batch_size
        self.seconds = 0.0  # lo que han tardado las evaluaciones, que no es entrenamiento

    def on_epoch_end(self, epoch: int, logs: dict | None = None) -> None:
        start = time.perf_counter()
        results = self.model.evaluate(*self.data, batch_size=self.batch_size, verbose=0, return_dict=True)
        self.seconds += time.perf_counter() - start
        if logs is not None:
            logs.update({f"test_{name}": float(value) for name, value in results.items()})


def _make_history(
    model: keras.Model, history: dict[str, list[float]], params: dict
) -> keras.callbacks.History:
    result = keras.callbacks.History()
    result.set_model(model)
    result.history = history
    result.epoch = list(range(params["epochs"]))
    result.params = params
    return result


def _steps_per_epoch(
    count: int, batch_size: int, validation_split: float, validation_data: object
) -> int:
    """Lotes por época de ``model.fit``: Keras aparta para validación el último tramo."""
    if validation_data is None and validation_split:
        count = int(math.floor(count * (1.0 - validation_split)))
    return max(1, math.ceil(count / batch_size))


def _keras_log(
    stored: dict[str, list[float]], epochs: int, steps: int, epoch_seconds: list[float] | None
) -> list[str]:
    """El registro de ``model.fit(verbose=2)`` de un entrenamiento guardado, con el formato de Keras.

    Dos líneas por época, como las escribe Keras: ``Epoch 1/5`` y
    ``422/422 - 3s - 7ms/step - accuracy: 0.9184 - loss: 0.2761 - ...`` (sin los segundos si
    la entrada de la caché no los guardó).
    """
    lines = []
    for epoch in range(epochs):
        info = f"{steps}/{steps}"
        if epoch_seconds is not None:
            seconds = epoch_seconds[epoch]
            per_step = seconds / steps
            if per_step >= 1:
                step_time = f"{per_step:.0f}s/step"
            elif per_step >= 1e-3:
                step_time = f"{per_step * 1000:.0f}ms/step"
            else:
                step_time = f"{per_step * 1e6:.0f}us/step"
            info += f" - {seconds:.0f}s - {step_time}"
        for name, values in stored.items():
            value = values[epoch]
            info += f" - {name}: {value:.4f}" if value > 1e-3 else f" - {name}: {value:.4e}"
        lines += [f"Epoch {epoch + 1}/{epochs}", info]
    return lines


def fit_cached(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    *,
    epochs: int,
    batch_size: int,
    seed: int,
    validation_split: float = 0.0,
    validation_data: tuple[np.ndarray, np.ndarray] | None = None,
    test_data: tuple[np.ndarray, np.ndarray] | None = None,
    cache_dir: str | os.PathLike[str] | None = None,
    verbose: int = 2,
) -> keras.callbacks.History:
    """Entrena ``model`` con ``model.fit`` o, si ya se entrenó igual, carga sus pesos.

    Primero calcula la clave del entrenamiento (:func:`training_key`). Si la
    caché tiene una entrada válida con esa clave, carga en ``model`` los pesos
    entrenados y devuelve el historial guardado, sin entrenar. Si no la tiene
    (o está dañada o es de otro entrenamiento), fija la semilla, llama a
    ``model.fit(x, y, epochs=epochs, batch_size=batch_size,
    validation_split=validation_split, validation_data=validation_data,
    verbose=verbose)`` y guarda pesos e
    historial. Nunca devuelve un modelo con pesos de otro entrenamiento.

    Parameters
    ----------
    model : keras.Model
        Modelo compilado y sin entrenar (sus pesos iniciales forman parte de la clave).
    x, y : numpy.ndarray
        Imágenes preparadas y etiquetas en one-hot.
    epochs, batch_size : int
        Como en ``model.fit``.
    seed : int
        Semilla fijada justo antes de entrenar (orden de los lotes).
    validation_split : float
        Fracción final de ``x`` reservada para validación, como en ``model.fit``.
    validation_data : tuple, opcional
        ``(x_val, y_val)`` con que se mide la validación al final de cada época.
    test_data : tuple, opcional
        ``(x_test, y_test)``: si se da, el modelo se evalúa con ellos al final de cada
        época y el historial gana ``test_loss`` y ``test_accuracy``. Es para medir (por
        ejemplo, cuándo se alcanza una exactitud), nunca para elegir: lo que se decida
        mirando estos números deja de ser una estimación honesta. La evaluación no cuenta
        en los segundos de cada época.
    cache_dir : str o Path, opcional
        Carpeta de la caché; por defecto :func:`default_cache_dir`.
    verbose : int
        Verbosidad de ``model.fit`` (2: una línea por época).

    Returns
    -------
    keras.callbacks.History
        El historial: ``history.history`` tiene las métricas de cada época y
        ``history.training_seconds`` lo que tardó el entrenamiento (medido
        cuando se entrenó, aunque ahora venga de la caché), y
        ``history.epoch_seconds`` lo que tardó cada época (lo que escribe Keras en
        su línea de registro; ``None`` en una entrada antigua de la caché).
    """
    _check_arguments(model, x, y, epochs, batch_size, seed, validation_split)
    if validation_data is not None:
        if (
            not isinstance(validation_data, tuple) or len(validation_data) != 2
            or not all(isinstance(a, np.ndarray) for a in validation_data)
        ):
            raise TypeError("«validation_data» debe ser una tupla (x_val, y_val) de numpy.ndarray.")
        if validation_split:
            raise ValueError("Usa «validation_split» o «validation_data», no los dos.")
        _check_arguments(model, *validation_data, epochs, batch_size, seed, 0.0)
    if test_data is not None:
        if (
            not isinstance(test_data, tuple) or len(test_data) != 2
            or not all(isinstance(a, np.ndarray) for a in test_data)
        ):
            raise TypeError("«test_data» debe ser una tupla (x_test, y_test) de numpy.ndarray.")
        _check_arguments(model, *test_data, epochs, batch_size, seed, 0.0)
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    key = training_key(
        model, x, y, epochs=epochs, batch_size=batch_size, seed=seed,
        validation_split=validation_split, validation_data=validation_data, test_data=test_data,
    )
    entry = root / key[:24]
    params = {"epochs": epochs, "batch_size": batch_size, "verbose": verbose}
    initial_weights = model.get_weights()
    try:
        stored, seconds, epoch_seconds = _read_entry(entry, key, epochs)
        model.set_weights(_load_weights(entry / WEIGHTS_FILE))
    except FileNotFoundError:
        pass
    except Exception as error:  # entrada dañada o ajena: se descarta y se entrena
        model.set_weights(initial_weights)
        print(f"La entrada {entry.name} de la caché no es válida ({error}); se entrena de nuevo.")
    else:
        if verbose:
            print("Pesos entrenados cargados de la caché: no se vuelve a entrenar. Registro guardado:")
            steps = _steps_per_epoch(len(x), batch_size, validation_split, validation_data)
            for line in _keras_log(stored, epochs, steps, epoch_seconds):
                print(line)
        history = _make_history(model, stored, params)
        history.training_seconds = seconds
        history.epoch_seconds = epoch_seconds
        return history

    set_seed(seed)
    timer = _EpochTimer()
    # El cronómetro va antes que la evaluación de prueba: sus segundos no la incluyen.
    evaluator = None if test_data is None else _TestEvaluator(test_data, batch_size=max(batch_size, 1000))
    callbacks: list[keras.callbacks.Callback] = [timer] if evaluator is None else [timer, evaluator]
    start = time.perf_counter()
    history = model.fit(
        x, y, epochs=epochs, batch_size=batch_size, validation_split=validation_split,
        validation_data=validation_data, verbose=verbose, callbacks=callbacks,
    )
    history.training_seconds = time.perf_counter() - start - (evaluator.seconds if evaluator else 0.0)
    history.epoch_seconds = timer.seconds
    clean = {k: [float(v) for v in values] for k, values in history.history.items()}
    if all(math.isfinite(v) for values in clean.values() for v in values):
        try:
            _write_entry(root, entry, key, model, clean, history.training_seconds, timer.seconds)
        except OSError as error:
            print(f"Aviso: no se pudo guardar en la caché {root} ({error}).")
    return history


def seconds_to_reach(
    history: keras.callbacks.History, target: float, metric: str = "test_accuracy"
) -> float | None:
    """Segundos de entrenamiento hasta la primera época en que ``metric`` llega a ``target``.

    Suma los segundos de las épocas (``history.epoch_seconds``, de :func:`fit_cached`)
    hasta la primera cuya ``metric`` es mayor o igual que ``target``, incluida. Devuelve
    ``None`` si ninguna época llega.
    """
    stored = getattr(history, "history", None) if isinstance(history, keras.callbacks.History) else None
    values = stored.get(metric) if isinstance(stored, dict) else None
    if values is None:
        raise ValueError(
            f"El historial no tiene la métrica «{metric}»: ¿entrenaste con fit_cached y, para "
            "«test_accuracy», con test_data?"
        )
    seconds = getattr(history, "epoch_seconds", None)
    if seconds is None:
        raise ValueError("El historial no tiene los segundos de cada época (history.epoch_seconds).")
    if isinstance(target, bool) or not isinstance(target, (int, float)) or not 0 < target <= 1:
        raise ValueError(f"«target» debe ser una fracción en (0, 1]; se recibió {target!r}.")
    for epoch, value in enumerate(values):
        if value >= target:
            return float(sum(seconds[: epoch + 1]))
    return None


SEED = 0
"""Semilla con la que el curso construye y entrena sus redes de referencia."""

VALIDATION_SPLIT = 0.1
"""Fracción final de las imágenes de entrenamiento que las redes de referencia reservan para validar."""


def store_training(
    key: str,
    model: keras.Model,
    history: keras.callbacks.History,
    *,
    seconds: float,
    cache_dir: str | os.PathLike[str] | None = None,
) -> Path:
    """Guarda en la caché un entrenamiento hecho con ``model.fit`` a la vista.

    Sirve para que un capítulo escriba ``model.fit(...)`` tal cual y los capítulos
    siguientes reutilicen sus pesos con :func:`fit_cached`. ``key`` debe calcularse
    con :func:`training_key` **antes** de entrenar (entran los pesos iniciales), y el
    entrenamiento debe ser el que haría :func:`fit_cached`: ``set_seed(seed)`` justo
    antes de ``model.fit`` con los mismos argumentos.

    Parameters
    ----------
    key : str
        La clave de :func:`training_key`, calculada con el modelo sin entrenar.
    model : keras.Model
        El modelo ya entrenado.
    history : keras.callbacks.History
        Lo que devolvió ``model.fit``.
    seconds : float
        Lo que tardó el entrenamiento.
    cache_dir : str o Path, opcional
        Carpeta de la caché; por defecto :func:`default_cache_dir`.

    Returns
    -------
    pathlib.Path
        La carpeta de la entrada guardada.
    """
    if not isinstance(key, str) or len(key) != 64:
        raise ValueError("«key» debe ser la clave de training_key (64 caracteres hexadecimales).")
    if not isinstance(model, keras.Model):
        raise TypeError(f"«model» debe ser un keras.Model; se recibió {type(model).__name__}.")
    stored = getattr(history, "history", None)
    if not isinstance(stored, dict) or not stored:
        raise TypeError("«history» debe ser lo que devuelve model.fit (un keras.callbacks.History).")
    if not isinstance(seconds, (int, float)) or not math.isfinite(seconds) or seconds < 0:
        raise ValueError(f"«seconds» debe ser un número no negativo; se recibió {seconds!r}.")
    clean = {k: [float(v) for v in values] for k, values in stored.items()}
    if not all(math.isfinite(v) for values in clean.values() for v in values):
        raise ValueError("El historial tiene valores no finitos: ese entrenamiento no se guarda.")
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    entry = root / key[:24]
    _write_entry(root, entry, key, model, clean, float(seconds))
    return entry


def train_seed_convnet(
    x: np.ndarray, y: np.ndarray, *, seed: int = SEED, verbose: int = 2,
    cache_dir: str | os.PathLike[str] | None = None,
) -> tuple[keras.Model, keras.callbacks.History]:
    """La red convolucional del cuaderno original, entrenada como allí (o cargada de la caché).

    Construye :func:`course_lib.models.build_convnet` con la semilla ``seed`` y la
    entrena 5 épocas con lotes de 64, reservando para validación el último 10 %
    de las imágenes (:data:`VALIDATION_SPLIT`), exactamente como el capítulo
    «Redes convolucionales: introducción»; si ese entrenamiento ya está en la
    caché, carga sus pesos.

    Parameters
    ----------
    x, y : numpy.ndarray
        Las 60 000 imágenes de entrenamiento preparadas y sus etiquetas en one-hot.
    seed : int
        Semilla de la construcción y del entrenamiento.
    verbose : int
        Verbosidad de ``model.fit``.
    cache_dir : str o Path, opcional
        Carpeta de la caché.

    Returns
    -------
    tuple
        ``(model, history)``.
    """
    set_seed(seed)
    model = build_convnet()
    history = fit_cached(
        model, x, y, epochs=5, batch_size=64, seed=seed, validation_split=VALIDATION_SPLIT,
        verbose=verbose, cache_dir=cache_dir,
    )
    return model, history


def train_dense_baseline(
    x: np.ndarray, y: np.ndarray, *, seed: int = SEED, verbose: int = 2,
    cache_dir: str | os.PathLike[str] | None = None,
) -> tuple[keras.Model, keras.callbacks.History]:
    """La red densa del capítulo «La red densa», entrenada como allí.

    5 épocas, lotes de 128 y el último 10 % de las imágenes para validación.

    Igual que :func:`train_seed_convnet`, pero con :func:`course_lib.models.build_dense`.
    """
    set_seed(seed)
    model = build_dense()
    history = fit_cached(
        model, x, y, epochs=5, batch_size=128, seed=seed, validation_split=VALIDATION_SPLIT,
        verbose=verbose, cache_dir=cache_dir,
    )
    return model, history


FAST_FILTERS = (16, 48)
"""Filtros de las dos convoluciones de la red rápida del capítulo «Mejorar la red»."""
FAST_KERNEL_SIZES = (5, 3)
"""Lado del núcleo de cada convolución de la red rápida."""
FAST_STRIDES = (2, 1)
"""Paso de cada convolución de la red rápida: la primera avanza de 2 en 2 píxeles."""
FAST_POOLING = (False, True)
"""Pooling tras cada convolución de la red rápida: solo tras la segunda."""
FAST_EPOCHS = 2
FAST_BATCH_SIZE = 128
FAST_PEAK_RATE = 0.03
"""Tasa de aprendizaje máxima de la red rápida (Adam, calentamiento del 10 % y coseno)."""


def build_fast_convnet(num_examples: int, *, seed: int = SEED) -> keras.Model:
    """La red rápida del capítulo «Mejorar la red», compilada con su calendario de la tasa de aprendizaje.

    Una convolución de 16 filtros 5 x 5 con paso 2 (mapas de 12 x 12), otra de 48 filtros
    3 x 3 seguida de pooling, normalización por lotes tras cada una y la softmax
    directamente tras ``Flatten`` (19 578 parámetros). Adam con un calentamiento lineal
    durante el 10 % de los pasos hasta :data:`FAST_PEAK_RATE` y caída en coseno hasta 0 al
    final de :data:`FAST_EPOCHS` épocas con lotes de :data:`FAST_BATCH_SIZE`; por eso
    necesita el número de imágenes de entrenamiento, ``num_examples``.
    """
    total = FAST_EPOCHS * steps_per_epoch(num_examples, FAST_BATCH_SIZE)
    set_seed(seed)
    return build_convnet(
        FAST_FILTERS, kernel_size=FAST_KERNEL_SIZES, strides=FAST_STRIDES, pooling=FAST_POOLING,
        dense_units=None, batch_norm=True,
        optimizer=keras.optimizers.Adam(learning_rate=warmup_cosine(FAST_PEAK_RATE, total, total // 10)),
    )


def train_fast_convnet(
    x: np.ndarray, y: np.ndarray, *, seed: int = SEED,
    validation_data: tuple[np.ndarray, np.ndarray] | None = None,
    test_data: tuple[np.ndarray, np.ndarray] | None = None, verbose: int = 2,
    cache_dir: str | os.PathLike[str] | None = None,
) -> tuple[keras.Model, keras.callbacks.History]:
    """La red rápida del capítulo «Mejorar la red», entrenada como allí (o cargada de la caché).

    :func:`build_fast_convnet` entrenada :data:`FAST_EPOCHS` épocas con lotes de
    :data:`FAST_BATCH_SIZE` con :func:`fit_cached`. ``validation_data`` y ``test_data``
    se pasan tal cual a :func:`fit_cached` (``make bench`` la mide con ``test_data``).

    Returns
    -------
    tuple
        ``(model, history)``.
    """
    model = build_fast_convnet(len(x), seed=seed)
    history = fit_cached(
        model, x, y, epochs=FAST_EPOCHS, batch_size=FAST_BATCH_SIZE, seed=seed,
        validation_data=validation_data, test_data=test_data, verbose=verbose, cache_dir=cache_dir,
    )
    return model, history

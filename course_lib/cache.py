"""La caché en disco de los modelos entrenados: se entrena una vez y después se cargan los pesos.

:func:`fit_cached` es ``model.fit`` con memoria: si ese mismo entrenamiento (arquitectura,
compilación, pesos iniciales, datos, épocas, lote, semilla y versiones; véase
:func:`training_key`) ya está en la caché, carga los pesos y el historial guardados en vez de
entrenar. :func:`store_training` guarda un ``model.fit`` hecho a la vista para que
:func:`fit_cached` lo reutilice después. La carpeta es :func:`default_cache_dir`.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib
import json
import math
import os
import shutil
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import keras
import numpy as np

from course_lib import _validation

CACHE_DIR_ENV = "COURSE_CACHE_DIR"
"""Variable de entorno con la carpeta de la caché de modelos entrenados."""

_FORMAT = 2
_WEIGHTS_FILE = "weights.npz"
_HISTORY_FILE = "history.json"
_META_FILE = "meta.json"


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


def _array_digest(array: np.ndarray) -> list[Any]:
    """sha256, forma y tipo de ``array`` tal como entrena Keras, que pasa los reales a ``float32``.

    Así las etiquetas de ``keras.utils.to_categorical`` (``float64``) y las mismas en
    ``float32`` dan la misma clave: con las dos, el entrenamiento es el mismo.
    """
    if np.issubdtype(array.dtype, np.floating):
        array = array.astype(keras.backend.floatx(), copy=False)
    digest = hashlib.sha256(np.ascontiguousarray(array).tobytes()).hexdigest()
    return [digest, list(array.shape), str(array.dtype)]


def _check_data(model: keras.Model, x: object, y: object, names: tuple[str, str] = ("x", "y")) -> None:
    """Comprueba que ``x`` e ``y`` son imágenes y etiquetas en one-hot que ``model`` puede usar."""
    x_name, y_name = names
    x = _validation.ndarray(x, x_name)
    y = _validation.ndarray(y, y_name)
    if len(x) != len(y) or len(x) == 0:
        raise ValueError(
            f"«{x_name}» y «{y_name}» deben tener el mismo número (no nulo) de ejemplos; "
            f"tienen {len(x)} y {len(y)}."
        )
    if tuple(x.shape[1:]) != tuple(model.input_shape[1:]):
        raise ValueError(
            f"Cada ejemplo de «{x_name}» tiene forma {x.shape[1:]}, pero el modelo espera "
            f"{model.input_shape[1:]}. ¿Olvidaste data.prepare_images?"
        )
    if y.ndim != 2 or y.shape[1] != model.output_shape[-1]:
        raise ValueError(
            f"«{y_name}» tiene forma {y.shape}, pero el modelo da {model.output_shape[-1]} salidas: "
            "con entropía cruzada categórica las etiquetas van en one-hot (keras.utils.to_categorical)."
        )


def _check_pair(model: keras.Model, pair: object, name: str, names: tuple[str, str]) -> None:
    """Comprueba ``validation_data`` o ``test_data``: una tupla ``(x, y)`` como las de entrenar."""
    if not isinstance(pair, tuple) or len(pair) != 2 or not all(isinstance(a, np.ndarray) for a in pair):
        raise TypeError(f"«{name}» debe ser una tupla ({', '.join(names)}) de numpy.ndarray.")
    _check_data(model, *pair, names=names)


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
    modelo), los datos (los reales, en ``float32``, como los usa Keras), las épocas,
    el tamaño de lote, la semilla del entrenamiento, la fracción de validación, los
    datos de prueba evaluados en cada época (si los hay: cambian el historial) y las
    versiones de Keras y de su motor.
    """
    payload = {
        "format": _FORMAT,
        "architecture": _strip_names(model.get_config()),
        "compile": _strip_names(model.get_compile_config()),
        "initial_weights": _weights_sha256(model),
        "x": _array_digest(x),
        "y": _array_digest(y),
        "epochs": epochs,
        "batch_size": batch_size,
        "seed": seed,
        "validation_split": float(validation_split),
        "validation_data": None if validation_data is None else [_array_digest(a) for a in validation_data],
        "versions": _backend_version(),
    }
    if test_data is not None:  # solo si se dan: las claves de siempre no cambian
        payload["test_data"] = [_array_digest(a) for a in test_data]
    text = json.dumps(payload, sort_keys=True, default=str)
    return hashlib.sha256(text.encode()).hexdigest()


def _read_entry(
    entry: Path, key: str, epochs: int
) -> tuple[dict[str, list[float]], float, list[float] | None]:
    """Lee y valida una entrada; lanza ValueError con el motivo si no sirve."""
    if not entry.is_dir():
        raise FileNotFoundError("no existe")
    try:
        meta = json.loads((entry / _META_FILE).read_text(encoding="utf-8"))
        history = json.loads((entry / _HISTORY_FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError) as error:
        raise ValueError(f"metadatos ilegibles ({type(error).__name__})") from None
    if not isinstance(meta, dict) or meta.get("format") != _FORMAT or meta.get("key") != key:
        raise ValueError("la clave no coincide con este entrenamiento")
    weights = entry / _WEIGHTS_FILE
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
        np.savez(tmp / _WEIGHTS_FILE, **{f"w{i:03d}": w for i, w in enumerate(weights)})
        (tmp / _HISTORY_FILE).write_text(json.dumps(history), encoding="utf-8")
        meta = {
            "format": _FORMAT,
            "key": key,
            "weights_sha256": _file_sha256(tmp / _WEIGHTS_FILE),
            "model": model.name,
            "training_seconds": seconds,
            "epoch_seconds": epoch_seconds,
            "versions": _backend_version(),
        }
        (tmp / _META_FILE).write_text(json.dumps(meta, indent=1), encoding="utf-8")
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
    (o está dañada o es de otro entrenamiento), fija la semilla con
    ``keras.utils.set_random_seed(seed)``, llama a
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
    _validation.keras_model(model)
    if not model.compiled:
        raise ValueError("El modelo no está compilado: llama antes a model.compile(...).")
    _check_data(model, x, y)
    _validation.integer(epochs, "epochs")
    _validation.integer(batch_size, "batch_size")
    _validation.integer(seed, "seed", minimum=None)
    _validation.in_interval(validation_split, "validation_split", 0, 1)
    if validation_data is not None:
        _check_pair(model, validation_data, "validation_data", ("x_val", "y_val"))
        if validation_split:
            raise ValueError("Usa «validation_split» o «validation_data», no los dos.")
    if test_data is not None:
        _check_pair(model, test_data, "test_data", ("x_test", "y_test"))
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    key = training_key(
        model, x, y, epochs=epochs, batch_size=batch_size, seed=seed,
        validation_split=validation_split, validation_data=validation_data, test_data=test_data,
    )
    entry = root / key[:24]
    # Si otro proceso (otro cuaderno abierto a la vez) está haciendo este mismo entrenamiento,
    # se espera a que termine y se cargan sus pesos, en lugar de entrenar dos veces.
    with _training_lock(entry):
        return _fit_or_load(model, x, y, key, root, entry, epochs=epochs, batch_size=batch_size,
                            seed=seed, validation_split=validation_split,
                            validation_data=validation_data, test_data=test_data, verbose=verbose)


@contextlib.contextmanager
def _training_lock(entry: Path) -> Iterator[None]:
    """Un cerrojo entre procesos para una entrada de la caché, donde el sistema lo permite.

    Es un archivo en la carpeta temporal del sistema (no en la caché), con ``fcntl.flock``;
    sin ``fcntl`` (Windows) o sin carpeta temporal escribible, no hay cerrojo.
    """
    try:
        import fcntl
    except ImportError:
        yield
        return
    folder = Path(tempfile.gettempdir()) / "course_lib-cerrojos"
    name = hashlib.sha256(str(entry.expanduser().absolute()).encode()).hexdigest()[:32] + ".lock"
    try:
        folder.mkdir(exist_ok=True)
        handle = open(folder / name, "a")  # noqa: SIM115 (se cierra abajo, tras soltar el cerrojo)
    except OSError:
        yield
        return
    with handle:
        fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)


def _fit_or_load(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    key: str,
    root: Path,
    entry: Path,
    *,
    epochs: int,
    batch_size: int,
    seed: int,
    validation_split: float,
    validation_data: tuple[np.ndarray, np.ndarray] | None,
    test_data: tuple[np.ndarray, np.ndarray] | None,
    verbose: int,
) -> keras.callbacks.History:
    """Lo que hace :func:`fit_cached` con la clave ya calculada: cargar o entrenar y guardar."""
    params = {"epochs": epochs, "batch_size": batch_size, "verbose": verbose}
    initial_weights = model.get_weights()
    try:
        stored, seconds, epoch_seconds = _read_entry(entry, key, epochs)
        model.set_weights(_load_weights(entry / _WEIGHTS_FILE))
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

    keras.utils.set_random_seed(seed)
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
    _validation.in_interval(target, "target", 0, 1, "(]")
    for epoch, value in enumerate(values):
        if value >= target:
            return float(sum(seconds[: epoch + 1]))
    return None


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
    entrenamiento debe ser el que haría :func:`fit_cached`:
    ``keras.utils.set_random_seed(seed)`` justo antes de ``model.fit`` con los mismos argumentos.

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
    _validation.keras_model(model)
    stored = getattr(history, "history", None)
    if not isinstance(stored, dict) or not stored:
        raise TypeError("«history» debe ser lo que devuelve model.fit (un keras.callbacks.History).")
    if _validation.real(seconds, "seconds") < 0:
        raise ValueError(f"«seconds» debe ser un número no negativo; se recibió {seconds!r}.")
    clean = {k: [float(v) for v in values] for k, values in stored.items()}
    if not all(math.isfinite(v) for values in clean.values() for v in values):
        raise ValueError("El historial tiene valores no finitos: ese entrenamiento no se guarda.")
    root = Path(cache_dir).expanduser() if cache_dir is not None else default_cache_dir()
    entry = root / key[:24]
    _write_entry(root, entry, key, model, clean, float(seconds))
    return entry

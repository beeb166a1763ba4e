"""Gráficos del entrenamiento: curvas de un entrenamiento y comparación de varios."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import numpy as np
from matplotlib.axes import Axes
from matplotlib.figure import Figure

from course_lib import _validation
from course_lib.plotting._common import (
    METRIC_LABELS,
    OKABE_ITO,
    _axes_row,
    _decimal_comma,
    _figure_of,
    _new_axes,
    _percent_axis,
    _suptitle,
)

MAX_EPOCH_TICKS = 10
"""Máximo de marcas en el eje de las épocas (con más, los números se solapan)."""

OPTIMIZER_NAMES = {
    "sgd": "SGD", "rmsprop": "RMSprop", "adam": "Adam", "adamw": "AdamW", "adagrad": "Adagrad",
    "adadelta": "Adadelta", "adamax": "Adamax", "nadam": "Nadam", "ftrl": "FTRL", "lion": "Lion",
}
"""Nombre propio de cada optimizador a partir de su identificador en Keras (``"rmsprop"``)."""


def _epoch_ticks(epochs: int) -> list[int]:
    """Las épocas que llevan marca en el eje: todas si son pocas; si no, 1 y cada 2, 5, 10...

    Siempre son enteras (no hay «época 1,5») y nunca más de ``MAX_EPOCH_TICKS``
    (``_epoch_ticks(30)`` -> ``[1, 5, 10, 15, 20, 25, 30]``).
    """
    _validation.integer(epochs, "epochs")
    if epochs <= MAX_EPOCH_TICKS:
        return list(range(1, epochs + 1))
    step = 1
    while True:
        for factor in (2, 5, 10):
            if 1 + epochs // (step * factor) <= MAX_EPOCH_TICKS:
                step *= factor
                return [1, *range(step, epochs + 1, step)]
        step *= 10


def _epoch_axis(ax: Axes, epochs: int) -> None:
    """Eje horizontal de las épocas: marcas enteras y legibles (``_epoch_ticks``)."""
    ax.set_xticks(_epoch_ticks(epochs))
    ax.set_xlabel("Época")


SPLIT_NAMES = {"val_": "validación", "test_": "prueba"}
"""Prefijos de las métricas de un historial y el conjunto de datos que nombran."""


def _metric_label(metric: str) -> str:
    """Nombre en español de una métrica del historial (``"val_accuracy"`` -> ``"Exactitud (validación)"``)."""
    for prefix, split in SPLIT_NAMES.items():
        if metric.startswith(prefix):
            base = metric.removeprefix(prefix)
            return f"{METRIC_LABELS.get(base, base)} ({split})"
    return METRIC_LABELS.get(metric, metric)


def _history_dict(history: Any) -> Mapping[str, Sequence[float]]:
    """El diccionario métrica -> valores por época de un ``History`` (o el propio diccionario)."""
    data = getattr(history, "history", history)
    if not isinstance(data, Mapping) or not data:
        raise TypeError(
            "«history» debe ser el History que devuelve model.fit (o su diccionario "
            f"history.history); se recibió {type(history).__name__}."
        )
    return data


def plot_history(
    history: Any,
    *,
    metrics: Sequence[str] = ("loss", "accuracy"),
    axes: Sequence[Axes] | None = None,
    title: str | None = None,
) -> Figure:
    """Curvas de entrenamiento (y de validación, si las hay) época a época.

    Si el historial tiene ``val_<métrica>`` (``model.fit`` con ``validation_split`` o
    ``validation_data``), cada eje muestra también la curva de validación. El eje de las
    épocas lleva marcas enteras, como mucho ``MAX_EPOCH_TICKS``.

    Parameters
    ----------
    history : keras.callbacks.History o dict
        Lo que devuelve ``model.fit`` o su atributo ``history``.
    metrics : secuencia de str
        Métricas que se dibujan, un eje cada una (por defecto pérdida y exactitud).
    axes : secuencia de Axes, opcional
        Un eje por métrica; si no se da, se crea una figura nueva.
    title : str, opcional
        Título de la figura.

    Returns
    -------
    matplotlib.figure.Figure
        La figura con un eje por métrica.
    """
    data = _history_dict(history)
    missing = [m for m in metrics if m not in data]
    if missing:
        raise ValueError(
            f"El historial no tiene las métricas {missing}; tiene {sorted(data)}."
        )
    axes = _axes_row(axes, len(metrics), (4.5, 3.2), " (uno por métrica)")
    for ax, metric in zip(axes, metrics, strict=True):
        values = data[metric]
        epochs = np.arange(1, len(values) + 1)
        ax.plot(epochs, values, marker="o", color=OKABE_ITO[0], label="Entrenamiento")
        if f"val_{metric}" in data:
            ax.plot(epochs, data[f"val_{metric}"], marker="s", linestyle="--",
                    color=OKABE_ITO[1], label="Validación")
        _epoch_axis(ax, len(values))
        ax.set_ylabel(_metric_label(metric))
        ax.set_title(_metric_label(metric))
        ax.grid(alpha=0.3)
        ax.legend()
        _decimal_comma(ax)
        if metric.endswith("accuracy"):
            _percent_axis(ax)  # la exactitud en %, como en la prosa
    return _suptitle(_figure_of(axes[0]), title)


def plot_histories(
    histories: Mapping[str, Any],
    *,
    metrics: Sequence[str] = ("val_loss", "val_accuracy"),
    axes: Sequence[Axes] | None = None,
    title: str | None = None,
) -> Figure:
    """Compara las curvas de varios entrenamientos (p. ej. varios optimizadores).

    Parameters
    ----------
    histories : dict
        Nombre -> ``History`` (o su diccionario ``history``). El nombre es la etiqueta de
        la leyenda; el identificador de Keras de un optimizador (``"rmsprop"``) se escribe
        con su nombre propio (``RMSprop``, ``OPTIMIZER_NAMES``).
    metrics : secuencia de str
        Métricas que se comparan, un eje cada una.
    axes : secuencia de Axes, opcional
        Un eje por métrica.
    title : str, opcional
        Título de la figura.

    Returns
    -------
    matplotlib.figure.Figure
        La figura con un eje por métrica y una línea por entrenamiento.
    """
    if not isinstance(histories, Mapping) or not histories:
        raise TypeError("«histories» debe ser un diccionario no vacío nombre -> History.")
    data = {name: _history_dict(h) for name, h in histories.items()}
    for name, values in data.items():
        missing = [m for m in metrics if m not in values]
        if missing:
            raise ValueError(f"El historial «{name}» no tiene las métricas {missing}.")
    axes = _axes_row(axes, len(metrics), (4.8, 3.4), " (uno por métrica)")
    markers = ["o", "s", "^", "D", "v", "P", "X"]
    for ax, metric in zip(axes, metrics, strict=True):
        label = _metric_label(metric)
        for index, (name, values) in enumerate(data.items()):
            epochs = np.arange(1, len(values[metric]) + 1)
            ax.plot(epochs, values[metric], marker=markers[index % len(markers)],
                    color=OKABE_ITO[index % len(OKABE_ITO)],
                    label=OPTIMIZER_NAMES.get(name, name))
        _epoch_axis(ax, max(len(values[metric]) for values in data.values()))
        ax.set_ylabel(label)
        ax.set_title(label)
        ax.grid(alpha=0.3)
        ax.legend()
        _decimal_comma(ax)
        if metric.endswith("accuracy"):
            _percent_axis(ax)
    return _suptitle(_figure_of(axes[0]), title)


def plot_learning_rates(
    rates: Mapping[str, Sequence[float] | np.ndarray],
    *,
    steps_per_epoch: int | None = None,
    ax: Axes | None = None,
    title: str | None = None,
) -> Figure:
    """La tasa de aprendizaje de cada paso de entrenamiento, para uno o varios calendarios.

    Parameters
    ----------
    rates : dict
        Nombre -> tasa de cada paso (p. ej. :func:`course_lib.schedules.learning_rates`).
    steps_per_epoch : int, opcional
        Si se da, unas líneas verticales marcan el final de cada época.
    ax : Axes, opcional
        Eje donde dibujar; si no se da, se crea una figura nueva.
    title : str, opcional
        Título del eje.

    Returns
    -------
    matplotlib.figure.Figure
        La figura del eje.
    """
    if not isinstance(rates, Mapping) or not rates:
        raise TypeError("«rates» debe ser un diccionario no vacío nombre -> tasa de cada paso.")
    curves = {name: np.asarray(values, dtype=float) for name, values in rates.items()}
    for name, values in curves.items():
        if values.ndim != 1 or len(values) == 0 or not np.isfinite(values).all() or (values < 0).any():
            raise ValueError(
                f"Las tasas de «{name}» deben ser un vector no vacío de números no negativos."
            )
    if steps_per_epoch is not None:
        _validation.integer(steps_per_epoch, "steps_per_epoch")
    ax = _new_axes(ax, (6.4, 3.4))
    styles = ["-", "--", ":", "-."]
    for index, (name, values) in enumerate(curves.items()):
        ax.plot(np.arange(len(values)), values, color=OKABE_ITO[index % len(OKABE_ITO)],
                linestyle=styles[index % len(styles)], linewidth=2, label=name)
    longest = max(len(values) for values in curves.values())
    if steps_per_epoch is not None:
        for boundary in range(steps_per_epoch, longest, steps_per_epoch):
            ax.axvline(boundary, color="0.6", linewidth=0.8, linestyle=":")
    boundaries = 0 if steps_per_epoch is None else len(range(steps_per_epoch, longest, steps_per_epoch))
    epochs_note = {0: "", 1: " (línea: fin de la primera época)"}.get(
        boundaries, " (líneas: fin de cada época)")
    ax.set_xlabel("Paso de entrenamiento" + epochs_note)
    ax.set_ylabel("Tasa de aprendizaje")
    ax.set_xlim(0, longest - 1 if longest > 1 else 1)
    ax.set_ylim(bottom=0)
    ax.grid(alpha=0.3)
    if len(curves) > 1:
        ax.legend()
    if title:
        ax.set_title(title)
    _decimal_comma(ax)
    return _figure_of(ax)

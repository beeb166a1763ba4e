"""Calendarios de la tasa de aprendizaje: la tasa como función del paso de entrenamiento."""

from __future__ import annotations

import keras
import numpy as np

from course_lib import _validation


def steps_per_epoch(num_examples: int, batch_size: int) -> int:
    """Pasos de entrenamiento de una época: ``ceil(num_examples / batch_size)``.

    El último lote puede estar incompleto, pero también es un paso.
    """
    _validation.integer(num_examples, "num_examples")
    _validation.integer(batch_size, "batch_size")
    return -(-num_examples // batch_size)


def warmup_cosine(
    peak: float, total_steps: int, warmup_steps: int, *, final: float = 0.0
) -> keras.optimizers.schedules.CosineDecay:
    """Calentamiento lineal de 0 a ``peak`` y después caída en coseno hasta ``final``.

    Durante los ``warmup_steps`` primeros pasos la tasa sube en línea recta desde 0
    hasta ``peak``; en los ``total_steps - warmup_steps`` restantes baja siguiendo
    medio periodo de un coseno, de ``peak`` a ``final``:

    .. math::

        \\eta(t) = \\text{final} + (\\text{peak} - \\text{final})\\,
        \\frac{1 + \\cos(\\pi\\, t' / T')}{2}

    con ``t'`` los pasos tras el calentamiento y ``T'`` los que quedan. Es
    ``keras.optimizers.schedules.CosineDecay`` con ``warmup_target=peak``: se guarda y
    se carga con el modelo como cualquier calendario de Keras.

    Parameters
    ----------
    peak : float
        La tasa de aprendizaje máxima, al final del calentamiento.
    total_steps : int
        Pasos de todo el entrenamiento (épocas por :func:`steps_per_epoch`).
    warmup_steps : int
        Pasos del calentamiento (0 para empezar directamente en ``peak``).
    final : float
        La tasa de aprendizaje en el último paso.

    Returns
    -------
    keras.optimizers.schedules.CosineDecay
        El calendario, para pasarlo como ``learning_rate`` a un optimizador.
    """
    _validation.real(peak, "peak")
    _validation.real(final, "final")
    if peak <= 0:
        raise ValueError(f"«peak» debe ser positivo; se recibió {peak!r}.")
    if not 0 <= final <= peak:
        raise ValueError(f"«final» debe estar entre 0 y «peak» ({peak}); se recibió {final!r}.")
    _validation.integer(total_steps, "total_steps", minimum=0)
    _validation.integer(warmup_steps, "warmup_steps", minimum=0)
    if warmup_steps >= total_steps:
        raise ValueError(
            f"El calentamiento ({warmup_steps} pasos) debe ser más corto que el entrenamiento "
            f"({total_steps} pasos)."
        )
    return keras.optimizers.schedules.CosineDecay(
        initial_learning_rate=0.0,
        decay_steps=total_steps - warmup_steps,
        alpha=final / peak,
        warmup_target=float(peak),
        warmup_steps=warmup_steps,
    )


def learning_rates(
    schedule: keras.optimizers.schedules.LearningRateSchedule | float, total_steps: int
) -> np.ndarray:
    """La tasa de aprendizaje de cada paso ``0, 1, ..., total_steps - 1``.

    ``schedule`` es un calendario de Keras o una tasa constante (un número).
    """
    _validation.integer(total_steps, "total_steps")
    if isinstance(schedule, (int, float)) and not isinstance(schedule, bool):
        return np.full(total_steps, float(schedule))
    if not isinstance(schedule, keras.optimizers.schedules.LearningRateSchedule):
        raise TypeError(
            "«schedule» debe ser un calendario de keras.optimizers.schedules o un número; "
            f"se recibió {type(schedule).__name__}."
        )
    # Los calendarios de Keras se evalúan paso a paso (un escalar cada vez).
    return np.array([float(keras.ops.convert_to_numpy(schedule(step))) for step in range(total_steps)])

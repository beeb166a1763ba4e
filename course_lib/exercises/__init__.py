"""Ejercicios con corrección automática: comprobación, pista y solución de cada ejercicio.

En un cuaderno::

    from course_lib import exercises
    respuesta = (14, 14, 16)
    exercises.check("convolucion-1", respuesta)   # imprime la corrección
    exercises.hint("convolucion-1")               # una pista
    exercises.solution("convolucion-1")           # la solución

Cada corrector reconoce los errores frecuentes (olvidar el sesgo, confundir ``same`` y
``valid``, una forma traspuesta, probabilidades que no suman 1...) y dice qué está mal.
Una respuesta sin hacer (``None``) da «pendiente», y una entrada mal formada (``None``
dentro de una tupla, negativos, texto donde se pide un número...) da «entrada no válida»
con una indicación, nunca un error de Python.

Aquí solo está lo que usa quien estudia (y :data:`PLACEHOLDER`, la marca que la edición del
estudiante pone en lugar de cada solución). Lo que usa quien escribe ejercicios (registrar un
corrector, ``Result``, ``as_int``, ``as_shape``, ``table``, ``evaluate``...) está en
:mod:`course_lib.exercises._core`, y los correctores de cada capítulo, en
:mod:`course_lib.exercises._chapters`.
"""

# Sin «from __future__ import annotations»: añadiría el nombre «annotations» a dir(exercises).
# Importar los capítulos registra sus correctores, en el orden del libro.
from course_lib.exercises import _chapters  # noqa: F401
from course_lib.exercises._core import PLACEHOLDER, check, exercise_ids, hint, solution

__all__ = ["PLACEHOLDER", "check", "exercise_ids", "hint", "solution"]

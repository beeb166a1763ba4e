"""Ejercicios con corrección automática: comprobación, pistas en pasos y solución de cada ejercicio.

En un cuaderno::

    from course_lib import exercises
    respuesta_1 = (14, 14, 16)
    exercises.check("convolucion-1", respuesta_1)   # imprime la corrección
    exercises.hint("convolucion-1")                 # la primera pista, la más suave
    exercises.hint("convolucion-1", 2)              # la siguiente
    exercises.solution("convolucion-1")             # la solución

Cada corrector reconoce los errores frecuentes de su ejercicio (olvidar el sesgo, confundir
``same`` y ``valid``, filas por columnas, probabilidades que no suman 1...) y los comunes a
varios (el ``None`` del eje del lote, los canales al principio, un lado con 1 de menos, un valor
sin redondear...), y dice qué idea falla sin dar la respuesta. Una respuesta sin hacer
(``None``) da «pendiente», y una entrada mal formada (``None`` dentro de una tupla, negativos,
texto donde se pide un número...) da «entrada no válida» con una indicación. Un identificador
mal escrito o un argumento que falta dan un mensaje con la lista de ejercicios: nunca un error
de Python.

Aquí solo está lo que usa quien estudia (y :data:`PLACEHOLDER`, la marca que la edición del
estudiante pone en lugar de cada solución). Lo que usa quien escribe ejercicios (``register``,
``register_table``, ``mistake``, ``Result``, ``as_int``, ``as_shape``, ``evaluate``...) está en
:mod:`course_lib.exercises._core`, y los correctores de cada capítulo, con sus errores
frecuentes y sus pistas, en :mod:`course_lib.exercises._chapters`.
"""

# Sin «from __future__ import annotations»: añadiría el nombre «annotations» a dir(exercises).
# Importar los capítulos registra sus correctores, en el orden del libro.
from course_lib.exercises import _chapters  # noqa: F401
from course_lib.exercises._core import PLACEHOLDER, check, exercise_ids, hint, solution

__all__ = ["PLACEHOLDER", "check", "exercise_ids", "hint", "solution"]

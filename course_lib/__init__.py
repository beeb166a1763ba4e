"""Biblioteca del curso «Redes convolucionales».

Reúne lo que usan los capítulos del libro: carga y preparación de MNIST
(:mod:`course_lib.data`), constructores de modelos (:mod:`course_lib.models`), la caché en
disco de los modelos entrenados (:mod:`course_lib.cache`), las recetas con que los capítulos
entrenan sus redes de referencia (:mod:`course_lib.recipes`), calendarios de la tasa de
aprendizaje (:mod:`course_lib.schedules`), evaluación (:mod:`course_lib.evaluation`),
gráficos (:mod:`course_lib.plotting`), formato de números en español
(:mod:`course_lib.formatting`), cualquier imagen de un dígito preparada como las de MNIST
(:mod:`course_lib.preprocessing`), los resultados de experimentos con varias semillas
(:mod:`course_lib.experiments`) y ejercicios con corrección automática
(:mod:`course_lib.exercises`). Solo depende de Keras, NumPy y matplotlib; las
herramientas del libro (edición del estudiante, glosario, revisión de la prosa) viven
en ``booktools/``, fuera del paquete.

Importar el paquete no importa Keras ni cambia ningún estado global: cada
módulo se importa explícitamente, por ejemplo
``from course_lib import data, models, plotting``.
"""

__version__ = "2026.1"
"""La versión del curso: la del libro, la del PDF y la de esta biblioteca (una por curso:
``AAAA.N``; véase la guía docente). Es el único sitio donde se escribe."""

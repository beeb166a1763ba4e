"""Biblioteca del curso «Redes convolucionales».

Reúne lo que usan los capítulos del libro: carga y preparación de MNIST
(:mod:`course_lib.data`), constructores de modelos (:mod:`course_lib.models`),
entrenamiento con caché en disco (:mod:`course_lib.training`), semillas
(:mod:`course_lib.reproducibility`), gráficos (:mod:`course_lib.plotting`) y
formato de números en español (:mod:`course_lib.formatting`). Para el libro y sus
pruebas: el glosario (:mod:`course_lib.glossary`) y la revisión de la prosa
(:mod:`course_lib.prose`).

Importar el paquete no importa Keras ni cambia ningún estado global: cada
módulo se importa explícitamente, por ejemplo
``from course_lib import data, models, plotting``.
"""

__version__ = "0.1.0"

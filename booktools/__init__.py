"""Las herramientas del libro (no se instalan con ``course_lib``; viven solo en el repositorio).

- :mod:`booktools.layout`: la estructura del libro (páginas en orden, ediciones, repositorio);
  el único lector de ``_toc.yml`` y ``_config.yml``.
- :mod:`booktools.editions`: la edición del estudiante (``make student``).
- :mod:`booktools.execute_notebooks`: vuelve a ejecutar los cuadernos (``make notebooks``).
- :mod:`booktools.glossary` y :mod:`booktools.prose`: el glosario y la revisión del español
  (``make prose``).
- :mod:`booktools.misconceptions`: los errores frecuentes de cada ejercicio, en la guía
  docente.
- :mod:`booktools.myst`: lo que leen de MyST la edición del estudiante y la revisión del
  español (el analizador, los enlaces ``{doc}``, los títulos y los valores de ``glue``).
- :mod:`booktools.sphinx_links` y :mod:`booktools.sphinx_glossary`: extensiones de Sphinx que
  carga Jupyter Book con ``sphinx.local_extensions``.
"""

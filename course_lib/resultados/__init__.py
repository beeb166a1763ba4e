"""Resultados de ``make seeds`` y ``make ablation`` (archivos JSON).

Se leen con :func:`course_lib.experiments.load_results`.
"""

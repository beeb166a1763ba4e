"""Los correctores de los capítulos: un módulo por capítulo, que solo importa el núcleo.

Cada módulo registra sus ejercicios al importarse; este paquete los importa en el orden del
libro, así que el registro sigue ese orden.
"""

import importlib

CHAPTERS = (
    "red_densa", "convnet_intro", "convolucion", "pooling", "cabeza", "entrenamiento", "aprendido", "mejorar",
    "tu_digito", "donde_mira",
)
"""Módulos de los capítulos, en el orden del libro."""

for _chapter in CHAPTERS:
    importlib.import_module(f"{__name__}.{_chapter}")

"""Orden de las pruebas de los cuadernos: el del libro (``_toc.yml``), no el alfabético.

nbval ejecuta los capítulos en el orden en que se recogen, y pytest los recoge por orden
alfabético (``aprendido`` antes que ``convnet_intro``). Los capítulos del principio entrenan
las redes que los siguientes leen de la caché de modelos: en el orden del libro, cada red se
entrena una sola vez.
"""

from __future__ import annotations

from pathlib import Path

import pytest


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    from booktools import layout

    order = {path.resolve(): index for index, path in enumerate(layout.notebooks())}
    last = len(order)

    def position(item: pytest.Item) -> int:
        return order.get(Path(str(item.path)).resolve(), last)

    # sort es estable: dentro de cada cuaderno, las celdas siguen en su orden, y lo que no es
    # un cuaderno del libro queda al final, en el orden en que se recogió.
    items.sort(key=position)

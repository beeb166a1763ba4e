"""La versión del curso y los datos de la publicación, leídos de sus únicas fuentes.

- La versión: ``__version__`` de ``course_lib/__init__.py`` (el único sitio donde se
  escribe; ``pyproject.toml`` la toma de ahí). El libro la muestra en el pie de página y el
  PDF en la portada.
- La fecha: la de esa versión en ``CHANGELOG.md`` (``## [AAAA.N] - AAAA-MM-DD``).

Lo leen sin importar ``course_lib`` (que no hace falta para construir el libro).
"""

from __future__ import annotations

import ast
import re
from pathlib import Path

from booktools.layout import ROOT

LICENSE_CODE = "MIT"
LICENSE_CONTENT = "CC BY-SA 4.0"
LICENSE_CONTENT_URL = "https://creativecommons.org/licenses/by-sa/4.0/deed.es"


def version(root: Path = ROOT) -> str:
    """``__version__`` de ``course_lib/__init__.py``, sin importar el paquete."""
    tree = ast.parse((root / "course_lib" / "__init__.py").read_text(encoding="utf-8"))
    for node in tree.body:
        if isinstance(node, ast.Assign) and any(
            isinstance(t, ast.Name) and t.id == "__version__" for t in node.targets
        ):
            value = ast.literal_eval(node.value)
            if isinstance(value, str):
                return value
    raise ValueError("course_lib/__init__.py no define __version__")


def changelog_versions(root: Path = ROOT) -> dict[str, str]:
    """Las versiones publicadas de ``CHANGELOG.md`` y su fecha, de la más reciente a la más antigua."""
    text = (root / "CHANGELOG.md").read_text(encoding="utf-8")
    return dict(re.findall(r"^## \[(\d{4}\.\d+)\] - (\d{4}-\d{2}-\d{2})\s*$", text, re.M))


def release_date(root: Path = ROOT) -> str:
    """La fecha de la versión actual en ``CHANGELOG.md`` (AAAA-MM-DD)."""
    current = version(root)
    dates = changelog_versions(root)
    if current not in dates:
        raise ValueError(f"CHANGELOG.md no tiene la versión {current} (## [{current}] - AAAA-MM-DD)")
    return dates[current]

"""La versión del curso y los datos de la publicación, leídos de sus únicas fuentes.

- La versión: ``__version__`` de ``course_lib/__init__.py`` (el único sitio donde se
  escribe; ``pyproject.toml`` la toma de ahí). El libro la muestra en el pie de página y el
  PDF en la portada.
- La fecha: la de esa versión en ``CHANGELOG.md`` (``## [AAAA.N] - AAAA-MM-DD``).

Lo leen sin importar ``course_lib`` (que no hace falta para construir el libro).
"""

from __future__ import annotations

import argparse
import ast
import re
import sys
from pathlib import Path

from booktools import layout
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


# --- Colab sigue a la versión publicada ------------------------------------------------------

BRANCH_LINE = re.compile(r"^(  branch:[ \t]*)(\S+)[ \t]*$", re.M)
"""La línea ``repository.branch`` de ``_config.yml``: la única que dice a qué apunta Colab."""


def pinned_ref(root: Path = ROOT) -> str:
    """A qué apuntan los enlaces de Colab y la instalación: una etiqueta ``vAAAA.N`` o ``main``."""
    match = BRANCH_LINE.search((root / "_config.yml").read_text(encoding="utf-8"))
    if match is None:
        raise ValueError("_config.yml no tiene la línea «  branch: …» dentro de «repository:»")
    return match[2]


def pin(ref: str, root: Path = ROOT) -> list[Path]:
    """Apunta los enlaces de Colab, las descargas y la instalación a ``ref`` (``vAAAA.N`` o ``main``).

    Cambia ``repository.branch`` en ``_config.yml`` y regenera los enlaces de los cuadernos del
    docente y la edición del estudiante (como ``make student``). Devuelve lo que ha escrito.
    """
    from booktools import editions

    if ref != "main" and not re.fullmatch(r"v\d{4}\.\d+", ref):
        raise ValueError(f"«{ref}» no es una etiqueta vAAAA.N ni «main».")
    if ref != "main" and ref != f"v{version(root)}":
        raise ValueError(f"La etiqueta {ref} no es la versión de course_lib/__init__.py (v{version(root)}).")
    config = root / "_config.yml"
    text = config.read_text(encoding="utf-8")
    if BRANCH_LINE.search(text) is None:
        raise ValueError("_config.yml no tiene la línea «  branch: …» dentro de «repository:»")
    config.write_text(BRANCH_LINE.sub(lambda m: m[1] + ref, text, count=1), encoding="utf-8")
    layout._yaml.cache_clear()  # la configuración leída antes ya no vale
    written = [config]
    for notebook in layout.notebooks(root):
        if editions.sync_colab_link(notebook, root):
            written.append(notebook)
    written += editions.build_student_edition(root)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="La versión del curso y a qué apunta Colab.")
    group = parser.add_mutually_exclusive_group(required=True)
    group.add_argument("--fijar", metavar="REF", help="apunta Colab y la instalación a vAAAA.N o a main")
    group.add_argument("--comprobar", metavar="REF", help="falla si los enlaces no apuntan a REF")
    parser.add_argument("--root", type=Path, default=ROOT)
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.fijar:
        for path in pin(args.fijar, root):
            print(f"Escrito {path}")
        return 0
    from booktools import editions

    current = pinned_ref(root)
    if current != args.comprobar:
        print(f"_config.yml apunta Colab a «{current}», no a «{args.comprobar}»: "
              f"ejecuta «python -m booktools.release --fijar {args.comprobar}».")
        return 1
    return editions.main(["--check", "--root", str(root)])


if __name__ == "__main__":
    sys.exit(main())

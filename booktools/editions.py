"""Edición del estudiante: los cuadernos del curso sin soluciones, generados desde los del docente.

Los cuadernos de ``chapters/`` son la edición del docente (la fuente única): cada solución
de ejercicio está en una celda con la etiqueta ``solucion`` y los metadatos
``exercise: {id, answer}``. La edición del estudiante es idéntica salvo en cuatro cosas:

- cada celda de solución se sustituye por ``# TU CÓDIGO AQUÍ`` y ``respuesta = None``;
- los desplegables «Solución» de la prosa desaparecen (las pistas se quedan);
- las celdas ocultas del libro (``remove-cell``: las comprobaciones de la CI y los valores
  que se pegan en la prosa con ``glue``) desaparecen, y con ellas la importación de
  ``myst_nb``, que solo necesita el libro;
- no lleva salidas: el estudiante ejecuta el cuaderno.

Además, cada cuaderno del docente lleva, bajo el título, un enlace «Abrir en Colab» a su
edición del estudiante. La dirección del repositorio sale de ``repository.url`` en
``_config.yml`` (el único sitio donde se escribe a mano); esta orden actualiza esos enlaces.

Uso: ``python -m booktools.editions`` (lo llama ``make student``) actualiza los enlaces y
escribe la edición en ``chapters/estudiante/``; con ``--check`` solo comprueba que todo
está al día.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

from booktools import layout
from course_lib.exercises import PLACEHOLDER

COLAB_TAG = "enlace-colab"
INSTALL_TAG = "instalar-colab"

SOLUTION_TAG = "solucion"
HIDDEN_TAG = "remove-cell"
# La importación de glue (myst-nb), que la edición del estudiante no necesita.
_GLUE_IMPORT = re.compile(r"^from myst_nb import glue[ \t]*\n", re.MULTILINE)
_SOLUTION_BLOCK = re.compile(
    r"^:::\{admonition\} (?:Solución|Una posible solución)\n:class: dropdown\n.*?^:::[ \t]*\n?",
    re.MULTILINE | re.DOTALL,
)


def is_hidden(cell: dict) -> bool:
    """¿Es una celda que el libro oculta (una comprobación de la CI o un valor pegado)?"""
    return HIDDEN_TAG in cell.get("metadata", {}).get("tags", [])


def is_solution(cell: dict) -> bool:
    """¿Es una celda de solución de un ejercicio?"""
    return cell.get("cell_type") == "code" and SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Devuelve la edición del estudiante de un cuaderno del docente (sin modificarlo)."""
    result = copy.deepcopy(notebook)
    cells = []
    for cell in result.cells:
        if is_hidden(cell):
            continue
        if cell.cell_type == "code":
            cell.source = _GLUE_IMPORT.sub("", cell.source)
            if "glue(" in cell.source:
                raise ValueError(
                    "glue solo se usa en celdas ocultas (remove-cell): la edición del estudiante "
                    f"no tiene myst-nb. Celda: {cell.source[:60]!r}"
                )
            cell.outputs = []
            cell.execution_count = None
            if is_solution(cell):
                exercise = cell.metadata.get("exercise")
                if not exercise or "answer" not in exercise:
                    raise ValueError(
                        "Una celda con la etiqueta «solucion» debe tener los metadatos "
                        f"exercise: {{id, answer}}. Celda: {cell.source[:60]!r}"
                    )
                cell.source = f"{PLACEHOLDER}\n{exercise['answer']} = None"
                cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "hide-input"]
        elif cell.cell_type == "markdown":
            text = _SOLUTION_BLOCK.sub("", cell.source)
            text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
            if not text:
                continue
            cell.source = text
        cells.append(cell)
    result.cells = cells
    return result


def build_student_edition(root: Path = layout.ROOT) -> list[Path]:
    """Escribe la edición del estudiante de cada cuaderno del libro; devuelve los archivos."""
    written = []
    for path in layout.notebooks(root):
        target = layout.student_notebook(path)
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(student_notebook(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written


def outdated(root: Path = layout.ROOT) -> list[str]:
    """Cuadernos del estudiante que faltan o no coinciden con su fuente."""
    problems = []
    for path in layout.notebooks(root):
        expected = nbformat.writes(student_notebook(nbformat.read(path, as_version=4)))
        target = layout.student_notebook(path)
        if not target.exists():
            problems.append(f"falta {target}")
        elif target.read_text(encoding="utf-8").rstrip("\n") != expected.rstrip("\n"):
            problems.append(f"{target} no está al día")
    return problems


def colab_link_cell_source(book_root: Path, notebook: Path) -> str:
    """El Markdown del enlace «Abrir en Colab» de un cuaderno (a su edición del estudiante)."""
    url = layout.colab_url(notebook, book_root)
    return f"[Abrir en Colab]({url}) · ejecuta este capítulo en Google Colab."


def colab_install_cell_source(book_root: Path) -> str:
    """La celda que, solo dentro de Colab, instala la biblioteca del curso desde el repositorio."""
    return (
        "# Solo en Google Colab: instala la biblioteca del curso (en tu ordenador ya lo está).\n"
        "import sys\n\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet "course-lib @ git+{layout.repository_url(book_root)}"'
    )


def sync_colab_link(notebook_path: Path, book_root: Path) -> bool:
    """Pone (o corrige) el enlace «Abrir en Colab» bajo el título; devuelve si cambió algo."""
    notebook = nbformat.read(notebook_path, as_version=4)
    changed = False
    for tag, source, maker in [
        (COLAB_TAG, colab_link_cell_source(book_root, notebook_path), nbformat.v4.new_markdown_cell),
        (INSTALL_TAG, colab_install_cell_source(book_root), nbformat.v4.new_code_cell),
    ]:
        cells = [c for c in notebook.cells if tag in c.get("metadata", {}).get("tags", [])]
        if cells and cells[0].source == source:
            continue
        changed = True
        if cells:
            cells[0].source = source
        elif tag == COLAB_TAG:
            notebook.cells.insert(1, maker(source, metadata={"tags": [tag]}))
        else:  # justo antes de la primera celda de código (la de preparación)
            first = next(i for i, c in enumerate(notebook.cells) if c.cell_type == "code")
            notebook.cells.insert(first, maker(source, metadata={"tags": [tag]}))
    if changed:
        nbformat.write(notebook, notebook_path)
    return changed


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genera la edición del estudiante.")
    parser.add_argument("--root", type=Path, default=layout.ROOT, help="raíz del libro")
    parser.add_argument("--check", action="store_true", help="solo comprobar que está al día")
    args = parser.parse_args(argv)
    root = args.root.resolve()
    if args.check:
        problems = [
            f"{path}: el enlace o la instalación de Colab no están al día"
            for path in layout.notebooks(root)
            if not {colab_link_cell_source(root, path), colab_install_cell_source(root)}
            <= {c.source for c in nbformat.read(path, as_version=4).cells}
        ]
        problems += outdated(root)
        for problem in problems:
            print(problem)
        if problems:
            print("Ejecuta «make student» para regenerar la edición del estudiante.")
        return 1 if problems else 0
    for path in layout.notebooks(root):
        if sync_colab_link(path, root):
            print(f"Enlace de Colab actualizado en {path}")
    for path in build_student_edition(root):
        print(f"Escrito {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

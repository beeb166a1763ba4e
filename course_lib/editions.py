"""Edición del estudiante: los cuadernos del curso sin soluciones, generados desde los del docente.

Los cuadernos de ``chapters/`` son la edición del docente (la fuente única): cada solución
de ejercicio está en una celda con la etiqueta ``solucion`` y los metadatos
``exercise: {id, answer}``. La edición del estudiante es idéntica salvo en tres cosas:

- cada celda de solución se sustituye por ``# TU CÓDIGO AQUÍ`` y ``respuesta = None``;
- los desplegables «Solución» de la prosa desaparecen (las pistas se quedan);
- no lleva salidas: el estudiante ejecuta el cuaderno.

Además, cada cuaderno del docente lleva, bajo el título, un enlace «Abrir en Colab» a su
edición del estudiante. La dirección del repositorio sale de ``repository.url`` en
``_config.yml`` (el único sitio donde se escribe a mano); esta orden actualiza esos enlaces.

Uso: ``python -m course_lib.editions`` (lo llama ``make student``) actualiza los enlaces y
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

from course_lib.exercises import PLACEHOLDER

COLAB_TAG = "enlace-colab"
INSTALL_TAG = "instalar-colab"

SOLUTION_TAG = "solucion"
STUDENT_DIR = "estudiante"
_SOLUTION_BLOCK = re.compile(
    r"^:::\{admonition\} (?:Solución|Una posible solución)\n:class: dropdown\n.*?^:::[ \t]*\n?",
    re.MULTILINE | re.DOTALL,
)


def is_solution(cell: dict) -> bool:
    """¿Es una celda de solución de un ejercicio?"""
    return cell.get("cell_type") == "code" and SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


def student_notebook(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """Devuelve la edición del estudiante de un cuaderno del docente (sin modificarlo)."""
    result = copy.deepcopy(notebook)
    cells = []
    for cell in result.cells:
        if cell.cell_type == "code":
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


def instructor_notebooks(chapters: Path) -> list[Path]:
    """Los cuadernos del docente (los de ``chapters/``, sin la edición del estudiante)."""
    return sorted(chapters.glob("*.ipynb"))


def build_student_edition(chapters: Path, out: Path | None = None) -> list[Path]:
    """Escribe la edición del estudiante de cada cuaderno de ``chapters`` en ``out``."""
    out = out or chapters / STUDENT_DIR
    out.mkdir(parents=True, exist_ok=True)
    written = []
    for path in instructor_notebooks(chapters):
        target = out / path.name
        nbformat.write(student_notebook(nbformat.read(path, as_version=4)), target)
        written.append(target)
    return written


def outdated(chapters: Path, out: Path | None = None) -> list[str]:
    """Cuadernos del estudiante que faltan o no coinciden con su fuente."""
    out = out or chapters / STUDENT_DIR
    problems = []
    for path in instructor_notebooks(chapters):
        expected = nbformat.writes(student_notebook(nbformat.read(path, as_version=4)))
        target = out / path.name
        if not target.exists():
            problems.append(f"falta {target}")
        elif target.read_text(encoding="utf-8").rstrip("\n") != expected.rstrip("\n"):
            problems.append(f"{target} no está al día")
    return problems


def repository_url(book_root: Path) -> str:
    """La dirección del repositorio, leída de ``_config.yml`` (``repository.url``)."""
    import yaml

    config = yaml.safe_load((book_root / "_config.yml").read_text(encoding="utf-8"))
    return config["repository"]["url"].rstrip("/")


def colab_link_cell_source(book_root: Path, notebook: Path, branch: str = "main") -> str:
    """El Markdown del enlace «Abrir en Colab» de un cuaderno (a su edición del estudiante)."""
    repo = repository_url(book_root).removeprefix("https://github.com/")
    path = notebook.resolve().relative_to(book_root.resolve()).parent / STUDENT_DIR / notebook.name
    url = f"https://colab.research.google.com/github/{repo}/blob/{branch}/{path.as_posix()}"
    return f"[Abrir en Colab]({url}) · ejecuta este capítulo en Google Colab."


def colab_install_cell_source(book_root: Path) -> str:
    """La celda que, solo dentro de Colab, instala la biblioteca del curso desde el repositorio."""
    return (
        "# Solo en Google Colab: instala la biblioteca del curso (en tu ordenador ya lo está).\n"
        "import sys\n\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet "course-lib @ git+{repository_url(book_root)}"'
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
    parser.add_argument("--chapters", type=Path, default=Path("chapters"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help="solo comprobar que está al día")
    args = parser.parse_args(argv)
    book_root = args.chapters.resolve().parent
    if args.check:
        problems = [
            f"{path}: el enlace o la instalación de Colab no están al día"
            for path in instructor_notebooks(args.chapters)
            if not {colab_link_cell_source(book_root, path), colab_install_cell_source(book_root)}
            <= {c.source for c in nbformat.read(path, as_version=4).cells}
        ]
        problems += outdated(args.chapters, args.out)
        for problem in problems:
            print(problem)
        if problems:
            print("Ejecuta «make student» para regenerar la edición del estudiante.")
        return 1 if problems else 0
    for path in instructor_notebooks(args.chapters):
        if sync_colab_link(path, book_root):
            print(f"Enlace de Colab actualizado en {path}")
    for path in build_student_edition(args.chapters, args.out):
        print(f"Escrito {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

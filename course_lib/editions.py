"""Edición del estudiante: los cuadernos del curso sin soluciones, generados desde los del docente.

Los cuadernos de ``chapters/`` son la edición del docente (la fuente única): cada solución
de ejercicio está en una celda con la etiqueta ``solucion`` y los metadatos
``exercise: {id, answer}``. La edición del estudiante es idéntica salvo en tres cosas:

- cada celda de solución se sustituye por ``# TU CÓDIGO AQUÍ`` y ``respuesta = None``;
- los desplegables «Solución» de la prosa desaparecen (las pistas se quedan);
- no lleva salidas: el estudiante ejecuta el cuaderno.

Uso: ``python -m course_lib.editions`` (lo llama ``make student``) escribe la edición en
``chapters/estudiante/``; con ``--check`` solo comprueba que está al día.
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path

import nbformat

from course_lib.exercises import PLACEHOLDER

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


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Genera la edición del estudiante.")
    parser.add_argument("--chapters", type=Path, default=Path("chapters"))
    parser.add_argument("--out", type=Path, default=None)
    parser.add_argument("--check", action="store_true", help="solo comprobar que está al día")
    args = parser.parse_args(argv)
    if args.check:
        problems = outdated(args.chapters, args.out)
        for problem in problems:
            print(problem)
        if problems:
            print("Ejecuta «make student» para regenerar la edición del estudiante.")
        return 1 if problems else 0
    for path in build_student_edition(args.chapters, args.out):
        print(f"Escrito {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

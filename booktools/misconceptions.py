"""Los errores frecuentes de cada ejercicio, en la guía docente.

La lista vive en un solo sitio, el registro de :mod:`course_lib.exercises` (el argumento
``misconceptions`` de cada ejercicio y los errores comunes de ``_core.SHARED``); este módulo la
escribe como tablas de Markdown en ``chapters/guia_docente.md``, entre las marcas
:data:`START` y :data:`END`, con qué hay que asignar en cada ejercicio, qué redondeo se acepta
y cuántas pistas tiene.

``python -m booktools.misconceptions`` actualiza la guía; con ``--check`` solo comprueba que
está al día (y falla si no lo está), como hace la prueba ``tests/test_exercises_guide.py``.
"""

from __future__ import annotations

import argparse
import sys
import textwrap
from pathlib import Path

from booktools.layout import ROOT
from course_lib.exercises import _core as core

GUIDE = ROOT / "chapters" / "guia_docente.md"
START = "<!-- errores-frecuentes: inicio -->"
END = "<!-- errores-frecuentes: fin -->"


class _Blanks(dict[str, str]):
    """Los huecos de un mensaje que se rellenan al corregir, escritos como ‹capa›."""

    def __missing__(self, key: str) -> str:
        return f"‹{key}›"


def _cell(text: str) -> str:
    """Un texto en una celda de una tabla de Markdown (sin saltos de línea ni barras sueltas)."""
    return " ".join(text.split()).replace("|", "\\|")


def _code(text: str) -> str:
    """Un texto como código en línea: lo que imprime el corrector, tal cual."""
    fence = "``" if "`" in text else "`"
    return f"{fence}{_cell(text)}{fence}"


def _message(exercise: core.Exercise | None, misconception: core.Misconception) -> str:
    """El mensaje de un error frecuente, con los huecos de cada corrección a la vista."""
    blanks = _Blanks()
    if exercise is not None:
        blanks.update(formato=exercise.answer_format, tolerancia=exercise.tolerance)
    return _code(misconception.message.format_map(blanks))


def section() -> str:
    """El texto que va entre las marcas: la explicación y las tablas."""
    exercises = [core.get(i) for i in core.exercise_ids()]
    lines = [
        "## Los errores frecuentes de cada ejercicio",
        "",
        "Cada corrector reconoce los errores frecuentes de su ejercicio y responde a cada uno con "
        "su propio mensaje, que nombra la idea sin dar la respuesta; a una respuesta equivocada que "
        "no reconoce le dice que pida una pista, y las pistas van de la más suave a la más fuerte "
        '(`exercises.hint("convolucion-1")`, después `exercises.hint("convolucion-1", 2)`...), la '
        "última sin llegar a la respuesta. Estas tablas salen del registro de los ejercicios "
        "(`course_lib/exercises`) con `python -m booktools.misconceptions`, y las pruebas fallan si "
        "no están al día: para añadir un error, se añade allí, con su mensaje y una respuesta que "
        "lo delate.",
        "",
        "### Qué se asigna en cada ejercicio",
        "",
        "Cada enunciado dice qué hay que asignar a la variable de la respuesta y qué redondeo se "
        "acepta. "
        "Los textos de las tablas son los del registro, tal como los imprime el corrector.",
        "",
        "| Ejercicio | Qué se asigna | Redondeo que se acepta | Pistas |",
        "|---|---|---|---|",
    ]
    lines += [f"| `{e.id}` | {_code(f'{e.variable} = {e.answer_format}')} | {_code(e.tolerance)} | "
              f"{len(e.hints)} |" for e in exercises]
    lines += [
        "",
        "### Errores comunes a varios ejercicios",
        "",
        "Cada ejercicio los reconoce según el tipo de su respuesta (una forma, un entero, una pareja, "
        "unos números con decimales...). Un ejercicio puede darles su propio mensaje («propio»): "
        "entonces está en su tabla, más abajo. ‹formato› y ‹tolerancia› son los de cada ejercicio.",
        "",
        "| Error | Lo que dice el corrector | Ejercicios |",
        "|---|---|---|",
    ]
    for name, misconception in core.SHARED.items():
        users = [e for e in exercises if name in e.shared_names()]
        if len(users) == len(exercises) and all(misconception in e.shared() for e in users):
            where = "todos"
        else:
            where = ", ".join(f"`{e.id}`" + ("" if misconception in e.shared() else " (propio)")
                              for e in users)
        lines.append(f"| {_code(name)} | {_message(None, misconception)} | {where} |")
    lines += [
        "",
        "### Los errores de cada ejercicio",
        "",
        "Lo que va entre ‹ › lo rellena el corrector con lo que ha encontrado (la capa, la suma...).",
        "",
        "| Ejercicio | Error | Lo que dice el corrector |",
        "|---|---|---|",
    ]
    for exercise in exercises:
        for index, misconception in enumerate(exercise.misconceptions):
            label = f"`{exercise.id}`" if index == 0 else ""
            lines.append(f"| {label} | {_code(misconception.name)} | {_message(exercise, misconception)} |")
    return "\n".join(line if line.startswith("|") else _wrap(line) for line in lines)


def _wrap(paragraph: str) -> str:
    """Un párrafo en líneas de hasta 95 caracteres, como el resto de la guía."""
    return textwrap.fill(paragraph, width=95, break_long_words=False, break_on_hyphens=False)


def render(text: str) -> str:
    """``text`` (la guía) con la sección entre las marcas al día."""
    if text.count(START) != 1 or text.count(END) != 1 or text.index(START) > text.index(END):
        raise ValueError(f"La guía docente debe tener una vez la marca «{START}» y, después, una vez "
                         f"«{END}».")
    before, rest = text.split(START)
    after = rest.split(END)[1]
    return f"{before}{START}\n\n{section()}\n\n{END}{after}"


def outdated(path: Path | None = None) -> bool:
    """Si la sección de la guía (``GUIDE`` si no se dice otra) no es la que sale del registro."""
    text = (path or GUIDE).read_text(encoding="utf-8")
    return render(text) != text


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Escribe los errores frecuentes de cada ejercicio "
                                                 "en la guía docente.")
    parser.add_argument("--check", action="store_true", help="solo comprueba que la guía está al día")
    arguments = parser.parse_args(argv)
    if arguments.check:
        if outdated():
            print(f"{GUIDE.relative_to(ROOT)} no está al día: ejecuta «python -m booktools.misconceptions».")
            return 1
        print(f"{GUIDE.relative_to(ROOT)} está al día.")
        return 0
    GUIDE.write_text(render(GUIDE.read_text(encoding="utf-8")), encoding="utf-8")
    print(f"Errores frecuentes escritos en {GUIDE.relative_to(ROOT)}.")
    return 0


if __name__ == "__main__":
    sys.exit(main())

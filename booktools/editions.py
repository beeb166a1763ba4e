"""Edición del estudiante: los cuadernos del curso sin soluciones, generados desde los del docente.

Los cuadernos de ``chapters/`` son la edición del docente (la fuente única): cada solución
de ejercicio está en una celda con la etiqueta ``solucion`` y los metadatos
``exercise: {id, answer}``. La edición del estudiante es idéntica salvo en cinco cosas:

- cada celda de solución se sustituye por ``# TU CÓDIGO AQUÍ`` y ``respuesta = None``;
- los desplegables «Solución» de la prosa desaparecen (las pistas se quedan);
- las celdas ocultas del libro (``remove-cell``: las comprobaciones de la CI y los valores
  que se pegan en la prosa con ``glue``) desaparecen, y con ellas la importación de
  ``myst_nb``, que solo necesita el libro;
- no lleva salidas: el estudiante ejecuta el cuaderno;
- su Markdown es CommonMark con fórmulas (``$...$``, ``$$...$$``), lo que muestran Jupyter,
  JupyterLab, VS Code y Colab: el MyST que usan los capítulos, que solo entiende el libro,
  se traduce (véase :func:`plain_markdown`), y los pies de las figuras de myst-nb
  (``metadata.mystnb``), invisibles en Jupyter, van en una celda Markdown tras la celda que
  dibuja la figura. Cualquier otra construcción de MyST es un error (:class:`StudentEditionError`).

Además, cada cuaderno del docente lleva, bajo el título, un enlace «Abrir en Colab» a su
edición del estudiante. La dirección del repositorio sale de ``repository.url`` en
``_config.yml`` (el único sitio donde se escribe a mano); esta orden actualiza esos enlaces.
En la edición del estudiante, bajo ese enlace, una nota avisa de que los números de la prosa
son los de la ejecución del libro, no los de la suya («esta ejecución» pasa a ser «la
ejecución del libro»).

Uso: ``python -m booktools.editions`` (``make student``) actualiza los enlaces y escribe la
edición en ``chapters/estudiante/``; con ``--check``, solo comprueba que todo está al día.
"""

from __future__ import annotations

import argparse
import copy
import functools
import itertools
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from urllib.parse import quote

import nbformat
from markdown_it import MarkdownIt
from markdown_it.token import Token

from booktools import layout
from booktools.myst import glued_values, markdown_parser, page_title, role_parts
from course_lib.exercises import PLACEHOLDER

COLAB_TAG = "enlace-colab"
INSTALL_TAG = "instalar-colab"
RUN_NOTE_TAG = "nota-ejecucion"
"""La etiqueta de la nota que la edición del estudiante añade bajo el enlace «Abrir en Colab»."""
RUN_NOTE = (
    "> **Los números del texto son los de la ejecución del libro.** Las exactitudes, pérdidas,\n"
    "> tiempos y recuentos que cita la prosa salen de la ejecución con la que se publicó el\n"
    "> libro. Los que dependen del entrenamiento o de la máquina pueden cambiar un poco en la\n"
    "> tuya (otro equipo, otro motor de Keras, otras versiones): lo que vale para tu ejecución\n"
    "> es lo que imprimen tus celdas."
)

SOLUTION_TAG = "solucion"
HIDDEN_TAG = "remove-cell"
CAPTION_TAG = "pie-de-figura"
"""La etiqueta de las celdas que la edición del estudiante añade con el pie de una figura."""
# La importación de glue (myst-nb), que la edición del estudiante no necesita.
_GLUE_IMPORT = re.compile(r"^from myst_nb import glue[ \t]*\n", re.MULTILINE)
# Los desplegables de la prosa que son soluciones (desaparecen); los demás («Pista»...), no.
SOLUTION_TITLES = ("Solución", "Una posible solución")

# El MyST que usan los capítulos y se traduce (véase plain_markdown): los roles, las
# directivas (con el título por omisión de cada una, el del libro) y sus opciones.
ROLES = ("doc", "glue:text")
DIRECTIVES: dict[str, str | None] = {"admonition": None, "important": "Importante"}
DIRECTIVE_OPTIONS = ("class",)
# El MyST que no usa ningún capítulo y no se traduce: el tipo de su token → su nombre.
_UNSUPPORTED = {
    "footnote": "una nota al pie", "substitution": "una sustitución {{...}}",
    "myst_line_comment": "un comentario «%»", "myst_block_break": "una separación «+++»",
    "math_block_label": "una fórmula con nombre «$$ (nombre)»", "front_matter": "una cabecera YAML",
}
# Caracteres del texto pegado que CommonMark (o las fórmulas de Jupyter) interpretaría.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$])")


class StudentEditionError(ValueError):
    """Algo de un cuaderno del docente que no se puede llevar a la edición del estudiante."""


def is_hidden(cell: dict) -> bool:
    """¿Es una celda que el libro oculta (una comprobación de la CI o un valor pegado)?"""
    return HIDDEN_TAG in cell.get("metadata", {}).get("tags", [])


def is_solution(cell: dict) -> bool:
    """¿Es una celda de solución de un ejercicio?"""
    return cell.get("cell_type") == "code" and SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


# --- De MyST a CommonMark ---------------------------------------------------------------


@dataclass
class Source:
    """Dónde está el texto que se traduce: el cuaderno del docente, sus valores pegados
    (``{nombre: texto}``) y el lugar exacto (para los mensajes de error)."""

    path: Path
    glue: dict[str, str] = field(default_factory=dict)
    where: str = ""

    def error(self, message: str) -> StudentEditionError:
        """Un error con el lugar delante."""
        return StudentEditionError(f"{self.where or self.path.name}: {message}")


@functools.cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _doc_link(content: str, source: Source) -> str:
    """``{doc}`destino``` o ``{doc}`texto <destino>```: un enlace Markdown a la página.

    El destino es relativo a la carpeta del cuaderno. Un cuaderno enlaza con su edición del
    estudiante (en la misma carpeta); una página ``.md`` (que no es un cuaderno: en Colab o en
    Jupyter no se vería como en el libro), con esa página en el libro publicado. Sin texto
    propio, el del enlace es el título de la página.
    """
    text, target = role_parts(content)
    base = source.path.parent / target
    path = next((p for p in (base.with_name(base.name + s) for s in (".ipynb", ".md")) if p.is_file()), None)
    if path is None:
        raise source.error(f"{{doc}}`{content}` no apunta a ninguna página (ni {base}.ipynb ni {base}.md).")
    if path.suffix == ".ipynb":
        here = layout.student_notebook(source.path).parent
        address = quote(Path(os.path.relpath(layout.student_notebook(path), here)).as_posix())
    else:
        address = layout.book_page_url(path)
    try:
        return f"[{text or page_title(path)}]({address})"
    except ValueError as error:
        raise source.error(str(error)) from error


def _glued(content: str, source: Source) -> str:
    """El valor que el libro muestra en lugar de ``{glue:text}`clave```: el texto pegado."""
    key = content.strip()
    if not re.fullmatch(r"\w+", key):
        raise source.error(f"{{glue:text}}`{content}`: se traduce solo una clave, sin formato "
                           "(«clave:.2f») ni otro cuaderno («cuaderno::clave»).")
    if key not in source.glue:
        raise source.error(
            f"{{glue:text}}`{content}`: ninguna salida de {source.path.name} pega el valor «{key}». "
            "Ejecuta el cuaderno del docente (make notebooks) y comprueba que la celda "
            f'glue("{key}", ...) está en él.'
        )
    return _MARKDOWN_SPECIAL.sub(r"\\\1", source.glue[key])


def _role(token: Token, source: Source) -> str:
    """El Markdown de un rol de MyST (``{nombre}`contenido```)."""
    name, content = token.meta["name"], token.content
    if name == "doc":
        return _doc_link(content, source)
    if name == "glue:text":
        return _glued(content, source)
    raise source.error(f"el rol {{{name}}}`{content}` no se traduce a la edición del estudiante "
                       f"(se traducen: {', '.join(ROLES)}); escríbelo en Markdown o tradúcelo en "
                       "booktools/editions.py.")


def _directive(token: Token, source: Source) -> str:
    """Un aviso o un desplegable (``:::{admonition} Título``, ``:::{important}``): una cita con
    el título en negrita; vacío si es una solución."""
    name, _, argument = token.info.strip().removeprefix("{").partition("}")
    if name not in DIRECTIVES or not token.info.strip().startswith("{"):
        raise source.error(f"la directiva {token.markup}{token.info.strip()} no se traduce a la edición "
                           f"del estudiante (se traducen: {', '.join(DIRECTIVES)}); escríbela en "
                           "Markdown o tradúcela en booktools/editions.py.")
    lines = token.content.split("\n")
    while lines and (option := re.fullmatch(r"\s*:([\w-]+):\s*(.*?)\s*", lines[0])):
        if option.group(1) not in DIRECTIVE_OPTIONS:
            raise source.error(f"la opción :{option.group(1)}: de {{{name}}} no se traduce a la "
                               f"edición del estudiante (se traducen: {', '.join(DIRECTIVE_OPTIONS)}).")
        lines = lines[1:]
    title, body = argument.strip() or DIRECTIVES[name], "\n".join(lines).strip("\n")
    if DIRECTIVES[name] and argument.strip():  # {important} no tiene título: es la primera línea
        title, body = DIRECTIVES[name], f"{argument.strip()}\n{body}"
    if title in SOLUTION_TITLES:
        return ""
    body = plain_markdown(body, source).strip("\n")
    if title:
        title = plain_markdown(title, source).strip()
        heading = f"**{title if title[-1] in '.:?!…' else title + '.'}**"
        tokens = _commonmark().parse(body)
        body = f"{heading} {body}" if tokens and tokens[0].type == "paragraph_open" else (
            f"{heading}\n\n{body}" if body else heading)
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))


def _line_starts(text: str) -> list[int]:
    """Dónde empieza cada línea de ``text`` (y, al final, dónde empezaría la siguiente)."""
    return [0, *itertools.accumulate(len(line) + 1 for line in text.split("\n"))]


def _inline_offsets(token: Token, text: str, starts: list[int], used: dict[int, int],
                    source: Source) -> Callable[[int], int]:
    """Una función que lleva una posición del contenido de un token ``inline`` a la del texto.

    El contenido de un párrafo (o de un encabezado, una celda de tabla...) son sus líneas
    del original sin lo que las precede (sangría, ``>``, la marca de la lista, ``#``):
    cada línea del contenido se busca en su línea del original. ``used`` guarda hasta dónde
    se ha usado ya cada línea (una fila de tabla tiene varias celdas).
    """
    assert token.map is not None
    lines = token.content.split("\n")
    found: list[int] = []
    for index, line in enumerate(lines):
        number = token.map[0] + index
        original = text[starts[number]:starts[number + 1] - 1] if number + 1 < len(starts) else ""
        column = original.find(line, used.get(number, 0))
        if column < 0:
            raise source.error(f"no se encuentra la línea {line!r} en el original (línea {number + 1}).")
        used[number] = column + len(line)
        found.append(starts[number] + column)
    content_starts = _line_starts(token.content)

    def offset(position: int) -> int:
        index = max(i for i in range(len(lines)) if content_starts[i] <= position)
        return found[index] + position - content_starts[index]

    return offset


def _tokens(tokens: list[Token]) -> list[Token]:
    """Los tokens y, tras cada uno, sus hijos (y los hijos de estos)."""
    return [t for token in tokens for t in (token, *_tokens(token.children or []))]


def plain_markdown(text: str, source: Source) -> str:
    """Traduce a CommonMark (con ``$...$``) el Markdown de MyST de una celda o de un bloque.

    Se analiza con MyST-Parser, como en el libro, y solo se reescribe lo que es de MyST;
    el resto queda tal cual. Se traduce lo que usan los capítulos: ``{glue:text}`clave``` →
    el valor pegado; ``{doc}`` → un enlace; las directivas ``{admonition}`` (los desplegables)
    e ``{important}`` → una cita con el título en negrita, y desaparecen las de «Solución» y
    los destinos ``(nombre)=``. Cualquier otro rol, directiva u opción, una directiva dentro
    de una lista o una cita, las notas al pie, las sustituciones ``{{...}}``, los comentarios
    ``%``... son un error que dice qué no se traduce.
    """
    text = re.sub(r"\r\n?", "\n", text)
    starts = _line_starts(text)
    edits: list[tuple[int, int, str]] = []
    used: dict[int, int] = {}
    tokens = markdown_parser().parse(text)
    for token in _tokens(tokens):
        kind = next((k for k in _UNSUPPORTED if token.type.startswith(k)), None)
        if kind:
            raise source.error(f"{_UNSUPPORTED[kind]} ({token.markup or token.content!r}): esta "
                               "construcción de MyST no se traduce a la edición del estudiante "
                               "(Jupyter no la muestra); escríbela en Markdown.")
    for token in tokens:
        if token.type == "inline" and token.map is not None:
            children = token.children or []
            roles = [child for child in children if child.type == "myst_role"]
            if any(c.type == "myst_role" for child in children for c in _tokens(child.children or [])):
                raise source.error(f"{token.content!r}: no se traduce un rol de MyST dentro de una imagen.")
            if roles:
                offset = _inline_offsets(token, text, starts, used, source)
                for role in roles:
                    start, end = role.meta["span"]
                    edits.append((offset(start), offset(end), _role(role, source)))
            continue
        if token.type not in ("colon_fence", "fence", "myst_target") or (
                token.type == "fence" and not token.info.strip().startswith("{")):
            continue
        assert token.map is not None
        start, end = starts[token.map[0]], min(starts[token.map[1]], len(text) + 1) - 1
        if token.type == "myst_target":
            edits.append((start, min(end + 1, len(text)), ""))
        elif not text.startswith(token.markup, start):
            raise source.error(f"la directiva {token.markup}{token.info.strip()} está dentro de una lista "
                               "o una cita: así no se traduce a la edición del estudiante.")
        else:
            block = _directive(token, source)
            edits.append((start, end, f"\n{block}\n" if block else ""))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _caption_cell(cell: nbformat.NotebookNode, source: Source, minor: int) -> nbformat.NotebookNode | None:
    """La celda Markdown con el pie de la figura que dibuja ``cell`` (de ``metadata.mystnb``)."""
    caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
    if not caption:
        return None
    caption_cell = nbformat.v4.new_markdown_cell(
        f"*Figura:* {plain_markdown(caption.strip(), source)}", metadata={"tags": [CAPTION_TAG]})
    if minor >= 5 and cell.get("id"):
        caption_cell["id"] = f"{cell['id'][:56]}-pie"  # estable: la edición no cambia si no cambia la fuente
    else:
        caption_cell.pop("id", None)
    return caption_cell


_THIS_RUN = re.compile(r"\b([Ee])sta\s+ejecución\b")


def student_notebook(notebook: nbformat.NotebookNode, path: Path | None = None,
                     root: Path = layout.ROOT) -> nbformat.NotebookNode:
    """Devuelve la edición del estudiante de un cuaderno del docente (sin modificarlo).

    ``path`` es el archivo del cuaderno (para los enlaces; por omisión, uno en ``chapters/``
    de la raíz del libro ``root``). Los valores pegados con ``glue`` se leen de las salidas de
    ``notebook`` antes de quitarlas.
    """
    path = path if path is not None else root / layout.CHAPTERS_DIR / "cuaderno.ipynb"
    source = Source(path=path, glue=glued_values(notebook.cells))
    result = copy.deepcopy(notebook)
    minor = int(result.get("nbformat_minor", 0))
    cells = []
    for index, cell in enumerate(result.cells):
        if is_hidden(cell):
            continue
        source.where = f"{path.name}, celda {index}"
        if cell.cell_type == "code":
            cell.source = _GLUE_IMPORT.sub("", cell.source)
            if "glue(" in cell.source:
                raise ValueError(
                    "glue solo se usa en celdas ocultas (remove-cell): la edición del estudiante "
                    f"no tiene myst-nb. Celda: {cell.source[:60]!r}"
                )
            cell.outputs = []
            cell.execution_count = None
            caption = None
            if is_solution(cell):
                exercise = cell.metadata.get("exercise")
                if not exercise or "answer" not in exercise:
                    raise ValueError(
                        "Una celda con la etiqueta «solucion» debe tener los metadatos "
                        f"exercise: {{id, answer}}. Celda: {cell.source[:60]!r}"
                    )
                cell.source = f"{PLACEHOLDER}\n{exercise['answer']} = None"
                cell.metadata["tags"] = [t for t in cell.metadata["tags"] if t != "hide-input"]
            else:  # el pie de la figura, que en Jupyter no se ve: tras la celda que la dibuja
                caption = _caption_cell(cell, source, minor)
            cells.append(cell)
            if caption is not None:
                cells.append(caption)
            continue
        if cell.cell_type == "markdown":
            text = plain_markdown(cell.source, source)
            text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
            # Los números pegados son ya los del libro, no los de quien ejecuta el cuaderno.
            text = _THIS_RUN.sub(lambda m: ("L" if m[1] == "E" else "l") + "a ejecución del libro", text)
            if not text:
                continue
            cell.source = text
        cells.append(cell)
        if COLAB_TAG in cell.metadata.get("tags", []) and source.glue:
            # Bajo el enlace «Abrir en Colab»: los valores pegados son los del libro, no los suyos.
            note = nbformat.v4.new_markdown_cell(RUN_NOTE, metadata={"tags": [RUN_NOTE_TAG]})
            note.id = RUN_NOTE_TAG  # un identificador fijo: la edición generada no cambia sola
            cells.append(note)
    result.cells = cells
    return result


def build_student_edition(root: Path = layout.ROOT) -> list[Path]:
    """Escribe la edición del estudiante de cada cuaderno del libro; devuelve los archivos.

    Se generan todos antes de escribir ninguno: si uno falla (un valor pegado que falta, una
    directiva sin traducción), la edición guardada queda como estaba.
    """
    generated = {layout.student_notebook(path):
                 student_notebook(nbformat.read(path, as_version=4), path, root)
                 for path in layout.notebooks(root)}
    for target, notebook in generated.items():
        target.parent.mkdir(parents=True, exist_ok=True)
        nbformat.write(notebook, target)
    return list(generated)


def outdated(root: Path = layout.ROOT) -> list[str]:
    """Cuadernos del estudiante que faltan, no coinciden con su fuente o no se pueden generar."""
    problems = []
    for path in layout.notebooks(root):
        target = layout.student_notebook(path)
        try:
            expected = nbformat.writes(student_notebook(nbformat.read(path, as_version=4), path, root))
        except StudentEditionError as error:
            problems.append(f"{target} no se puede generar: {error}")
            continue
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
    """La celda que, solo dentro de Colab, instala la biblioteca del curso desde el repositorio.

    Instala la versión a la que apunta ``repository.branch`` de ``_config.yml``: la etiqueta
    ``vAAAA.N`` en una versión publicada (``python -m booktools.release --fijar``), ``main`` entre
    versiones.
    """
    return (
        "# Solo en Google Colab: instala la biblioteca del curso (en tu equipo ya lo está).\n"
        "import sys\n\n"
        'if "google.colab" in sys.modules:\n'
        f'    %pip install --quiet "course-lib @ git+{layout.repository_url(book_root)}'
        f'@{layout.repository_branch(book_root)}"'
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
    try:
        written = build_student_edition(root)
    except StudentEditionError as error:
        print(f"No se ha escrito la edición del estudiante: {error}")
        return 1
    for path in written:
        print(f"Escrito {path}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

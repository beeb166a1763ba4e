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
  JupyterLab, VS Code y Colab: la sintaxis de MyST, que solo entiende el libro, se traduce
  (véase :func:`plain_markdown`). Los valores pegados con ``glue`` se leen de las salidas
  del cuaderno del docente; los enlaces entre páginas apuntan a los cuadernos del
  estudiante (o a la fuente de las páginas ``.md``); las directivas pasan a citas, imágenes
  o fórmulas; y los pies de las figuras de myst-nb (``metadata.mystnb``), invisibles en
  Jupyter, se añaden en una celda Markdown tras la celda que dibuja la figura.

Además, cada cuaderno del docente lleva, bajo el título, un enlace «Abrir en Colab» a su
edición del estudiante. La dirección del repositorio sale de ``repository.url`` en
``_config.yml`` (el único sitio donde se escribe a mano); esta orden actualiza esos enlaces.
En la edición del estudiante, bajo ese enlace, una nota avisa de que los números de la prosa
son los de la ejecución del libro, no los de la suya.

Uso: ``python -m booktools.editions`` (lo llama ``make student``) actualiza los enlaces y
escribe la edición en ``chapters/estudiante/``; con ``--check`` solo comprueba que todo
está al día.
"""

from __future__ import annotations

import argparse
import ast
import copy
import functools
import os
import re
import sys
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import quote

import nbformat
import yaml
from markdown_it import MarkdownIt
from markdown_it.token import Token

from booktools import layout
from booktools.prose import markdown_parser
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


class StudentEditionError(ValueError):
    """Algo de un cuaderno del docente que no se puede llevar a la edición del estudiante."""


def is_hidden(cell: dict) -> bool:
    """¿Es una celda que el libro oculta (una comprobación de la CI o un valor pegado)?"""
    return HIDDEN_TAG in cell.get("metadata", {}).get("tags", [])


def is_solution(cell: dict) -> bool:
    """¿Es una celda de solución de un ejercicio?"""
    return cell.get("cell_type") == "code" and SOLUTION_TAG in cell.get("metadata", {}).get("tags", [])


# --------------------------------------------------------------------------------------
# Valores pegados con glue
# --------------------------------------------------------------------------------------


def glue_values(notebook: nbformat.NotebookNode) -> dict[str, dict[str, Any]]:
    """Los valores que un cuaderno pega con ``glue``: nombre → datos de la salida por tipo MIME.

    ``glue("clave", valor, display=False)`` deja una salida ``display_data`` cuyos metadatos
    ``scrapbook`` dicen el nombre y el prefijo de los tipos MIME
    (``application/papermill.record/``); aquí los tipos van sin el prefijo (``text/plain``).
    """
    values: dict[str, dict[str, Any]] = {}
    for cell in notebook.cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if not meta or "name" not in meta:
                continue
            prefix = meta.get("mime_prefix", "")
            values[meta["name"]] = {mime[len(prefix):]: data for mime, data in output.get("data", {}).items()
                                    if mime.startswith(prefix)}
    return values


def format_glued_text(plain: str, spec: str = "s") -> str:
    """El texto que muestra ``{glue:text}`clave:formato``` para la salida ``text/plain`` dada.

    Como myst-nb: la salida es la representación de Python del valor (``'93\\xa0322'``), que
    se evalúa como literal (``93 322``, con su espacio fino) y se formatea con ``spec``.
    """
    try:
        value: Any = ast.literal_eval(plain)
    except (SyntaxError, ValueError):
        value = plain
    if not spec:
        return str(value)
    kind = spec[-1]
    if kind == "s":
        value = str(value)
    elif kind in "bcdoxX":
        value = int(value)
    elif kind in "eEfFgGn%":
        value = float(value)
    return format(value, spec)


# --------------------------------------------------------------------------------------
# De MyST a CommonMark
# --------------------------------------------------------------------------------------


@dataclass
class Source:
    """Dónde está el texto que se traduce: el cuaderno del docente, la raíz del libro, sus
    valores pegados y el lugar exacto (para los mensajes de error)."""

    path: Path
    root: Path = layout.ROOT
    glue: dict[str, dict[str, Any]] = field(default_factory=dict)
    where: str = ""

    @property
    def student_dir(self) -> Path:
        """La carpeta de la edición del estudiante de este cuaderno."""
        return layout.student_notebook(self.path).parent

    def error(self, message: str) -> StudentEditionError:
        """Un error con el lugar delante."""
        return StudentEditionError(f"{self.where or self.path.name}: {message}")


# Roles de MyST que se quedan como HTML en línea (Jupyter lo muestra igual).
_HTML_ROLES = {"sub": "sub", "sup": "sup", "kbd": "kbd"}
# Roles cuyo contenido se muestra como código.
_CODE_ROLES = {"code", "samp", "file", "command", "literal"}
# Directivas de aviso y su título por omisión (el del libro, en español); las que tienen
# ``None`` llevan el título como argumento (o ninguno).
ADMONITIONS: dict[str, str | None] = {
    "admonition": None, "dropdown": None, "sidebar": None, "margin": None, "topic": None,
    # Los títulos que pone el libro (docutils y Sphinx en español).
    "note": "Nota", "tip": "Consejo", "hint": "Sugerencia", "important": "Importante",
    "warning": "Advertencia", "caution": "¡Precaución!", "attention": "¡Atención!",
    "danger": "¡PELIGRO!", "error": "Error", "seealso": "Ver también",
}
# Citas sin título.
_QUOTES = {"epigraph", "pull-quote", "highlights"}
_CODE_DIRECTIVES = {"code-block", "code", "sourcecode"}
SUPPORTED_DIRECTIVES = sorted(set(ADMONITIONS) | _QUOTES | _CODE_DIRECTIVES | {"figure", "image", "math"})
SUPPORTED_ROLES = sorted({"glue", "glue:", "glue:any", "glue:text", "glue:md", "doc", "term", "math",
                          "abbr", "ref", "download"} | set(_HTML_ROLES) | _CODE_ROLES)
# Caracteres del texto pegado que CommonMark (o las fórmulas de Jupyter) interpretaría.
_MARKDOWN_SPECIAL = re.compile(r"([\\`*_\[\]<>$])")


@functools.cache
def _commonmark() -> MarkdownIt:
    return MarkdownIt("commonmark")


def _escape(text: str) -> str:
    """``text`` como texto literal de Markdown."""
    return _MARKDOWN_SPECIAL.sub(r"\\\1", text)


def _code_span(text: str) -> str:
    """``text`` como código en línea, con tantas comillas invertidas como haga falta."""
    ticks = "`" * (max((len(run) for run in re.findall("`+", text)), default=0) + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _titled(content: str) -> tuple[str | None, str]:
    """Separa ``texto <destino>`` (el texto explícito de un rol) en ``(texto, destino)``."""
    match = re.fullmatch(r"(.*?)\s*<([^<>]+)>\s*", content, re.DOTALL)
    if match and match.group(1):
        return match.group(1), match.group(2).strip()
    return None, content.strip()


def _relative(target: Path, source: Source) -> str:
    """La dirección de ``target`` vista desde la carpeta de la edición del estudiante."""
    return quote(Path(os.path.relpath(target, source.student_dir)).as_posix())


def _resolve(reference: str, source: Source) -> Path:
    """Un archivo citado desde el cuaderno: relativo a su carpeta o, con ``/``, a la raíz."""
    if reference.startswith("/"):
        return source.root / reference.lstrip("/")
    return source.path.parent / reference


def _relocated(url: str, source: Source) -> str:
    """Una dirección de imagen o de descarga, corregida para la carpeta del estudiante."""
    if re.match(r"[a-zA-Z][a-zA-Z0-9+.-]*:|#", url):  # https:, data:, un ancla...
        return url
    return _relative(_resolve(url, source), source)


def _page_file(target: str, source: Source) -> Path:
    """El archivo (``.ipynb`` o ``.md``) de la página a la que apunta un ``{doc}``."""
    base = _resolve(re.sub(r"\.(ipynb|md)$", "", target), source)
    for suffix in (".ipynb", ".md"):
        path = base.with_name(base.name + suffix)
        if path.is_file():
            return path
    raise source.error(f"{{doc}}`{target}` no apunta a ninguna página (ni {base}.ipynb ni {base}.md).")


def page_title(path: Path) -> str:
    """El título de una página: su primer encabezado ``# `` (en un cuaderno, el de sus
    celdas Markdown), tal como está escrito."""
    if path.suffix == ".ipynb":
        texts = [cell.source for cell in nbformat.read(path, as_version=4).cells
                 if cell.cell_type == "markdown"]
    else:
        texts = [path.read_text(encoding="utf-8")]
    for text in texts:
        tokens = markdown_parser().parse(text)
        for index, token in enumerate(tokens[:-1]):
            if token.type == "heading_open" and token.tag == "h1":
                return tokens[index + 1].content.strip()
    raise StudentEditionError(f"{path}: la página no tiene título (un encabezado «# »).")


def _doc_link(content: str, source: Source) -> str:
    """``{doc}`destino``` o ``{doc}`texto <destino>```: un enlace Markdown a la página.

    Un cuaderno enlaza con su edición del estudiante (en la misma carpeta); una página
    ``.md``, con su fuente. Sin texto explícito, el del enlace es el título de la página.
    """
    text, target = _titled(content)
    path = _page_file(target, source)
    destination = layout.student_notebook(path) if path.suffix == ".ipynb" else path
    return f"[{text or page_title(path)}]({_relative(destination, source)})"


def _glued(name: str, content: str, source: Source) -> str:
    """El valor que el libro muestra en lugar de ``{glue:...}`clave```."""
    # «clave», «clave:formato» o «cuaderno::clave[:formato]» (como myst-nb).
    document, _, key = content.strip().rpartition("::")
    spec = "s"
    if name in ("glue:text", "glue:md") and ":" in key:
        key, spec = key.rsplit(":", 1)  # en {glue:md}, el formato (commonmark, myst) da igual
    values, origin = source.glue, source.path.name
    if document:  # un valor pegado en otro cuaderno
        path = _page_file(document, source)
        values, origin = glue_values(nbformat.read(path, as_version=4)), path.name
    if key not in values:
        raise source.error(
            f"{{{name}}}`{content}`: ninguna salida de {origin} pega el valor «{key}». "
            "Ejecuta el cuaderno del docente (make notebooks) y comprueba que la celda "
            f'glue("{key}", ...) está en él.'
        )
    data = values[key]
    if name == "glue:md" or (name != "glue:text" and "text/markdown" in data):
        if "text/markdown" not in data:
            raise source.error(f"{{{name}}}`{content}`: el valor «{key}» no tiene salida text/markdown.")
        return plain_markdown(str(data["text/markdown"]).strip(), source)
    if "text/plain" not in data:
        raise source.error(f"{{{name}}}`{content}`: el valor «{key}» no tiene salida text/plain.")
    if name == "glue:text":
        try:
            return _escape(format_glued_text(str(data["text/plain"]), spec))
        except (TypeError, ValueError) as error:
            raise source.error(f"{{{name}}}`{content}`: no se puede formatear: {error}") from error
    return _escape(str(data["text/plain"]))  # {glue}: la representación, como en el libro


def _role(token: Token, source: Source, labels: dict[str, str]) -> str:
    """El Markdown de un rol de MyST (``{nombre}`contenido```)."""
    name, content = token.meta["name"], token.content
    if name.startswith("glue"):
        if name not in ("glue", "glue:", "glue:any", "glue:text", "glue:md"):
            raise source.error(f"el rol {{{name}}} no existe en myst-nb.")
        return _glued(name, content, source)
    if name == "doc":
        return _doc_link(content, source)
    if name == "term":  # el término, sin enlace al glosario
        return _titled(content)[0] or content.strip()
    if name == "math":
        return f"${content.strip()}$"
    if name == "abbr":  # «CNN (red neuronal convolucional)»: la sigla, con su explicación al pasar
        match = re.fullmatch(r"\s*(.*?)\s*\((.*)\)\s*", content, re.DOTALL)
        if not match:
            return _escape(content.strip())
        return f'<abbr title="{match.group(2)}">{match.group(1)}</abbr>'
    if name in _HTML_ROLES:
        tag = _HTML_ROLES[name]
        return f"<{tag}>{content}</{tag}>"
    if name in _CODE_ROLES:
        return _code_span(content)
    if name == "ref":
        text, label = _titled(content)
        if text:
            return text
        if label in labels:
            return labels[label]
        raise source.error(f"{{ref}}`{content}`: escribe el texto del enlace ({{ref}}`texto <{label}>`); "
                           "en Jupyter no hay números ni títulos que poner.")
    if name == "download":
        text, target = _titled(content)
        return f"[{text or Path(target).name}]({_relocated(target, source)})"
    raise source.error(
        f"el rol {{{name}}}`{content}` no se puede traducir a Markdown para la edición del "
        f"estudiante (se traducen: {', '.join(SUPPORTED_ROLES)}); añádelo a booktools/editions.py."
    )


def _directive_parts(token: Token) -> tuple[str, str, dict[str, Any], str]:
    """El nombre, el argumento, las opciones y el cuerpo de una directiva."""
    name, _, argument = token.info.strip()[1:].partition("}")
    lines = token.content.split("\n")
    options: dict[str, Any] = {}
    if lines and lines[0].strip() == "---":  # opciones en YAML, entre dos «---»
        end = next((i for i in range(1, len(lines)) if lines[i].strip() == "---"), None)
        if end is not None:
            options = dict(yaml.safe_load("\n".join(lines[1:end])) or {})
            lines = lines[end + 1:]
    else:
        while lines and (option := re.fullmatch(r"\s*:([\w-]+):\s*(.*?)\s*", lines[0])):
            options[option.group(1)] = option.group(2)
            lines = lines[1:]
    return name.strip(), argument.strip(), options, "\n".join(lines).strip("\n")


def _blockquote(body: str, title: str | None) -> str:
    """Una cita de Markdown: ``> **Título.** cuerpo``."""
    if title:
        heading = title if title[-1] in ".:?!…" else f"{title}."
        heading = f"**{heading}**"
        tokens = _commonmark().parse(body)
        body = f"{heading} {body}" if tokens and tokens[0].type == "paragraph_open" else (
            f"{heading}\n\n{body}" if body else heading)
    return "\n".join(f"> {line}" if line else ">" for line in body.split("\n"))


def caption_markdown(caption: str) -> str:
    """La línea que pone el pie de una figura bajo ella (``*Figura:* texto``).

    Solo la palabra «Figura» va en cursiva: en el pie ya hay términos ingleses en cursiva
    (*max pooling*), que en un pie entero en cursiva dejarían de distinguirse.
    """
    return f"*Figura:* {caption}"


def _figure(name: str, argument: str, options: dict[str, Any], body: str, source: Source) -> str:
    """``{figure}`` o ``{image}``: la imagen (con la ruta vista desde la carpeta del
    estudiante) y, debajo, el pie y la leyenda."""
    image = f"![{_escape(str(options.get('alt', '')))}]({_relocated(argument, source)})"
    if name == "image" or not body:
        return image
    caption, _, legend = plain_markdown(body, source).partition("\n\n")
    return "\n\n".join(part for part in (image, caption_markdown(caption), legend.strip()) if part)


def _directive(token: Token, source: Source) -> str:
    """El Markdown de una directiva de MyST (````{nombre}`` o ``:::{nombre}``); vacío si desaparece."""
    if not token.info.strip().startswith("{"):  # «:::» sin directiva: MyST lo muestra como código
        return f"```{token.info.strip()}\n{token.content}```"
    name, argument, options, body = _directive_parts(token)
    if name in ADMONITIONS:
        title = argument or ADMONITIONS[name]
        if ADMONITIONS[name] and argument:  # {note} no tiene argumento: es la primera línea
            title, body = ADMONITIONS[name], f"{argument}\n{body}"
        if title in SOLUTION_TITLES:
            return ""
        return _blockquote(plain_markdown(body, source).strip("\n"),
                           plain_markdown(title, source).strip() if title else None)
    if name in _QUOTES:
        return _blockquote(plain_markdown(body, source).strip("\n"), None)
    if name in ("figure", "image"):
        return _figure(name, argument, options, body, source)
    if name == "math":
        equations = [eq.strip() for eq in re.split(r"\n\s*\n", body) if eq.strip()]
        return "\n\n".join(f"$$\n{equation}\n$$" for equation in equations)
    if name in _CODE_DIRECTIVES:
        fence = "`" * max([3, *(len(run) + 1 for run in re.findall("`{3,}", body))])
        return f"{fence}{argument}\n{body}\n{fence}"
    raise source.error(
        f"la directiva {{{name}}} no se puede traducir a Markdown para la edición del estudiante "
        f"(se traducen: {', '.join(SUPPORTED_DIRECTIVES)}); añádela a booktools/editions.py."
    )


def _line_starts(text: str) -> list[int]:
    starts = [0]
    for line in text.split("\n"):
        starts.append(starts[-1] + len(line) + 1)
    return starts


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


def _in_context(block: str, original: str) -> str:
    """``block`` en el lugar de las líneas ``original`` (una directiva): con lo que las
    precedía (sangría, ``>`` de una cita, la marca de una lista) y separado por líneas en
    blanco de lo que la rodea. Un bloque vacío deja una línea en blanco."""
    first = original.split("\n", 1)[0]
    prefix = re.match(r"[ \t>]*(?:(?:[-*+]|\d+[.)])[ \t]+)?[ \t>]*", first).group(0)  # type: ignore[union-attr]
    rest = re.sub(r"[-*+]|\d+[.)]", lambda m: " " * len(m.group(0)), prefix)
    if not block:
        return prefix.rstrip() if ">" in prefix else ""
    if not prefix.strip():  # fuera de una lista o una cita
        return "\n" + "\n".join(prefix + line if line else "" for line in block.split("\n")) + "\n"
    return "\n".join((prefix if index == 0 else rest) + line if line else rest.rstrip()
                     for index, line in enumerate(block.split("\n")))


def _labels(text: str) -> dict[str, str]:
    """Los destinos ``(nombre)=`` de un texto que preceden a un encabezado: nombre → título."""
    tokens = markdown_parser().parse(text)
    return {token.content: tokens[index + 2].content for index, token in enumerate(tokens[:-2])
            if token.type == "myst_target" and tokens[index + 1].type == "heading_open"}


def plain_markdown(text: str, source: Source, labels: dict[str, str] | None = None) -> str:
    """Traduce a CommonMark (con ``$...$``) el Markdown de MyST de una celda o de un bloque.

    Se analiza con MyST-Parser, como en el libro, y solo se reescribe lo que es de MyST;
    el resto queda tal cual. Roles: ``{glue:text}`` (y ``{glue}``, ``{glue:md}``) → el valor
    pegado; ``{doc}`` → un enlace; ``{term}`` → el texto; ``{math}`` → ``$...$``; ``{abbr}``,
    ``{sub}``, ``{sup}``, ``{kbd}`` → HTML; ``{code}``... → código; ``{ref}`` → su texto;
    ``{download}`` → un enlace. Directivas: los avisos y desplegables → una cita con el título
    en negrita (los de «Solución» desaparecen); ``{figure}``, ``{image}`` → una imagen y su
    pie; ``{math}`` → ``$$...$$``; ``{code-block}`` → un bloque de código. Los destinos
    ``(nombre)=``, los comentarios ``%`` y las separaciones ``+++`` desaparecen. Cualquier
    otro rol o directiva, las notas al pie y las sustituciones ``{{...}}`` son un error.
    """
    text = re.sub(r"\r\n?", "\n", text)
    labels = labels if labels is not None else _labels(text)
    starts = _line_starts(text)
    edits: list[tuple[int, int, str]] = []
    used: dict[int, int] = {}

    def whole_lines(token: Token) -> tuple[int, int]:
        assert token.map is not None
        return starts[token.map[0]], min(starts[token.map[1]], len(text) + 1) - 1

    for token in markdown_parser().parse(text):
        if token.type.startswith(("footnote", "substitution")):
            raise source.error(f"{token.type} ({token.markup or token.content!r}): las notas al pie y las "
                               "sustituciones de MyST no se ven en Jupyter; escríbelas en el texto.")
        if token.type == "inline" and token.map is not None:
            children = token.children or []
            roles = [child for child in children if child.type == "myst_role"]
            for child in children:
                nested = [c for c in child.children or [] if c.type == "myst_role"]
                if nested or child.type.startswith(("footnote", "substitution")):
                    raise source.error(f"{token.content!r}: no se puede traducir un rol de MyST dentro "
                                       "de una imagen, ni una nota al pie o una sustitución.")
            if roles:
                offset = _inline_offsets(token, text, starts, used, source)
                for role in roles:
                    start, end = role.meta["span"]
                    edits.append((offset(start), offset(end), _role(role, source, labels)))
        elif token.type in ("fence", "colon_fence") and (
                token.type == "colon_fence" or token.info.strip().startswith("{")):
            start, end = whole_lines(token)
            edits.append((start, end, _in_context(_directive(token, source), text[start:end])))
        elif token.type in ("myst_target", "myst_line_comment", "myst_block_break"):
            start, end = whole_lines(token)
            edits.append((start, min(end + 1, len(text)), ""))
        elif token.type == "math_block_label":  # $$...$$ (nombre): sin el nombre
            start, end = whole_lines(token)
            edits.append((start, end, f"$${token.content}$$"))
    for start, end, replacement in sorted(edits, reverse=True):
        text = text[:start] + replacement + text[end:]
    return text


def _caption_cell(cell: nbformat.NotebookNode, source: Source, minor: int) -> nbformat.NotebookNode | None:
    """La celda Markdown con el pie de la figura que dibuja ``cell`` (de ``metadata.mystnb``)."""
    caption = cell.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
    if not caption:
        return None
    caption_cell = nbformat.v4.new_markdown_cell(
        caption_markdown(plain_markdown(caption.strip(), source)), metadata={"tags": [CAPTION_TAG]})
    if minor >= 5 and cell.get("id"):
        caption_cell["id"] = f"{cell['id'][:56]}-pie"  # estable: la edición no cambia si no cambia la fuente
    else:
        caption_cell.pop("id", None)
    return caption_cell


def student_notebook(notebook: nbformat.NotebookNode, path: Path | None = None,
                     root: Path = layout.ROOT) -> nbformat.NotebookNode:
    """Devuelve la edición del estudiante de un cuaderno del docente (sin modificarlo).

    ``path`` es el archivo del cuaderno (para los enlaces y las rutas de las imágenes; por
    omisión, uno en ``chapters/``) y ``root``, la raíz del libro. Los valores pegados con
    ``glue`` se leen de las salidas de ``notebook`` antes de quitarlas.
    """
    path = path if path is not None else root / layout.CHAPTERS_DIR / "cuaderno.ipynb"
    source = Source(path=path, root=root, glue=glue_values(notebook))
    labels: dict[str, str] = {}
    for cell in notebook.cells:
        if cell.cell_type == "markdown":
            labels |= _labels(cell.source)
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
            text = plain_markdown(cell.source, source, labels)
            text = re.sub(r"\n{3,}", "\n\n", text).strip("\n")
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
    """La celda que, solo dentro de Colab, instala la biblioteca del curso desde el repositorio."""
    return (
        "# Solo en Google Colab: instala la biblioteca del curso (en tu equipo ya lo está).\n"
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

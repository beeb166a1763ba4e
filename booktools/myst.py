"""El MyST del libro, leído en un solo sitio.

Aquí están el analizador de MyST-Parser con las extensiones del libro, el texto y el
destino de un rol (``{doc}`texto <destino>```), el título de una página y los valores que
un cuaderno pega con ``glue``. Lo usan la revisión de la prosa (:mod:`booktools.prose`), la
edición del estudiante (:mod:`booktools.editions`) y el PDF (:mod:`booktools.pdf`).
"""

from __future__ import annotations

import ast
import functools
import re
from collections.abc import Iterable
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt
from markdown_it.parser_inline import RuleFuncInlineType
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

# Las extensiones de MyST que Jupyter Book 1.x activa por defecto (su «default_config.yml»);
# el «_config.yml» del libro no las cambia (lo comprueba tests/test_language.py).
MYST_EXTENSIONS = ("colon_fence", "dollarmath", "linkify", "substitution", "tasklist")
# Reglas en línea cuyo token puede ocupar varias líneas del original: su token guarda el texto
# original, para contar las líneas (el código y los roles pierden sus saltos de línea).
_SPANNING_RULES = {"backticks", "myst_role", "math_inline", "html_inline", "image",
                   "substitution_inline"}
# La salida de glue («glue("clave", valor, display=False)»), con el prefijo de myst-nb.
_GLUE_TEXT = "application/papermill.record/text/plain"


def _keeping_source(rule: RuleFuncInlineType) -> RuleFuncInlineType:
    """La regla en línea ``rule``, que además guarda en su token el texto original que ocupa
    (``meta["source"]``) y dónde está en el texto de su bloque (``meta["span"]``)."""

    def rule_with_source(state: StateInline, silent: bool) -> bool:
        start, count = state.pos, len(state.tokens)
        found = rule(state, silent)
        if found and len(state.tokens) > count:
            state.tokens[-1].meta["source"] = state.src[start:state.pos]
            state.tokens[-1].meta["span"] = (start, state.pos)
        return found

    return rule_with_source


@functools.cache
def markdown_parser() -> MarkdownIt:
    """El analizador de MyST-Parser, con las extensiones del libro."""
    md = create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)
    for rule in md.inline.ruler.__rules__:
        if rule.name in _SPANNING_RULES:
            md.inline.ruler.at(rule.name, _keeping_source(rule.fn), {"alt": rule.alt})
    return md


def role_parts(content: str) -> tuple[str | None, str]:
    """El texto propio y el destino de un rol: ``texto <destino>`` da ``(texto, destino)``;
    sin texto propio, ``(None, contenido)``."""
    match = re.fullmatch(r"(.*?)\s*<([^<>]*)>\s*", content, re.DOTALL)
    return (match.group(1), match.group(2).strip()) if match else (None, content.strip())


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
    raise ValueError(f"{path}: la página no tiene título (un encabezado «# »).")


def glued_values(cells: Iterable[nbformat.NotebookNode]) -> dict[str, str]:
    """Los valores que pegan las celdas de un cuaderno con ``glue``: ``{nombre: texto}``.

    El texto es el de la salida guardada (``text/plain``), sin las comillas con que se
    muestra una cadena de Python: lo que el libro pone en la prosa con ``{glue:text}``.
    """
    values = {}
    for cell in cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            text = output.get("data", {}).get(_GLUE_TEXT)
            if name and isinstance(text, str):
                try:
                    value = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    value = text
                values[name] = value if isinstance(value, str) else text
    return values

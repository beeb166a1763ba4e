"""La prosa del libro: extraerla de los capítulos y revisarla.

Las revisiones miran la prosa (celdas Markdown, páginas, pies y textos alternativos de las
figuras, textos del glosario y los valores pegados con ``glue``), nunca el código ni las
fórmulas (salvo el separador decimal):

- **terminología**: ninguna de las formas desaconsejadas de ``chapters/glosario.yml``
  (por ejemplo, «precisión» por *accuracy*);
- **ortografía**: cada palabra está en el diccionario español de Hunspell o en la lista
  del proyecto ``chapters/palabras.txt``; las palabras en cursiva (términos ingleses citados)
  o entre comillas (títulos citados) pueden estar también en el diccionario inglés;
- **números**: la coma es el separador decimal (``0,99``, nunca ``0.99``); nada de notación E
  («4,8 · 10⁻⁷», nunca «4,8e-07»); los millares separados con un espacio («60 000»); el
  signo × con un espacio a cada lado («28 × 28», nunca «28x28»); un espacio antes del signo
  % («99 %»); las cantidades a partir de 10 en cifras («16 dígitos», no «dieciséis
  dígitos»);
- **cursiva**: solo para los términos extranjeros y los títulos de las obras, nunca para
  destacar palabras españolas ni en un término español del glosario (*exactitud*);
- **referencias**: un ``{doc}`` sin texto propio no va tras «capítulo» (se leería el título
  entero del capítulo en mitad de la frase), y «el cuaderno original» se presenta (en
  negrita) antes de usarlo.

Desde la línea de órdenes, ``python -m booktools.prose`` imprime todos los hallazgos con su
lugar (archivo, celda y línea) y termina con error si hay alguno.
"""

from __future__ import annotations

import ast
import dataclasses
import functools
import re
import shutil
import subprocess
import sys
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from html.parser import HTMLParser
from pathlib import Path

import nbformat
from markdown_it import MarkdownIt
from markdown_it.parser_inline import RuleFuncInlineType
from markdown_it.renderer import RendererHTML
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from booktools import glossary, layout
from booktools.layout import GLOSSARY_FILE, ROOT, WORD_LIST_FILE

SPANISH_DICTIONARY = "es_ES"
ENGLISH_DICTIONARY = "en_US"

# Letras del español (y de los términos y los nombres extranjeros citados, como «François»);
# el guion separa palabras («one-hot» son dos) y el apóstrofo no.
_LETTERS = "A-Za-zÁÉÍÓÚÜÑáéíóúüñÀÈÌÒÙÂÊÎÔÛÄËÏÖÇàèìòùâêîôûäëïöç"
_WORD = re.compile(rf"[{_LETTERS}]+(?:['’][{_LETTERS}]+)?")
_DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
# Una ruta o un dominio sin espacios («fchollet/deep-learning-with-python-notebooks»).
_PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)+/?|(?:[\w-]+\.)+[a-z]{2,}")
# Una cita entre comillas latinas: puede ser en inglés (el título de un capítulo o de un
# cuaderno, «Introduction to convnets»).
_QUOTED = re.compile(r"«[^«»]*»")


# --------------------------------------------------------------------------------------
# Extracción de la prosa
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Passage:
    """Un bloque de prosa: una celda Markdown de un cuaderno, una página o un texto del glosario.

    ``cell`` es el número de la celda (como en nbval: desde 0), ``None`` en una página, o una
    descripción del lugar (un término del glosario).

    ``text`` conserva las líneas del original (lo que no es prosa queda en blanco), de modo
    que un hallazgo se puede situar por su número de línea. ``italic`` tiene las mismas
    líneas, con solo el texto en cursiva; ``maths``, con solo las fórmulas; ``reading``, la
    prosa tal como se lee (con la cursiva). ``foreign_ok`` marca un texto sin formato (un
    texto alternativo), que no puede poner en cursiva los términos ingleses: todas sus
    palabras pueden ser españolas o inglesas.

    ``italic_spans`` son los fragmentos en cursiva, cada uno entero (``*max pooling*``), con
    la línea donde empieza; ``bare_references`` son las referencias ``{doc}`` sin texto propio
    (se leen como el título del capítulo), cada una con su línea, su destino y lo que se lee
    antes en el párrafo. ``glued`` son los valores pegados con ``{glue:text}`` (o ``{glue}``)
    que se leen en la prosa, cada uno con su línea, su nombre y su texto (la salida guardada
    de la celda que lo pega). ``bold_spans`` son los fragmentos en negrita (los términos que
    se presentan).
    """

    file: str
    cell: int | str | None
    text: str
    italic: str
    maths: str
    reading: str
    foreign_ok: bool = False
    italic_spans: tuple[tuple[int, str], ...] = ()
    bare_references: tuple[tuple[int, str, str], ...] = ()
    glued: tuple[tuple[int, str, str], ...] = ()
    bold_spans: tuple[str, ...] = ()

    def where(self, line: int) -> str:
        """El lugar de una línea del bloque, para un mensaje de error."""
        if self.cell is None:
            return f"{self.file}, línea {line}"
        if isinstance(self.cell, str):  # p. ej., un término del glosario
            return f"{self.file}, {self.cell}"
        return f"{self.file}, celda {self.cell}, línea {line}"


def _blank(text: str) -> str:
    """El mismo texto con todo en blanco salvo los saltos de línea."""
    return re.sub(r"[^\n]", " ", text)


# Las extensiones de MyST que Jupyter Book 1.x activa por defecto (su «default_config.yml»);
# el «_config.yml» del libro no las cambia (lo comprueba tests/test_language.py).
MYST_EXTENSIONS = ("colon_fence", "dollarmath", "linkify", "substitution", "tasklist")
# Roles de MyST cuyo contenido es texto que se lee (los demás son nombres: doc, glue...).
_TEXT_ROLES = {"term", "abbr", "sub", "sup", "sc"}
# Directivas cuyo cuerpo es código (también las «glue:...»), y las que llevan un título.
_CODE_DIRECTIVES = {"code-cell", "code-block", "code", "raw"}
_TITLED_DIRECTIVES = {"admonition", "attention", "caution", "danger", "dropdown", "error", "hint",
                      "important", "note", "seealso", "tip", "warning"}
# Opciones de las directivas que se leen (las de las figuras).
_TEXT_OPTIONS = {"alt", "caption"}
# Reglas en línea cuyo token puede ocupar varias líneas del original: su token guarda el texto
# original, para contar las líneas (el código y los roles pierden sus saltos de línea).
_SPANNING_RULES = {"backticks", "myst_role", "math_inline", "html_inline", "image",
                   "substitution_inline"}


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
    """El analizador de MyST-Parser, con las extensiones del libro (también para la edición
    del estudiante, :mod:`booktools.editions`)."""
    md = create_md_parser(MdParserConfig(enable_extensions=set(MYST_EXTENSIONS)), RendererHTML)
    for rule in md.inline.ruler.__rules__:
        if rule.name in _SPANNING_RULES:
            md.inline.ruler.at(rule.name, _keeping_source(rule.fn), {"alt": rule.alt})
    return md


class _Lines:
    """Las cuatro cadenas de :func:`split_markdown` mientras se llenan: cada línea, con sus
    trozos y la cadena a la que va cada uno; además, los fragmentos en cursiva y las
    referencias sin texto propio (:class:`Passage`)."""

    def __init__(self, count: int) -> None:
        self.lines: list[list[tuple[str, str]]] = [[] for _ in range(count)]
        self.italic_spans: list[tuple[int, str]] = []
        self.bare_references: list[tuple[int, str, str]] = []
        self.glue_references: list[tuple[int, str]] = []
        self.bold_spans: list[str] = []

    def put(self, line: int, kind: str, text: str) -> None:
        """Añade ``text`` desde la línea ``line`` (desde 0) a la cadena ``kind`` ("text",
        "italic" o "maths"); con ``kind`` vacío, es un hueco (lo que no es prosa)."""
        for offset, piece in enumerate(text.split("\n")):
            if piece:
                self.lines[line + offset].append((kind, piece))

    def strings(self) -> tuple[str, str, str, str]:
        """Prosa, cursiva, fórmulas y lectura (prosa y cursiva): lo demás, en blanco."""

        def string(*kinds: str) -> str:
            return "\n".join("".join(piece if kind in kinds else " " * len(piece)
                                      for kind, piece in line) for line in self.lines)

        return string("text"), string("italic"), string("maths"), string("text", "italic")


class _HTMLText(HTMLParser):
    """El texto de un bloque HTML que empieza en la línea ``line``, sin etiquetas ni
    comentarios; una referencia (``&nbsp;``...) separa palabras."""

    def __init__(self, line: int, out: _Lines) -> None:
        super().__init__(convert_charrefs=False)
        self.line, self.out = line, out

    def handle_data(self, data: str) -> None:
        self.out.put(self.line + self.getpos()[0] - 1, "text", data)

    def handle_entityref(self, name: str) -> None:
        self.handle_data(" ")

    def handle_charref(self, name: str) -> None:
        self.handle_data(" ")


def _role(token: Token) -> tuple[str, str]:
    """La cadena de un rol de MyST y lo que va en ella: el texto que se lee (el de ``{term}``,
    el título de ``{doc}`texto <destino>```), la fórmula de ``{math}`` o, si no, nada."""
    source = token.meta["source"]
    content = source[source.index("`"):].strip("`")  # con sus saltos de línea
    if token.meta["name"] == "math":
        return "maths", content
    title = re.fullmatch(r"(.*?)\s*<[^<>]*>\s*", content, re.S)
    if title:
        return "text", title.group(1)
    return ("text" if token.meta["name"] in _TEXT_ROLES else ""), content


def _inline(tokens: list[Token], line: int, out: _Lines) -> None:
    """La prosa de los hijos de un token ``inline`` cuyo texto empieza en la línea ``line``."""
    italic = 0  # cursivas abiertas
    span: list[str] = []  # el texto de la cursiva abierta
    span_line = line
    read: list[str] = []  # lo que se lee del párrafo hasta aquí, fuera de la cursiva
    everything: list[str] = []  # lo que se lee del párrafo hasta aquí
    bold_start: list[int] = []  # dónde empieza en «everything» cada negrita abierta

    def add(piece: str) -> None:
        (span if italic else read).append(piece)
        everything.append(piece)

    automatic, href = False, ""  # el enlace abierto
    for token in tokens:
        # El texto de un enlace automático (https://..., <https://...>), el de
        # «[https://...](https://...)» y el que es una ruta («[fchollet/keras-io](...)») son
        # direcciones: no se leen.
        if token.type == "text" and not automatic and token.content != href and not (
                href and _PATH.fullmatch(token.content)):
            # Un salto de línea en el texto viene de una referencia (&#10;), no del original.
            out.put(line, "italic" if italic else "text", token.content.replace("\n", " "))
            add(token.content.replace("\n", " "))
        elif token.type in ("em_open", "em_close"):
            italic += 1 if token.type == "em_open" else -1
            if token.type == "em_open" and italic == 1:
                span, span_line = [], line
            elif token.type == "em_close" and italic == 0:
                out.italic_spans.append((span_line, " ".join("".join(span).split())))
                read += span
        elif token.type == "link_open":
            automatic, href = token.info == "auto", str(token.attrs["href"])
        elif token.type == "link_close":
            automatic, href = False, ""
        elif token.type == "image":  # se lee el texto alternativo
            _inline(token.children or [], line, out)
        elif token.type == "math_inline":
            out.put(line, "maths", token.content)
            add(" ")
        elif token.type == "myst_role":
            kind, content = _role(token)
            if token.meta["name"] == "doc" and not kind:
                out.bare_references.append((line, content.strip(), "".join(read)))
            if token.meta["name"] in ("glue", "glue:text"):  # «nombre» o «nombre:formato»
                out.glue_references.append((line, content.strip().split(":")[0]))
            add(content if kind == "text" else " ")
            out.put(line, kind, content)
        elif token.type in ("softbreak", "hardbreak"):
            line += 1
            add(" ")
        elif token.type == "strong_open":
            bold_start.append(len(everything))
        elif token.type == "strong_close" and bold_start:
            out.bold_spans.append(" ".join("".join(everything[bold_start.pop():]).split()))
        elif token.type != "strong_close":
            out.put(line, "", " ")  # código, HTML...: un hueco que separa las palabras
            add(" ")
        line += token.meta.get("source", "").count("\n")  # un token de varias líneas


def _directive(token: Token, line: int, out: _Lines) -> None:
    """Una directiva de MyST (```{nombre} argumento``` o :::{nombre}) que empieza en ``line``.

    El cuerpo de una directiva de texto (``{admonition}``, ``{figure}``...) se lee como
    Markdown, con su título y las opciones de :data:`_TEXT_OPTIONS`; el de ``{math}`` son
    fórmulas; el resto (código, ``{glue:...}``) no se lee.
    """
    name, _, argument = token.info[1:].partition("}")
    body = token.content.removesuffix("\n").split("\n")
    options = 0  # las opciones, «:nombre: valor», van al principio del cuerpo
    while options < len(body) and (option := re.fullmatch(r"\s*:([\w-]+):(.*)", body[options])):
        body[options] = option.group(2).strip() if option.group(1) in _TEXT_OPTIONS else ""
        options += 1
    if name == "math":
        out.put(line + 1 + options, "maths", "\n".join(body[options:]))
    elif name not in _CODE_DIRECTIVES and not name.startswith("glue"):
        if name in _TITLED_DIRECTIVES:
            _markdown(argument.strip(), line, out)
        _markdown("\n".join(body), line + 1, out)


def _markdown(source: str, first: int, out: _Lines) -> None:
    """Añade a ``out`` la prosa de un texto MyST que empieza en la línea ``first``."""
    for token in markdown_parser().parse(source):
        if token.map is None:
            continue
        line = first + token.map[0]
        if token.type == "inline":
            out.put(line, "", " ")  # separa las celdas de una fila de una tabla
            _inline(token.children or [], line, out)
        elif token.type in ("math_block", "math_block_label"):
            out.put(line, "maths", token.content)
        elif token.type in ("fence", "colon_fence") and token.info.startswith("{"):
            _directive(token, line, out)
        elif token.type == "html_block":  # se lee el texto, no las etiquetas
            html = _HTMLText(line, out)
            html.feed(token.content)
            html.close()
        # El resto no es prosa: bloques de código, destinos «(nombre)=», comentarios...


def _parse(source: str) -> _Lines:
    """La prosa de un texto MyST, repartida como explica :func:`split_markdown`."""
    source = re.sub(r"\r\n?", "\n", source)  # los saltos de línea de markdown-it
    out = _Lines(source.count("\n") + 1)
    _markdown(source, 0, out)
    return out


def split_markdown(source: str) -> tuple[str, str, str, str]:
    """Separa la prosa de un texto MyST: devuelve ``(prosa, cursiva, fórmulas, lectura)``.

    El texto se analiza como lo hace MyST-Parser al construir el libro (sus tokens de
    markdown-it). Las cuatro cadenas tienen las mismas líneas que ``source``. La prosa excluye
    el código (en línea y en bloques), las fórmulas, las direcciones de los enlaces, los
    nombres de los roles (``{doc}``, ``{glue:text}``...) y el HTML; el texto en cursiva pasa a
    la segunda cadena (es donde se citan los términos ingleses) y las fórmulas a la tercera.
    La cuarta es el texto tal como se lee: la prosa con la cursiva (sin sus marcas).
    """
    return _parse(source).strings()


def _passage(file: str, cell: int | str | None, source: str, plain: bool = False,
             glue: dict[str, str] | None = None) -> Passage:
    if plain:
        blank = _blank(source)
        return Passage(file=file, cell=cell, text=source, italic=blank, maths=blank,
                       reading=source, foreign_ok=True)
    out = _parse(source)
    text, italic, maths, reading = out.strings()
    return Passage(file=file, cell=cell, text=text, italic=italic, maths=maths, reading=reading,
                   italic_spans=tuple((line + 1, span) for line, span in out.italic_spans),
                   bare_references=tuple((line + 1, target, before)
                                         for line, target, before in out.bare_references),
                   bold_spans=tuple(out.bold_spans),
                   glued=tuple((line + 1, name, (glue or {})[name])
                               for line, name in out.glue_references if name in (glue or {})))


def glued_values(cells: Iterable[nbformat.NotebookNode]) -> dict[str, str]:
    """Los valores que pegan las celdas de un cuaderno con ``glue``: ``{nombre: texto}``.

    El texto es el de la salida guardada (``text/plain``), sin las comillas con que se
    muestra una cadena de Python: lo que el libro pone en la prosa.
    """
    values = {}
    for cell in cells:
        for output in cell.get("outputs", []) if cell.cell_type == "code" else []:
            name = output.get("metadata", {}).get("scrapbook", {}).get("name")
            text = output.get("data", {}).get("application/papermill.record/text/plain")
            if name and isinstance(text, str):
                try:
                    value = ast.literal_eval(text)
                except (ValueError, SyntaxError):
                    value = text
                values[name] = value if isinstance(value, str) else text
    return values


def file_passages(path: Path, root: Path = ROOT) -> list[Passage]:
    """La prosa de un archivo: cada celda Markdown de un cuaderno y los pies y textos
    alternativos de sus figuras, o la página entera."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if path.suffix == ".ipynb":
        passages = []
        cells = nbformat.read(path, as_version=4).cells
        glue = glued_values(cells)
        for index, cell in enumerate(cells):
            if cell.cell_type == "markdown":
                passages.append(_passage(name, index, cell.source, glue=glue))
            # Pie y texto alternativo de las figuras (metadatos de myst-nb): también se leen.
            mystnb = cell.get("metadata", {}).get("mystnb", {})
            caption = mystnb.get("figure", {}).get("caption")
            alt = mystnb.get("image", {}).get("alt")
            if caption:
                passages.append(_passage(name, f"celda {index}, pie de figura", caption,
                                         glue=glue))
            if alt:
                passages.append(_passage(name, f"celda {index}, texto alternativo", alt,
                                         plain=True))
        return passages
    return [_passage(name, None, path.read_text(encoding="utf-8"))]


def _italic_english(term: str, english: str) -> str:
    """El término con sus palabras del término inglés en cursiva (codificación *one-hot*)."""
    english_words = {w.lower() for w in _WORD.findall(english)}
    return _WORD.sub(lambda m: f"*{m.group(0)}*" if m.group(0).lower() in english_words
                     else m.group(0), term)


def glossary_passages(root: Path = ROOT) -> list[Passage]:
    """Los textos del glosario que se leen en el libro: término, inglés, definición, motivos.

    Las palabras del término que son también del término inglés (*dropout*, codificación
    *one-hot*) se revisan como cursiva, igual que cuando se citan en la prosa.
    """
    passages = []
    for entry in glossary.load(root / GLOSSARY_FILE):
        where = f"término «{entry.term}»"
        term = _italic_english(entry.term, entry.english)
        head = _passage(GLOSSARY_FILE, where, f"{term} (*{entry.english}*): {entry.definition}")
        # Esa cursiva del término es solo para la ortografía: el libro no la muestra.
        passages.append(dataclasses.replace(
            head, italic_spans=head.italic_spans[len(_parse(term).italic_spans):]))
        # La forma desaconsejada no se revisa: puede ser una errata a propósito («pixel»).
        passages += [_passage(GLOSSARY_FILE, where, avoid.reason) for avoid in entry.avoid]
    return passages


def book_passages(root: Path = ROOT) -> list[Passage]:
    """Toda la prosa del libro, en el orden del índice."""
    passages = []
    for page in layout.pages(root):
        passages += file_passages(layout.page_source(page, root), root)
    return passages


# --------------------------------------------------------------------------------------
# Hallazgos
# --------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Finding:
    """Un problema de la prosa, con su lugar y lo que hay que cambiar."""

    where: str
    phrase: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: «{self.phrase}»: {self.message}"


def _lines(text: str) -> Iterator[tuple[int, str]]:
    for number, line in enumerate(text.split("\n"), start=1):
        if line.strip():
            yield number, line


def _joined(text: str) -> tuple[str, list[int]]:
    """El texto en una sola línea (para frases partidas) y la línea de cada carácter."""
    line_of = []
    number = 1
    for char in text:
        line_of.append(number)
        if char == "\n":
            number += 1
    return re.sub(r"\s", " ", text), line_of


def check_terminology(passages: Iterable[Passage], root: Path = ROOT) -> list[Finding]:
    """Las formas desaconsejadas del glosario que aparecen en la prosa (fuera de la cursiva).

    La cursiva queda fuera porque es donde se cita el término inglés. Una frase partida entre
    dos líneas también se detecta.
    """
    rules = [(avoid, entry) for entry in glossary.load(root / GLOSSARY_FILE)
             for avoid in entry.avoid]
    compiled = [(glossary.phrase_pattern(avoid.phrase), avoid, entry) for avoid, entry in rules]
    findings = []
    for passage in passages:
        flat, line_of = _joined(passage.text)
        for pattern, avoid, entry in compiled:
            # Una forma que contiene el término es un error de redacción («son en escala de
            # grises»): su motivo ya dice qué escribir.
            contains_term = glossary.phrase_pattern(entry.term).search(avoid.phrase)
            message = avoid.reason if contains_term else f"escribe «{entry.term}»; {avoid.reason}"
            for match in pattern.finditer(flat):
                findings.append(Finding(passage.where(line_of[match.start()]), match.group(0),
                                        message))
    return findings


def _prose_lines(passage: Passage) -> Iterator[tuple[int, str, str]]:
    """Las líneas que se leen de un bloque (``reading``) y los valores pegados en él:
    ``(línea, texto, prefijo del mensaje)``; el prefijo nombra el valor pegado."""
    for number, line in _lines(passage.reading):
        yield number, line, ""
    for number, name, value in passage.glued:
        yield number, value, f"el valor pegado «{name}»: "


def check_decimals(passages: Iterable[Passage]) -> list[Finding]:
    """Números con punto decimal en la prosa, en los valores pegados en ella o en las
    fórmulas: el libro usa la coma."""
    findings = []
    for passage in passages:
        prose_lines = [(n, line, prefix) for n, line, prefix in _prose_lines(passage)
                       if prefix] + [(n, line, "") for n, line in _lines(passage.text)]
        maths_lines = [(n, line, "") for n, line in _lines(passage.maths)]
        for lines, hint in ((prose_lines, "0,99"), (maths_lines, "0{,}99")):
            for number, line, prefix in lines:
                for match in _DECIMAL_POINT.finditer(line):
                    findings.append(Finding(
                        passage.where(number), match.group(0),
                        f"{prefix}el separador decimal es la coma (p. ej., {hint})"))
    return findings


def _matches(
    passages: Iterable[Passage], pattern: re.Pattern[str]
) -> Iterator[tuple[str, str, re.Match[str]]]:
    """Cada coincidencia de ``pattern`` en las líneas de prosa: (lugar, prefijo del mensaje, coincidencia)."""
    for passage in passages:
        for number, line, prefix in _prose_lines(passage):
            for match in pattern.finditer(line):
                yield passage.where(number), prefix, match


# La notación E de los lenguajes de programación («4,8e-07», «1e-3»): en la prosa no se usa.
_E_NOTATION = re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)[eE]([+\-−]?)(\d+)(?!\w)")
_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")


def check_e_notation(passages: Iterable[Passage]) -> list[Finding]:
    """Números en notación E («4,8e-07», «1e-3», «2.5E+04») en la prosa, fuera del código y
    de las fórmulas, también en los valores pegados con ``glue``: se escriben como potencia
    de diez («4,8 · 10⁻⁷») o se redacta de otro modo."""
    findings = []
    for where, prefix, match in _matches(passages, _E_NOTATION):
        mantissa, sign, exponent = match.groups()
        power = "10" + (("-" if sign in "-−" else "") + str(int(exponent))).translate(_SUPERSCRIPTS)
        mantissa = mantissa.replace(".", ",")
        written = power if mantissa == "1" else f"{mantissa} · {power}"
        findings.append(Finding(
            where, match.group(0),
            f"{prefix}la prosa no usa la notación E: escribe «{written}» "
            "o di la cantidad de otro modo"))
    return findings


# Dos o más números multiplicados: «28 × 28», «3 × 3 × 32». La letra x o el signo × sin sus
# espacios («28x28», «3×3», «28 x 28») es un error.
_NUMBER = r"\d+(?:,\d+)?"
_PRODUCT = re.compile(rf"(?<![\w.,]){_NUMBER}(?:\s*[xX×]\s*{_NUMBER})+(?![\w]|,\d)")
_TIMES = re.compile(r"\s*[xX×]\s*")


def check_multiplication(passages: Iterable[Passage]) -> list[Finding]:
    """Productos de números en la prosa escritos con la letra x o sin espacios: el libro
    escribe «28 × 28» (el signo ×, con un espacio a cada lado)."""
    findings = []
    for passage in passages:
        flat, line_of = _joined(passage.reading)
        for match in _PRODUCT.finditer(flat):
            operators = _TIMES.findall(match.group(0))
            if all(op in (" × ", "\u00a0×\u00a0", "\u202f×\u202f") for op in operators):
                continue
            written = " × ".join(_TIMES.split(match.group(0)))
            findings.append(Finding(
                passage.where(line_of[match.start()]), match.group(0),
                f"escribe «{written}»: el signo × (no la letra x), con un espacio a cada lado"))
    return findings


# Un número de cinco cifras o más sin separar los millares («60000»).
_UNGROUPED = re.compile(r"(?<![\w.,])\d{5,}(?![\w]|,\d)")


def _grouped(digits: str) -> str:
    head = len(digits) % 3 or 3
    return " ".join([digits[:head]] + [digits[i:i + 3] for i in range(head, len(digits), 3)])


def check_thousands(passages: Iterable[Passage]) -> list[Finding]:
    """Números de cinco cifras o más sin separar los millares en la prosa o en los valores
    pegados: se separan de tres en tres con un espacio («60 000»; los de cuatro cifras van
    juntos: «1000»)."""
    return [
        Finding(where, match.group(0),
                f"{prefix}escribe «{_grouped(match.group(0))}»: los millares se separan "
                "con un espacio (formatting.number)")
        for where, prefix, match in _matches(passages, _UNGROUPED)
    ]


# Un porcentaje sin espacio entre el número y el signo («99%»).
_TIGHT_PERCENT = re.compile(r"(?<![\w.,])(\d+(?:,\d+)?)%")


def check_percent(passages: Iterable[Passage]) -> list[Finding]:
    """Porcentajes sin espacio antes del signo en la prosa o en los valores pegados: «99 %»,
    como escribe ``formatting.percent`` (con un espacio de no separación)."""
    return [
        Finding(where, match.group(0),
                f"{prefix}escribe «{match.group(1)} %»: el signo % va separado del número "
                "por un espacio (formatting.percent)")
        for where, prefix, match in _matches(passages, _TIGHT_PERCENT)
    ]


# Los números a partir de 10 escritos con letras. Los menores («dos capas», «tres
# optimizadores») se escriben con letras cuando cuentan cosas; los demás, en cifras.
_NUMBER_WORDS = {
    "diez": 10, "once": 11, "doce": 12, "trece": 13, "catorce": 14, "quince": 15,
    "dieciséis": 16, "diecisiete": 17, "dieciocho": 18, "diecinueve": 19, "veinte": 20,
    "veintiuno": 21, "veintiún": 21, "veintiuna": 21, "veintidós": 22, "veintitrés": 23,
    "veinticuatro": 24, "veinticinco": 25, "veintiséis": 26, "veintisiete": 27,
    "veintiocho": 28, "veintinueve": 29, "treinta": 30, "cuarenta": 40, "cincuenta": 50,
    "sesenta": 60, "setenta": 70, "ochenta": 80, "noventa": 90, "cien": 100, "ciento": 100,
    "doscientos": 200, "doscientas": 200, "trescientos": 300, "trescientas": 300,
    "cuatrocientos": 400, "cuatrocientas": 400, "quinientos": 500, "quinientas": 500,
    "seiscientos": 600, "seiscientas": 600, "setecientos": 700, "setecientas": 700,
    "ochocientos": 800, "ochocientas": 800, "novecientos": 900, "novecientas": 900,
    "mil": 1000,
}
_UNIT_WORDS = {"un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
               "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
_ANY_NUMBER_WORD = "|".join(sorted({**_NUMBER_WORDS, **_UNIT_WORDS}, key=len, reverse=True))
_SPELLED_NUMBER = re.compile(
    rf"(?<![\w{_LETTERS}])(?:(?:{'|'.join(_UNIT_WORDS)})\s+(?=mil\b))?"
    rf"(?:{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
    rf"(?:\s+(?:y\s+)?(?:{_ANY_NUMBER_WORD}))*(?![\w{_LETTERS}])", re.IGNORECASE)
# Usos que no son cantidades: las décadas («los años noventa»), la base de numeración
# («potencias de diez») y las expresiones hechas («cien por cien», «mil veces»): lo que va
# antes y lo que va después.
_NUMBER_IDIOM_BEFORE = re.compile(r"(?:\baños|\bcien\s+por|\bpotencias?\s+de|\bbase)\s+$",
                                  re.IGNORECASE)
_NUMBER_IDIOM_AFTER = {"cien": re.compile(r"\s+por\s+cien\b"), "mil": re.compile(r"\s+veces\b")}


def _spelled_value(phrase: str) -> int:
    value = 0
    for word in phrase.lower().split():
        if word == "mil":
            value = max(value, 1) * 1000
        elif word != "y":
            value += _NUMBER_WORDS.get(word) or _UNIT_WORDS[word]
    return value


def check_number_words(passages: Iterable[Passage]) -> list[Finding]:
    """Cantidades a partir de 10 escritas con letras en la prosa («dieciséis dígitos»,
    «treinta épocas»): van en cifras (16 dígitos, 30 épocas), y siempre igual.

    Se permiten a principio de frase (la ortografía desaconseja empezar con una cifra), en
    las décadas («los años noventa») y en expresiones hechas («cien por cien»). La cursiva no
    se mira: es donde se cita el inglés.
    """
    findings = []
    for passage in passages:
        flat, line_of = _joined(passage.text)
        for match in _SPELLED_NUMBER.finditer(flat):
            phrase = match.group(0)
            if phrase[0].isupper() or re.search(r"\d\s*$", flat[:match.start()]):
                continue  # a principio de frase, o «17 mil»
            after = _NUMBER_IDIOM_AFTER.get(phrase.lower())
            before = flat[:match.start()]
            if (_NUMBER_IDIOM_BEFORE.search(before) or (after and after.match(flat, match.end()))
                    or (phrase.lower() in ("cien", "ciento") and re.search(r"\bpor\s+$", before))):
                continue  # también «por ciento»
            findings.append(Finding(
                passage.where(line_of[match.start()]), phrase,
                f"escribe la cantidad en cifras ({_spelled_value(phrase)}): a partir de 10, "
                "las cantidades van en cifras"))
    return findings


def _glossary_english_phrases(entries: Iterable[glossary.Entry]) -> set[str]:
    """Los términos ingleses del glosario en minúsculas, con sus variantes entre paréntesis
    («convolutional neural network (CNN, convnet)» da también «cnn» y «convnet»)."""
    phrases = set()
    for entry in entries:
        english = entry.english.lower()
        phrases.add(" ".join(english.split()))
        phrases |= {" ".join(part.split()) for part in re.split(r"[(),]", english)
                    if part.strip()}
    return phrases


def _looks_like_a_title(span: str) -> bool:
    """Un título de una obra citada («*Deep Learning with Python*»): varias palabras y la
    primera con mayúscula (la cursiva de los títulos es la de la ortografía)."""
    found = _WORD.findall(span)
    return len(found) >= 2 and found[0][:1].isupper()


def check_italics(passages: Iterable[Passage], root: Path = ROOT) -> list[Finding]:
    """Cursiva sobre palabras españolas: la cursiva es solo para los términos extranjeros.

    Un fragmento en cursiva está bien si es un término inglés del glosario (o su plural) o
    parte de uno, si tiene alguna palabra que no es española (un término inglés, un nombre)
    o si es el título de una obra citada. Si todas sus palabras son españolas, es cursiva para destacar (se
    destaca con negrita) o la cursiva de un término español del glosario (*exactitud*).
    """
    passages = list(passages)
    entries = glossary.load(root / GLOSSARY_FILE)
    english = _glossary_english_phrases(entries)
    spanish_terms = {form.lower(): entry.term for entry in entries for form in entry.forms}
    word_list = load_word_list(root / WORD_LIST_FILE)
    spanish_list = {w.lower() for w, section in word_list.items()
                    if section in ("técnicas", "unidades")}
    spans = [(p, line, span) for p in passages for line, span in p.italic_spans
             if _WORD.search(span)]
    candidates = {w for _, _, span in spans for w in _WORD.findall(span)
                  if w.lower() not in spanish_list}
    foreign = unknown_words(candidates, SPANISH_DICTIONARY)
    findings = []
    english_words = {w for phrase in english for w in _WORD.findall(phrase)}
    for passage, line, span in spans:
        key = " ".join(span.lower().split())
        if key in english or key.removesuffix("s") in english:
            continue
        if any(w in foreign for w in _WORD.findall(span)) or _looks_like_a_title(span):
            continue
        if key not in spanish_terms and all(w.lower().removesuffix("s") in english_words
                                            or w.lower() in english_words
                                            for w in _WORD.findall(span)):
            continue  # parte de un término inglés («*test*», de «test set»)
        if key in spanish_terms:
            message = (f"«{spanish_terms[key]}» es un término español del glosario: va sin "
                       "cursiva (en negrita donde se define)")
        else:
            message = "la cursiva es solo para términos extranjeros; para destacar, usa negrita"
        findings.append(Finding(passage.where(line), span, message))
    return findings


_CHAPTER_BEFORE = re.compile(r"\bcap[íi]tulos?[\s,]*(?:\b[yoe]\b[\s,]*)?$", re.IGNORECASE)


def check_references(passages: Iterable[Passage]) -> list[Finding]:
    """Referencias ``{doc}`` sin texto propio tras «capítulo»: se leen como el título entero
    del capítulo en mitad de la frase («del capítulo El pooling (MaxPooling2D)»)."""
    findings = []
    for passage in passages:
        for line, target, before in passage.bare_references:
            if _CHAPTER_BEFORE.search(before):
                findings.append(Finding(
                    passage.where(line), f"capítulo {{doc}}`{target}`",
                    "sin texto propio, la referencia se lee como el título del capítulo en "
                    f"mitad de la frase: escribe {{doc}}`el capítulo sobre ... <{target}>`"))
    return findings


# Expresiones que el libro usa como nombre de algo que hay que presentar antes: la primera
# vez que aparecen, en el orden del libro, van en negrita («lo llamamos **el cuaderno
# original**»).
INTRODUCED_PHRASES = ("cuaderno original",)


def check_introduced(passages: Iterable[Passage],
                     phrases: Iterable[str] = INTRODUCED_PHRASES) -> list[Finding]:
    """Expresiones de :data:`INTRODUCED_PHRASES` que se usan antes de presentarlas: su primer
    uso en ``passages`` (en el orden del libro) debe estar en negrita."""
    passages = list(passages)
    findings = []
    for phrase in phrases:
        pattern = glossary.phrase_pattern(phrase)
        for passage in passages:
            flat, line_of = _joined(passage.reading)
            match = pattern.search(flat)
            if match is None:
                continue
            if not any(pattern.search(bold) for bold in passage.bold_spans):
                findings.append(Finding(
                    passage.where(line_of[match.start()]), match.group(0),
                    "se usa antes de presentarlo: la primera vez que aparece, en el orden del "
                    "libro, va en negrita y con lo que es"))
            break
    return findings


def words(text: str) -> Iterator[tuple[int, str]]:
    """Las palabras de un texto con su número de línea (sin números ni símbolos).

    Las letras pegadas a una cifra no son palabras sino parte de un código («CS231n»,
    «LeNet-5» sí da «LeNet»)."""
    for number, line in _lines(text):
        for match in _WORD.finditer(line):
            start, end = match.span()
            if not (line[start - 1:start].isdigit() or line[end:end + 1].isdigit()):
                yield number, match.group(0)


def load_word_list(path: Path) -> dict[str, str]:
    """La lista de palabras del proyecto: ``{palabra: sección}``.

    Formato: una palabra por línea, ``#`` para comentarios y ``[sección]`` para empezar una
    sección (``nombres``, ``autores``, ``siglas``, ``unidades``, ``técnicas`` o ``inglés``).
    """
    entries: dict[str, str] = {}
    section = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if not line:
            continue
        header = re.fullmatch(r"\[(.+)\]", line)
        if header:
            section = header.group(1)
            continue
        if not _WORD.fullmatch(line):
            raise ValueError(f"{path.name}, línea {number}: «{line}» no es una palabra.")
        if line in entries:
            raise ValueError(f"{path.name}, línea {number}: «{line}» está repetida.")
        entries[line] = section
    return entries


def hunspell_available() -> bool:
    """Si están Hunspell y sus diccionarios español e inglés."""
    if shutil.which("hunspell") is None:
        return False
    result = subprocess.run(["hunspell", "-D"], input="", capture_output=True, text=True)
    listed = result.stdout + result.stderr
    return all(f"/{name}" in listed for name in (SPANISH_DICTIONARY, ENGLISH_DICTIONARY))


def unknown_words(candidates: Iterable[str], dictionary: str) -> set[str]:
    """Las palabras que el diccionario de Hunspell ``dictionary`` no reconoce."""
    unique = sorted(set(candidates))
    if not unique:
        return set()
    if shutil.which("hunspell") is None:
        raise RuntimeError("Falta Hunspell: instala los paquetes de Debian hunspell, "
                           "hunspell-es y hunspell-en-us.")
    result = subprocess.run(["hunspell", "-d", dictionary, "-i", "utf-8", "-l"],
                            input="\n".join(unique) + "\n", capture_output=True, text=True,
                            encoding="utf-8", check=False)
    if result.returncode != 0 or "Can't open affix or dic" in result.stderr:
        raise RuntimeError(f"Hunspell no pudo usar el diccionario {dictionary}: "
                           f"{result.stderr.strip()}")
    return set(result.stdout.split())


_CLITICS = ("los", "las", "les", "nos", "lo", "la", "le", "me", "te", "se", "os")
_ACCENTED = str.maketrans("áéíóú", "aeiou")


def _enclitic_bases(word: str) -> list[str]:
    """Las formas verbales de las que puede venir ``word`` con pronombres pospuestos.

    El diccionario de Hunspell no trae «calcúlalo» ni «comprobémoslo». Se quitan uno o dos
    pronombres y se comprueba la forma que queda, con la regla de la tilde: un infinitivo con
    un solo pronombre no la lleva («aplanarlo»); el resto de las formas, sí («calcúlalo»,
    «predícelo»), salvo las de una sílaba («dime»).
    """
    bases = []
    lower = word.lower()
    for first in _CLITICS:
        for second in ("",) + _CLITICS:
            suffix = first + second
            if not lower.endswith(suffix) or len(lower) - len(suffix) < 2:
                continue
            stem = word[: len(word) - len(suffix)]
            plain = stem.translate(_ACCENTED)
            accented = plain != stem or word.translate(_ACCENTED) != word
            syllables = len(re.findall(r"[aeiouáéíóúü]+", plain.lower()))
            if plain.lower().endswith("r"):
                if accented == bool(second):
                    bases.append(plain)
            elif accented or syllables == 1:
                bases.append(plain)
                if first == "nos" and not second:
                    bases.append(plain + "s")  # «sentémonos» viene de «sentemos»
    return bases


def _in_word_list(word: str, word_list: dict[str, str]) -> bool:
    # «Softmax» a principio de frase vale si «softmax» está en la lista.
    return word in word_list or (word[:1].isupper() and word[:1].lower() + word[1:] in word_list)


def _quoted(text: str) -> str:
    """Solo lo que va entre comillas latinas, con las líneas del original."""
    kept = _blank(text)
    for match in _QUOTED.finditer(text):
        kept = kept[:match.start()] + match.group(0) + kept[match.end():]
    return kept


def _overlay(first: str, second: str) -> str:
    """Dos cadenas con las mismas líneas y en blanco donde no hay texto, en una sola."""
    return "".join(x if not x.isspace() else y for x, y in zip(first, second, strict=True))


def check_spelling(passages: Iterable[Passage], root: Path = ROOT) -> list[Finding]:
    """Palabras que no están en el diccionario ni en la lista del proyecto.

    La prosa se revisa con el diccionario español; la cursiva, con el español o el inglés
    (es donde se citan los términos ingleses).
    """
    passages = list(passages)
    word_list = load_word_list(root / WORD_LIST_FILE)
    prose = [(p, n, w) for p in passages if not p.foreign_ok
             for n, w in words(_QUOTED.sub(lambda m: _blank(m.group(0)), p.text))
             if not _in_word_list(w, word_list)]
    # En cursiva y entre comillas vale también el inglés, y en cursiva, el plural inglés de
    # una palabra de la lista («convnets»).
    italic = [(p, n, w) for p in passages
              for n, w in words(p.text if p.foreign_ok else _overlay(_quoted(p.text), p.italic))
              if not _in_word_list(w, word_list)
              and not (w.endswith("s") and word_list.get(w[:-1]) == "inglés")]
    unknown_es = unknown_words([w for _, _, w in prose + italic], SPANISH_DICTIONARY)
    candidates = {w: _enclitic_bases(w) for w in unknown_es}
    wrong_bases = unknown_words([b for bases in candidates.values() for b in bases],
                                SPANISH_DICTIONARY)
    unknown_es = {w for w in unknown_es if all(b in wrong_bases for b in candidates[w])}
    unknown_en = unknown_words([w for _, _, w in italic if w in unknown_es], ENGLISH_DICTIONARY)
    findings = []
    for passage, number, word in prose:
        if word in unknown_es:
            findings.append(Finding(passage.where(number), word,
                                    "no está en el diccionario español "
                                    f"(corrígela o, si es un término, añádela a {WORD_LIST_FILE})"))
    for passage, number, word in italic:
        if word in unknown_es and word in unknown_en:
            findings.append(Finding(passage.where(number), word,
                                    "no está en el diccionario español ni en el inglés"))
    return findings


def foreign_words(passages: Iterable[Passage]) -> set[str]:
    """Las palabras en cursiva que no son españolas: los términos ingleses citados (no las de
    los títulos de las obras citadas, como *Deep Learning with Python*)."""
    italic = {w for p in passages for _, span in p.italic_spans if not _looks_like_a_title(span)
              for w in _WORD.findall(span)}
    return {w.lower() for w in unknown_words(italic, SPANISH_DICTIONARY)}


def check_book(root: Path = ROOT) -> list[Finding]:
    """Todas las revisiones sobre todo el libro (la página del glosario incluida)."""
    passages = book_passages(root)
    everything = passages + glossary_passages(root)
    return (check_terminology(passages, root) + check_decimals(everything)
            + check_spelling(everything, root) + check_e_notation(everything)
            + check_multiplication(everything) + check_thousands(everything)
            + check_percent(everything)
            + check_number_words(everything)
            + check_italics(everything, root) + check_references(passages)
            + check_introduced(passages))


def main() -> int:
    findings = check_book()
    for finding in findings:
        print(finding)
    print(f"{len(findings)} hallazgos en la prosa del libro.")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

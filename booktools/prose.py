"""La prosa del libro (celdas Markdown, páginas, pies y textos alternativos de las figuras,
glosario y valores pegados con ``glue``, nunca el código): extraerla y revisarla.

- **terminología**: ninguna forma desaconsejada en ``chapters/glosario.yml``;
- **tipografía** (la tabla :data:`RULES`): coma decimal (también en las fórmulas), nada de
  notación E, el signo × entre espacios, los millares separados, un espacio antes de % y las
  cantidades desde 10 en cifras;
- **ortografía**: cada palabra, en el diccionario español de Hunspell o en la lista
  ``chapters/palabras.txt``; en cursiva o entre comillas vale también el inglés;
- **cursiva**: solo para términos extranjeros y títulos de obras, no para destacar;
- **referencias**: un ``{doc}`` sin texto propio no va tras «capítulo»; «el cuaderno original»
  se presenta (en negrita) antes de usarlo.

``python -m booktools.prose`` imprime los hallazgos con su lugar y falla si hay alguno.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
import shutil
import subprocess
import sys
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import cast

import nbformat
from markdown_it.token import Token

from booktools import glossary, layout
from booktools.layout import GLOSSARY_FILE, ROOT, WORD_LIST_FILE
from booktools.myst import glued_values, markdown_parser, role_parts

SPANISH_DICTIONARY = "es_ES"
ENGLISH_DICTIONARY = "en_US"

# Letras del español (y de los términos y los nombres extranjeros citados, como «François»);
# el guion separa palabras («one-hot» son dos) y el apóstrofo no.
_LETTERS = "A-Za-zÁÉÍÓÚÜÑáéíóúüñÀÈÌÒÙÂÊÎÔÛÄËÏÖÇàèìòùâêîôûäëïöç"
_WORD = re.compile(rf"[{_LETTERS}]+(?:['’][{_LETTERS}]+)?")
# Una ruta o un dominio sin espacios («fchollet/deep-learning-with-python-notebooks»).
_PATH = re.compile(r"[\w.-]+(?:/[\w.-]+)+/?|(?:[\w-]+\.)+[a-z]{2,}")
# Una cita entre comillas latinas: puede estar en inglés («Introduction to convnets»).
_QUOTED = re.compile(r"«[^«»]*»")
# Roles de MyST cuyo contenido es texto que se lee (los demás son nombres: doc, glue...).
_TEXT_ROLES = {"term", "abbr", "sub", "sup", "sc"}
# Directivas de código (también las «glue:...»), con título y opciones que se leen.
_CODE_DIRECTIVES = {"code-cell", "code-block", "code", "raw"}
_TITLED_DIRECTIVES = {"admonition", "attention", "caution", "danger", "dropdown", "error", "hint",
                      "important", "note", "seealso", "tip", "warning"}
_TEXT_OPTIONS = {"alt", "caption"}
# Lo que no se lee de un bloque HTML: etiquetas, comentarios y referencias («&nbsp;», un hueco).
_HTML_MARKUP = re.compile(r"<!--.*?-->|</?[a-zA-Z][^>]*>|<[!?][^>]*>|(&(?:[a-zA-Z][-.\w]*|#\w+);?)",
                          re.DOTALL)


# ── Extracción de la prosa ──────────────────────────────────────────────────────────────


@dataclass(frozen=True)
class Passage:
    """Un bloque de prosa: una celda Markdown (``cell``, desde 0 como en nbval), una página
    (``None``) o un lugar descrito (un término del glosario). ``text``, ``italic``, ``maths`` y
    ``reading`` (la prosa con la cursiva) tienen las líneas del original, con lo demás en
    blanco. ``foreign_ok``: un texto sin formato (alternativo), que no puede poner en cursiva
    el inglés. Con su línea: cada fragmento en cursiva entero (``*max pooling*``); cada
    ``{doc}`` sin texto propio, con su destino y lo que se lee antes en el párrafo; cada valor
    pegado con ``{glue:text}``, con su nombre y su texto. Y los fragmentos en negrita."""

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
        if isinstance(self.cell, str):  # p. ej., un término del glosario
            return f"{self.file}, {self.cell}"
        return f"{self.file}, " + ("" if self.cell is None else f"celda {self.cell}, ") + f"línea {line}"


def _blank(text: str) -> str:
    """El mismo texto con todo en blanco salvo los saltos de línea."""
    return re.sub(r"[^\n]", " ", text)


class _Prose:
    """La prosa de un texto MyST mientras se extrae (:class:`Passage`): cada línea, con sus
    trozos y la cadena a la que va cada uno ("text", "italic", "maths"; vacía, un hueco)."""

    def __init__(self, source: str, glue: dict[str, str] | None = None) -> None:
        source = re.sub(r"\r\n?", "\n", source)  # los saltos de línea de markdown-it
        self.glue = glue or {}
        self.lines: list[list[tuple[str, str]]] = [[] for _ in range(source.count("\n") + 1)]
        self.italic_spans: list[tuple[int, str]] = []  # con las líneas desde 1, como Passage
        self.bare_references: list[tuple[int, str, str]] = []
        self.glued: list[tuple[int, str, str]] = []
        self.bold_spans: list[str] = []
        _markdown(source, 0, self)

    def put(self, line: int, kind: str, text: str) -> None:
        """Añade ``text`` a la cadena ``kind`` desde la línea ``line`` (desde 0)."""
        for offset, piece in enumerate(text.split("\n")):
            if piece:
                self.lines[line + offset].append((kind, piece))

    def strings(self) -> tuple[str, str, str, str]:
        """Prosa, cursiva, fórmulas y lectura (prosa y cursiva): lo demás, en blanco."""
        text, italic, maths, reading = ("\n".join("".join(piece if kind in kinds else " " * len(piece)
                                                           for kind, piece in line) for line in self.lines)
                                        for kinds in (("text",), ("italic",), ("maths",), ("text", "italic")))
        return text, italic, maths, reading


def _inline(tokens: list[Token], line: int, out: _Prose) -> None:
    """La prosa de los hijos de un token ``inline`` cuyo texto empieza en la línea ``line``."""
    read: list[str] = []  # lo que se lee del párrafo hasta aquí
    italic, italic_start, italic_line = 0, 0, line  # las cursivas abiertas; dónde empieza la primera
    bold_start: list[int] = []  # dónde empieza en «read» cada negrita abierta
    automatic, href = False, ""  # el enlace abierto
    for token in tokens:
        # La cadena, lo que va en ella y lo que se lee: por omisión (código...), un hueco.
        kind, piece, added = "", cast(str | None, " "), " "
        # No se lee el texto que es una dirección: https://..., <https://...> o una ruta
        # («[fchollet/keras-io](...)»). Un salto de línea en el texto viene de un «&#10;».
        if token.type == "text" and not automatic and token.content != href and not (
                href and _PATH.fullmatch(token.content)):
            kind, piece = "italic" if italic else "text", token.content.replace("\n", " ")
            added = piece
        elif token.type == "myst_role":
            # Se lee el texto de {term}... o el propio de un {doc}`texto <destino>`; {math}, fórmula.
            name, source = token.meta["name"], token.meta["source"]
            piece = source[source.index("`"):].strip("`")  # con sus saltos de línea
            title, _ = role_parts(piece)
            kind = "maths" if name == "math" else "text" if title is not None or name in _TEXT_ROLES else ""
            piece = title if kind == "text" and title is not None else piece
            if name == "doc" and not kind:  # y lo que se lee antes, fuera de la cursiva
                before = "".join(read[:italic_start] if italic else read)
                out.bare_references.append((line + 1, piece.strip(), before))
            if name in ("glue", "glue:text") and (key := piece.strip().split(":")[0]) in out.glue:
                out.glued.append((line + 1, key, out.glue[key]))  # «nombre» o «nombre:formato»
            added = piece if kind == "text" else " "
        elif token.type == "math_inline":
            kind, piece = "maths", token.content
        elif token.type in ("softbreak", "hardbreak"):
            line, piece = line + 1, ""
        elif token.type in ("em_open", "em_close"):
            italic, piece = italic + (1 if token.type == "em_open" else -1), None
            if token.type == "em_open" and italic == 1:
                italic_start, italic_line = len(read), line
            elif token.type == "em_close" and italic == 0:
                out.italic_spans.append((italic_line + 1, " ".join("".join(read[italic_start:]).split())))
        elif token.type in ("link_open", "link_close"):
            opened, piece = token.type == "link_open", None
            automatic, href = opened and token.info == "auto", str(token.attrs["href"]) if opened else ""
        elif token.type == "image":  # se lee el texto alternativo
            _inline(token.children or [], line, out)
            piece = None
        elif token.type in ("strong_open", "strong_close"):
            piece = None
            if token.type == "strong_open":
                bold_start.append(len(read))
            elif bold_start:
                out.bold_spans.append(" ".join("".join(read[bold_start.pop():]).split()))
        if piece is not None:
            out.put(line, kind, piece)
            read.append(added)
        line += token.meta.get("source", "").count("\n")  # un token de varias líneas


def _markdown(source: str, first: int, out: _Prose) -> None:
    """Añade a ``out`` la prosa de un texto MyST que empieza en la línea ``first``. De una
    directiva se leen el título, las opciones de texto y el cuerpo (salvo si es código)."""
    for token in markdown_parser().parse(source):
        line = first + (token.map or [0])[0]  # los que cierran un bloque no tienen líneas
        if token.type == "inline":
            out.put(line, "", " ")  # separa las celdas de una fila de una tabla
            _inline(token.children or [], line, out)
        elif token.type in ("math_block", "math_block_label"):
            out.put(line, "maths", token.content)
        elif token.type == "html_block":  # se lee el texto, no las etiquetas
            text = _HTML_MARKUP.sub(lambda m: " " if m.group(1) else "\n" * m.group(0).count("\n"),
                                    token.content)
            out.put(line, "text", text)
        elif token.type in ("fence", "colon_fence") and token.info.startswith("{"):
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


def split_markdown(source: str) -> tuple[str, str, str, str]:
    """La prosa de un texto MyST, analizado como en el libro: ``(prosa, cursiva, fórmulas,
    lectura)``, con las líneas de ``source``; la lectura es la prosa con la cursiva."""
    return _Prose(source).strings()


def _passage(file: str, cell: int | str | None, source: str, plain: bool = False,
             glue: dict[str, str] | None = None) -> Passage:
    if plain:
        blank = _blank(source)
        return Passage(file, cell, source, blank, blank, source, foreign_ok=True)
    out = _Prose(source, glue)
    return Passage(file, cell, *out.strings(), italic_spans=tuple(out.italic_spans),
                   bare_references=tuple(out.bare_references), glued=tuple(out.glued),
                   bold_spans=tuple(out.bold_spans))


def file_passages(path: Path, root: Path = ROOT) -> list[Passage]:
    """La prosa de un archivo: la página entera, o cada celda Markdown de un cuaderno y los
    pies y textos alternativos de sus figuras (metadatos de myst-nb)."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if path.suffix != ".ipynb":
        return [_passage(name, None, path.read_text(encoding="utf-8"))]
    cells = nbformat.read(path, as_version=4).cells
    passages, glue = [], glued_values(cells)
    for index, cell in enumerate(cells):
        if cell.cell_type == "markdown":
            passages.append(_passage(name, index, cell.source, glue=glue))
        mystnb = cell.get("metadata", {}).get("mystnb", {})
        if caption := mystnb.get("figure", {}).get("caption"):
            passages.append(_passage(name, f"celda {index}, pie de figura", caption, glue=glue))
        if alt := mystnb.get("image", {}).get("alt"):
            passages.append(_passage(name, f"celda {index}, texto alternativo", alt, plain=True))
    return passages


def _italic_english(term: str, english: str) -> str:
    """El término con sus palabras del término inglés en cursiva (codificación *one-hot*)."""
    words = {w.lower() for w in _WORD.findall(english)}
    return _WORD.sub(lambda m: f"*{m.group(0)}*" if m.group(0).lower() in words else m.group(0), term)


def glossary_passages(root: Path = ROOT) -> list[Passage]:
    """Los textos del glosario que se leen en el libro: término, inglés, definición, motivos.
    Las palabras inglesas del término (codificación *one-hot*) se revisan como cursiva."""
    passages = []
    for entry in glossary.load(root / GLOSSARY_FILE):
        where = f"término «{entry.term}»"
        term = _italic_english(entry.term, entry.english)
        head = _passage(GLOSSARY_FILE, where, f"{term} (*{entry.english}*): {entry.definition}")
        # Esa cursiva del término es solo para la ortografía: el libro no la muestra.
        passages.append(dataclasses.replace(
            head, italic_spans=head.italic_spans[len(_Prose(term).italic_spans):]))
        # La forma desaconsejada no se revisa: puede ser una errata a propósito («pixel»).
        passages += [_passage(GLOSSARY_FILE, where, avoid.reason) for avoid in entry.avoid]
    return passages


def book_passages(root: Path = ROOT) -> list[Passage]:
    """Toda la prosa del libro, en el orden del índice."""
    return [p for page in layout.pages(root) for p in file_passages(layout.page_source(page, root), root)]


# ── Terminología y tipografía: una tabla de reglas y un solo bucle ──────────────────────


@dataclass(frozen=True)
class Finding:
    """Un problema de la prosa, con su lugar y lo que hay que cambiar."""

    where: str
    phrase: str
    message: str

    def __str__(self) -> str:
        return f"{self.where}: «{self.phrase}»: {self.message}"


def _joined(text: str) -> tuple[str, list[int]]:
    """El texto en una sola línea (para frases partidas) y la línea de cada carácter."""
    line_of = list(itertools.accumulate((int(char == "\n") for char in text), initial=1))[:-1]
    return re.sub(r"\s", " ", text), line_of


@dataclass(frozen=True)
class Rule:
    """Una regla: dónde mira (``text``: ``"reading"``, la prosa con la cursiva, ``"text"`` o
    ``"maths"``, en una sola línea para las frases partidas; ``glued``: ``"first"``/``"last"``,
    antes o después, los valores pegados), qué busca y su mensaje (o una función de cada
    coincidencia que lo da, ``None`` si, mirada de cerca, está bien)."""

    name: str
    text: str
    glued: str
    pattern: re.Pattern[str]
    message: str | Callable[[re.Match[str]], str | None]


def _apply(passages: Iterable[Passage], rules: list[Rule]) -> list[Finding]:
    """Los hallazgos de ``rules`` en ``passages``: bloque a bloque, regla a regla."""
    findings = []
    for passage in passages:
        joined = {text: _joined(getattr(passage, text)) for text in {rule.text for rule in rules}}
        glued = [(value, [number] * len(value), f"el valor pegado «{name}»: ")
                 for number, name, value in passage.glued]
        for rule in rules:
            segments = [(*joined[rule.text], "")]
            segments = {"first": glued + segments, "last": segments + glued}.get(rule.glued, segments)
            for text, line_of, prefix in segments:
                for match in rule.pattern.finditer(text):
                    message = rule.message if isinstance(rule.message, str) else rule.message(match)
                    if message is not None:
                        findings.append(Finding(passage.where(line_of[match.start()]), match.group(0),
                                                prefix + message))
    return findings


def check_terminology(passages: Iterable[Passage], root: Path = ROOT) -> list[Finding]:
    """Las formas desaconsejadas del glosario en la prosa (no en la cursiva, donde se cita el
    inglés). Si contiene el término («son en escala de grises»), su motivo dice qué escribir."""
    rules = []
    for entry in glossary.load(root / GLOSSARY_FILE):
        for avoid in entry.avoid:
            contains_term = glossary.phrase_pattern(entry.term).search(avoid.phrase)
            message = avoid.reason if contains_term else f"escribe «{entry.term}»; {avoid.reason}"
            rules.append(Rule("terminology", "text", "", glossary.phrase_pattern(avoid.phrase), message))
    return _apply(passages, rules)


_SUPERSCRIPTS = str.maketrans("0123456789-", "⁰¹²³⁴⁵⁶⁷⁸⁹⁻")
_TIMES = re.compile(r"\s*[xX×]\s*")
_THOUSANDS = re.compile(r"\B(?=(?:\d{3})+$)")  # donde va el espacio de los millares
_NUMBER = r"\d+(?:,\d+)?"


def _e_notation(match: re.Match[str]) -> str:
    mantissa, sign, exponent = match.groups()
    power = "10" + (("-" if sign in "-−" else "") + str(int(exponent))).translate(_SUPERSCRIPTS)
    written = power if mantissa == "1" else f"{mantissa.replace('.', ',')} · {power}"
    return f"la prosa no usa la notación E: escribe «{written}» o di la cantidad de otro modo"


# Los números a partir de 10 escritos con letras. Los menores («dos capas», «tres
# optimizadores») se escriben con letras cuando cuentan cosas; los demás, en cifras.
_NUMBER_WORDS = {
    **dict(zip(["diez", "once", "doce", "trece", "catorce", "quince", "dieciséis", "diecisiete", "dieciocho",
                "diecinueve", "veinte", "veintiuno", "veintidós", "veintitrés", "veinticuatro", "veinticinco",
                "veintiséis", "veintisiete", "veintiocho", "veintinueve"], range(10, 30), strict=True)),
    "veintiún": 21, "veintiuna": 21, "cien": 100, "ciento": 100, "mil": 1000,
    **dict(zip(["treinta", "cuarenta", "cincuenta", "sesenta", "setenta", "ochenta", "noventa"],
               range(30, 100, 10), strict=True)),
    **{stem + ending: 100 * n
       for n, stem in enumerate(["dosc", "tresc", "cuatroc", "quin", "seisc", "setec", "ochoc", "novec"], 2)
       for ending in ("ientos", "ientas")},
}
_UNIT_WORDS = {"un": 1, "uno": 1, "una": 1, "dos": 2, "tres": 3, "cuatro": 4, "cinco": 5,
               "seis": 6, "siete": 7, "ocho": 8, "nueve": 9}
_ANY_NUMBER_WORD = "|".join(sorted({**_NUMBER_WORDS, **_UNIT_WORDS}, key=len, reverse=True))
# Lo que va antes y después en los usos que no son cantidades: las décadas («los años noventa»),
# la base de numeración («potencias de diez») y las expresiones («cien por cien», «mil veces»).
_NUMBER_IDIOM_BEFORE = re.compile(r"(?:\baños|\bcien\s+por|\bpotencias?\s+de|\bbase)\s+$", re.IGNORECASE)
_NUMBER_IDIOM_AFTER = {"cien": re.compile(r"\s+por\s+cien\b"), "mil": re.compile(r"\s+veces\b")}


def _number_words(match: re.Match[str]) -> str | None:
    """Valen a principio de frase (la ortografía desaconseja empezar con una cifra), tras una
    cifra («17 mil»), en las décadas y en las expresiones hechas («cien por cien»)."""
    phrase, before = match.group(0), match.string[:match.start()]
    after = _NUMBER_IDIOM_AFTER.get(phrase.lower())
    if (phrase[0].isupper() or re.search(r"\d\s*$", before) or _NUMBER_IDIOM_BEFORE.search(before)
            or (after and after.match(match.string, match.end()))
            or (phrase.lower() in ("cien", "ciento") and re.search(r"\bpor\s+$", before))):
        return None  # también «por ciento»
    value = 0
    for word in phrase.lower().split():
        if word == "mil":
            value = max(value, 1) * 1000
        elif word != "y":
            value += _NUMBER_WORDS.get(word) or _UNIT_WORDS[word]
    return f"escribe la cantidad en cifras ({value}): a partir de 10, las cantidades van en cifras"


_DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")
RULES = (
    # Números con punto decimal en la prosa, en los valores pegados o en las fórmulas.
    Rule("decimals", "text", "first", _DECIMAL_POINT, "el separador decimal es la coma (p. ej., 0,99)"),
    Rule("decimals", "maths", "", _DECIMAL_POINT, "el separador decimal es la coma (p. ej., 0{,}99)"),
    # La notación E de los lenguajes de programación («4,8e-07», «1e-3»).
    Rule("e_notation", "reading", "last",
         re.compile(r"(?<![\w.,])(\d+(?:[.,]\d+)?)[eE]([+\-−]?)(\d+)(?!\w)"), _e_notation),
    # Dos o más números multiplicados («28x28», «3×3», «28 x 28»): van con « × ».
    Rule("multiplication", "reading", "",
         re.compile(rf"(?<![\w.,]){_NUMBER}(?:\s*[xX×]\s*{_NUMBER})+(?![\w]|,\d)"),
         lambda m: None if set(_TIMES.findall(m.group(0))) <= {" × ", "\u00a0×\u00a0", "\u202f×\u202f"} else
         f"escribe «{' × '.join(_TIMES.split(m.group(0)))}»: el signo × (no la letra x), con un espacio a "
         "cada lado"),
    # Un número de cinco cifras o más sin separar los millares («60000»; «1000» va junto).
    Rule("thousands", "reading", "last", re.compile(r"(?<![\w.,])\d{5,}(?![\w]|,\d)"),
         lambda m: f"escribe «{_THOUSANDS.sub(' ', m.group(0))}»: los millares se separan con un espacio "
                   "(formatting.number)"),
    # Un porcentaje sin espacio entre el número y el signo («99%»).
    Rule("percent", "reading", "last", re.compile(r"(?<![\w.,])(\d+(?:,\d+)?)%"),
         lambda m: f"escribe «{m.group(1)} %»: el signo % va separado del número por un espacio "
                   "(formatting.percent)"),
    # Las cantidades a partir de 10 escritas con letras («dieciséis dígitos»), fuera de la cursiva.
    Rule("number_words", "text", "", re.compile(
        rf"(?<![\w{_LETTERS}])(?:(?:{'|'.join(_UNIT_WORDS)})\s+(?=mil\b))?"
        rf"(?:{'|'.join(sorted(_NUMBER_WORDS, key=len, reverse=True))})"
        rf"(?:\s+(?:y\s+)?(?:{_ANY_NUMBER_WORD}))*(?![\w{_LETTERS}])", re.IGNORECASE), _number_words),
)
"""Las reglas de tipografía: la prosa y los valores pegados (y, la coma, las fórmulas)."""


def check_typography(passages: Iterable[Passage], *names: str) -> list[Finding]:
    """Los hallazgos de las reglas de :data:`RULES` con esos nombres, en ese orden (sin ninguno, todas)."""
    passages, known = list(passages), dict.fromkeys(rule.name for rule in RULES)
    if unknown := set(names) - set(known):
        raise ValueError(f"No hay ninguna regla de tipografía «{'», «'.join(sorted(unknown))}»; las reglas "
                         f"son: {', '.join(known)}.")
    return [finding for name in names or known
            for finding in _apply(passages, [rule for rule in RULES if rule.name == name])]


# ── Cursiva, referencias y presentaciones ───────────────────────────────────────────────


def _looks_like_a_title(span: str) -> bool:
    """Un título de una obra citada («*Deep Learning with Python*»): palabras, la primera en mayúscula."""
    found = _WORD.findall(span)
    return len(found) >= 2 and found[0][:1].isupper()


def check_italics(passages: Iterable[Passage], root: Path = ROOT) -> list[Finding]:
    """Cursiva sobre palabras españolas, que no son un término inglés del glosario (o parte de
    uno), una palabra extranjera ni el título de una obra: la cursiva para destacar (se destaca
    con negrita) o la de un término español del glosario."""
    entries = glossary.load(root / GLOSSARY_FILE)
    english = {" ".join(part.split()) for entry in entries  # con sus variantes entre paréntesis
               for part in [entry.english.lower(), *re.split(r"[(),]", entry.english.lower())]
               if part.strip()}
    english_words = {w for phrase in english for w in _WORD.findall(phrase)}
    spanish_terms = {form.lower(): entry.term for entry in entries for form in entry.forms}
    spanish_list = {w.lower() for w, section in load_word_list(root / WORD_LIST_FILE).items()
                    if section in ("técnicas", "unidades")}
    spans = [(p, line, span) for p in passages for line, span in p.italic_spans if _WORD.search(span)]
    foreign = unknown_words({w for _, _, span in spans for w in _WORD.findall(span)
                             if w.lower() not in spanish_list}, SPANISH_DICTIONARY)
    findings = []
    for passage, line, span in spans:
        key, found = " ".join(span.lower().split()), _WORD.findall(span)
        if (key in english or key.removesuffix("s") in english or _looks_like_a_title(span)
                or any(w in foreign for w in found)
                or (key not in spanish_terms and all(w.lower().removesuffix("s") in english_words
                                                     or w.lower() in english_words for w in found))):
            continue  # un término inglés, o parte de uno («*test*», de «test set»)
        findings.append(Finding(passage.where(line), span, (
            f"«{spanish_terms[key]}» es un término español del glosario: va sin cursiva (en "
            "negrita donde se define)") if key in spanish_terms else
            "la cursiva es solo para términos extranjeros; para destacar, usa negrita"))
    return findings


_CHAPTER_BEFORE = re.compile(r"\bcap[íi]tulos?[\s,]*(?:\b[yoe]\b[\s,]*)?$", re.IGNORECASE)


def check_references(passages: Iterable[Passage]) -> list[Finding]:
    """Referencias ``{doc}`` sin texto propio tras «capítulo»: se leen como el título entero
    del capítulo en mitad de la frase («del capítulo El pooling (MaxPooling2D)»)."""
    return [Finding(passage.where(line), f"capítulo {{doc}}`{target}`",
                    "sin texto propio, la referencia se lee como el título del capítulo en "
                    f"mitad de la frase: escribe {{doc}}`el capítulo sobre ... <{target}>`")
            for passage in passages for line, target, before in passage.bare_references
            if _CHAPTER_BEFORE.search(before)]


# Nombres que se presentan en negrita antes de usarlos («lo llamamos **el cuaderno original**»).
INTRODUCED_PHRASES = ("cuaderno original",)


def check_introduced(passages: Iterable[Passage]) -> list[Finding]:
    """Nombres de :data:`INTRODUCED_PHRASES` usados antes de presentarlos en negrita."""
    passages = list(passages)
    findings = []
    for pattern in map(glossary.phrase_pattern, INTRODUCED_PHRASES):
        for passage in passages:
            flat, line_of = _joined(passage.reading)
            if match := pattern.search(flat):
                if not any(pattern.search(bold) for bold in passage.bold_spans):
                    findings.append(Finding(
                        passage.where(line_of[match.start()]), match.group(0),
                        "se usa antes de presentarlo: la primera vez que aparece, en el orden del "
                        "libro, va en negrita y con lo que es"))
                break
    return findings


# ── Ortografía ──────────────────────────────────────────────────────────────────────────


def words(text: str) -> Iterator[tuple[int, str]]:
    """Las palabras de un texto con su número de línea (sin números ni símbolos). Las letras
    pegadas a una cifra son parte de un código («CS231n»; «LeNet-5» sí da «LeNet»)."""
    for number, line in enumerate(text.split("\n"), start=1):
        for match in _WORD.finditer(line):
            start, end = match.span()
            if not (line[start - 1:start].isdigit() or line[end:end + 1].isdigit()):
                yield number, match.group(0)


def load_word_list(path: Path) -> dict[str, str]:
    """La lista de palabras del proyecto, ``{palabra: sección}``: una palabra por línea, ``#``
    para comentarios y ``[sección]`` (``nombres``, ``siglas``, ``técnicas``, ``inglés``...)."""
    entries: dict[str, str] = {}
    section = ""
    for number, raw in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = raw.split("#", 1)[0].strip()
        if header := re.fullmatch(r"\[(.+)\]", line):
            section = header.group(1)
        elif line and not _WORD.fullmatch(line):
            raise ValueError(f"{path.name}, línea {number}: «{line}» no es una palabra.")
        elif line in entries:
            raise ValueError(f"{path.name}, línea {number}: «{line}» está repetida.")
        elif line:
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
        raise RuntimeError(f"Hunspell no pudo usar el diccionario {dictionary}: {result.stderr.strip()}")
    return set(result.stdout.split())


_CLITICS = ("los", "las", "les", "nos", "lo", "la", "le", "me", "te", "se", "os")
_ACCENTED = str.maketrans("áéíóú", "aeiou")


def _enclitic_bases(word: str) -> list[str]:
    """Las formas verbales de las que puede venir ``word`` con pronombres pospuestos, que
    Hunspell no trae («calcúlalo»): sin uno o dos pronombres y con la regla de la tilde (un
    infinitivo con un pronombre no la lleva, «aplanarlo»; lo demás, sí, salvo en una sílaba)."""
    bases, lower = [], word.lower()
    for first in _CLITICS:
        for second in ("", *_CLITICS):
            suffix = first + second
            if not lower.endswith(suffix) or len(lower) - len(suffix) < 2:
                continue
            stem = word[: len(word) - len(suffix)]
            plain = stem.translate(_ACCENTED)
            accented = plain != stem or word.translate(_ACCENTED) != word
            if plain.lower().endswith("r"):
                bases += [plain] if accented == bool(second) else []
            elif accented or len(re.findall(r"[aeiouáéíóúü]+", plain.lower())) == 1:  # una sílaba
                # «sentémonos» viene de «sentemos»
                bases += [plain, plain + "s"] if first == "nos" and not second else [plain]
    return bases


def check_spelling(passages: Iterable[Passage], root: Path = ROOT) -> list[Finding]:
    """Palabras que no están en la lista del proyecto ni en el diccionario español (en cursiva
    o entre comillas, donde se citan términos y títulos, ni en el inglés)."""
    passages, word_list = list(passages), load_word_list(root / WORD_LIST_FILE)

    def listed(w: str) -> bool:  # «Softmax» a principio de frase vale si «softmax» está en la lista
        return w in word_list or (w[:1].isupper() and w[:1].lower() + w[1:] in word_list)

    def italic_or_quoted(p: Passage) -> str:
        quoted = re.sub(r"(«[^«»]*»)|[^\n]", lambda m: m.group(1) or " ", p.text)
        return "".join(y if x.isspace() else x for x, y in zip(quoted, p.italic, strict=True))

    prose = [(p, n, w) for p in passages if not p.foreign_ok
             for n, w in words(_QUOTED.sub(lambda m: _blank(m.group(0)), p.text)) if not listed(w)]
    # En cursiva vale también el plural inglés de una palabra de la lista («convnets»).
    italic = [(p, n, w) for p in passages for n, w in words(p.text if p.foreign_ok else italic_or_quoted(p))
              if not listed(w) and not (w.endswith("s") and word_list.get(w[:-1]) == "inglés")]
    unknown_es = unknown_words([w for _, _, w in prose + italic], SPANISH_DICTIONARY)
    candidates = {w: _enclitic_bases(w) for w in unknown_es}
    wrong_bases = unknown_words([b for bases in candidates.values() for b in bases], SPANISH_DICTIONARY)
    unknown_es = {w for w in unknown_es if all(b in wrong_bases for b in candidates[w])}
    unknown_en = unknown_words([w for _, _, w in italic if w in unknown_es], ENGLISH_DICTIONARY)
    return ([Finding(passage.where(number), word, "no está en el diccionario español "
                     f"(corrígela o, si es un término, añádela a {WORD_LIST_FILE})")
             for passage, number, word in prose if word in unknown_es]
            + [Finding(passage.where(number), word, "no está en el diccionario español ni en el inglés")
               for passage, number, word in italic if word in unknown_es and word in unknown_en])


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
    return (check_terminology(passages, root) + check_typography(everything, "decimals")
            + check_spelling(everything, root)
            + check_typography(everything, "e_notation", "multiplication", "thousands", "percent",
                               "number_words")
            + check_italics(everything, root) + check_references(passages) + check_introduced(passages))


def main() -> int:
    findings = check_book()
    for finding in findings:
        print(finding)
    print(f"{len(findings)} hallazgos en la prosa del libro.")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

"""La prosa del libro: extraerla de los capítulos y revisarla.

Tres revisiones, todas sobre la prosa (celdas Markdown y páginas), nunca sobre el código:

- **terminología**: ninguna de las formas desaconsejadas de ``chapters/glosario.yml``
  (por ejemplo, «precisión» por *accuracy*);
- **ortografía**: cada palabra está en el diccionario español de Hunspell o en la lista
  del proyecto ``chapters/palabras.txt``; las palabras en cursiva (términos ingleses citados)
  pueden estar también en el diccionario inglés;
- **números**: la coma es el separador decimal (``0,99``, nunca ``0.99``).

Desde la línea de órdenes, ``python -m booktools.prose`` imprime todos los hallazgos con su
lugar (archivo, celda y línea) y termina con error si hay alguno.
"""

from __future__ import annotations

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

# Letras del español (y de los términos ingleses citados); el guion separa palabras
# («one-hot» son dos) y el apóstrofo no.
_LETTERS = "A-Za-zÁÉÍÓÚÜÑáéíóúüñ"
_WORD = re.compile(rf"[{_LETTERS}]+(?:['’][{_LETTERS}]+)?")
_DECIMAL_POINT = re.compile(r"(?<![\w.])\d+\.\d+(?![\w.])")


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
    """

    file: str
    cell: int | str | None
    text: str
    italic: str
    maths: str
    reading: str
    foreign_ok: bool = False

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
    trozos y la cadena a la que va cada uno."""

    def __init__(self, count: int) -> None:
        self.lines: list[list[tuple[str, str]]] = [[] for _ in range(count)]

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
    automatic, href = False, ""  # el enlace abierto
    for token in tokens:
        # El texto de un enlace automático (https://..., <https://...>) o el de
        # «[https://...](https://...)» es una dirección: no se lee.
        if token.type == "text" and not automatic and token.content != href:
            # Un salto de línea en el texto viene de una referencia (&#10;), no del original.
            out.put(line, "italic" if italic else "text", token.content.replace("\n", " "))
        elif token.type in ("em_open", "em_close"):
            italic += 1 if token.type == "em_open" else -1
        elif token.type == "link_open":
            automatic, href = token.info == "auto", str(token.attrs["href"])
        elif token.type == "link_close":
            automatic, href = False, ""
        elif token.type == "image":  # se lee el texto alternativo
            _inline(token.children or [], line, out)
        elif token.type == "math_inline":
            out.put(line, "maths", token.content)
        elif token.type == "myst_role":
            out.put(line, *_role(token))
        elif token.type in ("softbreak", "hardbreak"):
            line += 1
        elif token.type not in ("strong_open", "strong_close"):
            out.put(line, "", " ")  # código, HTML...: un hueco que separa las palabras
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


def split_markdown(source: str) -> tuple[str, str, str, str]:
    """Separa la prosa de un texto MyST: devuelve ``(prosa, cursiva, fórmulas, lectura)``.

    El texto se analiza como lo hace MyST-Parser al construir el libro (sus tokens de
    markdown-it). Las cuatro cadenas tienen las mismas líneas que ``source``. La prosa excluye
    el código (en línea y en bloques), las fórmulas, las direcciones de los enlaces, los
    nombres de los roles (``{doc}``, ``{glue:text}``...) y el HTML; el texto en cursiva pasa a
    la segunda cadena (es donde se citan los términos ingleses) y las fórmulas a la tercera.
    La cuarta es el texto tal como se lee: la prosa con la cursiva (sin sus marcas).
    """
    source = re.sub(r"\r\n?", "\n", source)  # los saltos de línea de markdown-it
    out = _Lines(source.count("\n") + 1)
    _markdown(source, 0, out)
    return out.strings()


def _passage(file: str, cell: int | str | None, source: str, plain: bool = False) -> Passage:
    if plain:
        blank = _blank(source)
        return Passage(file=file, cell=cell, text=source, italic=blank, maths=blank,
                       reading=source, foreign_ok=True)
    text, italic, maths, reading = split_markdown(source)
    return Passage(file=file, cell=cell, text=text, italic=italic, maths=maths, reading=reading)


def file_passages(path: Path, root: Path = ROOT) -> list[Passage]:
    """La prosa de un archivo: cada celda Markdown de un cuaderno y los pies y textos
    alternativos de sus figuras, o la página entera."""
    name = path.relative_to(root).as_posix() if path.is_relative_to(root) else str(path)
    if path.suffix == ".ipynb":
        passages = []
        cells = nbformat.read(path, as_version=4).cells
        for index, cell in enumerate(cells):
            if cell.cell_type == "markdown":
                passages.append(_passage(name, index, cell.source))
            # Pie y texto alternativo de las figuras (metadatos de myst-nb): también se leen.
            mystnb = cell.get("metadata", {}).get("mystnb", {})
            caption = mystnb.get("figure", {}).get("caption")
            alt = mystnb.get("image", {}).get("alt")
            if caption:
                passages.append(_passage(name, f"celda {index}, pie de figura", caption))
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
        texts = [f"{_italic_english(entry.term, entry.english)} (*{entry.english}*): "
                 f"{entry.definition}"]
        # La forma desaconsejada no se revisa: puede ser una errata a propósito («pixel»).
        texts += [avoid.reason for avoid in entry.avoid]
        passages += [_passage(GLOSSARY_FILE, f"término «{entry.term}»", text) for text in texts]
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
            for match in pattern.finditer(flat):
                findings.append(Finding(
                    passage.where(line_of[match.start()]), match.group(0),
                    f"escribe «{entry.term}»; {avoid.reason}"))
    return findings


def check_decimals(passages: Iterable[Passage]) -> list[Finding]:
    """Números con punto decimal en la prosa o en las fórmulas: el libro usa la coma."""
    findings = []
    for passage in passages:
        for source, hint in ((passage.text, "0,99"), (passage.maths, "0{,}99")):
            for number, line in _lines(source):
                for match in _DECIMAL_POINT.finditer(line):
                    findings.append(Finding(passage.where(number), match.group(0),
                                            f"el separador decimal es la coma (p. ej., {hint})"))
    return findings


def words(text: str) -> Iterator[tuple[int, str]]:
    """Las palabras de un texto con su número de línea (sin números ni símbolos)."""
    for number, line in _lines(text):
        for match in _WORD.finditer(line):
            yield number, match.group(0)


def load_word_list(path: Path) -> dict[str, str]:
    """La lista de palabras del proyecto: ``{palabra: sección}``.

    Formato: una palabra por línea, ``#`` para comentarios y ``[sección]`` para empezar una
    sección (``nombres`` o ``técnicas``).
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


def check_spelling(passages: Iterable[Passage], root: Path = ROOT) -> list[Finding]:
    """Palabras que no están en el diccionario ni en la lista del proyecto.

    La prosa se revisa con el diccionario español; la cursiva, con el español o el inglés
    (es donde se citan los términos ingleses).
    """
    passages = list(passages)
    word_list = load_word_list(root / WORD_LIST_FILE)
    prose = [(p, n, w) for p in passages if not p.foreign_ok for n, w in words(p.text)
             if not _in_word_list(w, word_list)]
    italic = [(p, n, w) for p in passages for n, w in words(p.text if p.foreign_ok else p.italic)
              if not _in_word_list(w, word_list)]
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
    """Las palabras en cursiva que no son españolas: los términos ingleses citados."""
    italic = {w for p in passages for _, w in words(p.italic)}
    return {w.lower() for w in unknown_words(italic, SPANISH_DICTIONARY)}


def check_book(root: Path = ROOT) -> list[Finding]:
    """Las tres revisiones sobre todo el libro (la página del glosario incluida)."""
    passages = book_passages(root)
    glossary_texts = glossary_passages(root)
    return (check_terminology(passages, root) + check_decimals(passages + glossary_texts)
            + check_spelling(passages + glossary_texts, root))


def main() -> int:
    findings = check_book()
    for finding in findings:
        print(finding)
    print(f"{len(findings)} hallazgos en la prosa del libro.")
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main())

"""El glosario del curso: los datos (``chapters/glosario.yml``) y su página en el libro.

``chapters/glosario.yml`` es la única fuente de la terminología: de ahí salen la página
«Glosario» del libro (con la directiva ``course-glossary`` de esta extensión de Sphinx) y
las formas desaconsejadas que rechaza la revisión de la prosa (:mod:`course_lib.prose`).
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

GLOSSARY_FILE = "chapters/glosario.yml"
_FIELDS = {"term", "english", "definition", "chapter", "forms", "ambiguous", "avoid"}


class GlossaryError(ValueError):
    """El archivo del glosario no tiene el formato esperado."""


@dataclass(frozen=True)
class Avoid:
    """Una forma desaconsejada y el motivo."""

    phrase: str
    reason: str


@dataclass(frozen=True)
class Entry:
    """Un término del glosario.

    ``forms`` son las formas con que aparece en la prosa (plurales, conjugaciones...), para
    encontrar el capítulo donde se introduce; el propio término es una de ellas salvo si es
    ``ambiguous`` (tiene otros sentidos en la lengua común, como «paso»).
    """

    term: str
    english: str
    definition: str
    chapter: str
    forms: tuple[str, ...] = field(default=())
    avoid: tuple[Avoid, ...] = field(default=())


def strip_accents(text: str) -> str:
    """El texto sin tildes ni diéresis (la «ñ» se conserva)."""
    decomposed = unicodedata.normalize("NFD", text.replace("ñ", "\0").replace("Ñ", "\1"))
    plain = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return plain.replace("\0", "ñ").replace("\1", "Ñ")


def sort_key(text: str) -> tuple[str, str]:
    """Orden alfabético español: sin distinguir tildes ni mayúsculas, la «ñ» tras la «n»."""
    plain = strip_accents(text).lower().replace("ñ", "n~")
    return plain, text


def phrase_pattern(phrase: str) -> re.Pattern:
    """La expresión que encuentra una frase entera, sin distinguir mayúsculas.

    Los espacios de la frase admiten cualquier espacio en blanco (una frase puede estar partida
    entre dos líneas).
    """
    words = [re.escape(word) for word in phrase.split()]
    return re.compile(r"(?<![\wÁÉÍÓÚÜÑáéíóúüñ])" + r"\s+".join(words)
                      + r"(?![\wÁÉÍÓÚÜÑáéíóúüñ])", re.IGNORECASE)


def _text(raw: dict, key: str, where: str) -> str:
    value = raw.get(key)
    if not isinstance(value, str) or not value.strip():
        raise GlossaryError(f"{where}: falta «{key}» (un texto no vacío).")
    return " ".join(value.split())


def _entry(raw: Any, where: str) -> Entry:
    if not isinstance(raw, dict):
        raise GlossaryError(f"{where}: cada término es un diccionario con term, english, "
                            "definition y chapter.")
    unknown = set(raw) - _FIELDS
    if unknown:
        raise GlossaryError(f"{where}: campos desconocidos: {', '.join(sorted(unknown))}.")
    term = _text(raw, "term", where)
    where = f"{where} («{term}»)"
    forms = raw.get("forms", [])
    if not isinstance(forms, list) or not all(isinstance(f, str) and f.strip() for f in forms):
        raise GlossaryError(f"{where}: «forms» es una lista de textos.")
    avoid = []
    for item in raw.get("avoid", []):
        if not isinstance(item, dict) or set(item) != {"phrase", "reason"}:
            raise GlossaryError(f"{where}: cada elemento de «avoid» tiene «phrase» y «reason».")
        avoid.append(Avoid(_text(item, "phrase", where), _text(item, "reason", where)))
    definition = _text(raw, "definition", where)
    if not definition.endswith(".") or re.search(r"[.!?]\s+[A-ZÁÉÍÓÚÑ¿¡]", definition):
        raise GlossaryError(f"{where}: la definición es una sola frase y termina en punto.")
    ambiguous = raw.get("ambiguous", False)
    if not isinstance(ambiguous, bool) or (ambiguous and not forms):
        raise GlossaryError(f"{where}: «ambiguous» es true o false, y si es true hacen falta "
                            "«forms».")
    all_forms = ([] if ambiguous else [term]) + [f for f in forms if f.lower() != term.lower()]
    return Entry(term=term, english=_text(raw, "english", where), definition=definition,
                 chapter=_text(raw, "chapter", where), forms=tuple(all_forms),
                 avoid=tuple(avoid))


def load(path: str | Path) -> list[Entry]:
    """Lee y valida el glosario; devuelve sus términos en el orden del archivo."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GlossaryError(f"{path.name} no es YAML válido: {error}") from error
    if not isinstance(data, dict) or not isinstance(data.get("terms"), list):
        raise GlossaryError(f"{path.name}: se esperaba una clave «terms» con la lista de términos.")
    entries = [_entry(raw, f"{path.name}, término {number}")
               for number, raw in enumerate(data["terms"], start=1)]
    seen: dict[str, str] = {}
    for entry in entries:
        key = entry.term.lower()
        if key in seen:
            raise GlossaryError(f"{path.name}: el término «{entry.term}» está repetido.")
        seen[key] = entry.term
    return entries


# --------------------------------------------------------------------------------------
# La página del libro (extensión de Sphinx)
# --------------------------------------------------------------------------------------


def _glossary_directives() -> tuple[type, type]:
    from docutils import nodes
    from sphinx import addnodes
    from sphinx.domains.std import make_glossary_term
    from sphinx.util.docutils import SphinxDirective

    class _Base(SphinxDirective):
        has_content = False

        def entries(self) -> list[Entry]:
            path = Path(self.env.srcdir) / GLOSSARY_FILE
            self.env.note_dependency(str(path))
            return load(path)

        def inline(self, text: str) -> list:
            parsed, messages = self.state.inline_text(text, self.lineno)
            return parsed + messages

        def xref(self, reftype: str, target: str, text: str | None = None) -> Any:
            content = nodes.inline(text or "", text or "")
            return addnodes.pending_xref("", content, refdomain="std", reftype=reftype,
                                         reftarget=target, refexplicit=text is not None,
                                         refwarn=True, refdoc=self.env.docname)

    class GlossaryDirective(_Base):
        """Los términos en orden alfabético, con inglés, definición y capítulo."""

        def run(self) -> list:
            listing = nodes.definition_list(classes=["glossary", "course-glossary"])
            for entry in sorted(self.entries(), key=lambda e: sort_key(e.term)):
                term = make_glossary_term(self.env, [nodes.Text(entry.term)], None,
                                          self.env.docname, self.lineno, None,
                                          self.state.document)
                english = nodes.inline("", "", classes=["english"])
                english += nodes.Text(" (inglés: ")
                english += nodes.emphasis(entry.english, entry.english)
                english += nodes.Text(")")
                term += english
                definition = nodes.definition()
                definition += nodes.paragraph("", "", *self.inline(entry.definition))
                chapter = nodes.paragraph(classes=["glossary-chapter"])
                chapter += nodes.Text("Se introduce en: ")
                chapter += self.xref("doc", "/" + entry.chapter)
                chapter += nodes.Text(".")
                definition += chapter
                for avoid in entry.avoid:
                    note = nodes.paragraph(classes=["glossary-avoid"])
                    note += nodes.Text("Evítese «")
                    note += nodes.Text(avoid.phrase)
                    note += nodes.Text("»: ")
                    note += self.inline(avoid.reason)
                    definition += note
                listing += nodes.definition_list_item("", term, definition)
            return [listing]

    class EnglishIndexDirective(_Base):
        """Del término inglés al español, con un enlace a su entrada."""

        def run(self) -> list:
            listing = nodes.bullet_list(classes=["course-glossary-english"])
            for entry in sorted(self.entries(), key=lambda e: sort_key(e.english)):
                item = nodes.paragraph()
                item += nodes.emphasis(entry.english, entry.english)
                item += nodes.Text(": ")
                item += self.xref("term", entry.term, entry.term)
                listing += nodes.list_item("", item)
            return [listing]

    return GlossaryDirective, EnglishIndexDirective


def setup(app: Any) -> dict:
    """Registra las directivas ``course-glossary`` y ``course-glossary-english``."""
    glossary_directive, english_directive = _glossary_directives()
    app.add_directive("course-glossary", glossary_directive)
    app.add_directive("course-glossary-english", english_directive)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

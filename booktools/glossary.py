"""El glosario del curso: leer y validar ``chapters/glosario.yml``.

Ese archivo es la única fuente de la terminología: de ahí salen la página «Glosario» del
libro (extensión :mod:`booktools.sphinx_glossary`) y las formas desaconsejadas que rechaza
la revisión de la prosa (:mod:`booktools.prose`). Su formato lo fija un esquema JSON
(:data:`SCHEMA`); lo que el esquema no puede decir (una definición de una sola frase, sin
términos repetidos) se comprueba aquí.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from jsonschema.exceptions import ValidationError

_TEXT = {"type": "string", "pattern": r"\S"}
SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "Glosario del curso",
    "type": "object",
    "required": ["terms"],
    "additionalProperties": False,
    "properties": {
        "terms": {
            "type": "array",
            "items": {
                "type": "object",
                "required": ["term", "english", "definition", "chapter"],
                "additionalProperties": False,
                "properties": {
                    "term": _TEXT,
                    "english": _TEXT,
                    # Una sola frase que termina en punto (lo demás se comprueba en _entry).
                    "definition": {**_TEXT, "pattern": r"\.\s*$"},
                    "chapter": _TEXT,
                    "forms": {"type": "array", "items": _TEXT},
                    "ambiguous": {"type": "boolean"},
                    "avoid": {
                        "type": "array",
                        "items": {
                            "type": "object",
                            "required": ["phrase", "reason"],
                            "additionalProperties": False,
                            "properties": {"phrase": _TEXT, "reason": _TEXT},
                        },
                    },
                },
                # Un término ambiguo solo se localiza por sus «forms».
                "if": {"properties": {"ambiguous": {"const": True}}, "required": ["ambiguous"]},
                "then": {"required": ["forms"]},
            },
        }
    },
}
"""Esquema JSON de ``chapters/glosario.yml``."""

# Lo que dice cada regla del esquema que no se cumple, en español.
_MESSAGES = {
    "required": "falta «{missing}»",
    "additionalProperties": "campos desconocidos: {extra}",
    "type": "debe ser {expected}",
    "pattern": "debe ser un texto no vacío",
}
_TYPES = {"object": "un diccionario", "array": "una lista", "string": "un texto",
          "boolean": "true o false"}


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


def _where(error: ValidationError, data: Any, file: str) -> str:
    """El lugar de un error del esquema: «glosario.yml, término 3 («capa»), avoid 1»."""
    path = list(error.absolute_path)
    if len(path) < 2 or path[0] != "terms":
        return ", ".join([file, *map(str, path)])
    number = int(path[1])
    raw = data["terms"][number]
    term = raw.get("term") if isinstance(raw, dict) else None
    where = f"{file}, término {number + 1}" + (f" («{term}»)" if isinstance(term, str) else "")
    rest = " ".join(str(p + 1) if isinstance(p, int) else str(p) for p in path[2:])
    return f"{where}, {rest}" if rest else where


def _message(error: ValidationError) -> str:
    """El error del esquema, en español."""
    if error.validator == "required":
        missing = next(name for name in error.validator_value if name not in error.instance)
        return _MESSAGES["required"].format(missing=missing)
    if error.validator == "additionalProperties":
        known = set(error.schema.get("properties", {}))
        extra = ", ".join(sorted(set(error.instance) - known))
        return _MESSAGES["additionalProperties"].format(extra=extra)
    if error.validator == "type":
        expected = _TYPES.get(str(error.validator_value), str(error.validator_value))
        fields = error.schema.get("required", [])
        return _MESSAGES["type"].format(expected=expected) + (
            f" con {', '.join(fields)}" if fields else "")
    if error.validator == "pattern" and list(error.absolute_path)[-1:] == ["definition"]:
        return "la definición es una sola frase y termina en punto"
    if error.validator == "pattern":
        return _MESSAGES["pattern"]
    return error.message


def validate(data: Any, file: str = "glosario.yml") -> None:
    """Comprueba ``data`` (el YAML ya leído) con el esquema; lanza :class:`GlossaryError`."""
    errors = sorted(Draft202012Validator(SCHEMA).iter_errors(data),
                    key=lambda e: [str(p) for p in e.absolute_path])
    if errors:
        error = errors[0]
        raise GlossaryError(f"{_where(error, data, file)}: {_message(error)}.")


def _clean(text: str) -> str:
    return " ".join(text.split())


def _entry(raw: dict[str, Any], where: str) -> Entry:
    """Un término ya validado por el esquema: normaliza espacios y completa sus formas."""
    term = _clean(raw["term"])
    where = f"{where} («{term}»)"
    definition = _clean(raw["definition"])
    if re.search(r"[.!?]\s+[A-ZÁÉÍÓÚÑ¿¡]", definition):
        raise GlossaryError(f"{where}: la definición es una sola frase y termina en punto.")
    forms = [_clean(form) for form in raw.get("forms", [])]
    ambiguous = raw.get("ambiguous", False)
    all_forms = ([] if ambiguous else [term]) + [f for f in forms if f.lower() != term.lower()]
    return Entry(term=term, english=_clean(raw["english"]), definition=definition,
                 chapter=_clean(raw["chapter"]), forms=tuple(all_forms),
                 avoid=tuple(Avoid(_clean(a["phrase"]), _clean(a["reason"]))
                             for a in raw.get("avoid", [])))


def load(path: str | Path) -> list[Entry]:
    """Lee y valida el glosario; devuelve sus términos en el orden del archivo."""
    path = Path(path)
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except yaml.YAMLError as error:
        raise GlossaryError(f"{path.name} no es YAML válido: {error}") from error
    validate(data, path.name)
    entries = [_entry(raw, f"{path.name}, término {number}")
               for number, raw in enumerate(data["terms"], start=1)]
    seen: dict[str, str] = {}
    for entry in entries:
        key = entry.term.lower()
        if key in seen:
            raise GlossaryError(f"{path.name}: el término «{entry.term}» está repetido.")
        seen[key] = entry.term
    return entries

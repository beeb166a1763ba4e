"""Extensión de Sphinx: la página «Glosario» del libro, generada desde ``chapters/glosario.yml``.

Registra dos directivas: ``course-glossary`` (los términos en orden alfabético español, con
su inglés, su definición, el capítulo donde se introducen y las formas que se evitan) y
``course-glossary-english`` (del inglés al español). Se carga con ``sphinx.local_extensions``
de ``_config.yml``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.domains.std import make_glossary_term
from sphinx.util.docutils import SphinxDirective

from booktools import layout
from booktools.glossary import Entry, load, sort_key


class _GlossaryBase(SphinxDirective):
    has_content = False

    def entries(self) -> list[Entry]:
        path = Path(self.env.srcdir) / layout.GLOSSARY_FILE
        self.env.note_dependency(str(path))
        return load(path)

    def inline(self, text: str) -> list[nodes.Node]:
        parsed, messages = self.state.inline_text(text, self.lineno)
        return [*parsed, *messages]

    def xref(self, reftype: str, target: str, text: str | None = None) -> addnodes.pending_xref:
        content = nodes.inline(text or "", text or "")
        return addnodes.pending_xref("", content, refdomain="std", reftype=reftype,
                                     reftarget=target, refexplicit=text is not None,
                                     refwarn=True, refdoc=self.env.docname)


class GlossaryDirective(_GlossaryBase):
    """Los términos en orden alfabético, con inglés, definición y capítulo."""

    def run(self) -> list[nodes.Node]:
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


class EnglishIndexDirective(_GlossaryBase):
    """Del término inglés al español, con un enlace a su entrada."""

    def run(self) -> list[nodes.Node]:
        listing = nodes.bullet_list(classes=["course-glossary-english"])
        for entry in sorted(self.entries(), key=lambda e: sort_key(e.english)):
            item = nodes.paragraph()
            item += nodes.emphasis(entry.english, entry.english)
            item += nodes.Text(": ")
            item += self.xref("term", entry.term, entry.term)
            listing += nodes.list_item("", item)
        return [listing]


def setup(app: Sphinx) -> dict[str, Any]:
    """Registra las directivas ``course-glossary`` y ``course-glossary-english``."""
    app.add_directive("course-glossary", GlossaryDirective)
    app.add_directive("course-glossary-english", EnglishIndexDirective)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

"""Extensión de Sphinx que ajusta el HTML del libro (``sphinx.local_extensions`` de ``_config.yml``).

- Los botones de Colab y de descarga llevan a la edición del estudiante: el libro publicado
  es la edición del docente (con las soluciones plegadas), pero quien lo abre en Colab o
  descarga el cuaderno recibe ``chapters/estudiante/`` (``make student``), que se copia
  junto al HTML.
- La interfaz en español sale de los mecanismos de Sphinx, no de retocar el HTML:
  catálogos de traducción en ``booktools/locale/`` (``locale_dirs``) y plantillas que
  sustituyen las del tema en ``booktools/templates/`` (``templates_path``). Aquí se carga el
  catálogo del tema (dominio «booktheme»), que Sphinx no lee de ``locale_dirs``.
- Corrige lo que ni las traducciones ni las plantillas alcanzan, cada cosa en su sitio: el
  script de Thebe duplicado (error de JavaScript), la etiqueta en inglés de las celdas
  plegadas de myst-nb y la de los botones de sphinx-togglebutton.
"""

from __future__ import annotations

import os
import shutil
from html import escape
from pathlib import Path
from typing import Any

from docutils.nodes import Element
from myst_nb.sphinx_ import HideCodeCellNode, depart_HideCellInput
from sphinx import locale
from sphinx.application import Sphinx
from sphinx.util.i18n import CatalogRepository
from sphinx.writers.html5 import HTML5Translator

from booktools.layout import STUDENT_DIR

DOWNLOAD_DIR = "_cuadernos"


def _student_notebook(app: Any, pagename: str) -> Path | None:
    path = Path(app.srcdir) / Path(pagename).parent / STUDENT_DIR / f"{Path(pagename).name}.ipynb"
    return path if path.is_file() else None


def _walk(buttons: list[dict]) -> list[dict]:
    found = []
    for button in buttons:
        found.append(button)
        found.extend(_walk(button.get("buttons", [])))
    return found


def rewrite_links(app: Any, pagename: str, templatename: str, context: dict, doctree: Any) -> None:
    """Apunta el botón de Colab y el de descarga del .ipynb a la edición del estudiante."""
    student = _student_notebook(app, pagename)
    if student is None:
        return
    name = f"{Path(pagename).name}.ipynb"
    parent = Path(pagename).parent.as_posix()
    for button in _walk(context.get("header_buttons", [])):
        url = button.get("url", "")
        if button.get("text") == "Colab" and url.endswith(f"{pagename}.ipynb"):
            button["url"] = url[: -len(f"{pagename}.ipynb")] + f"{parent}/{STUDENT_DIR}/{name}"
        is_notebook_download = button.get("label") == "download-notebook-button" or (
            button.get("label") == "download-source-button" and button.get("text") == ".ipynb"
        )
        if is_notebook_download:
            button["url"] = context["pathto"](f"{DOWNLOAD_DIR}/{name}", 1)
            button["tooltip"] = "Descargar el cuaderno del estudiante"


def copy_student_notebooks(app: Any, exception: Exception | None) -> None:
    """Copia los cuadernos del estudiante a ``_cuadernos/`` dentro del HTML."""
    if exception is not None or app.builder.format != "html":
        return
    target = Path(app.outdir) / DOWNLOAD_DIR
    target.mkdir(parents=True, exist_ok=True)
    for notebook in Path(app.srcdir).glob(f"**/{STUDENT_DIR}/*.ipynb"):
        if "_build" not in notebook.parts:
            shutil.copy2(notebook, target / notebook.name)


BOOKTHEME = "booktheme"
"""Dominio del catálogo de mensajes de sphinx-book-theme."""


def load_theme_catalog(app: Sphinx) -> None:
    """Antepone ``booktheme.po`` de ``locale_dirs`` al catálogo de sphinx-book-theme.

    De ``locale_dirs`` Sphinx solo carga el dominio «sphinx» (el que también usa
    pydata-sphinx-theme, y que compila antes de cargarlo); los demás ``.po`` los compila
    más tarde, ya construyendo, y no los lee. sphinx-book-theme registra su dominio,
    «booktheme», con ``add_message_catalog`` desde su carpeta, y un catálogo registrado
    después con la misma función solo rellena lo que al del tema le falta (su «Descarga
    esta pagina» seguiría mandando). Aquí se compila el ``.po`` del libro a ``.mo`` como
    Sphinx compila ``sphinx.po`` y se pone delante: sus traducciones mandan y el resto
    sigue viniendo del tema.
    """
    config = app.config
    repository = CatalogRepository(app.srcdir, config.locale_dirs, config.language, config.source_encoding)
    catalogs = [catalog for catalog in repository.catalogs if catalog.domain == BOOKTHEME]
    if not catalogs:
        return
    for catalog in catalogs:
        if catalog.is_outdated():
            catalog.write_mo(config.language, config.gettext_allow_fuzzy_translations)
    # Sphinx no ofrece cómo anteponer un catálogo: el del tema pasa a ser el de reserva.
    theme = locale.translators.pop(("general", BOOKTHEME), None)
    book, _ = locale.init(repository.locale_dirs, config.language, BOOKTHEME)
    if theme is not None:
        book.add_fallback(theme)


def drop_duplicate_scripts(app: Sphinx, pagename: str, templatename: str, context: dict,
                           doctree: Any) -> None:
    """Quita los ``<script>`` repetidos de la página.

    En Sphinx 7.4, un script en línea que una extensión añade con ``add_js_file(None,
    body=...)`` después de crear el constructor (sphinx-thebe, sphinx-togglebutton) se
    guarda dos veces, una con nombre ``None`` y otra con ``""``, que no son iguales. Repetir
    ``const THEBE_JS_URL`` es un error de JavaScript. No hay opción de Sphinx que lo evite:
    se depura la lista ``script_files`` que recibe la plantilla (la misma lista del
    constructor, que Sphinx restaura después de cada página).
    """
    scripts = context.get("script_files")
    if not scripts:
        return
    seen: set[tuple] = set()
    unique = []
    for script in scripts:
        key = (os.fspath(script.filename or ""), script.priority, *sorted(script.attributes.items()))
        if key not in seen:
            seen.add(key)
            unique.append(script)
    scripts[:] = unique


def visit_hidden_cell(self: HTML5Translator, node: Element) -> None:
    """Abre una celda plegada de myst-nb («Mostrar la solución») sin ``aria-label``.

    myst-nb escribe en Python ``<summary aria-label="Toggle hidden content">``, fijo en
    inglés y distinto del texto visible; sin la etiqueta, el nombre accesible es ese texto
    (``nb_code_prompt_show`` / ``nb_code_prompt_hide`` de ``_config.yml``). Ni un catálogo
    ni una plantilla llegan a ese HTML: se sustituye el visitante del nodo.
    """
    classes = " ".join(node["classes"])
    self.body.append(f'<details class="admonition hide {classes}">\n')
    self.body.append("<summary>\n")
    self.body.append(f'<p class="collapsed admonition-title">{escape(node["prompt_show"])}</p>\n')
    self.body.append(f'<p class="expanded admonition-title">{escape(node["prompt_hide"])}</p>\n')
    self.body.append("</summary>\n")


TOGGLEBUTTON_JS = Path("_static") / "togglebutton.js"
_TOGGLE_LABEL = 'aria-label="Toggle hidden content"'


def fix_togglebutton_label(app: Sphinx, exception: Exception | None) -> None:
    """Traduce la etiqueta accesible de los botones de sphinx-togglebutton.

    El texto está fijo en inglés dentro de ``togglebutton.js``, un archivo estático de la
    extensión, sin opción ni catálogo de traducción; sustituirlo por una copia entera del
    archivo sería más frágil que cambiar esta cadena en la copia que queda en el HTML.
    Los botones (sin texto visible) son los de los desplegables ``.toggle`` y
    ``.admonition.dropdown``.
    """
    if exception is not None or app.builder.format != "html":
        return
    script = Path(app.outdir) / TOGGLEBUTTON_JS
    if script.is_file():
        text = script.read_text(encoding="utf-8")
        fixed = text.replace(_TOGGLE_LABEL, 'aria-label="Mostrar u ocultar el contenido"')
        if fixed != text:
            script.write_text(fixed, encoding="utf-8")


def setup(app: Sphinx) -> dict[str, Any]:
    # Las extensiones cuyo comportamiento se ajusta aquí, antes que este archivo.
    app.setup_extension("sphinx_book_theme")
    app.setup_extension("myst_nb")
    load_theme_catalog(app)
    app.add_node(HideCodeCellNode, override=True, html=(visit_hidden_cell, depart_HideCellInput))
    app.connect("html-page-context", rewrite_links, priority=900)
    app.connect("html-page-context", drop_duplicate_scripts, priority=999)
    app.connect("build-finished", copy_student_notebooks)
    app.connect("build-finished", fix_togglebutton_label)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

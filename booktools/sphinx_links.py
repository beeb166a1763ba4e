"""Extensión de Sphinx que ajusta el HTML del libro (``sphinx.local_extensions`` de ``_config.yml``).

- Los botones de Colab y de descarga llevan a la edición del estudiante: el libro publicado
  es la edición del docente (con las soluciones plegadas), pero quien lo abre en Colab o
  descarga el cuaderno recibe ``chapters/estudiante/`` (``make student``), que se copia
  junto al HTML.
- Corrige tres detalles del tema que detectan el navegador y axe-core: el script de Thebe
  duplicado (error de JavaScript), el texto alternativo en inglés del logotipo de Colab y
  las etiquetas accesibles que no contienen el texto visible del botón.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path
from typing import Any

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


_THEBE = re.compile(r"<script>const THEBE_JS_URL = [^<]*</script>\n?")
_SEARCH_LABEL = re.compile(r'(<button class="btn search-button-field search-button__button[^>]*?)\s+aria-label="[^"]*"')
_THEME_ICON = re.compile(r'(<i class="theme-switch [^"]*" data-mode="[^"]*")\s+title="[^"]*"')
_TOGGLE_LABEL = ' aria-label="Toggle hidden content"'


# Textos del tema que siguen en inglés (o sin tilde) con language: es.
_SPANISH = {
    '="Link to this heading"': '="Enlace a este encabezado"',
    '="Link to this image"': '="Enlace a esta imagen"',
    '="Link to this equation"': '="Enlace a esta ecuación"',
    '="Link to this code"': '="Enlace a este código"',
    '="Link to this table"': '="Enlace a esta tabla"',
    '="Toggle secondary sidebar"': '="Mostrar u ocultar la barra lateral secundaria"',
    '="Toggle primary sidebar"': '="Mostrar u ocultar la barra lateral principal"',
    '="Launch on Colab"': '="Abrir en Colab"',
    '="Launch interactive content"': '="Ejecutar de forma interactiva"',
    'aria-label="Main"': 'aria-label="Principal"',
    'aria-label="Page"': 'aria-label="Página"',
    "Descarga esta pagina": "Descarga esta página",
    '|| "";\n    document.documentElement.dataset.theme': '|| "auto";\n    document.documentElement.dataset.theme',
}


def fix_theme_html(text: str) -> str:
    """Arreglos de accesibilidad y de JavaScript sobre una página del tema."""
    scripts = _THEBE.findall(text)
    for duplicate in scripts[1:]:
        index = text.rindex(duplicate)
        text = text[:index] + text[index + len(duplicate):]
    text = text.replace('alt="Colab logo"', 'alt="Logotipo de Colab"')
    # En las celdas plegadas, el nombre accesible es su texto visible («Mostrar la solución»);
    # en los botones de los desplegables (sin texto visible), una etiqueta en español.
    text = text.replace(_TOGGLE_LABEL, "")
    for english, spanish in _SPANISH.items():
        text = text.replace(english, spanish)
    text = _THEME_ICON.sub(r'\1 aria-hidden="true"', text)
    return _SEARCH_LABEL.sub(r"\1", text)


def fix_pages(app: Any, exception: Exception | None) -> None:
    """Aplica :func:`fix_theme_html` a todas las páginas construidas."""
    if exception is not None or app.builder.format != "html":
        return
    pages = [*Path(app.outdir).rglob("*.html"), Path(app.outdir) / "_static" / "togglebutton.js"]
    for page in (p for p in pages if p.exists()):
        text = page.read_text(encoding="utf-8")
        if page.suffix == ".js":  # botones de los desplegables: sin texto visible
            fixed = text.replace(_TOGGLE_LABEL.strip(), 'aria-label="Mostrar u ocultar el contenido"')
        else:
            fixed = fix_theme_html(text)
        if fixed != text:
            page.write_text(fixed, encoding="utf-8")


def setup(app: Any) -> dict:
    app.connect("html-page-context", rewrite_links, priority=900)
    app.connect("build-finished", copy_student_notebooks)
    app.connect("build-finished", fix_pages)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

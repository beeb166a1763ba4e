"""Extensión de Sphinx: los botones de Colab y de descarga del libro llevan a la edición del estudiante.

El libro publicado es la edición del docente (con las soluciones plegadas), pero quien lo
abre en Colab o descarga el cuaderno debe recibir la edición del estudiante, generada en
``chapters/estudiante/`` con ``make student``. Esta extensión (declarada en ``_config.yml``)
reescribe esos dos enlaces y copia los cuadernos del estudiante junto al HTML.
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

STUDENT_DIR = "estudiante"
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


def setup(app: Any) -> dict:
    app.connect("html-page-context", rewrite_links, priority=900)
    app.connect("build-finished", copy_student_notebooks)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

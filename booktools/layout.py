"""La estructura del libro, leída en un solo sitio: páginas, ediciones y repositorio.

``_toc.yml`` (el orden de las páginas) y ``_config.yml`` (la dirección del repositorio) se
leen solo aquí; las pruebas, las extensiones de Sphinx y las órdenes de mantenimiento
preguntan a este módulo. Cada función acepta ``root`` para trabajar sobre una copia del
libro (las pruebas lo hacen); por omisión, la raíz de este repositorio.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[1]
"""La raíz del repositorio (donde están ``_toc.yml`` y ``_config.yml``)."""

CHAPTERS_DIR = "chapters"
STUDENT_DIR = "estudiante"
"""Carpeta de la edición del estudiante, dentro de la de cada cuaderno del docente."""
GLOSSARY_FILE = "chapters/glosario.yml"
WORD_LIST_FILE = "chapters/palabras.txt"


@cache
def _yaml(path: Path) -> Any:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def config(root: Path = ROOT) -> dict[str, Any]:
    """La configuración del libro (``_config.yml``)."""
    return dict(_yaml(Path(root).resolve() / "_config.yml"))


def pages(root: Path = ROOT) -> list[str]:
    """Las páginas del libro, en el orden de ``_toc.yml`` (rutas sin extensión)."""
    toc = _yaml(Path(root).resolve() / "_toc.yml")
    found = [toc["root"]]
    for part in toc.get("parts", []):
        found += [chapter["file"] for chapter in part.get("chapters", [])]
    return found


def chapter_pages(root: Path = ROOT) -> list[str]:
    """Los capítulos numerados del libro (las partes ``numbered`` de ``_toc.yml``), en orden."""
    toc = _yaml(Path(root).resolve() / "_toc.yml")
    return [chapter["file"] for part in toc.get("parts", []) if part.get("numbered")
            for chapter in part.get("chapters", [])]


def page_source(page: str, root: Path = ROOT) -> Path:
    """El archivo de una página del índice (``.ipynb`` o ``.md``)."""
    for suffix in (".ipynb", ".md"):
        path = Path(root) / f"{page}{suffix}"
        if path.is_file():
            return path
    raise FileNotFoundError(f"La página «{page}» de _toc.yml no tiene archivo .ipynb ni .md.")


def notebook_pages(root: Path = ROOT) -> list[str]:
    """Las páginas del índice que son cuadernos, en su orden."""
    return [page for page in pages(root) if (Path(root) / f"{page}.ipynb").is_file()]


def notebooks(root: Path = ROOT) -> list[Path]:
    """Los cuadernos del docente (la fuente de las dos ediciones), en el orden del libro."""
    return [Path(root) / f"{page}.ipynb" for page in notebook_pages(root)]


def student_notebook(notebook: Path) -> Path:
    """Dónde está la edición del estudiante de un cuaderno del docente."""
    return notebook.parent / STUDENT_DIR / notebook.name


def repository_url(root: Path = ROOT) -> str:
    """La dirección del repositorio (``repository.url`` de ``_config.yml``), sin barra final."""
    return str(config(root)["repository"]["url"]).rstrip("/")


def book_page_url(page: Path, root: Path = ROOT) -> str:
    """La dirección de una página en el libro publicado (``html.baseurl`` de ``_config.yml``)."""
    base = str(config(root)["html"]["baseurl"]).rstrip("/")
    return f"{base}/{CHAPTERS_DIR}/{Path(page).stem}.html"


def repository_branch(root: Path = ROOT) -> str:
    """La rama publicada (``repository.branch``; ``main`` si no se indica)."""
    return str(config(root)["repository"].get("branch", "main"))


def colab_url(notebook: Path, root: Path = ROOT) -> str:
    """La dirección que abre en Colab la edición del estudiante de un cuaderno del docente."""
    repo = repository_url(root).removeprefix("https://github.com/")
    notebook = notebook if notebook.is_absolute() else Path(root) / notebook
    student = student_notebook(notebook.resolve()).relative_to(Path(root).resolve())
    branch = repository_branch(root)
    return f"https://colab.research.google.com/github/{repo}/blob/{branch}/{student.as_posix()}"

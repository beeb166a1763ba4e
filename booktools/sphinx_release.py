"""Extensión de Sphinx: la versión, las licencias y los créditos del libro en cada página.

Lee la versión de su única fuente (:mod:`booktools.release`) y la pone en ``version`` y
``release`` de Sphinx y en el pie de página, junto con las licencias (MIT para el código,
CC BY-SA 4.0 para el texto y las figuras), los créditos (el cuaderno original de François
Chollet y MNIST) y el enlace a la edición en PDF publicada.
"""

from __future__ import annotations

from html import escape
from typing import Any

from sphinx.application import Sphinx
from sphinx.config import Config

from booktools import layout, release

MONTHS = ("enero", "febrero", "marzo", "abril", "mayo", "junio", "julio", "agosto",
          "septiembre", "octubre", "noviembre", "diciembre")
PDF_NAME = "redes-convolucionales.pdf"


def spanish_date(iso: str) -> str:
    """``2026-11-27`` → ``27 de noviembre de 2026``."""
    year, month, day = (int(part) for part in iso.split("-"))
    return f"{day} de {MONTHS[month - 1]} de {year}"


def footer_html(base_url: str) -> str:
    """El pie de página: versión, PDF, licencias y créditos."""
    repository = layout.config().get("repository", {}).get("url", "").rstrip("/")
    current, date = release.version(), spanish_date(release.release_date())
    pdf = f'<a href="{escape(base_url)}{PDF_NAME}">edición en PDF</a>' if base_url else "edición en PDF"
    return (
        '<div class="course-footer">'
        f"<p>Redes convolucionales, versión {escape(current)} ({date}) · {pdf} · "
        f'<a href="{repository}/blob/main/CITATION.cff">cómo citarlo</a></p>'
        f'<p>Texto y figuras: <a href="{release.LICENSE_CONTENT_URL}">{release.LICENSE_CONTENT}</a>. '
        f'Código: <a href="{repository}/blob/main/LICENSE">{release.LICENSE_CODE}</a>. '
        "El curso nació de un cuaderno de François Chollet (MIT). "
        "MNIST: Yann LeCun, Corinna Cortes y Christopher Burges (CC BY-SA 3.0).</p>"
        "</div>"
    )


def configure(app: Sphinx, config: Config) -> None:
    current = release.version()
    config.version = config.release = current
    options = dict(config.html_theme_options or {})
    options["extra_footer"] = footer_html(config.html_baseurl or "")
    config.html_theme_options = options


def setup(app: Sphinx) -> dict[str, Any]:
    app.connect("config-inited", configure, priority=900)
    return {"parallel_read_safe": True, "parallel_write_safe": True}

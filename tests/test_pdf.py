"""La edición en PDF (``make pdf``): se construye de verdad, sin conexión, y se lee con pypdf.

Comprueba que el PDF se abre, que tiene un número razonable de páginas A4 con su número al
pie, la portada (título, versión, fecha y licencias) y el índice, el título de cada
capítulo, una muestra de los números pegados con ``glue``, tantas imágenes como figuras
tiene el libro, ninguna fórmula en TeX sin dibujar, ni códigos ANSI, ni líneas que se salgan
del margen, y el español intacto.
"""

from __future__ import annotations

import ast
import json
import os
import re
import shutil
from pathlib import Path

import nbformat
import pytest

from booktools import layout, pdf, release

ROOT = layout.ROOT
pytestmark = pytest.mark.book


def _normal(text: str) -> str:
    """Espacios normalizados (los saltos de línea del PDF y los espacios duros, un espacio)."""
    return re.sub(r"\s+", " ", text.replace("\u00a0", " ").replace("\u202f", " "))


@pytest.fixture(scope="module")
def built(built_book: Path) -> dict:
    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    if not Path(chromium).exists():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("falta Chromium: apt-get install chromium")
        pytest.skip("falta Chromium: apt-get install chromium")
    from pypdf import PdfReader

    # En la misma carpeta que el libro HTML: Sphinx reutiliza lo que ya leyó (.doctrees).
    out = built_book.parents[1]
    assert pdf.main(["--output", str(out)]) == 0
    path = out / "_build" / "pdf" / f"{pdf.NAME}.pdf"
    reader = PdfReader(path)
    texts, outside, images = [], [], 0
    for number, page in enumerate(reader.pages, start=1):  # una sola pasada: pypdf es lento
        width = float(page.mediabox.width)

        def visit(text, cm, tm, font, size, number=number, width=width):
            x = cm[4] + tm[4] * cm[0]
            if text.strip() and x > width - 30:  # el margen derecho es de 15 mm (42,5 puntos)
                outside.append((number, round(x), text[:30]))

        texts.append(page.extract_text(visitor_text=visit) or "")
        images += _count_images(page.get("/Resources"))
    return {
        "path": path, "reader": reader, "texts": texts, "text": _normal(" ".join(texts)),
        "outside": outside, "images": images,
        "printed": json.loads(path.with_suffix(".json").read_text(encoding="utf-8")),
    }


def _count_images(resources) -> int:
    """Las imágenes de una página (sus XObject de tipo Image, también dentro de los Form)."""
    if resources is None:
        return 0
    resources = resources.get_object()
    objects = resources.get("/XObject")
    if objects is None:
        return 0
    count = 0
    for item in objects.get_object().values():
        item = item.get_object()
        if item.get("/Subtype") == "/Image":
            count += 1
        elif item.get("/Subtype") == "/Form":
            count += _count_images(item.get("/Resources"))
    return count


def _figures_in_the_book() -> int:
    """Las figuras que muestra el libro: las imágenes de las salidas de los cuadernos visibles."""
    count = 0
    for name in layout.notebook_pages():
        for cell in nbformat.read(ROOT / f"{name}.ipynb", as_version=4).cells:
            tags = set(cell.get("metadata", {}).get("tags", []))
            if {"remove-cell", "remove-output"} & tags:
                continue
            count += sum(1 for output in cell.get("outputs", []) if "image/png" in output.get("data", {}))
    return count


def test_pdf_opens_with_plausible_a4_pages(built):
    reader = built["reader"]
    assert 60 <= len(reader.pages) <= 600, len(reader.pages)
    for page in reader.pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        assert abs(width - 595) < 3, (width, height)  # A4 en puntos
        assert abs(height - 842) < 3, (width, height)
    size = built["path"].stat().st_size
    assert 100_000 < size < 60_000_000, size


def test_pages_are_numbered(built):
    total = len(built["texts"])
    for number in (1, 2, total // 2, total):
        footer = _normal(built["texts"][number - 1])
        assert f"{number} / {total}" in footer, f"la página {number} no lleva su número"


def test_cover_and_table_of_contents(built):
    cover = _normal(built["texts"][0])
    assert "Redes convolucionales" in cover
    assert f"Versión {release.version()}" in cover
    assert built["printed"]["date"] in cover
    assert "CC BY-SA 4.0" in cover
    assert "MIT" in cover
    assert "Chollet" in cover
    index = _normal(built["texts"][1])
    assert "Contenido" in index
    assert "1. 1." not in index
    for title in built["printed"]["chapters"]:
        assert _normal(title) in index, f"el índice no lista «{title}»"


def test_every_chapter_is_in_the_pdf(built):
    titles = [pdf.page_title(name) for name in layout.pages()]
    assert len(built["printed"]["chapters"]) == len(layout.pages()) - 1  # la presentación abre el libro
    after_the_index = _normal(" ".join(built["texts"][2:]))  # no basta con que esté en el índice
    for title in titles:
        assert _normal(title) in after_the_index, f"falta el capítulo «{title}»"


def test_a_sample_of_glued_numbers_is_in_the_pdf(built):
    found = 0
    for name in layout.notebook_pages():
        values = []
        for cell in nbformat.read(ROOT / f"{name}.ipynb", as_version=4).cells:
            for output in cell.get("outputs", []):
                meta = output.get("metadata", {}).get("scrapbook")
                if meta:
                    plain = output["data"][meta.get("mime_prefix", "") + "text/plain"]
                    values.append(str(ast.literal_eval(plain)))
        for value in [v for v in values if re.search(r"\d", v)][:3]:
            assert _normal(value) in built["text"], f"{name}: el número pegado {value!r} no está en el PDF"
            found += 1
    assert found >= 15, found


def test_every_figure_is_printed(built):
    figures = _figures_in_the_book()
    assert figures >= 30
    assert built["printed"]["images"] == figures, (built["printed"]["images"], figures)
    in_pdf = built["images"]
    assert in_pdf == figures, f"el PDF tiene {in_pdf} imágenes y el libro {figures} figuras"
    captions = re.findall(r"Figura \d+\.\d+ ", built["text"])
    assert len(captions) == figures, f"{len(captions)} pies de figura para {figures} figuras"


def test_no_raw_tex_no_ansi_and_spanish_intact(built):
    text = built["text"]
    for raw in ("$$", "\\frac", "\\cdot", "\\lfloor", "\\begin", "\\(", "\\[", "\x1b[", "[0m", "[1;"):
        assert raw not in text, f"el PDF tiene «{raw}» sin procesar"
    for word in ("convolución", "¿Qué", "pequeño", "exactitud", "máximo", "también"):
        assert word in text, f"falta «{word}»: ¿se han perdido las tildes?"
    assert "Ã" not in text
    assert "\ufffd" not in text


def test_no_line_runs_past_the_right_margin(built):
    """El código y las salidas se parten en líneas: nada más ancho que la página, y ningún texto
    empieza fuera del margen."""
    assert not built["printed"]["overflowing"], built["printed"]["overflowing"][:10]
    assert not built["outside"], built["outside"][:10]


def test_interactive_page_becomes_a_link(built):
    assert "Esta página es interactiva" in built["text"]
    assert "chapters/dibuja.html" in built["text"]

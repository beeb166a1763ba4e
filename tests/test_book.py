"""Construcción estricta del libro (cero avisos) y comprobaciones del HTML resultante."""

from __future__ import annotations

import ast
import re
from pathlib import Path

import nbformat
import pytest

from booktools import glossary, layout

ROOT = layout.ROOT
PAGES = layout.pages()
NOTEBOOK_PAGES = layout.notebook_pages()

pytestmark = pytest.mark.book


@pytest.fixture(scope="module")
def html(built_book: Path) -> Path:
    return built_book


def page(html: Path, name: str) -> str:
    return (html / f"{name}.html").read_text(encoding="utf-8")


def test_every_page_of_the_toc_is_built(html):
    for name in PAGES:
        assert (html / f"{name}.html").is_file(), f"falta {name}.html"


def test_interface_is_spanish(html):
    for name in PAGES:
        text = page(html, name)
        assert re.search(r'<html[^>]*lang="es"', text), f"{name}: falta lang=\"es\""
        assert "Buscar en el libro" in text, f"{name}: el buscador no está en español"
        assert "Search this book" not in text


# Textos del tema que salían en inglés (o sin tilde) con language: es. Los traducen los
# catálogos de booktools/locale/ y las plantillas de booktools/templates/.
THEME_ENGLISH = ('title="Link to this', "Permalink to this", "Toggle primary sidebar",
                 "Toggle secondary sidebar", "Toggle hidden content", "Launch on",
                 "Launch interactive content", 'aria-label="Main"', 'aria-label="Page"',
                 "Descarga esta pagina", 'alt="Colab logo"')
# Y su traducción, en una página con figuras y botón de Colab.
THEME_SPANISH = ('title="Enlace a este encabezado"', 'title="Enlace a esta imagen"',
                 'title="Mostrar u ocultar la barra lateral principal"',
                 'title="Mostrar u ocultar la barra lateral secundaria"', 'title="Abrir en Colab"',
                 'aria-label="Ejecutar de forma interactiva"', 'aria-label="Principal"',
                 'aria-label="Página"', 'aria-label="Descargar esta página"',
                 'alt="Colab (logotipo)"', "<summary>")


def built_pages(html: Path) -> list[Path]:
    """Todas las páginas HTML del libro, también las que genera Sphinx (índice, búsqueda)."""
    return [p for p in sorted(html.rglob("*.html")) if "_static" not in p.relative_to(html).parts]


def test_theme_texts_are_spanish(html):
    """Ningún texto del tema queda en inglés: ni en las páginas ni en los scripts del tema."""
    pages = built_pages(html)
    assert len(pages) > len(PAGES)
    found = [f"{path.relative_to(html)}: {english}" for path in pages
             for english in THEME_ENGLISH if english in path.read_text(encoding="utf-8")]
    assert not found, "textos del tema en inglés:\n" + "\n".join(found)
    togglebutton = (html / "_static" / "togglebutton.js").read_text(encoding="utf-8")
    assert "Toggle hidden content" not in togglebutton
    assert 'aria-label="Mostrar u ocultar el contenido"' in togglebutton
    chapter = page(html, NOTEBOOK_PAGES[0])
    missing = [spanish for spanish in THEME_SPANISH if spanish not in chapter]
    assert not missing, f"{NOTEBOOK_PAGES[0]}: faltan los textos traducidos {missing}"


def test_theme_markup_fixes(html):
    """Los arreglos del tema que no son textos: scripts sin repetir y nombres accesibles."""
    for path in built_pages(html):
        text = path.read_text(encoding="utf-8")
        name = path.relative_to(html)
        # Repetir «const THEBE_JS_URL» es un error de JavaScript.
        assert text.count("const THEBE_JS_URL") <= 1, f"{name}: script de Thebe repetido"
        scripts = re.findall(r"<script>[^<]*</script>", text)
        assert len(scripts) == len(set(scripts)), f"{name}: scripts en línea repetidos"
        # El nombre accesible del botón de búsqueda es su texto visible.
        assert not re.search(r'<button class="[^"]*search-button-field[^"]*"[^>]*aria-label=', text), name
        # Los iconos del selector de tema son decorativos.
        for icon in re.findall(r'<i class="theme-switch[^>]*>', text):
            assert 'aria-hidden="true"' in icon, f"{name}: {icon}"
            assert "title=" not in icon, f"{name}: {icon}"
        # Modo de color por omisión (html_context.default_mode): nunca vacío. (index.html
        # solo redirige a la primera página.)
        if "<html" in text:
            assert 'localStorage.getItem("mode") || "auto"' in text, f"{name}: falta el modo por omisión"


def test_chapters_are_numbered(html):
    assert re.search(r"1\.\s*</span>\s*La red densa", page(html, "chapters/red_densa")) or \
        "1. La red densa" in re.sub(r"<[^>]+>", "", page(html, "chapters/red_densa"))


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_figures_are_rendered_with_alt_text(html, name):
    text = page(html, name)
    images = re.findall(r"<img [^>]*>", text)
    assert images, f"{name}: no hay figuras"
    for tag in images:
        source = re.search(r'src="([^"]+)"', tag).group(1)
        assert (html / Path(name).parent / source).resolve().is_file(), f"{name}: falta {source}"
        alt = re.search(r'alt="([^"]*)"', tag)
        assert alt, f"{name}: figura sin texto alternativo: {tag}"
        assert alt.group(1).strip(), f"{name}: figura sin texto alternativo: {tag}"


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_glued_values_match_the_notebook_outputs(html, name):
    """Cada número pegado con glue aparece en la página tal como lo guardó el cuaderno."""
    text = page(html, name).replace("&nbsp;", "\u00a0")
    cells = nbformat.read(ROOT / f"{name}.ipynb", as_version=4).cells
    values = {}
    for cell in cells:
        for output in cell.get("outputs", []):
            meta = output.get("metadata", {}).get("scrapbook")
            if meta:
                plain = output["data"][meta.get("mime_prefix", "") + "text/plain"]
                # repr de Python: literal_eval lo deshace (con tildes, «·» o «⁻⁷»).
                values[meta["name"]] = str(ast.literal_eval(plain))
    assert values, f"{name}: el cuaderno no pega ningún valor"
    for key, value in values.items():
        assert value in text, f"{name}: el valor pegado {key}={value!r} no aparece en la página"


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_colab_button_opens_the_student_notebook(html, name):
    expected = layout.colab_url(Path(f"{name}.ipynb"))
    assert expected in page(html, name), f"{name}: el botón de Colab no abre {expected}"
    assert layout.student_notebook(ROOT / f"{name}.ipynb").is_file()


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_download_button_gives_the_student_notebook(html, name):
    text = page(html, name)
    links = re.findall(r'href="([^"]*_cuadernos/[^"]+\.ipynb)"', text)
    assert links, f"{name}: no hay enlace de descarga del cuaderno del estudiante"
    downloaded = (html / Path(name).parent / links[0]).resolve()
    assert downloaded.is_file()
    assert downloaded.read_bytes() == layout.student_notebook(ROOT / f"{name}.ipynb").read_bytes()
    assert "# TU CÓDIGO AQUÍ" in downloaded.read_text(encoding="utf-8")


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_hidden_cells_are_not_in_the_book(html, name):
    text = page(html, name)
    assert "assert " not in text, f"{name}: una celda de comprobación aparece en el libro"
    assert "glue(" not in text


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_every_chapter_has_exercises_with_solutions(html, name):
    text = re.sub(r"<[^>]+>", " ", page(html, name))
    assert len(re.findall(r"Ejercicio \d", text)) >= 2, f"{name}: menos de dos ejercicios"
    assert "dropdown" in page(html, name), f"{name}: ninguna solución plegada"


def test_search_index_is_spanish(html):
    assert 'Search.setIndex' in (html / "searchindex.js").read_text(encoding="utf-8")
    assert "convolucional" in (html / "searchindex.js").read_text(encoding="utf-8")


def test_glossary_page_lists_every_term_with_its_chapter(html):
    """La página del glosario sale de chapters/glosario.yml: cada término, su inglés y su capítulo."""
    import html as html_lib

    entries = glossary.load(ROOT / layout.GLOSSARY_FILE)
    text = page(html, "chapters/glosario")
    items = re.findall(r'<dt id="(term-[^"]+)">(.*?)</dt><dd>(.*?)</dd>', text, re.S)
    shown = {html_lib.unescape(re.sub(r"<[^>]+>", "", term)): (anchor, body)
             for anchor, term, body in items}
    assert len(shown) == len(entries)
    for entry in entries:
        label = f"{entry.term} (inglés: {entry.english})"
        assert label in shown, f"falta «{label}» en el glosario"
        anchor, body = shown[label]
        chapter = Path(entry.chapter).name
        assert f'href="{chapter}.html"' in body, f"«{entry.term}» no enlaza con {chapter}"
        for avoid in entry.avoid:
            assert f"Evítese «{html_lib.escape(avoid.phrase, quote=False)}»" in body
        # El índice inglés enlaza con la entrada.
        assert re.search(rf'<em>{re.escape(html_lib.escape(entry.english, quote=False))}</em>: '
                         rf'<a class="reference internal" href="#{anchor}">', text), entry.english
    order = [html_lib.unescape(re.sub(r"<[^>]+>", "", term)).split(" (inglés")[0]
             for _, term, _ in items]
    assert order == sorted(order, key=glossary.sort_key)


@pytest.mark.parametrize("name", PAGES)
def test_footer_gives_version_licences_credits_and_the_pdf(html, name):
    from booktools import release

    text = page(html, name)
    footer = re.search(r'<div class="course-footer">(.*?)</div>', text, re.S)
    assert footer, f"{name}: falta el pie con la versión y las licencias"
    content = footer.group(1)
    assert f"versión {release.version()}" in content
    for needed in ("CC BY-SA 4.0", "MIT", "François Chollet", "MNIST", "CC BY-SA 3.0",
                   "redes-convolucionales.pdf", "CITATION.cff"):
        assert needed in content, f"{name}: el pie no menciona {needed}"


def test_sitemap_and_canonical_urls(html):
    base = layout.config()["html"]["baseurl"]
    sitemap = (html / "sitemap.xml").read_text(encoding="utf-8")
    urls = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    assert {f"{base}{name}.html" for name in PAGES} <= set(urls), urls
    assert all(url.startswith(base) and url.endswith(".html") for url in urls), urls
    assert not any("search.html" in url or "genindex" in url or "/es/" in url for url in urls), urls
    for name in PAGES:
        assert f'<link rel="canonical" href="{base}{name}.html"' in page(html, name), name

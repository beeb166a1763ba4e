"""La edición en PDF del libro (``make pdf``), sin conexión.

1. Jupyter Book construye el libro en una sola página HTML (``--builder singlehtml``), con
   las salidas guardadas en los cuadernos, como el libro HTML.
2. Chromium (el de Debian, el mismo de las pruebas del navegador) la abre con Playwright,
   espera a que MathJax haya dibujado todas las fórmulas, le añade una portada (título,
   versión y fecha, licencias) y un índice, cambia lo interactivo por un enlace al libro
   publicado, y la imprime en A4 con el número de página al pie.

El resultado es ``_build/pdf/redes-convolucionales.pdf``, y a su lado
``redes-convolucionales.json`` con lo que se imprimió (capítulos, figuras), que usan las
pruebas (tests/test_pdf.py). El builder ``pdfhtml`` de Jupyter Book no sirve aquí: descarga
su propio navegador.
"""

from __future__ import annotations

import argparse
import json
import shutil
import subprocess
import sys
import time
from pathlib import Path

from booktools import layout, myst, release
from booktools.sphinx_release import spanish_date

NAME = "redes-convolucionales"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--no-first-run"]

# Lo que cambia respecto a la pantalla: sin barras ni botones, cada capítulo en una página
# nueva, el código y las salidas partidos en líneas (nunca cortados por el margen).
PRINT_CSS = """
@page { size: A4; }
html { font-size: 10pt; }
.bd-header, .bd-sidebar-primary, .bd-sidebar-secondary, .bd-footer, .bd-footer-article,
.prev-next-area, .header-article-items, .bd-header-article, #jb-print-docs-body,
.headerlink, .copybtn, .toggle-details { display: none !important; }
.bd-main, .bd-content, .bd-article-container, .bd-page-width { max-width: none !important;
  width: auto !important; margin: 0 !important; padding: 0 !important; }
.bd-article { padding: 0 !important; }
section.pdf-capitulo { break-before: page; }
pre, .highlight pre, .output pre, .cell_output pre { white-space: pre-wrap !important;
  overflow-wrap: anywhere; word-break: break-word; overflow: visible !important;
  font-size: 8pt; }
div.cell, .cell_output, .output, .highlight { overflow: visible !important; }
.cell_output table { font-size: 7.5pt; }
img { max-width: 100% !important; height: auto !important; break-inside: avoid; }
figure { break-inside: avoid; }
h1, h2, h3 { break-after: avoid; }
details { display: block; }
details > summary, .toggle-button { display: none !important; }  /* «Ocultar la solución» */
div.cell_input { break-inside: avoid; }
.pdf-portada { height: 250mm; display: flex; flex-direction: column; justify-content: center;
  text-align: center; break-after: page; }
.pdf-portada .titulo { font-size: 32pt; font-weight: bold; margin-bottom: 8mm; }
.pdf-portada .subtitulo { font-size: 14pt; margin-bottom: 20mm; text-wrap: balance; }
.pdf-portada p { margin: 2mm 0; }
.pdf-indice { break-after: page; }
.pdf-indice ul { list-style: none; font-size: 12pt; line-height: 1.8; }
.pdf-interactivo { border: 1px solid #888; padding: 4mm; }
"""

# Portada, índice y capítulos marcados, sobre el DOM de la página única.
PREPARE_JS = r"""
(info) => {
  const article = document.querySelector("article.bd-article") || document.querySelector("main");
  // Los capítulos: las secciones de primer nivel dentro de la del libro cuyo título es el de
  // una página del índice (las demás son los apartados de la presentación).
  const clean = (text) =>
    text.replace(/[#¶]/g, "").replace(/^\d+\.\s*/, "").replace(/\s+/g, " ").trim();
  const wanted = new Set(info.pages.map(clean));
  const book = article.querySelector(":scope > section");
  const titles = [];
  const ids = [];
  for (const section of book.querySelectorAll("section")) {
    const heading = section.querySelector(":scope > h1, :scope > h2");
    const title = heading ? heading.textContent.replace(/[#¶]/g, "").replace(/\s+/g, " ").trim()
                          : "";
    if (wanted.has(clean(title))) {
      section.classList.add("pdf-capitulo");
      titles.push(title);
      ids.push(section.id);
    }
  }
  // Lo interactivo no se puede imprimir: un enlace al libro publicado.
  for (const widget of document.querySelectorAll("#dibuja")) {
    const note = document.createElement("p");
    note.className = "pdf-interactivo";
    note.textContent = "Esta página es interactiva y solo funciona en el libro en línea: " +
      info.url + "chapters/dibuja.html (o en una copia del libro HTML en tu equipo).";
    widget.replaceWith(note);
  }
  // Los desplegables (soluciones de los ejercicios), abiertos.
  for (const details of document.querySelectorAll("details")) { details.open = true; }
  const cover = document.createElement("section");
  cover.className = "pdf-portada";
  // El título no va en un <h1>: el CSS de impresión del tema oculta el primero del artículo.
  cover.innerHTML = "<p class='titulo'></p><p class='subtitulo'></p><p class='version'></p><p></p><p></p>";
  cover.querySelector(".titulo").textContent = info.title;
  cover.querySelector(".subtitulo").textContent = info.subtitle;
  cover.querySelector(".version").textContent = "Versión " + info.version + " · " + info.date;
  cover.querySelectorAll("p")[3].textContent = info.licence;
  cover.querySelectorAll("p")[4].textContent = info.url;
  const index = document.createElement("nav");
  index.className = "pdf-indice";
  // Los capítulos ya llevan su número: una lista sin viñetas ni números, con enlaces.
  index.innerHTML = "<h2>Contenido</h2><ul></ul>";
  for (const [position, title] of titles.entries()) {
    const item = document.createElement("li");
    const link = document.createElement("a");
    link.href = "#" + ids[position];
    link.textContent = title;
    item.appendChild(link);
    index.querySelector("ul").appendChild(item);
  }
  article.prepend(cover, index);
  const images = Array.from(article.querySelectorAll("img"));
  return {chapters: titles, images: images.length,
          unloaded: images.filter(i => !(i.complete && i.naturalWidth > 0)).map(i => i.src)};
}
"""

FOOTER = (
    '<div style="font-size:8px; width:100%; text-align:center; color:#555;">'
    '<span class="pageNumber"></span> / <span class="totalPages"></span></div>'
)


def build_single_page(output: Path) -> Path:
    """Construye el libro en una sola página HTML y devuelve la página, lista para imprimir."""
    jupyter_book = Path(sys.executable).with_name("jupyter-book")
    command = str(jupyter_book) if jupyter_book.exists() else "jupyter-book"
    result = subprocess.run(
        [command, "build", str(layout.ROOT), "--builder", "singlehtml", "--path-output", str(output),
         "-n", "--keep-going"],
        capture_output=True, text=True, timeout=900,
    )
    if result.returncode != 0:
        log = (result.stdout + result.stderr)[-3000:]
        raise RuntimeError("no se pudo construir la página única:\n" + log)
    site = output / "_build" / "singlehtml"
    # La página raíz está en chapters/, pero sus enlaces a _static e _images son de la raíz
    # (un fallo conocido de Sphinx con singlehtml): se copia a la raíz, donde funcionan.
    root_page = site / f"{layout.pages()[0]}.html"
    page = site / f"{NAME}.html"
    shutil.copyfile(root_page, page)
    return page


def print_pdf(page: Path, pdf: Path) -> dict:
    """Imprime la página en A4 con Chromium y devuelve lo que se imprimió."""
    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium") or "/usr/bin/chromium"
    config = layout.config()
    info = {
        "title": config["title"],
        "subtitle": "Un curso abierto de redes neuronales convolucionales con Keras y MNIST",
        "version": release.version(),
        "date": spanish_date(release.release_date()),
        "licence": f"Texto y figuras: {release.LICENSE_CONTENT}. Código: {release.LICENSE_CODE}. "
                   "El curso nació de un cuaderno de François Chollet (MIT). MNIST: Yann LeCun, "
                   "Corinna Cortes y Christopher Burges (CC BY-SA 3.0).",
        "url": config["html"]["baseurl"],
        "pages": [page_title(name) for name in layout.pages()[1:]],
    }
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=CHROMIUM_ARGS)
        tab = browser.new_page(color_scheme="light")
        tab.goto(page.as_uri(), wait_until="load")
        tab.wait_for_function("() => window.MathJax && MathJax.startup && MathJax.startup.promise",
                              timeout=60000)
        tab.evaluate("() => MathJax.startup.promise")
        printed = tab.evaluate(PREPARE_JS, info)
        if printed["unloaded"]:
            raise RuntimeError(f"imágenes que no cargan: {printed['unloaded'][:5]}")
        tab.add_style_tag(content=PRINT_CSS)
        tab.emulate_media(media="print")
        # Lo que no cabe en el ancho de la página (código, salidas o tablas que se cortarían).
        printed["overflowing"] = tab.evaluate(
            "() => Array.from(document.querySelectorAll('pre, table, .cell_output, .highlight'))"
            ".filter(e => e.scrollWidth > e.clientWidth + 1)"
            ".map(e => e.tagName + ': ' + e.textContent.trim().slice(0, 60))"
        )
        pdf.parent.mkdir(parents=True, exist_ok=True)
        tab.pdf(path=str(pdf), format="A4", print_background=True, display_header_footer=True,
                header_template="<span></span>", footer_template=FOOTER,
                margin={"top": "15mm", "bottom": "18mm", "left": "15mm", "right": "15mm"},
                outline=True, tagged=True)  # marcadores con los títulos y PDF etiquetado
        browser.close()
    return {**printed, "version": info["version"], "date": info["date"]}


def page_title(name: str) -> str:
    """El título de una página del libro como se lee (el de :func:`myst.page_title`, sin `)."""
    return myst.page_title(layout.page_source(name)).replace("`", "")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="La edición en PDF del libro.")
    parser.add_argument("--output", type=Path, default=layout.ROOT,
                        help="carpeta donde se crea _build/ (por defecto, la del libro)")
    args = parser.parse_args(argv)
    start = time.perf_counter()
    page = build_single_page(args.output)
    built = time.perf_counter() - start
    pdf = args.output / "_build" / "pdf" / f"{NAME}.pdf"
    printed = print_pdf(page, pdf)
    printed["source"] = str(page)
    pdf.with_suffix(".json").write_text(json.dumps(printed, ensure_ascii=False, indent=1), encoding="utf-8")
    total = time.perf_counter() - start
    print(f"Escrito {pdf}: {pdf.stat().st_size / 1e6:.1f} MB, {len(printed['chapters'])} capítulos, "
          f"{printed['images']} figuras (página única en {built:.0f} s; en total, {total:.0f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

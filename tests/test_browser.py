"""El libro como lo ve un lector: cada página en Chromium sin interfaz (Playwright), con
auditoría de accesibilidad de axe-core, y comprobación de los enlaces internos.

Necesita Chromium de Debian (``apt-get install chromium``, lo hace ``.ci/run``) y axe-core
de npm (``npm ci``). Las capturas de pantalla quedan en ``_build/capturas/`` para mirarlas.
"""

from __future__ import annotations

import functools
import html as html_lib
import json
import math
import os
import re
import shutil
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urldefrag, urlparse

import pytest

from booktools import layout

ROOT = layout.ROOT
PAGES = layout.pages()
NOTEBOOK_PAGES = layout.notebook_pages()
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "_build" / "capturas"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]

pytestmark = pytest.mark.browser


def _require(condition: bool, message: str) -> None:
    """Sin navegador o sin axe-core: se salta en local, pero falla en CI (REQUIRE_BROWSER=1)."""
    if not condition:
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail(message)
        pytest.skip(message)


class _QuietHandler(SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:  # sin ruido en la salida de pytest
        pass


@pytest.fixture(scope="module")
def server(built_book: Path):
    handler = functools.partial(_QuietHandler, directory=str(built_book))
    httpd = ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


@pytest.fixture(scope="module")
def browser():
    _require(Path(CHROMIUM).exists(), "falta Chromium: apt-get install chromium")
    _require(AXE.exists(), "falta axe-core: npm ci")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield instance
        instance.close()


@pytest.fixture(scope="module")
def visits(browser, server) -> dict[str, dict]:
    """Visita cada página del índice una vez y anota lo que ve un lector."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    axe_source = AXE.read_text(encoding="utf-8")
    records = {}
    for name in PAGES:
        page = browser.new_page(viewport={"width": 1280, "height": 900})
        record: dict[str, list] = {"console": [], "failed": []}
        page.on("console", lambda m, r=record: m.type == "error" and r["console"].append(m.text))
        page.on("pageerror", lambda e, r=record: r["console"].append(str(e)))
        page.on("requestfailed", lambda q, r=record: r["failed"].append(f"{q.url} ({q.failure})"))
        page.on("response",
                lambda s, r=record: s.status >= 400 and r["failed"].append(f"{s.url} ({s.status})"))
        page.goto(f"{server}/{name}.html", wait_until="networkidle")
        page.evaluate("window.MathJax && MathJax.startup ? MathJax.startup.promise : null")
        record["lang"] = page.evaluate("document.documentElement.lang")
        record["ui"] = page.evaluate(
            "Array.from(document.querySelectorAll('header, nav, .bd-header-article, .prev-next-area,"
            " .search-button, .bd-sidebar-primary, .bd-article')).map(e => e.innerText + ' ' +"
            " Array.from(e.querySelectorAll('[aria-label],[title],[placeholder],[data-bs-title]')).map(x =>"
            " (x.getAttribute('aria-label')||'') + ' ' + (x.getAttribute('title')||'') + ' ' +"
            " (x.getAttribute('placeholder')||'') + ' ' + (x.getAttribute('data-bs-title')||''))"
            ".join(' ')).join(' ')"
        )
        record["images"] = page.evaluate(
            "Array.from(document.images).map(i => [i.getAttribute('src'), i.getAttribute('alt'),"
            " i.complete && i.naturalWidth > 0])"
        )
        record["math_sources"] = page.evaluate("document.querySelectorAll('.math').length")
        record["math_rendered"] = page.evaluate("document.querySelectorAll('mjx-container').length")
        record["links"] = page.evaluate("Array.from(document.querySelectorAll('a[href]')).map(a => a.href)")
        page.evaluate(axe_source)
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        record["axe"] = [
            (v["id"], v["impact"], len(v["nodes"]), v["help"]) for v in result["violations"]
        ]
        page.screenshot(path=str(SCREENSHOTS / f"{name.replace('/', '_')}.png"), full_page=True)
        page.close()
        records[name] = record
    report = SCREENSHOTS / "accesibilidad.txt"
    lines = []
    for name, record in records.items():
        counts: dict[str, int] = {}
        for _, impact, nodes, _ in record["axe"]:
            counts[impact] = counts.get(impact, 0) + nodes
        lines.append(f"{name}: {counts or 'sin infracciones'}")
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    print("\nAuditoría de accesibilidad (axe-core), nodos por gravedad:\n" + "\n".join(lines))
    return records


@pytest.mark.parametrize("name", PAGES)
def test_page_loads_clean(visits, name):
    record = visits[name]
    assert not record["failed"], f"{name}: peticiones fallidas: {record['failed']}"
    assert not record["console"], f"{name}: errores de JavaScript: {record['console']}"


@pytest.mark.parametrize("name", PAGES)
def test_interface_is_spanish(visits, name):
    record = visits[name]
    assert record["lang"] == "es", f"{name}: <html lang={record['lang']!r}>"
    ui = record["ui"]
    for english in ("Search this book", "Contents", "Previous", "Next", "Launch interactive",
                    "Launch on", "Download this page", "Toggle", "Link to this",
                    "Descarga esta pagina"):
        assert english not in ui, f"{name}: la interfaz muestra «{english}» en inglés"
    assert "Buscar" in ui or "Búsqueda" in ui, f"{name}: el buscador no está en español"


@pytest.mark.parametrize("name", PAGES)
def test_images_have_meaningful_alt_text(visits, name):
    for src, alt, loaded in visits[name]["images"]:
        assert loaded, f"{name}: la imagen {src} no carga"
        assert alt, f"{name}: la imagen {src} no tiene texto alternativo"
        assert alt.strip(), f"{name}: la imagen {src} no tiene texto alternativo"
        described = f"{name}: el texto alternativo de {src} no describe la imagen: {alt!r}"
        assert len(alt.strip()) >= 10, described
        assert not re.search(r"\.(png|svg|jpe?g)$", alt.strip()), described


@pytest.mark.parametrize("name", PAGES)
def test_maths_is_rendered(visits, name):
    record = visits[name]
    assert record["math_rendered"] >= record["math_sources"], (
        f"{name}: {record['math_sources']} fórmulas y solo {record['math_rendered']} dibujadas por MathJax"
    )


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_colab_links_point_to_the_notebook(visits, name):
    expected = layout.colab_url(Path(f"{name}.ipynb"))
    colab = [link for link in visits[name]["links"] if "colab.research.google.com" in link]
    assert colab, f"{name}: no hay botón de Colab"
    assert all(link == expected for link in colab), (
        f"{name}: enlaces de Colab {colab}, se esperaba {expected}")
    assert len(colab) >= 2, f"{name}: falta el enlace «Abrir en Colab» dentro del cuaderno"
    assert layout.student_notebook(ROOT / f"{name}.ipynb").is_file()


@pytest.mark.parametrize("name", NOTEBOOK_PAGES)
def test_download_link_returns_the_notebook(visits, server, name):
    import urllib.request

    downloads = [link for link in visits[name]["links"]
                 if link.endswith(".ipynb") and link.startswith(server)]
    assert downloads, f"{name}: no hay enlace de descarga del cuaderno"
    with urllib.request.urlopen(downloads[0]) as response:
        notebook = json.loads(response.read().decode("utf-8"))
    assert notebook["nbformat"] == 4, f"{name}: la descarga no es un cuaderno"
    assert notebook["cells"], f"{name}: la descarga no es un cuaderno"


@pytest.mark.parametrize(("term", "chapter"), [("convolución", "chapters/convolucion"),
                                               ("pooling", "chapters/pooling"),
                                               ("softmax", "chapters/cabeza")])
def test_search_finds_the_chapter(browser, server, term, chapter):
    page = browser.new_page()
    page.goto(f"{server}/search.html?q={term}", wait_until="networkidle")
    page.wait_for_selector("#search-results ul li a", timeout=20000)
    hrefs = page.evaluate("Array.from(document.querySelectorAll('#search-results ul li a')).map(a => a.href)")
    page.close()
    assert any(f"{chapter}.html" in href for href in hrefs), f"buscar «{term}» no lista {chapter}: {hrefs}"


@pytest.mark.parametrize("name", PAGES)
def test_no_serious_accessibility_violations(visits, name):
    serious = [v for v in visits[name]["axe"] if v[1] in ("serious", "critical")]
    assert not serious, f"{name}: infracciones de accesibilidad graves: {serious}"


def _internal_links(page_path: Path, root: Path):
    text = page_path.read_text(encoding="utf-8")
    for href in re.findall(r'href="([^"]+)"', text):
        href = html_lib.unescape(href)
        parsed = urlparse(href)
        if parsed.scheme or href.startswith(("//", "mailto:", "javascript:")):
            continue
        yield href


def test_internal_links_and_anchors_resolve(built_book: Path):
    """Todo enlace interno del libro lleva a un archivo que existe y, si tiene ancla, a un id que existe."""
    ids_cache: dict[Path, set[str]] = {}
    broken = []
    for page_path in built_book.rglob("*.html"):
        if "_static" in page_path.relative_to(built_book).parts:
            continue  # plantillas del tema, no páginas
        for href in _internal_links(page_path, built_book):
            target, anchor = urldefrag(href)
            target = urlparse(target).path
            target_path = (page_path.parent / unquote(target)).resolve() if target else page_path
            if target_path.is_dir():
                target_path = target_path / "index.html"
            if not target_path.exists():
                broken.append(f"{page_path.relative_to(built_book)} -> {href}")
                continue
            if anchor and target_path.suffix == ".html":
                if target_path not in ids_cache:
                    content = target_path.read_text(encoding="utf-8")
                    ids_cache[target_path] = set(re.findall(r'\bid="([^"]+)"', content))
                if unquote(anchor) not in ids_cache[target_path]:
                    broken.append(f"{page_path.relative_to(built_book)} -> {href} (ancla inexistente)")
    assert not broken, "enlaces internos rotos:\n" + "\n".join(sorted(set(broken))[:40])


# --- «Dibuja un dígito» (la página interactiva) ---------------------------------------------

DRAWING_PAGE = "chapters/dibuja.html"
# Trazos en coordenadas del lienzo de 0 a 1 (fila, columna), como los dibujaría una persona.
MOUSE_DIGITS = {
    1: [[(0.15, 0.52), (0.85, 0.5)]],
    0: [[(0.5 + 0.36 * math.sin(2 * math.pi * k / 32), 0.5 + 0.24 * math.cos(2 * math.pi * k / 32))
         for k in range(33)]],
    7: [[(0.18, 0.28), (0.18, 0.72), (0.85, 0.42)]],
}


def _open(browser, url: str):
    page = browser.new_page(viewport={"width": 1280, "height": 1000})
    problems: list[str] = []
    page.on("console", lambda m: problems.extend([m.text] if m.type == "error" else []))
    page.on("pageerror", lambda e: problems.append(str(e)))
    page.on("requestfailed", lambda q: problems.append(f"{q.url} ({q.failure})"))
    page.goto(url, wait_until="load")
    page.wait_for_selector("#dibuja[data-lista]", timeout=20000)
    return page, problems


def _state(page) -> dict:
    return page.evaluate("""() => {
        const root = document.getElementById("dibuja");
        const maps = {};
        for (const name of ["conv_1", "conv_2", "conv_3"]) {
            maps[name] = Number(document.getElementById("dibuja-mapas-" + name).dataset.maximo || 0);
        }
        const bars = Array.from(document.querySelectorAll(".dibuja-barra")).map(
            b => Number(b.dataset.probabilidad || 0));
        // El mapa de oclusión: cuántos puntos están pintados y cuántos tienen color (no gris).
        const heat = document.getElementById("dibuja-oclusion");
        const rgba = heat.getContext("2d").getImageData(0, 0, heat.width, heat.height).data;
        let painted = 0, coloured = 0;
        for (let i = 0; i < rgba.length; i += 4) {
            const [r, g, b, alpha] = rgba.slice(i, i + 4);
            if (alpha > 0) { painted++; }
            if (alpha > 0 && Math.max(r, g, b) - Math.min(r, g, b) > 40) { coloured++; }
        }
        const occlusion = {digit: heat.dataset.clase, painted, coloured,
                           label: heat.getAttribute("aria-label"),
                           text: document.getElementById("dibuja-oclusion-texto").textContent};
        return {prediction: root.dataset.prediccion, updates: Number(root.dataset.actualizaciones),
                maps, bars, occlusion, text: document.getElementById("dibuja-resultado").textContent};
    }""")


def _check_occlusion(state: dict, digit: int) -> None:
    """El mapa de oclusión está pintado, con color, y su frase nombra el dígito que lee la red."""
    occlusion = state["occlusion"]
    assert occlusion["digit"] == str(digit), occlusion
    assert occlusion["coloured"] > 500, f"el mapa de oclusión apenas tiene color: {occlusion}"
    sentence = occlusion["text"]
    assert f"baja el logit del {digit}: de " in sentence, sentence
    assert re.search(r"filas \d+ a \d+ y las columnas \d+ a \d+", sentence), sentence
    assert "." not in sentence.split(": de ")[1].split(" a ")[0], f"sin coma decimal: {sentence}"
    assert occlusion["label"].endswith(sentence), occlusion["label"]


def _updates(page) -> int:
    return int(page.evaluate("Number(document.getElementById('dibuja').dataset.actualizaciones)"))


def _wait_for_update(page, before: int) -> None:
    """Espera a que la página vuelva a leer el lienzo (la lectura va en el siguiente fotograma)."""
    page.wait_for_function(
        f"Number(document.getElementById('dibuja').dataset.actualizaciones) > {before}", timeout=10000
    )


def _occlusions(page) -> int:
    return int(page.evaluate("Number(document.getElementById('dibuja-oclusion').dataset.mapas)"))


def _draw(page, strokes) -> None:
    """Dibuja los trazos y espera, tras cada uno, al mapa de oclusión (se calcula al soltar)."""
    before = _updates(page)
    page.locator("#dibuja-lienzo").scroll_into_view_if_needed()
    box = page.locator("#dibuja-lienzo").bounding_box()
    for stroke in strokes:
        maps = _occlusions(page)
        points = [(box["x"] + c * box["width"], box["y"] + r * box["height"]) for r, c in stroke]
        page.mouse.move(*points[0])
        page.mouse.down()
        for start, end in zip(points[:-1], points[1:], strict=True):
            for t in (0.2, 0.4, 0.6, 0.8, 1.0):  # movimientos intermedios, como un ratón real
                page.mouse.move(start[0] + t * (end[0] - start[0]), start[1] + t * (end[1] - start[1]))
        page.mouse.up()
        page.wait_for_function(
            f"Number(document.getElementById('dibuja-oclusion').dataset.mapas) > {maps}", timeout=10000
        )
    _wait_for_update(page, before)


@pytest.fixture(scope="module")
def drawing_page(browser, server):
    page, problems = _open(browser, f"{server}/{DRAWING_PAGE}")
    yield page, problems
    page.close()


@pytest.mark.parametrize("digit", list(MOUSE_DIGITS))
def test_drawing_with_the_mouse_is_read_and_updates_everything(drawing_page, digit):
    page, problems = drawing_page
    before = _updates(page)
    page.click("#dibuja-borrar")
    _wait_for_update(page, before)
    blank = _state(page)
    assert blank["prediction"] == ""
    assert max(blank["bars"]) == 0
    assert blank["maps"]["conv_1"] == 0
    assert blank["occlusion"]["painted"] == 0, "«Borrar» no borró el mapa de oclusión"
    assert blank["occlusion"]["digit"] == ""
    assert "en blanco" in blank["occlusion"]["label"]
    _draw(page, MOUSE_DIGITS[digit])
    state = _state(page)
    assert state["updates"] > blank["updates"]
    assert state["prediction"] == str(digit), f"dibujé un {digit} y la red dice {state['text']!r}"
    assert max(state["bars"]) == state["bars"][digit] > 0.5
    assert abs(sum(state["bars"]) - 1) < 1e-4
    assert all(value > 0 for value in state["maps"].values()), state["maps"]
    assert f"La red dice: {digit}" in state["text"]
    _check_occlusion(state, digit)
    page.screenshot(path=str(SCREENSHOTS / f"dibuja-{digit}.png"), full_page=True)
    assert not problems, problems


def test_examples_work_with_the_keyboard(drawing_page):
    page, problems = drawing_page
    page.focus("#dibuja-borrar")
    for target in (0, 3, 7):
        page.focus("#dibuja-borrar")
        for _ in range(target + 1):
            page.keyboard.press("Tab")
        focused = page.evaluate("document.activeElement.dataset.ejemplo")
        assert focused == str(target), f"tras {target + 1} tabuladores el foco está en {focused!r}"
        before = _updates(page)
        page.keyboard.press("Enter")
        _wait_for_update(page, before)
        state = _state(page)
        assert state["updates"] > before, state["text"]
        assert state["prediction"] == str(target), state["text"]
        _check_occlusion(state, target)
    assert not problems, problems


def test_no_serious_accessibility_violations_after_drawing(drawing_page):
    page, _ = drawing_page
    before = _updates(page)
    page.click("[data-ejemplo='4']")
    _wait_for_update(page, before)
    page.evaluate(AXE.read_text(encoding="utf-8"))
    # Sin transiciones de CSS: al cambiar de tema, los colores cambian al instante y axe no
    # mide un color a medio camino (el texto del botón de búsqueda fallaba a veces en oscuro).
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; }")
    for theme in ("light", "dark"):  # el tema sigue al del sistema: los dos modos
        page.evaluate(f"document.documentElement.dataset.theme = '{theme}'")
        page.focus("[data-ejemplo='4']")
        result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
        serious = [(v["id"], v["impact"], v["help"], [n["target"] for n in v["nodes"]][:5])
                   for v in result["violations"] if v["impact"] in ("serious", "critical")]
        assert not serious, (theme, serious)
    page.evaluate("document.documentElement.dataset.theme = 'light'")


def test_touch_and_pen_draw_and_a_second_finger_does_not(drawing_page):
    """Un dedo y un lápiz óptico dibujan (eventos de puntero); un segundo dedo a la vez, no."""
    page, problems = drawing_page
    for kind in ("touch", "pen"):
        before = _updates(page)
        page.click("#dibuja-borrar")
        _wait_for_update(page, before)
        before = _updates(page)
        page.evaluate("""(kind) => {
            const canvas = document.getElementById("dibuja-lienzo");
            const box = canvas.getBoundingClientRect();
            const send = (type, id, primary, r, c) => canvas.dispatchEvent(new PointerEvent(type, {
                pointerId: id, pointerType: kind, isPrimary: primary, button: 0, buttons: 1,
                bubbles: true, cancelable: true,
                clientX: box.left + c * box.width, clientY: box.top + r * box.height}));
            send("pointerdown", 7, true, 0.15, 0.5);
            send("pointerdown", 8, false, 0.5, 0.1);   // un segundo dedo: no dibuja
            for (let k = 1; k <= 10; k++) {
                send("pointermove", 7, true, 0.15 + 0.07 * k, 0.5);
                send("pointermove", 8, false, 0.5, 0.1 + 0.08 * k);
            }
            send("pointerup", 8, false, 0.5, 0.9);
            send("pointerup", 7, true, 0.85, 0.5);
        }""", kind)
        _wait_for_update(page, before)
        state = _state(page)
        assert state["prediction"] == "1", f"{kind}: un trazo vertical y la red dice {state['text']!r}"
        announced = page.evaluate("document.getElementById('dibuja-anuncio').textContent")
        assert announced == state["text"], "el anuncio para lectores de pantalla no se actualizó"
    assert not problems, problems


def test_page_works_from_disk(browser, built_book):
    """Abierto con file://, sin servidor: carga todo y lee un dígito."""
    page, problems = _open(browser, (built_book / DRAWING_PAGE).as_uri())
    _draw(page, MOUSE_DIGITS[7])
    state = _state(page)
    assert state["prediction"] == "7"
    _check_occlusion(state, 7)
    # Tiempo de una lectura completa (preparar el lienzo de 280 × 280 y la pasada hacia delante)
    # y de un mapa de oclusión.
    milliseconds, occlusion = page.evaluate("""() => {
        const canvas = document.getElementById("dibuja-lienzo");
        const rgba = canvas.getContext("2d").getImageData(0, 0, canvas.width, canvas.height).data;
        const gray = new Float64Array(canvas.width * canvas.height);
        for (let i = 0; i < gray.length; i++) {
            gray[i] = (rgba[4 * i] + rgba[4 * i + 1] + rgba[4 * i + 2]) / 3;
        }
        const network = RedMnist.loadNetwork(RED_MNIST);
        const start = performance.now();
        for (let n = 0; n < 20; n++) {
            RedMnist.forward(network, RedMnist.prepareLikeMnist(gray, canvas.height, canvas.width));
        }
        const reading = (performance.now() - start) / 20;
        const image = RedMnist.prepareLikeMnist(gray, canvas.height, canvas.width);
        const begin = performance.now();
        for (let n = 0; n < 5; n++) { RedMnist.occlusionMap(network, image, 7); }
        return [reading, (performance.now() - begin) / 5];
    }""")
    print(f"\nDibuja un dígito en Chromium sin interfaz: {milliseconds:.1f} ms por lectura, "
          f"{occlusion:.0f} ms por mapa de oclusión")
    page.close()
    assert not problems, problems

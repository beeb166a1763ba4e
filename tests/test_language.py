"""El español del libro: glosario, terminología, ortografía (Hunspell) y separador decimal.

La ortografía necesita Hunspell con los diccionarios de Debian ``hunspell-es`` y
``hunspell-en-us``. Sin ellos, estas pruebas se saltan en una máquina de desarrollo y fallan
en la integración continua (``.ci/run`` exporta ``REQUIRE_SPELLCHECK=1``).
"""

from __future__ import annotations

import os
import shutil
from importlib import resources
from pathlib import Path

import nbformat
import pytest
import yaml

from booktools import glossary, layout, prose

ROOT = layout.ROOT
PAGES = layout.pages()
CHAPTERS = layout.chapter_pages()
ENTRIES = glossary.load(ROOT / layout.GLOSSARY_FILE)
WORD_LIST = prose.load_word_list(ROOT / layout.WORD_LIST_FILE)


@pytest.fixture(scope="session")
def hunspell() -> None:
    if prose.hunspell_available():
        return
    message = ("Falta Hunspell con los diccionarios es_ES y en_US "
               "(apt-get install hunspell hunspell-es hunspell-en-us).")
    if os.environ.get("REQUIRE_SPELLCHECK") == "1":
        pytest.fail(message)
    pytest.skip(message)


def passages_of(page: str) -> list[prose.Passage]:
    return prose.file_passages(layout.page_source(page), ROOT)


def report(findings: list[prose.Finding]) -> str:
    return "\n".join(str(finding) for finding in findings)


# --------------------------------------------------------------------------------------
# Extracción de la prosa
# --------------------------------------------------------------------------------------


def test_code_maths_roles_and_addresses_are_not_prose():
    source = ("Con `padding=\"valid\"` y $0.5 \\cdot x$, {glue:text}`n_train` imágenes;\n"
              "véase {doc}`el capítulo <convolucion>` o [Colab](https://colab.x/y.ipynb).\n"
              "```python\nconvolucion = 1\n```\n<span>fin</span>")
    text, italic, maths, reading = prose.split_markdown(source)
    assert [line.split() for line in text.split("\n")] == [
        ["Con", "y", ",", "imágenes;"], ["véase", "el", "capítulo", "o", "Colab."],
        [], [], [], ["fin"]]
    assert "0.5" in maths and "0.5" not in text
    assert not italic.strip()
    assert reading == text


def test_italic_is_kept_apart_and_lines_are_preserved():
    source = "La **exactitud** (*accuracy*) y\nel _dropout_ de la **cabeza\nclasificadora**."
    text, italic, _, reading = prose.split_markdown(source)
    for other in (text, italic, reading):
        assert other.count("\n") == source.count("\n")
    assert italic.split() == ["accuracy", "dropout"]
    assert "accuracy" not in text and "exactitud" in text
    assert "cabeza" in text and "**" not in text
    assert " ".join(reading.split()) == ("La exactitud (accuracy) y el dropout de la cabeza "
                                         "clasificadora.")


def test_text_directives_are_prose_and_code_directives_are_not():
    source = (":::{admonition} Una posible solución\n:class: dropdown\n\nTexto del desplegable.\n"
              ":::\n```{code-cell} python\nsecreto = 1\n```\n")
    text = prose.split_markdown(source)[0]
    assert "Una posible solución" in text and "Texto del desplegable." in text
    assert "dropdown" not in text and "secreto" not in text


def test_emphasis_nested_in_a_link_is_italic_and_the_address_is_not_read():
    text, italic, _, reading = prose.split_markdown(
        "Mira [**un *enlace* raro**](https://x.org/a_b), <https://keras.io> y www.keras.io.")
    assert [w for _, w in prose.words(text)] == ["Mira", "un", "raro", "y"]
    assert italic.split() == ["enlace"]
    assert [w for _, w in prose.words(reading)] == ["Mira", "un", "enlace", "raro", "y"]


def test_roles_inside_an_admonition():
    source = (":::{admonition} Una *pista*\n:class: dropdown\n\n"
              "Usa la {term}`capa densa` y {doc}`el capítulo <convolucion>`, no {doc}`pooling`.\n"
              ":::\n")
    text, italic, _, _ = prose.split_markdown(source)
    assert list(prose.words(text)) == [
        (1, "Una"), (4, "Usa"), (4, "la"), (4, "capa"), (4, "densa"), (4, "y"), (4, "el"),
        (4, "capítulo"), (4, "no")]
    assert text.count("\n") == source.count("\n")
    assert italic.split() == ["pista"]


def test_dollar_signs_in_code_are_not_maths():
    passage = prose._passage("x.md", None, "Con `precio = $5` y `$0.5$`, la media es $0{,}5$.")
    assert passage.maths.split() == ["0{,}5"]
    assert "$" not in passage.text and "0.5" not in passage.text
    assert prose.check_decimals([passage]) == []


def test_line_numbers_after_a_fenced_block_and_multiline_spans():
    source = ("Antes.\n\n```python\nx = 1\n```\n\nUna `a\nb` capa\n{term}`red\ndensa` y $x\n"
              "= 0.5$ con una capa\nescondida.")
    passage = prose._passage("x.ipynb", 3, source)
    assert list(prose.words(passage.text)) == [
        (1, "Antes"), (7, "Una"), (8, "capa"), (9, "red"), (10, "densa"), (10, "y"),
        (11, "con"), (11, "una"), (11, "capa"), (12, "escondida")]
    assert [line.split() for line in passage.maths.split("\n")][9:11] == [["x"], ["=", "0.5"]]
    findings = prose.check_terminology([passage], ROOT)
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 3, línea 11", "capa escondida")]
    assert [f.where for f in prose.check_decimals([passage])] == ["x.ipynb, celda 3, línea 11"]


def test_myst_syntax_that_is_not_read_is_not_prose():
    source = ("---\ntitle: Presentación\n---\n(intro)=\n% un comentario\n<!-- otro -->\n"
              "Hay {{ n_train }} imágenes&nbsp;y \\*asteriscos\\*.\n\n    codigo_indentado = 1\n\n"
              "<div>\nTexto <b>visible</b>\n</div>\n")
    text, italic, maths, _ = prose.split_markdown(source)
    assert [(n, w) for n, w in prose.words(text)] == [
        (7, "Hay"), (7, "imágenes"), (7, "y"), (7, "asteriscos"), (12, "Texto"), (12, "visible")]
    assert not italic.strip() and not maths.strip()


def test_table_cells_are_separate_words():
    text = prose.split_markdown("| Capa | Salida |\n|---|---|\n| *Conv2D* | 26 |\n")[0]
    assert list(prose.words(text)) == [(1, "Capa"), (1, "Salida")]


def test_the_parser_has_the_myst_extensions_of_the_book():
    """Las extensiones de MyST son las que Jupyter Book activa por defecto: el libro no las
    cambia en _config.yml."""
    defaults = yaml.safe_load((resources.files("jupyter_book") / "default_config.yml")
                              .read_text(encoding="utf-8"))
    assert set(prose.MYST_EXTENSIONS) == set(defaults["parse"]["myst_enable_extensions"])
    config = layout.config()
    assert "myst_enable_extensions" not in config.get("parse", {})
    assert "myst_enable_extensions" not in config.get("sphinx", {}).get("config", {})


def test_figure_captions_and_alt_text_are_prose():
    passages = passages_of("chapters/pooling")
    where = {p.cell for p in passages if isinstance(p.cell, str)}
    assert any("pie de figura" in w for w in where)
    assert any("texto alternativo" in w for w in where)


def test_every_page_of_the_book_is_read():
    files = {p.file for page in PAGES for p in passages_of(page)}
    assert files == {layout.page_source(page).relative_to(ROOT).as_posix() for page in PAGES}
    assert "chapters/glosario.md" in files


# --------------------------------------------------------------------------------------
# El glosario
# --------------------------------------------------------------------------------------


def test_glossary_entries_name_a_chapter_of_the_book():
    for entry in ENTRIES:
        assert entry.chapter in CHAPTERS, f"«{entry.term}»: {entry.chapter} no es un capítulo"


@pytest.mark.parametrize("entry", ENTRIES, ids=[e.term for e in ENTRIES])
def test_each_term_is_introduced_in_its_chapter(entry):
    """El capítulo del glosario es el primero, en el orden del libro, que usa el término."""
    patterns = [glossary.phrase_pattern(form) for form in entry.forms]
    first = None
    for chapter in CHAPTERS:
        reading = "\n".join(p.reading for p in passages_of(chapter))
        if any(pattern.search(reading) for pattern in patterns):
            first = chapter
            break
    assert first is not None, f"«{entry.term}» no aparece en ningún capítulo: sobra en el glosario"
    assert first == entry.chapter, (
        f"«{entry.term}» aparece por primera vez en {first}, no en {entry.chapter}")


def test_technical_words_of_the_word_list_are_in_the_glossary():
    glossary_words = {w.lower() for e in ENTRIES
                      for text in (e.term, e.english, *e.forms) for _, w in prose.words(text)}
    english_words = {w.lower() for e in ENTRIES for _, w in prose.words(e.english)}
    for word, section in WORD_LIST.items():
        if section == "técnicas":
            assert word.lower() in glossary_words, f"«{word}» es técnica y falta en el glosario"
        if section == "inglés":
            assert word.lower() in english_words, f"«{word}» no es de ningún término inglés"


def test_english_terms_cited_in_the_chapters_are_in_the_glossary(hunspell):
    """Cada palabra inglesa citada en cursiva es de un término del glosario."""
    english_words = {w.lower() for e in ENTRIES for _, w in prose.words(e.english)}
    cited = prose.foreign_words(prose.book_passages(ROOT))
    plurals = {w + "s" for w in english_words}
    missing = sorted(cited - english_words - plurals - {w.lower() for w in WORD_LIST})
    assert not missing, f"términos ingleses citados que faltan en el glosario: {missing}"


def test_word_list_is_short_and_every_entry_is_needed(hunspell):
    """Ninguna entrada sobra: el diccionario no la conoce y el libro la usa."""
    assert len(WORD_LIST) <= 50, "la lista de palabras debe seguir siendo corta"
    known = set(WORD_LIST) - prose.unknown_words(WORD_LIST, prose.SPANISH_DICTIONARY)
    assert not known, f"el diccionario ya conoce {sorted(known)}: sobran en la lista"
    used = {w for p in prose.book_passages(ROOT) + prose.glossary_passages(ROOT)
            for text in (p.text, p.italic) for _, w in prose.words(text)}
    unused = sorted(w for w in WORD_LIST
                    if w not in used and w[:1].upper() + w[1:] not in used)
    assert not unused, f"palabras de la lista que el libro no usa: {unused}"


def test_glossary_rejects_malformed_entries(tmp_path):
    bad = tmp_path / "glosario.yml"
    bad.write_text("terms:\n  - term: exactitud\n    english: accuracy\n"
                   "    definition: Sin punto final\n    chapter: chapters/red_densa\n",
                   encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="termina en punto"):
        glossary.load(bad)
    bad.write_text("terms:\n  - term: exactitud\n    english: accuracy\n"
                   "    definition: Una frase. Y otra.\n    chapter: chapters/red_densa\n",
                   encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="una sola frase"):
        glossary.load(bad)
    bad.write_text("terms:\n  - term: exactitud\n    english: accuracy\n"
                   "    definition: Algo.\n    chapter: chapters/red_densa\n    avoid: [precisión]\n",
                   encoding="utf-8")
    with pytest.raises(glossary.GlossaryError, match="phrase"):
        glossary.load(bad)


def test_phrase_pattern_matches_whole_words_only():
    neurona = glossary.phrase_pattern("neurona")
    assert neurona.search("Una Neurona de conv_1")
    assert not neurona.search("una red neuronal") and not neurona.search("neuronas")
    split = glossary.phrase_pattern("capa escondida")
    assert split.search("una capa\n   escondida") and not split.search("capa escondidas")


def test_spanish_alphabetical_order():
    terms = ["época", "exactitud", "eje", "ñu", "núcleo", "Adam", "aplanar"]
    assert sorted(terms, key=glossary.sort_key) == [
        "Adam", "aplanar", "eje", "época", "exactitud", "núcleo", "ñu"]


# --------------------------------------------------------------------------------------
# Las revisiones sobre el libro
# --------------------------------------------------------------------------------------


@pytest.mark.parametrize("page", PAGES)
def test_terminology(page):
    findings = prose.check_terminology(passages_of(page), ROOT)
    assert not findings, "formas desaconsejadas (chapters/glosario.yml):\n" + report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_decimal_separator(page):
    findings = prose.check_decimals(passages_of(page))
    assert not findings, report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_spelling(hunspell, page):
    findings = prose.check_spelling(passages_of(page), ROOT)
    assert not findings, "palabras desconocidas:\n" + report(findings)


def test_spelling_of_the_glossary(hunspell):
    passages = prose.glossary_passages(ROOT)
    findings = prose.check_spelling(passages, ROOT) + prose.check_decimals(passages)
    assert not findings, report(findings)


def test_command_line_reports_nothing(hunspell, capsys):
    assert prose.main() == 0
    assert "0 hallazgos" in capsys.readouterr().out


# --------------------------------------------------------------------------------------
# Las revisiones fallan, y dicen dónde
# --------------------------------------------------------------------------------------


@pytest.fixture
def book_copy(tmp_path) -> Path:
    """Una copia de las fuentes del libro donde introducir errores."""
    for name in ("_toc.yml", "_config.yml"):
        shutil.copy(ROOT / name, tmp_path / name)
    shutil.copytree(ROOT / "chapters", tmp_path / "chapters",
                    ignore=shutil.ignore_patterns("estudiante", "*.png"))
    return tmp_path


def edit_markdown_cell(path: Path, index: int, old: str, new: str) -> None:
    notebook = nbformat.read(path, as_version=4)
    cell = notebook.cells[index]
    assert cell.cell_type == "markdown"
    assert old in cell.source
    cell.source = cell.source.replace(old, new, 1)
    nbformat.write(notebook, path)


def cell_with(path: Path, text: str) -> int:
    cells = nbformat.read(path, as_version=4).cells
    return next(i for i, c in enumerate(cells) if c.cell_type == "markdown" and text in c.source)


def test_precision_for_accuracy_fails_with_its_location(book_copy):
    notebook = book_copy / "chapters" / "convnet_intro.ipynb"
    index = cell_with(notebook, "La red convolucional alcanza una exactitud del")
    edit_markdown_cell(notebook, index, "alcanza una exactitud del", "alcanza una precisión del")
    findings = prose.check_terminology(prose.book_passages(book_copy), book_copy)
    assert [str(f) for f in findings] == [
        f"chapters/convnet_intro.ipynb, celda {index}, línea 1: «precisión»: escribe "
        "«exactitud»; la precisión (*precision*) es otra métrica, la fracción de aciertos "
        "entre los ejemplos que se predicen de una clase; *accuracy* es «exactitud»."]


def test_discouraged_phrase_split_across_lines_in_a_page_is_found(book_copy):
    page = book_copy / "chapters" / "presentacion.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUna red con una capa\nescondida.\n",
                    encoding="utf-8")
    findings = prose.check_terminology(prose.book_passages(book_copy), book_copy)
    lines = page.read_text(encoding="utf-8").count("\n")
    assert [(f.where, f.phrase) for f in findings] == [
        (f"chapters/presentacion.md, línea {lines - 1}", "capa\nescondida".replace("\n", " "))]


def test_english_citation_in_italics_is_allowed(book_copy):
    page = book_copy / "chapters" / "presentacion.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNo es la *precisión* de Keras.\n",
                    encoding="utf-8")
    assert prose.check_terminology(prose.book_passages(book_copy), book_copy) == []


def test_misspelling_fails_with_its_location(hunspell, book_copy):
    notebook = book_copy / "chapters" / "convolucion.ipynb"
    index = cell_with(notebook, "## Qué calcula una convolución")
    edit_markdown_cell(notebook, index, "## Qué calcula una convolución",
                       "## Qué calcula una convolucion")
    findings = prose.check_spelling(prose.book_passages(book_copy), book_copy)
    assert [(f.where, f.phrase) for f in findings] == [
        (f"chapters/convolucion.ipynb, celda {index}, línea 1", "convolucion")]


def test_anglicism_outside_italics_fails(hunspell, book_copy):
    notebook = book_copy / "chapters" / "red_densa.ipynb"
    index = cell_with(notebook, "Entrenamos 5 épocas")
    edit_markdown_cell(notebook, index, "Entrenamos 5 épocas", "Entrenamos 5 epochs")
    findings = prose.check_spelling(prose.book_passages(book_copy), book_copy)
    assert [f.phrase for f in findings] == ["epochs"]
    assert findings[0].where.startswith(f"chapters/red_densa.ipynb, celda {index}, línea ")


def test_point_as_decimal_separator_fails(book_copy):
    notebook = book_copy / "chapters" / "entrenamiento.ipynb"
    index = cell_with(notebook, "(0,01 para")
    edit_markdown_cell(notebook, index, "(0,01 para", "(0.01 para")
    findings = prose.check_decimals(prose.book_passages(book_copy))
    assert [(f.where.split(", línea")[0], f.phrase) for f in findings] == [
        (f"chapters/entrenamiento.ipynb, celda {index}", "0.01")]


def test_enclitic_pronouns_follow_the_accent_rule(hunspell):
    words = ["calcúlalo", "Predícelo", "aplanarlo", "Comprobémoslo", "pruébalos", "dárselo",
             "calculalo", "aplánarlo", "pruebalos", "convolucion"]
    bases = {w: prose._enclitic_bases(w) for w in words}
    wrong = prose.unknown_words([b for bs in bases.values() for b in bs], "es_ES")
    accepted = [w for w in words if any(b not in wrong for b in bases[w])]
    assert accepted == ["calcúlalo", "Predícelo", "aplanarlo", "Comprobémoslo", "pruébalos",
                        "dárselo"]


def test_unknown_word_in_the_glossary_is_reported(hunspell, book_copy):
    path = book_copy / layout.GLOSSARY_FILE
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("La fracción de ejemplos que la red clasifica bien.",
                                 "La fracción de ejemplos que la red clasifica bein."),
                    encoding="utf-8")
    findings = prose.check_spelling(prose.glossary_passages(book_copy), book_copy)
    assert [(f.where, f.phrase) for f in findings] == [
        ("chapters/glosario.yml, término «exactitud»", "bein")]


def test_spelling_ignores_code(hunspell):
    passage = prose._passage("x.md", None, "Usa `convolucion_numpy(x)` y\n```python\nfoo_bar\n```")
    assert prose.check_spelling([passage], ROOT) == []


def test_word_list_must_hold_words(tmp_path):
    path = tmp_path / "palabras.txt"
    path.write_text("[técnicas]\nsoftmax\nsoft max\n", encoding="utf-8")
    with pytest.raises(ValueError, match="línea 3"):
        prose.load_word_list(path)

"""El español del libro: glosario, terminología, ortografía (Hunspell) y separador decimal.

La ortografía necesita Hunspell con los diccionarios de Debian ``hunspell-es`` y
``hunspell-en-us``. Sin ellos, estas pruebas se saltan en una máquina de desarrollo y fallan
en la integración continua (``.ci/run`` exporta ``REQUIRE_SPELLCHECK=1``).
"""

from __future__ import annotations

import functools
import os
import shutil
from importlib import resources
from pathlib import Path

import nbformat
import pytest
import yaml

from booktools import glossary, layout, myst, prose

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


@functools.cache
def _passages_of(page: str) -> tuple[prose.Passage, ...]:
    return tuple(prose.file_passages(layout.page_source(page), ROOT))


def passages_of(page: str) -> list[prose.Passage]:
    """La prosa de una página del libro (leída una vez por sesión: el libro no cambia durante
    las pruebas; las que inyectan errores trabajan sobre una copia)."""
    return list(_passages_of(page))


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
    assert "0.5" in maths
    assert "0.5" not in text
    assert not italic.strip()
    assert reading == text


def test_italic_is_kept_apart_and_lines_are_preserved():
    source = "La **exactitud** (*accuracy*) y\nel _dropout_ de la **cabeza\nclasificadora**."
    text, italic, _, reading = prose.split_markdown(source)
    for other in (text, italic, reading):
        assert other.count("\n") == source.count("\n")
    assert italic.split() == ["accuracy", "dropout"]
    assert "accuracy" not in text
    assert "exactitud" in text
    assert "cabeza" in text
    assert "**" not in text
    assert " ".join(reading.split()) == ("La exactitud (accuracy) y el dropout de la cabeza "
                                         "clasificadora.")


def test_text_directives_are_prose_and_code_directives_are_not():
    source = (":::{admonition} Una posible solución\n:class: dropdown\n\nTexto del desplegable.\n"
              ":::\n```{code-cell} python\nsecreto = 1\n```\n")
    text = prose.split_markdown(source)[0]
    assert "Una posible solución" in text
    assert "Texto del desplegable." in text
    assert "dropdown" not in text
    assert "secreto" not in text


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
    assert "$" not in passage.text
    assert "0.5" not in passage.text
    assert prose.check_typography([passage], "decimals") == []


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
    decimals = prose.check_typography([passage], "decimals")
    assert [f.where for f in decimals] == ["x.ipynb, celda 3, línea 11"]


def test_myst_syntax_that_is_not_read_is_not_prose():
    source = ("---\ntitle: Presentación\n---\n(intro)=\n% un comentario\n<!-- otro -->\n"
              "Hay {{ n_train }} imágenes&nbsp;y \\*asteriscos\\*.\n\n    codigo_indentado = 1\n\n"
              "<div>\nTexto <b>visible</b>\n</div>\n")
    text, italic, maths, _ = prose.split_markdown(source)
    assert [(n, w) for n, w in prose.words(text)] == [
        (7, "Hay"), (7, "imágenes"), (7, "y"), (7, "asteriscos"), (12, "Texto"), (12, "visible")]
    assert not italic.strip()
    assert not maths.strip()


def test_table_cells_are_separate_words():
    text = prose.split_markdown("| Capa | Salida |\n|---|---|\n| *Conv2D* | 26 |\n")[0]
    assert list(prose.words(text)) == [(1, "Capa"), (1, "Salida")]


def test_the_parser_has_the_myst_extensions_of_the_book():
    """Las extensiones de MyST son las que Jupyter Book activa por defecto: el libro no las
    cambia en _config.yml."""
    defaults = yaml.safe_load((resources.files("jupyter_book") / "default_config.yml")
                              .read_text(encoding="utf-8"))
    assert set(myst.MYST_EXTENSIONS) == set(defaults["parse"]["myst_enable_extensions"])
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
    """Ninguna entrada sobra: el diccionario no la conoce y el libro la usa. Los nombres de
    los autores citados (créditos y bibliografía) no cuentan para el límite."""
    own = [w for w, section in WORD_LIST.items() if section != "autores"]
    # 53: las 50 de los primeros nueve capítulos y las 3 de «¿Dónde mira la red?» (Grad-CAM y saliencia).
    assert len(own) <= 53, "la lista de palabras debe seguir siendo corta"
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
    assert not neurona.search("una red neuronal")
    assert not neurona.search("neuronas")
    split = glossary.phrase_pattern("capa escondida")
    assert split.search("una capa\n   escondida")
    assert not split.search("capa escondidas")


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
    findings = prose.check_typography(passages_of(page), "decimals")
    assert not findings, report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_spelling(hunspell, page):
    findings = prose.check_spelling(passages_of(page), ROOT)
    assert not findings, "palabras desconocidas:\n" + report(findings)


def test_spelling_of_the_glossary(hunspell):
    passages = prose.glossary_passages(ROOT)
    findings = prose.check_spelling(passages, ROOT) + prose.check_typography(passages, "decimals")
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


def add_markdown_cell(path: Path, source: str) -> int:
    """Añade al final del cuaderno una celda Markdown; devuelve su número (como nbval)."""
    notebook = nbformat.read(path, as_version=4)
    notebook.cells.append(nbformat.v4.new_markdown_cell(source))
    nbformat.write(notebook, path)
    return len(notebook.cells) - 1


def passages_in(root: Path, file: str) -> list[prose.Passage]:
    """La prosa de un solo archivo de la copia (los demás pueden estar a medio editar)."""
    return prose.file_passages(root / file, root)


def test_precision_for_accuracy_fails_with_its_location(book_copy):
    notebook = book_copy / "chapters" / "convnet_intro.ipynb"
    index = add_markdown_cell(notebook, "La red convolucional alcanza una precisión del 99 %.")
    findings = prose.check_terminology(passages_in(book_copy, "chapters/convnet_intro.ipynb"),
                                       book_copy)
    assert [str(f) for f in findings] == [
        f"chapters/convnet_intro.ipynb, celda {index}, línea 1: «precisión»: escribe "
        "«exactitud»; la precisión (*precision*) es otra métrica, la fracción de aciertos "
        "entre los ejemplos que se predicen de una clase; *accuracy* es «exactitud»."]


def test_discouraged_phrase_split_across_lines_in_a_page_is_found(book_copy):
    page = book_copy / "chapters" / "presentacion.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nUna red con una capa\nescondida.\n",
                    encoding="utf-8")
    findings = prose.check_terminology(passages_in(book_copy, "chapters/presentacion.md"),
                                       book_copy)
    lines = page.read_text(encoding="utf-8").count("\n")
    assert [(f.where, f.phrase) for f in findings] == [
        (f"chapters/presentacion.md, línea {lines - 1}", "capa\nescondida".replace("\n", " "))]


def test_english_citation_in_italics_is_allowed(book_copy):
    page = book_copy / "chapters" / "presentacion.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nNo es la *precisión* de Keras.\n",
                    encoding="utf-8")
    passages = passages_in(book_copy, "chapters/presentacion.md")
    assert prose.check_terminology(passages, book_copy) == []


def test_misspelling_fails_with_its_location(hunspell, book_copy):
    notebook = book_copy / "chapters" / "convolucion.ipynb"
    index = add_markdown_cell(notebook, "## Qué calcula una convolucion")
    findings = prose.check_spelling(passages_in(book_copy, "chapters/convolucion.ipynb"),
                                    book_copy)
    assert [(f.where, f.phrase) for f in findings] == [
        (f"chapters/convolucion.ipynb, celda {index}, línea 1", "convolucion")]


def test_anglicism_outside_italics_fails(hunspell, book_copy):
    notebook = book_copy / "chapters" / "red_densa.ipynb"
    index = add_markdown_cell(notebook, "Entrenamos la red\n5 epochs con *dropout*.")
    findings = prose.check_spelling(passages_in(book_copy, "chapters/red_densa.ipynb"),
                                    book_copy)
    assert [(f.where, f.phrase) for f in findings] == [
        (f"chapters/red_densa.ipynb, celda {index}, línea 2", "epochs")]


def test_point_as_decimal_separator_fails(book_copy):
    notebook = book_copy / "chapters" / "entrenamiento.ipynb"
    index = add_markdown_cell(notebook, "Una tasa de aprendizaje pequeña (0.01 para SGD).")
    passages = passages_in(book_copy, "chapters/entrenamiento.ipynb")
    findings = prose.check_typography(passages, "decimals")
    assert [(f.where, f.phrase) for f in findings] == [
        (f"chapters/entrenamiento.ipynb, celda {index}, línea 1", "0.01")]


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


# --------------------------------------------------------------------------------------
# La tipografía de la prosa: notación E, signo ×, cifras, cursiva y referencias
# --------------------------------------------------------------------------------------


def findings_in(check, source: str, *args) -> list[tuple[str, str]]:
    """Los hallazgos de ``check`` en un texto MyST, como celda 3 de un cuaderno."""
    passage = prose._passage("x.ipynb", 3, source)
    return [(f.where, f.phrase) for f in check([passage], *args)]


def test_typography_rules_are_named():
    """Un nombre de regla que no está en la tabla es un error, no una revisión vacía."""
    assert {rule.name for rule in prose.RULES} == {"decimals", "e_notation", "multiplication", "thousands",
                                                  "percent", "number_words"}
    with pytest.raises(ValueError, match="ninguna regla de tipografía «decimal»"):
        prose.check_typography([], "decimal")


def test_e_notation_in_prose_fails_with_its_location():
    source = ("La pérdida baja a 4,8e-07.\n\nLuego a 1e-3 y a\n2.5E+04 en otra\n"
              "escala.")
    passage = prose._passage("x.ipynb", 3, source)
    findings = prose.check_typography([passage], "e_notation")
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 3, línea 1", "4,8e-07"), ("x.ipynb, celda 3, línea 3", "1e-3"),
        ("x.ipynb, celda 3, línea 4", "2.5E+04")]
    assert "«4,8 · 10⁻⁷»" in findings[0].message
    assert "«10⁻³»" in findings[1].message
    assert "«2,5 · 10⁴»" in findings[2].message


def test_e_notation_in_code_maths_and_names_is_allowed():
    source = ("Con `tol=1e-3`, $x = 10^{-3}$, la capa conv1e3, la pérdida "
              "{glue:text}`loss` y 4,8 · 10⁻⁷.\n```python\nprint(4.8e-07)\n```")
    assert findings_in(prose.check_typography, source, "e_notation") == []


def test_the_letter_x_as_multiplication_sign_fails_with_its_location():
    source = ("Imágenes de 28x28 y núcleos de\n3×3; salida de 28 x 28 y de 3 × 3x32,"
              "\nventanas de 1,5 X 2.")
    passage = prose._passage("x.ipynb", 3, source)
    findings = prose.check_typography([passage], "multiplication")
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 3, línea 1", "28x28"), ("x.ipynb, celda 3, línea 2", "3×3"),
        ("x.ipynb, celda 3, línea 2", "28 x 28"), ("x.ipynb, celda 3, línea 2", "3 × 3x32"),
        ("x.ipynb, celda 3, línea 3", "1,5 X 2")]
    assert "«3 × 3 × 32»" in findings[3].message


def test_multiplication_sign_with_spaces_and_identifiers_are_allowed():
    source = ("Una salida de 26 × 26 × 32 y una ventana de 3 × 3\n× 32; `conv_3x3`, "
              "$3 \\times 3$, la capa conv2d_1x1, 0x1F, 2 x, x 3 y *28x28px*.")
    assert findings_in(prose.check_typography, source, "multiplication") == []


def test_ungrouped_thousands_fail_with_their_location():
    source = "Hay 60000 imágenes de entrenamiento\ny 1234567 parámetros (60,5 %)."
    passage = prose._passage("x.ipynb", 3, source)
    findings = prose.check_typography([passage], "thousands")
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 3, línea 1", "60000"), ("x.ipynb, celda 3, línea 2", "1234567")]
    assert "«60 000»" in findings[0].message
    assert "«1 234 567»" in findings[1].message


def test_grouped_thousands_four_digits_and_code_are_allowed():
    source = ("Hay 60 000 imágenes, 1000 de ellas de prueba, 0,12345 de pérdida, el año 1998, "
              "`seed=12345` y $10000$.")
    assert findings_in(prose.check_typography, source, "thousands") == []


def test_a_wrong_phrasing_that_contains_the_term_gives_its_reason(book_copy):
    page = book_copy / "chapters" / "glosario.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nLas imágenes son en escala\nde grises.\n",
                    encoding="utf-8")
    passages = passages_in(book_copy, "chapters/glosario.md")
    findings = prose.check_terminology(passages, book_copy)
    lines = page.read_text(encoding="utf-8").count("\n")
    assert [str(f) for f in findings] == [
        f"chapters/glosario.md, línea {lines - 1}: «son en escala de grises»: el curso dice «están en "
        "escala de grises» (con estar, como «están en color»)."]


def test_percent_sign_without_a_space_fails_with_its_location():
    source = "Una exactitud del 99%\ny un error del 0,79%."
    passage = prose._passage("x.ipynb", 3, source)
    findings = prose.check_typography([passage], "percent")
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 3, línea 1", "99%"), ("x.ipynb, celda 3, línea 2", "0,79%")]
    assert "«0,79 %»" in findings[1].message


def test_percent_sign_with_a_space_and_in_code_is_allowed():
    source = "Un 10 % y un 99,13\u00a0% del total; `f\"{x:.0%}\"` y $50\\%$."
    assert findings_in(prose.check_typography, source, "percent") == []


def test_numbers_from_ten_spelled_out_fail_with_their_location():
    source = ("Los primeros dieciséis dígitos,\ntreinta y dos filtros, las diez clases y dos "
              "mil\nimágenes.")
    passage = prose._passage("x.ipynb", 3, source)
    findings = prose.check_typography([passage], "number_words")
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 3, línea 1", "dieciséis"), ("x.ipynb, celda 3, línea 2", "treinta y dos"),
        ("x.ipynb, celda 3, línea 2", "diez"), ("x.ipynb, celda 3, línea 2", "dos mil")]
    assert [f.message.split("(")[1].split(")")[0] for f in findings] == ["16", "32", "10", "2000"]


def test_small_counts_sentence_starts_and_idioms_may_be_words():
    source = ("Dos capas, tres optimizadores y nueve dígitos. Dieciséis cuadrículas de 3 × 3.\n"
              "Se mide desde los años noventa, cien por cien, mil veces; 16 dígitos, unos 17 mil "
              "ejemplos, miles de imágenes, cientos de\npesos, las *once* capas, el 5 por ciento y "
              "potencias de diez.")
    assert findings_in(prose.check_typography, source, "number_words") == []


def test_italics_on_spanish_words_fail_with_their_location(hunspell):
    source = ("La *exactitud* sube\nen *estas imágenes concretas*, no *sobreajusta* y la\n"
              "*red convolucional* gana.")
    passage = prose._passage("x.ipynb", 3, source)
    findings = prose.check_italics([passage], ROOT)
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 3, línea 1", "exactitud"),
        ("x.ipynb, celda 3, línea 2", "estas imágenes concretas"),
        ("x.ipynb, celda 3, línea 2", "sobreajusta"),
        ("x.ipynb, celda 3, línea 3", "red convolucional")]
    assert "«exactitud» es un término español del glosario" in findings[0].message
    assert findings[1].message == ("la cursiva es solo para términos extranjeros; para "
                                   "destacar, usa negrita")
    assert "«sobreajuste» es un término español del glosario" in findings[2].message


def test_italics_for_english_terms_and_titles_are_allowed(hunspell):
    source = ("La **exactitud** (*accuracy*), el *max pooling*, los *logits*, los *strides*,\n"
              "el *error rate*, el *test*, la codificación *one-hot*, el *weight sharing*, "
              "el *pooling*, "
              "el libro *Deep Learning with Python* y el artículo *Aprendizaje profundo "
              "aplicado*.")
    assert findings_in(prose.check_italics, source, ROOT) == []


def test_italic_emphasis_in_a_page_of_the_book_fails(hunspell, book_copy):
    page = book_copy / "chapters" / "glosario.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nEsto es *muy* importante.\n",
                    encoding="utf-8")
    passages = passages_in(book_copy, "chapters/glosario.md")
    findings = prose.check_italics(passages, book_copy)
    lines = page.read_text(encoding="utf-8").count("\n")
    assert [(f.where, f.phrase) for f in findings] == [(f"chapters/glosario.md, línea {lines}",
                                                        "muy")]


def test_bare_chapter_reference_after_capitulo_fails_with_its_location():
    source = ("Como vimos en el capítulo {doc}`pooling`, y en los\ncapítulos {doc}`cabeza` y "
              "{doc}`aprendido`.")
    passage = prose._passage("x.ipynb", 3, source)
    findings = prose.check_references([passage])
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 3, línea 1", "capítulo {doc}`pooling`"),
        ("x.ipynb, celda 3, línea 2", "capítulo {doc}`cabeza`"),
        ("x.ipynb, celda 3, línea 2", "capítulo {doc}`aprendido`")]
    assert "<pooling>" in findings[0].message


def test_chapter_references_with_their_own_text_are_allowed():
    source = ("Como vimos en {doc}`el capítulo sobre el pooling <pooling>`.\n\n"
              "**Requisitos previos:** {doc}`convolucion`, {doc}`pooling`. La página "
              "{doc}`glosario`.")
    assert findings_in(prose.check_references, source) == []


@pytest.mark.parametrize("page", PAGES)
def test_no_e_notation_in_prose(page):
    findings = prose.check_typography(passages_of(page), "e_notation")
    assert not findings, report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_multiplication_sign(page):
    findings = prose.check_typography(passages_of(page), "multiplication")
    assert not findings, report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_thousands_separated_by_a_space(page):
    findings = prose.check_typography(passages_of(page), "thousands")
    assert not findings, report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_percent_sign_spacing(page):
    findings = prose.check_typography(passages_of(page), "percent")
    assert not findings, report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_quantities_in_figures(page):
    findings = prose.check_typography(passages_of(page), "number_words")
    assert not findings, report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_italics_only_for_foreign_terms(hunspell, page):
    findings = prose.check_italics(passages_of(page), ROOT)
    assert not findings, report(findings)


@pytest.mark.parametrize("page", PAGES)
def test_chapter_references_read_well(page):
    findings = prose.check_references(passages_of(page))
    assert not findings, report(findings)


def test_typography_of_the_glossary(hunspell):
    passages = prose.glossary_passages(ROOT)
    findings = (prose.check_typography(passages, "e_notation", "multiplication", "thousands", "percent",
                                       "number_words")
                + prose.check_italics(passages, ROOT))
    assert not findings, report(findings)


def test_glued_values_are_checked_like_prose(tmp_path):
    notebook = nbformat.v4.new_notebook()
    glue_cell = nbformat.v4.new_code_cell("glue('dif', formatting.scientific(x), display=False)")
    glue_cell.outputs = [nbformat.v4.new_output(
        "display_data", data={"application/papermill.record/text/plain": "'1,2e-07'"},
        metadata={"scrapbook": {"name": "dif", "mime_prefix": "application/papermill.record/"}})]
    big_cell = nbformat.v4.new_code_cell("glue('n', str(60000), display=False)")
    big_cell.outputs = [nbformat.v4.new_output(
        "display_data", data={"application/papermill.record/text/plain": "'60000'"},
        metadata={"scrapbook": {"name": "n", "mime_prefix": "application/papermill.record/"}})]
    notebook.cells = [glue_cell, big_cell, nbformat.v4.new_markdown_cell(
        "Las dos coinciden:\nla mayor diferencia es {glue:text}`dif`, con {glue:text}`n` "
        "imágenes.")]
    path = tmp_path / "x.ipynb"
    nbformat.write(notebook, path)
    passages = prose.file_passages(path, tmp_path)
    assert passages[0].glued == ((2, "dif", "1,2e-07"), (2, "n", "60000"))
    findings = prose.check_typography(passages, "e_notation", "thousands")
    assert [(f.where, f.phrase) for f in findings] == [
        ("x.ipynb, celda 2, línea 2", "1,2e-07"), ("x.ipynb, celda 2, línea 2", "60000")]
    assert findings[0].message.startswith("el valor pegado «dif»: ")


def test_quoted_titles_paths_and_codes_may_be_english(hunspell):
    source = ("El cuaderno «Introduction to\nconvnets», en "
              "[fchollet/deep-learning-with-python-notebooks](https://github.com/fchollet/x), "
              "la asignatura CS231n y la capa Conv2D.")
    assert findings_in(prose.check_spelling, source, ROOT) == []
    wrong = "La «convolucion» y la\n[convolucion con pesos](https://x.org/a)."
    assert sorted(findings_in(prose.check_spelling, wrong, ROOT)) == [
        ("x.ipynb, celda 3, línea 1", "convolucion"), ("x.ipynb, celda 3, línea 2", "convolucion")]


def test_titles_of_works_are_not_english_terms_to_define(hunspell):
    passage = prose._passage("x.md", None, "El libro *Deep Learning with Python* y el *padding*.")
    assert prose.foreign_words([passage]) == {"padding"}


def test_a_name_used_before_it_is_introduced_fails_with_its_location():
    used = prose._passage("a.ipynb", 2, "Como en\nel cuaderno original, entrenamos 5 épocas.")
    introduced = prose._passage("b.ipynb", 0, "Lo llamamos **el cuaderno original**.")
    findings = prose.check_introduced([used, introduced])
    assert [(f.where, f.phrase) for f in findings] == [
        ("a.ipynb, celda 2, línea 2", "cuaderno original")]
    assert prose.check_introduced([introduced, used]) == []


def test_the_original_notebook_is_introduced_before_it_is_used():
    findings = prose.check_introduced(prose.book_passages(ROOT))
    assert not findings, report(findings)

"""La edición del estudiante: sin soluciones, al día con su fuente y ejecutable de principio a fin."""

from __future__ import annotations

import re
from pathlib import Path

import nbformat
import pytest
from markdown_it import MarkdownIt
from nbformat.v4 import new_code_cell, new_markdown_cell, new_notebook, new_output

from booktools import editions, layout
from course_lib import exercises

ROOT = layout.ROOT
INSTRUCTOR = layout.notebooks()


def tiny_instructor_notebook() -> nbformat.NotebookNode:
    solution = new_code_cell("respuesta_1 = (14, 14, 16)", execution_count=3,
                             metadata={"tags": ["solucion", "hide-input"],
                                       "exercise": {"id": "convolucion-1", "answer": "respuesta_1"}})
    solution.outputs = [new_output("stream", text="algo\n")]
    return new_notebook(cells=[
        new_markdown_cell("**Ejercicio 1.** ¿Forma?"),
        solution,
        new_code_cell('exercises.check("convolucion-1", respuesta_1)', execution_count=4),
        new_markdown_cell(
            "Texto antes.\n\n:::{admonition} Solución\n:class: dropdown\n\n(14, 14, 16)\n:::\n\n"
            ":::{admonition} Pista\n:class: dropdown\n\nceil(n / s)\n:::"
        ),
        new_markdown_cell(":::{admonition} Una posible solución\n:class: dropdown\n\nsecreto\n:::"),
    ])


def test_solution_cells_become_placeholders():
    student = editions.student_notebook(tiny_instructor_notebook())
    cell = student.cells[1]
    assert cell.source == f"{exercises.PLACEHOLDER}\nrespuesta_1 = None"
    assert cell.outputs == []
    assert cell.execution_count is None
    assert "hide-input" not in cell.metadata["tags"]


def test_solution_dropdowns_are_removed_and_hints_kept():
    student = editions.student_notebook(tiny_instructor_notebook())
    text = "\n".join(c.source for c in student.cells if c.cell_type == "markdown")
    assert "Solución" not in text
    assert "secreto" not in text
    assert "(14, 14, 16)" not in text
    assert "Pista" in text
    assert "Texto antes." in text
    assert len(student.cells) == 4  # la celda que solo tenía la solución desaparece


def test_everything_else_is_identical():
    source = tiny_instructor_notebook()
    student = editions.student_notebook(source)
    assert student.cells[0] == source.cells[0]
    assert student.cells[2].source == source.cells[2].source
    assert source.cells[1].source == "respuesta_1 = (14, 14, 16)"  # la fuente no cambia


def test_hidden_cells_and_glue_stay_out_of_the_student_edition():
    """Las comprobaciones ocultas del libro y la importación de myst_nb no llegan al estudiante."""
    notebook = new_notebook(cells=[
        new_code_cell("import numpy as np\nfrom myst_nb import glue\n\nSEED = 0"),
        new_code_cell("x = np.ones(3)"),
        new_code_cell('assert x.sum() == 3\nglue("suma", "3", display=False)',
                      metadata={"tags": ["remove-cell"]}),
    ])
    student = editions.student_notebook(notebook)
    assert [c.source for c in student.cells] == ["import numpy as np\n\nSEED = 0", "x = np.ones(3)"]


def test_student_edition_says_the_glued_numbers_are_the_books():
    """Bajo el enlace de Colab, una nota: los números de la prosa son los de la ejecución del libro."""
    for path in INSTRUCTOR:
        student = editions.student_notebook(nbformat.read(path, as_version=4), path)
        tags = [c.metadata.get("tags", []) for c in student.cells]
        link = next(i for i, t in enumerate(tags) if editions.COLAB_TAG in t)
        assert editions.RUN_NOTE_TAG in tags[link + 1], path.name
        assert student.cells[link + 1].source == editions.RUN_NOTE
        assert sum(editions.RUN_NOTE_TAG in t for t in tags) == 1
    # Sin valores pegados, no hay nota.
    link = new_markdown_cell("[Abrir en Colab](x)", metadata={"tags": [editions.COLAB_TAG]})
    plain = new_notebook(cells=[new_markdown_cell("# T"), link])
    assert all(editions.RUN_NOTE_TAG not in c.metadata.get("tags", [])
               for c in editions.student_notebook(plain).cells)


def test_this_run_becomes_the_books_run_in_the_student_edition():
    """«En esta ejecución» con un número pegado habla, en la edición del estudiante, del libro."""
    # También partida entre dos líneas, como la deja el ancho de la fuente.
    cell = new_markdown_cell("En esta ejecución, 3; y de esta\nejecución, 4 (una ejecución cualquiera).")
    student = editions.student_notebook(new_notebook(cells=[cell]))
    assert student.cells[0].source == ("En la ejecución del libro, 3; y de la ejecución del libro, 4 "
                                       "(una ejecución cualquiera).")


def test_glue_outside_a_hidden_cell_is_rejected():
    notebook = new_notebook(cells=[new_code_cell('glue("suma", "3", display=False)')])
    with pytest.raises(ValueError, match="remove-cell"):
        editions.student_notebook(notebook)


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_student_edition_needs_only_the_course_library(path):
    """La edición del estudiante no importa myst_nb ni lleva las celdas ocultas del libro."""
    student = nbformat.read(layout.student_notebook(path), as_version=4)
    code = "\n".join(c.source for c in student.cells if c.cell_type == "code")
    assert "myst_nb" not in code
    assert "glue(" not in code
    assert not any(editions.is_hidden(c) for c in student.cells)


def test_solution_cell_without_metadata_is_rejected():
    notebook = new_notebook(cells=[new_code_cell("x = 1", metadata={"tags": ["solucion"]})])
    with pytest.raises(ValueError, match="exercise"):
        editions.student_notebook(notebook)


def test_every_chapter_has_at_least_two_checked_exercises():
    used = set()
    for path in INSTRUCTOR:
        cells = nbformat.read(path, as_version=4).cells
        solutions = [c for c in cells if editions.is_solution(c)]
        assert len(solutions) >= 2, f"{path.name}: menos de dos ejercicios con corrector"
        for cell in solutions:
            used.add(cell.metadata["exercise"]["id"])
            assert "hide-input" in cell.metadata["tags"], f"{path.name}: solución no plegada en el libro"
    assert used == set(exercises.exercise_ids()), "ejercicios registrados sin usar o usados sin registrar"


def test_committed_student_edition_is_up_to_date():
    assert editions.outdated() == [], "ejecuta «make student»"


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_student_notebook_contains_no_solution_code(path):
    instructor = nbformat.read(path, as_version=4)
    student = nbformat.read(layout.student_notebook(path), as_version=4)
    sources = [c.source for c in student.cells]
    for cell in instructor.cells:
        if not editions.is_solution(cell):
            continue
        answer = cell.metadata["exercise"]["answer"]
        assert not any(cell.source.strip() in source for source in sources), (
            f"{path.name}: la solución de {answer} aparece en la edición del estudiante"
        )
        assignments = [
            line for source in sources for line in source.splitlines()
            if re.match(rf"\s*{answer}\s*=", line)
        ]
        assert assignments == [f"{answer} = None"], f"{path.name}: {assignments}"
    markdown = "\n".join(c.source for c in student.cells if c.cell_type == "markdown")
    assert ":::{admonition} Solución" not in markdown


def test_instructor_notebooks_pass_their_own_checks():
    """En la edición del docente, cada corrección guardada dice «Correcto»."""
    for path in INSTRUCTOR:
        for cell in nbformat.read(path, as_version=4).cells:
            if cell.cell_type == "code" and "exercises.check(" in cell.source:
                text = "".join(o.get("text", "") for o in cell.outputs)
                assert text.startswith("✅ Correcto"), f"{path.name}: {text!r}"



# --------------------------------------------------------------------------------------
# La edición del estudiante es CommonMark: sin MyST (roles, directivas, metadatos de myst-nb)
# --------------------------------------------------------------------------------------

# Un rol de MyST que ha quedado tal cual: en CommonMark, «{nombre}» seguido de código.
_LEFTOVER_ROLE = re.compile(r"\{[A-Za-z0-9_+:-]+\}")


def myst_leftovers(markdown: str) -> list[str]:
    """Lo que queda de MyST en un texto leído como CommonMark (como lo leen Jupyter y Colab):
    roles (``{nombre}`...```), directivas (un bloque de código ````{nombre}`` o líneas
    ``:::``), destinos ``(nombre)=`` y comentarios ``%``."""
    found = []
    for token in MarkdownIt("commonmark").parse(markdown):
        if token.type == "fence" and token.info.strip().startswith("{"):
            found.append(f"directiva ```{token.info.strip()}")
        if token.type != "inline":
            continue
        children = token.children or []
        for index, child in enumerate(children):
            if child.type != "text":
                continue
            for match in _LEFTOVER_ROLE.finditer(child.content):
                after = child.content[match.end():]
                followed_by_code = not after and index + 1 < len(children) and \
                    children[index + 1].type == "code_inline"
                if after.startswith("`") or followed_by_code:
                    found.append(f"rol {match.group(0)}")
        for line in token.content.split("\n"):
            if line.lstrip().startswith(":::"):
                found.append(f"directiva {line.strip()}")
            elif re.fullmatch(r"\s*\([^()\s]+\)=\s*", line):
                found.append(f"destino {line.strip()}")
            elif line.startswith("%"):
                found.append(f"comentario {line.strip()}")
    return found


def notebook_leftovers(notebook: nbformat.NotebookNode, name: str) -> list[str]:
    """Los restos de MyST de cada celda Markdown de un cuaderno, con su lugar."""
    return [f"{name}, celda {index}: {leftover}"
            for index, cell in enumerate(notebook.cells) if cell.cell_type == "markdown"
            for leftover in myst_leftovers(cell.source)]


@pytest.mark.parametrize(("markdown", "expected"), [
    ("La red tiene {glue:text}`conv_parametros` parámetros.", ["rol {glue:text}"]),
    ("Véase {doc}`la presentación <presentacion>`.", ["rol {doc}"]),
    ("Texto.\n\n:::{admonition} Pista\n:class: dropdown\n\nAlgo.\n:::", ["directiva :::{admonition} Pista",
                                                                      "directiva :::"]),
    ("```{note}\nAlgo.\n```", ["directiva ```{note}"]),
    ("(sec-datos)=\n## Los datos", ["destino (sec-datos)="]),
    ("% un comentario de MyST\nTexto.", ["comentario % un comentario de MyST"]),
    # CommonMark y fórmulas: nada que señalar (tampoco el código que cita un rol).
    ("**Negrita**, `{glue:text}` en código, $\\mathbf{x}$ y\n\n$$\n\\frac{a}{b}\n$$\n\n> Una cita.", []),
    ("```python\n%matplotlib inline\nd = {1: 2}\n```\n\nEl 50 % de los casos.", []),
])
def test_myst_leftovers_finds_each_construct(markdown, expected):
    assert myst_leftovers(markdown) == expected


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_student_notebook_is_plain_markdown(path):
    """La edición del estudiante guardada no tiene MyST: Jupyter, VS Code y Colab la leen como
    CommonMark y mostrarían «{glue:text}`n_train`» tal cual."""
    student = nbformat.read(layout.student_notebook(path), as_version=4)
    assert notebook_leftovers(student, layout.student_notebook(path).name) == []


@pytest.mark.parametrize("path", INSTRUCTOR, ids=lambda p: p.name)
def test_generated_student_notebook_is_plain_markdown(path):
    """Lo mismo, sobre la edición recién generada desde el cuaderno del docente: cada
    construcción de MyST que usan los capítulos tiene traducción."""
    student = editions.student_notebook(nbformat.read(path, as_version=4), path)
    assert notebook_leftovers(student, path.name) == []
    figures = [c for c in nbformat.read(path, as_version=4).cells
               if c.get("metadata", {}).get("mystnb", {}).get("figure", {}).get("caption")
               and not editions.is_hidden(c) and not editions.is_solution(c)]
    captions = [c for c in student.cells if editions.CAPTION_TAG in c.metadata.get("tags", [])]
    assert len(captions) == len(figures)


@pytest.fixture
def book(tmp_path: Path) -> Path:
    """Un libro mínimo: un cuaderno y una página en chapters/."""
    chapters = tmp_path / "chapters"
    chapters.mkdir()
    nbformat.write(new_notebook(cells=[new_markdown_cell("# La convolución (`Conv2D`)\n\nTexto.")]),
                   chapters / "convolucion.ipynb")
    (chapters / "glosario.md").write_text("(glosario)=\n# Glosario\n\nTérminos.\n", encoding="utf-8")
    return tmp_path


def convert(book: Path, *cells: nbformat.NotebookNode) -> nbformat.NotebookNode:
    """La edición del estudiante de un cuaderno ``chapters/capitulo.ipynb`` del libro ``book``."""
    return editions.student_notebook(new_notebook(cells=list(cells)), book / "chapters" / "capitulo.ipynb",
                                     book)


def glue_cell(**values: str) -> nbformat.NotebookNode:
    """Una celda oculta que pega valores con glue, con las salidas que deja myst-nb."""
    cell = new_code_cell("\n".join(f'glue("{key}", ..., display=False)' for key in values),
                         metadata={"tags": ["remove-cell"]})
    prefix = "application/papermill.record/"
    cell.outputs = [new_output("display_data", data={f"{prefix}text/plain": repr(value)},
                               metadata={"scrapbook": {"name": key, "mime_prefix": prefix}})
                    for key, value in values.items()]
    return cell


def test_glued_values_are_pasted_as_the_book_shows_them(book):
    student = convert(
        book,
        glue_cell(conv_parametros="93\xa0322", exactitud="99,2\xa0%", coste="5 $ por *hora*"),
        new_markdown_cell("La red tiene {glue:text}`conv_parametros` parámetros y acierta el\n"
                          "- {glue:text}`exactitud` (`{glue:text}` en código no cambia) a\n"
                          "  {glue:text}`coste`."),
    )
    assert [c.source for c in student.cells] == [
        "La red tiene 93\xa0322 parámetros y acierta el\n- 99,2\xa0% (`{glue:text}` en código no cambia) a\n"
        "  5 \\$ por \\*hora\\*."
    ]


def test_glued_value_missing_from_the_outputs_is_an_error(book):
    with pytest.raises(editions.StudentEditionError, match=r"capitulo.ipynb, celda 1: .*«n_train»"):
        convert(book, glue_cell(n_test="10\xa0000"), new_markdown_cell("Hay {glue:text}`n_train` imágenes."))


GLOSSARY_URL = "https://redes-convolucionales.github.io/redes-convolucionales/chapters/glosario.html"


def test_doc_links_point_to_the_student_notebook_or_the_published_page(book):
    """Una página que no es un cuaderno se enlaza en el libro publicado: en Colab, la fuente
    ``.md`` no se vería (ni se abriría) como en el libro."""
    student = convert(book, new_markdown_cell(
        "Como en {doc}`convolucion`, en {doc}`el capítulo anterior <convolucion>` y en el\n"
        "{doc}`glosario`; véase la {doc}`lista de términos <glosario>`."))
    assert student.cells[0].source == (
        "Como en [La convolución (`Conv2D`)](convolucion.ipynb), en "
        f"[el capítulo anterior](convolucion.ipynb) y en el\n[Glosario]({GLOSSARY_URL}); "
        f"véase la [lista de términos]({GLOSSARY_URL})."
    )


def test_doc_link_to_a_missing_page_is_an_error(book):
    with pytest.raises(editions.StudentEditionError, match="no apunta a ninguna página"):
        convert(book, new_markdown_cell("Véase {doc}`no_existe`."))


def test_targets_disappear(book):
    student = convert(book, new_markdown_cell("(sec-datos)=\n## Los datos\n\nTexto.\n(otro)=\n"))
    assert student.cells[0].source == "## Los datos\n\nTexto."


def test_admonitions_become_blockquotes(book):
    student = convert(book, new_markdown_cell(
        "Antes.\n\n:::{admonition} Pista: {doc}`glosario`\n:class: dropdown\n\n"
        "Recuerda $\\lceil n/s \\rceil$.\n\n- uno\n- dos\n:::\n\n:::{important}\nLa idea.\n:::\n\n"
        ":::{important} Primera línea.\nSegunda.\n:::\n\n"
        "::::{admonition} Dos ideas\n:::{admonition} Una\n:class: dropdown\nAnidada.\n:::\n::::\nDespués."))
    assert student.cells[0].source == (
        f"Antes.\n\n> **Pista: [Glosario]({GLOSSARY_URL}).** Recuerda $\\lceil n/s \\rceil$.\n>\n"
        "> - uno\n> - dos\n\n> **Importante.** La idea.\n\n> **Importante.** Primera línea.\n> Segunda.\n\n"
        "> **Dos ideas.**\n>\n> > **Una.** Anidada.\n\nDespués."
    )


def test_figure_caption_from_cell_metadata_follows_the_figure(book):
    figure = new_code_cell("plotting.show_digits(x_train)", metadata={
        "mystnb": {"figure": {"caption": "Los primeros dígitos, con {glue:text}`n` clases.", "name": "fig-x"},
                   "image": {"alt": "Una cuadrícula de dígitos."}}})
    figure["id"] = "figura-1"
    student = convert(book, glue_cell(n="10"), figure, new_code_cell("x = 1"))
    assert [c.cell_type for c in student.cells] == ["code", "markdown", "code"]
    caption = student.cells[1]
    assert caption.source == "*Figura:* Los primeros dígitos, con 10 clases."
    assert caption.metadata["tags"] == [editions.CAPTION_TAG]
    assert caption["id"] == "figura-1-pie"
    assert convert(book, glue_cell(n="10"), figure).cells[1] == caption  # estable: no cambia al regenerar


@pytest.mark.parametrize(("markdown", "message"), [
    (":::{tableofcontents}\n:::", "la directiva :::{tableofcontents} no se traduce"),
    ("```{glue:figure} grafica\n```", "la directiva ```{glue:figure} grafica no se traduce"),
    ("```{note}\nUna nota.\n```", "la directiva ```{note} no se traduce"),
    (":::{figure} ../_static/esquema.png\n:alt: Un esquema.\n\nPie.\n:::", "la directiva :::{figure}"),
    ("```{math}\na^2\n```", "la directiva ```{math} no se traduce"),
    ("```{code-block} python\nx = 1\n```", "la directiva ```{code-block} python no se traduce"),
    (":::\ncódigo\n:::", "la directiva ::: no se traduce"),
    (":::{admonition} Pista\n:name: pista\nAlgo.\n:::", "la opción :name: de {admonition} no se traduce"),
    ("- Un punto:\n\n  :::{important}\n  Algo.\n  :::", "está dentro de una lista o una cita"),
    ("Véase {numref}`fig-x`.", "el rol {numref}`fig-x` no se traduce"),
    ("Véase {ref}`sec-datos`.", "el rol {ref}`sec-datos` no se traduce"),
    ("La {term}`convolución`.", "el rol {term}`convolución` no se traduce"),
    ("Con {math}`k_h` pesos.", "el rol {math}`k_h` no se traduce"),
    ("Con {glue}`n` imágenes.", "el rol {glue}`n` no se traduce"),
    ("La {glue:text}`n:.2f`.", "se traduce solo una clave, sin formato"),
    ("La {glue:text}`otro::n`.", "ni otro cuaderno"),
    ("![{glue:text}`n`](x.png)", "no se traduce un rol de MyST dentro de una imagen"),
    ("Una nota[^1].\n\n[^1]: Al pie.", "una nota al pie"),
    ("Hay {{ n }} imágenes.", "una sustitución"),
    ("% Nota para el docente.\nTexto.", "un comentario «%»"),
    ("Texto.\n\n+++\n\nMás.", "una separación «+++»"),
    ("$$\nE = mc^2\n$$ (energia)", "una fórmula con nombre"),
])
def test_unknown_myst_is_an_error(book, markdown, message):
    """Una construcción de MyST que no usan los capítulos no pasa en silencio a la edición del
    estudiante: un error en español dice cuál es."""
    where = r"capitulo\.ipynb, celda 1: .*"
    with pytest.raises(editions.StudentEditionError, match=where + re.escape(message)):
        convert(book, glue_cell(n="10"), new_markdown_cell(markdown))


def test_commonmark_and_maths_are_left_alone(book):
    text = ("## Título con `código`\n\n*Cursiva*, **negrita**, [un enlace](https://keras.io) y $x^2$.\n\n"
            "$$\n\\sum_i x_i\n$$\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n> Cita.\n\n```python\nd = {1: 2}\n```")
    assert convert(book, new_markdown_cell(text)).cells[0].source == text


# Que el cuaderno del estudiante se ejecuta de principio a fin, con cada ejercicio sin hacer
# «pendiente», lo comprueba tests/test_colab.py en un entorno como el de Colab (una sola vez).


def test_colab_link_and_install_cell_follow_the_config():
    """El enlace «Abrir en Colab» y la celda de instalación usan repository.url de _config.yml."""
    assert editions.main(["--check"]) == 0
    url = layout.repository_url()
    for path in INSTRUCTOR:
        cells = nbformat.read(path, as_version=4).cells
        install = [c for c in cells if editions.INSTALL_TAG in c.metadata.get("tags", [])]
        assert len(install) == 1
        assert f"git+{url}" in install[0].source
        assert 'if "google.colab" in sys.modules:' in install[0].source
        assert install[0].outputs == [], f"{path.name}: fuera de Colab la instalación no hace nada"

"""La lista de errores frecuentes de cada ejercicio alimenta la guía docente: la sección entre
las marcas de ``chapters/guia_docente.md`` es la que escribe ``booktools.misconceptions``."""

from __future__ import annotations

from pathlib import Path

import pytest

from booktools import misconceptions
from course_lib.exercises import _core as core


def test_the_guide_is_up_to_date() -> None:
    assert not misconceptions.outdated(), "ejecuta «python -m booktools.misconceptions»"


def test_the_check_mode_fails_on_an_outdated_guide(tmp_path: Path, monkeypatch: pytest.MonkeyPatch,
                                                   capsys: pytest.CaptureFixture[str]) -> None:
    guide = tmp_path / "guia_docente.md"
    guide.write_text(f"# Guía\n\n{misconceptions.START}\nviejo\n{misconceptions.END}\n\nDespués.\n",
                     encoding="utf-8")
    monkeypatch.setattr(misconceptions, "GUIDE", guide)
    monkeypatch.setattr(misconceptions, "ROOT", tmp_path)
    assert misconceptions.main(["--check"]) == 1
    assert misconceptions.main([]) == 0
    assert misconceptions.main(["--check"]) == 0
    text = guide.read_text(encoding="utf-8")
    assert text.startswith("# Guía\n\n")
    assert text.endswith(f"{misconceptions.END}\n\nDespués.\n")
    assert "viejo" not in text
    assert "no está al día" in capsys.readouterr().out


def test_every_exercise_and_misconception_is_in_the_guide() -> None:
    section = misconceptions.section()
    for exercise_id in core.exercise_ids():
        exercise = core.get(exercise_id)
        assert f"| `{exercise_id}` | `{exercise.variable} = " in section
        for misconception in exercise.misconceptions:
            assert f"| `{misconception.name}` |" in section, (exercise_id, misconception.name)
    for name in core.SHARED:
        assert f"| `{name}` |" in section


def test_a_table_row_survives_bars_and_placeholders() -> None:
    exercise = core.get("convnet_intro-1")
    layer = exercise.misconception("canales del pooling")
    assert "‹capa›" in misconceptions._message(exercise, layer)
    assert misconceptions._cell("a | b\n c") == "a \\| b c"
    assert misconceptions._code("usa `x`") == "``usa `x```"


@pytest.mark.parametrize("text", ["sin marcas", f"{misconceptions.END}\n{misconceptions.START}",
                                  f"{misconceptions.START}{misconceptions.START}{misconceptions.END}"])
def test_the_markers_must_be_there_once_and_in_order(text: str) -> None:
    with pytest.raises(ValueError, match="marca"):
        misconceptions.render(text)


def test_the_complete_checker_example_of_the_guide_works():
    """El corrector con tolerancia y contexto de la guía se puede copiar tal cual: se ejecuta en
    otro proceso (para no añadirlo al registro de estas pruebas) y se corrige con él."""
    import re
    import subprocess
    import sys

    guide = misconceptions.GUIDE.read_text(encoding="utf-8")
    match = re.search(r"<!-- ejemplo-corrector -->\n```python\n(.*?)\n```", guide, re.S)
    assert match, "la guía no tiene el ejemplo completo de corrector"
    checks = '''
from course_lib import exercises
from course_lib.exercises._core import evaluate
pred, y = [1, 2, 3, 4], [1, 2, 3, 0]
assert evaluate("mi_capitulo-1", 0.75, pred, y).ok
assert evaluate("mi_capitulo-1", 0.7504, pred, y).ok
assert evaluate("mi_capitulo-1", 75, pred, y).misconception == "en porcentaje"
assert evaluate("mi_capitulo-1", 0.25, pred, y).misconception == "la tasa de error"
assert evaluate("mi_capitulo-1", "hola", pred, y).status == "entrada no válida"
assert evaluate("mi_capitulo-1", 0.75).status == "entrada no válida"  # falta el contexto
assert not evaluate("mi_capitulo-1", 0.5, pred, y).ok
print("bien")
'''
    result = subprocess.run([sys.executable, "-c", match[1] + "\n" + checks], capture_output=True,
                            text=True, timeout=120)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.strip() == "bien"

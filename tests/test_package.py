"""El paquete que instala un estudiante: ``course_lib`` y nada más que Keras, NumPy y matplotlib.

Se crea un entorno virtual nuevo con solo TensorFlow (CPU), Keras, NumPy y matplotlib (las
versiones del lock), se instala el paquete con ``pip install`` y se importa cada uno de sus
módulos. Las herramientas del libro (``booktools/``) y sus dependencias (myst-nb, Sphinx,
PyYAML...) no deben hacer falta ni instalarse.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from booktools import layout

ROOT = layout.ROOT
RUNTIME = {"keras", "numpy", "matplotlib"}
BOOK_ONLY = ["yaml", "myst_nb", "sphinx", "nbformat", "jsonschema", "markdown_it", "booktools"]

pytestmark = pytest.mark.slow
# El intérprete del entorno y los paquetes antes y después de instalar course_lib.
Installed = tuple[Path, dict[str, str], dict[str, str]]


def _run(command: list[str], **kwargs: object) -> str:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)  # type: ignore[call-overload]
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-3000:]}\n{result.stderr[-3000:]}"
    return str(result.stdout)


def _freeze(python: Path) -> dict[str, str]:
    listed = json.loads(_run([str(python), "-m", "pip", "list", "--format=json",
                              "--disable-pip-version-check"]))
    return {item["name"].lower().replace("_", "-"): item["version"] for item in listed}


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, dict[str, str], dict[str, str]]:
    """Un entorno con solo las dependencias de ejecución y, después, ``course_lib``."""
    base = tmp_path_factory.mktemp("paquete")
    _run([sys.executable, "-m", "venv", str(base / "venv")])
    python = base / "venv" / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "-c", str(ROOT / "requirements-lock.txt"), "tensorflow-cpu", *sorted(RUNTIME)], timeout=900)
    before = _freeze(python)
    # Una copia de lo que forma el paquete, para no dejar build/ ni *.egg-info en el repositorio.
    source = base / "fuente"
    shutil.copytree(ROOT / "course_lib", source / "course_lib",
                    ignore=shutil.ignore_patterns("__pycache__"))
    for name in ("pyproject.toml", "README.md"):
        shutil.copy(ROOT / name, source / name)
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          str(source)], timeout=600)
    return python, before, _freeze(python)


def test_installing_adds_only_the_course_library(installed: Installed):
    """``pip install`` no instala, quita ni cambia ningún otro paquete."""
    _, before, after = installed
    assert set(after) - set(before) == {"course-lib"}
    assert {name: after.get(name) for name in before} == before


def test_metadata_lists_only_the_runtime_dependencies(installed: Installed):
    """Lo que ``pip show course-lib`` lista en «Requires»: keras, numpy y matplotlib."""
    python, _, _ = installed
    shown = _run([str(python), "-m", "pip", "show", "course-lib", "--disable-pip-version-check"])
    requires = next(line for line in shown.splitlines() if line.startswith("Requires:"))
    assert {name.strip() for name in requires.removeprefix("Requires:").split(",")} == RUNTIME


def test_every_module_imports_without_the_book_tooling(installed: Installed):
    """Cada módulo de course_lib se importa, y ninguno arrastra las herramientas del libro."""
    python, _, _ = installed
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import course_lib\n"
        "names = [m.name for m in pkgutil.walk_packages(course_lib.__path__, 'course_lib.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        f"print(json.dumps({{'file': course_lib.__file__, 'modules': names,"
        f" 'book': [m for m in {BOOK_ONLY!r} if m in sys.modules]}}))\n"
    )
    # Fuera del repositorio, para importar el paquete instalado y no el del checkout.
    result = json.loads(_run([str(python), "-c", code], cwd=python.parents[2],
                             env={"KERAS_BACKEND": "tensorflow", "TF_CPP_MIN_LOG_LEVEL": "3"}))
    assert "site-packages" in result["file"]
    expected = {f"course_lib.{p.stem}" for p in (ROOT / "course_lib").glob("*.py") if p.stem != "__init__"}
    expected |= {f"course_lib.{p.parent.name}" for p in (ROOT / "course_lib").glob("*/__init__.py")}
    assert expected <= set(result["modules"]), sorted(expected - set(result["modules"]))
    assert result["book"] == []

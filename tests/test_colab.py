"""Los capítulos, tal como los abre Colab: un entorno con solo lo que Colab trae.

Se crea un entorno virtual con TensorFlow, Keras, NumPy, matplotlib e ipykernel (las
versiones del lock), sin ``course_lib``. Un ``sitecustomize`` importa un módulo
``google.colab`` de mentira, como hace Colab al arrancar, y un ``git`` envoltorio redirige
al checkout local la dirección del repositorio: así la celda de instalación de cada
cuaderno se ejecuta de verdad, pero sin red. Después se ejecuta cada cuaderno de la edición
del estudiante (la que abre el botón de Colab) de principio a fin.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import textwrap
from pathlib import Path

import nbformat
import pytest

from booktools import editions, layout

ROOT = layout.ROOT
STUDENT_NOTEBOOKS = [layout.student_notebook(path) for path in layout.notebooks()]
COLAB_PACKAGES = ["tensorflow-cpu", "keras", "numpy", "matplotlib", "ipykernel"]

pytestmark = pytest.mark.colab


def _run(command: list[str], **kwargs) -> subprocess.CompletedProcess:
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


@pytest.fixture(scope="module")
def colab_kernel(tmp_path_factory):
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("hace falta un checkout de git para instalar desde él")
    base = tmp_path_factory.mktemp("colab")
    venv = base / "venv"
    _run([sys.executable, "-m", "venv", str(venv)])
    python = venv / "bin" / "python"
    _run([str(python), "-m", "pip", "install", "--quiet", "--disable-pip-version-check",
          "-c", str(ROOT / "requirements-lock.txt"), *COLAB_PACKAGES], timeout=900)
    missing = subprocess.run([str(python), "-c", "import course_lib"], capture_output=True, cwd=base)
    assert missing.returncode != 0, "el entorno «como Colab» no debe traer course_lib"

    fake = base / "colab_stub"
    (fake / "google" / "colab").mkdir(parents=True)  # «google» queda como paquete de espacio de nombres
    (fake / "google" / "colab" / "__init__.py").write_text('"""Colab de mentira para las pruebas."""\n')
    (fake / "sitecustomize.py").write_text("import google.colab  # como al arrancar Colab\n")

    bin_dir = base / "bin"
    bin_dir.mkdir()
    repository = layout.repository_url()
    git = bin_dir / "git"
    git.write_text(textwrap.dedent(f"""\
        #!/usr/bin/env bash
        # Redirige la dirección del repositorio del curso al checkout local.
        args=()
        for a in "$@"; do
          if [[ "$a" == "{repository}"* ]]; then args+=("{ROOT}"); else args+=("$a"); fi
        done
        exec {shutil.which("git")} "${{args[@]}}"
        """))
    git.chmod(0o755)

    kernels = base / "jupyter" / "kernels" / "colab"
    kernels.mkdir(parents=True)
    (kernels / "kernel.json").write_text(json.dumps({
        "argv": [str(python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
        "display_name": "Como Colab",
        "language": "python",
        "env": {
            "PYTHONPATH": str(fake),
            "PATH": f"{bin_dir}{os.pathsep}{os.environ.get('PATH', '')}",
        },
    }))
    return base / "jupyter"


def _venv_python(colab_kernel: Path) -> Path:
    return colab_kernel.parent / "venv" / "bin" / "python"


def _execute(notebook: nbformat.NotebookNode, colab_kernel: Path, directory: Path,
             monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    """Ejecuta un cuaderno en el núcleo «como Colab» y devuelve el cuaderno con sus salidas."""
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PATH", str(colab_kernel))
    NotebookClient(notebook, timeout=900, kernel_name="colab",
                   resources={"metadata": {"path": str(directory)}}).execute()
    return notebook


def _install_cell(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(c for c in notebook.cells if editions.INSTALL_TAG in c.metadata.get("tags", []))


@pytest.mark.parametrize("path", STUDENT_NOTEBOOKS, ids=lambda p: p.name)
def test_chapter_runs_in_a_colab_like_environment(colab_kernel, path, monkeypatch):
    notebook = _execute(nbformat.read(path, as_version=4), colab_kernel, path.parent, monkeypatch)
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors, f"{path.name}: {errors[0]['ename']}: {errors[0]['evalue']}"
    text = "".join(o.get("text", "") for o in _install_cell(notebook).outputs)
    assert "ERROR" not in text, f"{path.name}: la instalación en Colab falló:\n{text}"


def test_the_install_cell_installs_only_the_course_library(colab_kernel, monkeypatch):
    """La celda de instalación, sola, instala course_lib con sus módulos y nada del libro.

    No depende de que antes se hayan ejecutado los capítulos: ejecuta ella misma la celda.
    """
    path = STUDENT_NOTEBOOKS[0]
    cell = _install_cell(nbformat.read(path, as_version=4))
    _execute(nbformat.v4.new_notebook(cells=[cell]), colab_kernel, path.parent, monkeypatch)
    python = _venv_python(colab_kernel)
    code = ("import course_lib, importlib.util; print(course_lib.__file__); "
            "print(importlib.util.find_spec('myst_nb') is None)")
    result = _run([str(python), "-c", code], cwd=colab_kernel.parent)
    installed, no_myst = result.stdout.split()
    assert installed.startswith(str(colab_kernel.parent / "venv")), result.stdout
    assert no_myst == "True", "la instalación de course_lib no debe traer myst-nb"

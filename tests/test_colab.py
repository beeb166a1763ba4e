"""Los capítulos, tal como los abre Colab: un entorno con solo lo que Colab trae.

Se crea un entorno virtual con TensorFlow (CPU), Keras, NumPy, matplotlib e ipykernel, sin
``course_lib``. Un ``sitecustomize`` importa un módulo ``google.colab`` de mentira, como hace
Colab al arrancar, y un ``git`` envoltorio redirige la dirección del repositorio a una copia
del árbol de trabajo (lo que se subiría al repositorio): así la celda de instalación de cada
cuaderno se ejecuta de verdad, pero sin red. Después se ejecuta cada cuaderno de la edición
del estudiante (la que abre el botón de Colab) de principio a fin.

El mismo entorno sirve para probar el paquete que instala un estudiante (antes, otro entorno
con su propio TensorFlow): la celda de instalación, sola, añade ``course_lib`` y no cambia
nada más; sus dependencias son solo Keras, NumPy y matplotlib, y cada uno de sus módulos se
importa sin las herramientas del libro (``booktools/``, myst-nb, Sphinx, PyYAML...).

El entorno se crea de dos modos, siempre con ruedas (sin compilar nada, como lo que Colab
trae ya instalado):

- ``lock``: las versiones exactas de ``requirements-lock.txt`` (resueltas con Python 3.11).
  En otra versión de Python, la que no tenga rueda para ella se sustituye por la más
  reciente que permiten los rangos de ``pyproject.toml``, y el resumen final lo dice.
- ``latest``: las versiones más recientes que permiten los rangos de ``pyproject.toml``, sin
  el lock, para que una versión nueva de TensorFlow o Keras rompa esta prueba antes que el
  cuaderno de un estudiante. Llevan la marca ``colab_latest`` y solo se ejecutan con
  ``--colab-latest-all`` (``make test-latest``): la instalación y todos los capítulos. ``make
  test`` (la CI, con 25 minutos) no los ejecuta.
- ``oldest``: las versiones más antiguas que permiten los rangos de ``pyproject.toml`` (la última
  corrección de cada una: ``keras>=3.3`` instala la 3.3 más reciente), para que lo que el README
  dice que funciona siga funcionando. Llevan la marca ``colab_oldest`` y solo se ejecutan con
  ``--colab-oldest-all`` (``make test-oldest``, con Python 3.11).

Por omisión, con el Python que ejecuta pytest; con ``--colab-pythons "3.12 3.13"`` (o la
variable ``COLAB_PYTHONS``), con cada versión indicada, y con ``all``, con todas las que
permite ``requires-python`` y haya en la máquina.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import textwrap
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import nbformat
import pytest
from packaging.requirements import Requirement
from packaging.specifiers import SpecifierSet
from packaging.utils import canonicalize_name
from packaging.version import InvalidVersion, Version

from booktools import editions, execute_notebooks, layout

ROOT = layout.ROOT
LOCK_FILE = ROOT / "requirements-lock.txt"
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
STUDENT_NOTEBOOKS = [layout.student_notebook(path) for path in layout.notebooks()]

LOCK = "lock"
LATEST = "latest"
OLDEST = "oldest"
COURSE_PACKAGE = canonicalize_name(PYPROJECT["project"]["name"])
# Colab trae TensorFlow completo; aquí basta (y pesa menos) su versión para CPU, con el
# mismo rango que el extra «tensorflow» de pyproject.toml.
ENGINE_EXTRA = "tensorflow"
ENGINE_PACKAGES = {"tensorflow": "tensorflow-cpu"}
KERNEL_PACKAGE = "ipykernel"
PIP = ["-m", "pip", "--disable-pip-version-check"]
CURRENT_PYTHON = f"{sys.version_info.major}.{sys.version_info.minor}"
# Lo que instala course_lib (sus dependencias de ejecución) y lo que no debe arrastrar.
RUNTIME = {"keras", "numpy", "matplotlib"}
BOOK_ONLY = ["yaml", "myst_nb", "sphinx", "nbformat", "jsonschema", "markdown_it", "booktools"]

pytestmark = pytest.mark.colab


def _run(command: list[str], *, cwd: Path | None = None) -> subprocess.CompletedProcess[str]:
    result = subprocess.run(command, capture_output=True, text=True, cwd=cwd)
    assert result.returncode == 0, f"{' '.join(command)}\n{result.stdout[-2000:]}\n{result.stderr[-2000:]}"
    return result


# --- Qué se instala: los rangos de pyproject.toml y las versiones del lock -----------------


def colab_requirements() -> list[Requirement]:
    """Lo que trae Colab, con los rangos de ``pyproject.toml`` (no se repiten aquí).

    Las dependencias de ``course_lib``, el motor (el extra ``tensorflow``, en su versión
    para CPU) e ``ipykernel`` (del grupo ``dev``), que ejecuta los cuadernos.
    """
    project = PYPROJECT["project"]
    requirements = [Requirement(text) for text in project["dependencies"]]
    for text in project["optional-dependencies"][ENGINE_EXTRA]:
        engine = Requirement(text)
        engine.name = ENGINE_PACKAGES.get(canonicalize_name(engine.name), engine.name)
        requirements.append(engine)
    group = [Requirement(item) for item in PYPROJECT["dependency-groups"]["dev"] if isinstance(item, str)]
    requirements += [r for r in group if canonicalize_name(r.name) == KERNEL_PACKAGE]
    return requirements


def oldest_requirement(requirement: Requirement) -> str:
    """La versión más antigua que permite un rango, con su última corrección: ``keras>=3.3`` da
    ``keras==3.3.*``. Sin cota inferior, el rango tal cual."""
    lower = [Version(spec.version) for spec in requirement.specifier if spec.operator in (">=", "~=", "==")]
    if not lower:
        return str(requirement)
    release = min(lower).release
    return f"{requirement.name}=={release[0]}.{release[1] if len(release) > 1 else 0}.*"


def lock_pins() -> dict[str, str]:
    """Las versiones exactas del lock: nombre normalizado -> línea ``nombre==versión``."""
    pins: dict[str, str] = {}
    for line in LOCK_FILE.read_text(encoding="utf-8").splitlines():
        line = line.split("#", 1)[0].strip()
        if line:
            pins[canonicalize_name(Requirement(line).name)] = line
    return pins


# --- Con qué Python: las versiones de requires-python que haya en la máquina ----------------


def supported_pythons() -> list[str]:
    """Las versiones ``3.x`` que permite ``requires-python`` de ``pyproject.toml``."""
    allowed = SpecifierSet(PYPROJECT["project"]["requires-python"])
    return [f"3.{minor}" for minor in range(30) if allowed.contains(f"3.{minor}")]


def _python_version(executable: str | Path) -> str | None:
    """La versión ``3.x`` de un intérprete, o None si no arranca (un «shim» de pyenv sin esa versión)."""
    try:
        result = subprocess.run([str(executable), "-c", "import sys; print('%d.%d' % sys.version_info[:2])"],
                                capture_output=True, text=True, timeout=60)
    except (OSError, subprocess.TimeoutExpired):
        return None
    return result.stdout.strip() if result.returncode == 0 else None


def _release(path: Path) -> Version:
    try:
        return Version(path.parents[1].name)
    except InvalidVersion:
        return Version("0")


def find_python(version: str) -> Path | None:
    """Un intérprete de Python ``version`` (``3.12``): el actual, el del PATH o uno de pyenv."""
    if version == CURRENT_PYTHON:
        return Path(sys.executable)
    pyenv = Path(os.environ.get("PYENV_ROOT") or Path.home() / ".pyenv")
    installed = sorted(pyenv.glob(f"versions/{version}.*/bin/python{version}"), key=_release, reverse=True)
    for candidate in [shutil.which(f"python{version}"), *installed]:
        if candidate and _python_version(candidate) == version:
            return Path(candidate)
    return None


@dataclass(frozen=True)
class ColabSpec:
    """Un entorno como Colab: el modo (``lock``, ``latest`` u ``oldest``) y el intérprete."""

    mode: str
    python: str
    executable: Path

    @property
    def id(self) -> str:
        return f"{self.mode}-py{self.python}"


def _selected_pythons(config: pytest.Config) -> list[tuple[str, Path]]:
    requested = str(config.getoption("colab_pythons") or "").replace(",", " ").split()
    if not requested:
        return [(CURRENT_PYTHON, Path(sys.executable))]
    supported = supported_pythons()
    if requested in (["all"], ["todas"]):
        found = [(version, find_python(version)) for version in supported]
        return [(version, path) for version, path in found if path is not None]
    selected = []
    for version in requested:
        if version not in supported:
            raise pytest.UsageError(f"--colab-pythons: Python {version} no está en requires-python "
                                    f"({', '.join(supported)}).")
        path = find_python(version)
        if path is None:
            raise pytest.UsageError(f"--colab-pythons: no se encuentra Python {version} en esta máquina "
                                    f"(ni python{version} en el PATH ni en pyenv).")
        selected.append((version, path))
    return selected


_SPECS = pytest.StashKey[list[ColabSpec]]()


def _selected_specs(config: pytest.Config) -> list[ColabSpec]:
    """Los entornos pedidos: cada modo con cada Python (se buscan una sola vez por sesión)."""
    if _SPECS not in config.stash:
        pythons = _selected_pythons(config)
        # El modo «latest» solo con --colab-latest-all (make test-latest): la CI tiene 25 minutos.
        modes = (LOCK, LATEST) if config.getoption("colab_latest_all") else (LOCK,)
        if config.getoption("colab_oldest_all"):  # make test-oldest: solo las versiones más antiguas
            modes = (OLDEST,)
        config.stash[_SPECS] = [ColabSpec(mode, version, path) for mode in modes
                                for version, path in pythons]
    return config.stash[_SPECS]


def pytest_generate_tests(metafunc: pytest.Metafunc) -> None:
    """Cada prueba en cada entorno pedido («latest», solo con --colab-latest-all), con todos los capítulos."""
    if "spec" not in metafunc.fixturenames:
        return
    params = []
    for spec in _selected_specs(metafunc.config):
        marks = {LATEST: [pytest.mark.colab_latest], OLDEST: [pytest.mark.colab_oldest]}.get(spec.mode, [])
        if "path" not in metafunc.fixturenames:
            params.append(pytest.param(spec, marks=marks, id=spec.id))
            continue
        params += [pytest.param(spec, path, marks=marks, id=f"{spec.id}-{path.stem}")
                   for path in STUDENT_NOTEBOOKS]
    names = ["spec", "path"] if "path" in metafunc.fixturenames else ["spec"]
    metafunc.parametrize(names, params)


# --- El entorno ------------------------------------------------------------------------------


@dataclass
class ColabEnvironment:
    """Un entorno como Colab ya creado, con sus paquetes antes de ejecutar ningún cuaderno."""

    spec: ColabSpec
    base: Path
    before: dict[str, str]

    @property
    def python(self) -> Path:
        return self.base / "venv" / "bin" / "python"

    @property
    def jupyter_path(self) -> Path:
        return self.base / "jupyter"


def installed_packages(python: Path) -> dict[str, str]:
    """Los paquetes de un entorno (``pip list``): nombre normalizado -> versión."""
    listed = json.loads(_run([str(python), *PIP, "list", "--format=json"]).stdout)
    return {canonicalize_name(item["name"]): item["version"] for item in listed}


_MISSING = re.compile(r"(?:No matching distribution found for|Could not find a version that satisfies "
                      r"the requirement) ([A-Za-z0-9._-]+)")
_CONFLICT = re.compile(r"The user requested \(constraint\) ([A-Za-z0-9._-]+)")


def install_colab_packages(python: Path, mode: str, workdir: Path) -> dict[str, str]:
    """Instala lo que trae Colab (solo ruedas); devuelve las versiones del lock que no se usaron.

    En modo ``lock``, con las versiones del lock como restricciones. Si una no tiene rueda
    para este Python (o choca con otra que se tuvo que cambiar), se quita esa restricción y
    pip elige la más reciente que permiten los rangos de ``pyproject.toml``.
    """
    if mode == OLDEST:  # lo más antiguo de lo que usan los capítulos; el núcleo de Jupyter no es del curso
        requirements = [str(r) if canonicalize_name(r.name) == KERNEL_PACKAGE else oldest_requirement(r)
                        for r in colab_requirements()]
    else:
        requirements = [str(r) for r in colab_requirements()]
    pins = lock_pins() if mode == LOCK else {}
    dropped: dict[str, str] = {}
    while True:
        # Sin --quiet: pip solo explica un conflicto («The user requested (constraint)...») sin él.
        command = [str(python), *PIP, "install", "--only-binary=:all:", *requirements]
        if mode == LOCK:
            constraints = workdir / "restricciones.txt"
            constraints.write_text("\n".join(pins.values()) + "\n", encoding="utf-8")
            command += ["-c", str(constraints)]
        result = subprocess.run(command, capture_output=True, text=True, timeout=1200)
        if result.returncode == 0:
            break
        output = result.stdout + result.stderr
        culprits = {canonicalize_name(name) for name in _MISSING.findall(output) + _CONFLICT.findall(output)}
        culprits &= pins.keys()
        assert culprits, f"No se pudo crear el entorno como Colab ({mode}):\n{output[-3000:]}"
        dropped |= {name: pins.pop(name) for name in culprits}
    return dropped


def snapshot_repository(destination: Path) -> None:
    """Copia el árbol de trabajo (lo versionado y lo nuevo no ignorado) en un repositorio git propio.

    Así se instala lo que se va a subir, aunque aún no esté en un commit, sin tocar el
    repositorio de verdad.
    """
    listed = _run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT).stdout
    for name in filter(None, listed.split("\0")):
        source = ROOT / name
        if source.is_file():
            target = destination / name
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, target)
    git = ["git", "-C", str(destination), "-c", "user.name=Pruebas",
           "-c", "user.email=pruebas@example.invalid", "-c", "commit.gpgsign=false"]
    _run([*git, "init", "--quiet", "--initial-branch", layout.repository_branch()])
    _run([*git, "add", "--all"])
    _run([*git, "commit", "--quiet", "--no-verify", "--message", "Árbol de trabajo"])


@pytest.fixture(scope="module")
def colab_shared(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Lo común a todos los entornos: el Colab de mentira y el ``git`` que redirige al repositorio."""
    if not (ROOT / ".git").exists() or shutil.which("git") is None:
        pytest.skip("hace falta un checkout de git para instalar desde él")
    base = tmp_path_factory.mktemp("colab")
    fake = base / "colab_stub"
    (fake / "google" / "colab").mkdir(parents=True)  # «google» queda como paquete de espacio de nombres
    (fake / "google" / "colab" / "__init__.py").write_text('"""Colab de mentira para las pruebas."""\n')
    (fake / "sitecustomize.py").write_text("import google.colab  # como al arrancar Colab\n")

    repository = base / "repositorio"
    snapshot_repository(repository)
    bin_dir = base / "bin"
    bin_dir.mkdir()
    url = layout.repository_url()
    git = bin_dir / "git"
    git.write_text(textwrap.dedent(f"""\
        #!/usr/bin/env bash
        # Redirige la dirección del repositorio del curso a la copia del árbol de trabajo.
        args=()
        for a in "$@"; do
          if [[ "$a" == "{url}"* ]]; then args+=("{repository}"); else args+=("$a"); fi
        done
        exec {shutil.which("git")} "${{args[@]}}"
        """))
    git.chmod(0o755)
    return base


@pytest.fixture(scope="module")
def colab_environment(colab_shared: Path, colab_summary: list[str],
                      tmp_path_factory: pytest.TempPathFactory) -> Callable[[ColabSpec], ColabEnvironment]:
    """Crea cada entorno la primera vez que una prueba lo pide (uno por modo y versión de Python)."""
    created: dict[ColabSpec, ColabEnvironment] = {}
    failed: set[ColabSpec] = set()

    def get(spec: ColabSpec) -> ColabEnvironment:
        if spec in failed:
            pytest.fail(f"el entorno {spec.id} no se pudo crear: el error, en la primera prueba que lo pidió")
        if spec not in created:
            try:
                created[spec] = create(spec)
            except BaseException:
                failed.add(spec)
                raise
        return created[spec]

    def create(spec: ColabSpec) -> ColabEnvironment:
        base = tmp_path_factory.mktemp(f"colab-{spec.id}")
        environment = ColabEnvironment(spec, base, {})
        _run([str(spec.executable), "-m", "venv", str(base / "venv")])
        dropped = install_colab_packages(environment.python, spec.mode, base)
        missing = subprocess.run([str(environment.python), "-c", "import course_lib"],
                                 capture_output=True, cwd=base)
        assert missing.returncode != 0, "el entorno «como Colab» no debe traer course_lib"
        environment.before = installed_packages(environment.python)

        kernels = environment.jupyter_path / "kernels" / "colab"
        kernels.mkdir(parents=True)
        (kernels / "kernel.json").write_text(json.dumps({
            "argv": [str(environment.python), "-m", "ipykernel_launcher", "-f", "{connection_file}"],
            "display_name": "Como Colab",
            "language": "python",
            # El resto de variables (MNIST_PATH, COURSE_CACHE_DIR...) las hereda de pytest.
            "env": {
                "PYTHONPATH": str(colab_shared / "colab_stub"),
                "PATH": f"{colab_shared / 'bin'}{os.pathsep}{os.environ.get('PATH', '')}",
            },
        }))
        release = _run([str(environment.python), "-c", "import platform; print(platform.python_version())"])
        packages = [f"{r.name} {environment.before.get(canonicalize_name(r.name), '?')}"
                    for r in colab_requirements()]
        lines = [f"Python {release.stdout.strip()}: {', '.join(packages)}"]
        if dropped:
            replaced = [f"{pin} → {environment.before.get(name, '?')}"
                        for name, pin in sorted(dropped.items())]
            lines.append(f"sin rueda del lock para este Python (o en conflicto con una que no la tiene): "
                         f"{', '.join(replaced)}, la más reciente que permiten los rangos de pyproject.toml")
        if spec.mode == OLDEST:
            lines.append("las versiones más antiguas que permiten los rangos de pyproject.toml: "
                         + ", ".join(oldest_requirement(r) for r in colab_requirements()
                                     if canonicalize_name(r.name) != KERNEL_PACKAGE))
        if spec.mode == LATEST:
            locked = {name: Version(pin.split("==", 1)[1]) for name, pin in lock_pins().items()}
            newer = [f"{name} {locked[name]} → {version}"
                     for name, version in sorted(environment.before.items())
                     if name in locked and Version(version) > locked[name]]
            lines.append(f"más recientes que en el lock: {', '.join(newer) or 'ninguno'}")
        colab_summary.extend(f"{spec.id}: {line}" for line in lines)
        return environment

    return get


# --- Las pruebas -----------------------------------------------------------------------------


def _execute(notebook: nbformat.NotebookNode, environment: ColabEnvironment, directory: Path,
             monkeypatch: pytest.MonkeyPatch) -> nbformat.NotebookNode:
    """Ejecuta un cuaderno en el núcleo «como Colab» y devuelve el cuaderno con sus salidas."""
    from nbclient import NotebookClient

    monkeypatch.setenv("JUPYTER_PATH", str(environment.jupyter_path))
    NotebookClient(notebook, timeout=900, kernel_name="colab",
                   resources={"metadata": {"path": str(directory)}}).execute()
    return notebook


def _install_cell(notebook: nbformat.NotebookNode) -> nbformat.NotebookNode:
    return next(c for c in notebook.cells if editions.INSTALL_TAG in c.metadata.get("tags", []))


def _cell_text(cell: nbformat.NotebookNode) -> str:
    return "".join(o.get("text", "") for o in cell.outputs)


def package_changes(before: dict[str, str], after: dict[str, str]) -> list[str]:
    """Lo que cambió entre dos ``pip list`` (salvo la biblioteca del curso), en palabras."""
    changes = [f"{name} {before[name]} → {after[name]}" for name in sorted(before.keys() & after.keys())
               if before[name] != after[name]]
    changes += [f"{name} {after[name]} (añadido)" for name in sorted(after.keys() - before.keys())
                if name != COURSE_PACKAGE]
    changes += [f"{name} {before[name]} (quitado)" for name in sorted(before.keys() - after.keys())]
    return changes


@dataclass
class InstallCellRun:
    """Lo que dejó la celda de instalación, ejecutada sola en un entorno recién creado."""

    environment: ColabEnvironment
    after: dict[str, str]
    output: str


_INSTALLED: dict[ColabSpec, InstallCellRun] = {}


def run_install_cell(spec: ColabSpec, colab_environment: Callable[[ColabSpec], ColabEnvironment],
                     monkeypatch: pytest.MonkeyPatch) -> InstallCellRun:
    """Ejecuta la celda de instalación sola, una vez por entorno, y anota los paquetes de después.

    No depende de que antes se hayan ejecutado los capítulos: compara con los paquetes del
    entorno recién creado.
    """
    if spec not in _INSTALLED:
        environment = colab_environment(spec)
        path = STUDENT_NOTEBOOKS[0]
        cell = _install_cell(nbformat.read(path, as_version=4))
        notebook = _execute(nbformat.v4.new_notebook(cells=[cell]), environment, path.parent, monkeypatch)
        _INSTALLED[spec] = InstallCellRun(environment, installed_packages(environment.python),
                                          _cell_text(notebook.cells[0]))
    return _INSTALLED[spec]


def test_the_install_cell_installs_only_the_course_library(
        spec: ColabSpec, colab_environment: Callable[[ColabSpec], ColabEnvironment],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """La celda de instalación, sola, instala course_lib y no cambia nada de lo que trae Colab."""
    run = run_install_cell(spec, colab_environment, monkeypatch)
    assert COURSE_PACKAGE in run.after, f"la celda de instalación no instaló {COURSE_PACKAGE}:\n{run.output}"
    changes = package_changes(run.environment.before, run.after)
    assert not changes, "instalar el curso en Colab cambia paquetes que Colab ya trae: " + "; ".join(changes)


def test_the_package_requires_only_keras_numpy_and_matplotlib(
        spec: ColabSpec, colab_environment: Callable[[ColabSpec], ColabEnvironment],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Lo que ``pip show course-lib`` lista en «Requires»: keras, numpy y matplotlib."""
    run = run_install_cell(spec, colab_environment, monkeypatch)
    shown = _run([str(run.environment.python), *PIP, "show", COURSE_PACKAGE]).stdout
    requires = next(line for line in shown.splitlines() if line.startswith("Requires:"))
    assert {name.strip() for name in requires.removeprefix("Requires:").split(",")} == RUNTIME


def test_every_module_imports_without_the_book_tooling(
        spec: ColabSpec, colab_environment: Callable[[ColabSpec], ColabEnvironment],
        monkeypatch: pytest.MonkeyPatch) -> None:
    """Cada módulo de course_lib instalado (no el del checkout) se importa sin las herramientas del libro."""
    run = run_install_cell(spec, colab_environment, monkeypatch)
    code = (
        "import importlib, json, pkgutil, sys\n"
        "import course_lib\n"
        "names = [m.name for m in pkgutil.walk_packages(course_lib.__path__, 'course_lib.')]\n"
        "for name in names:\n"
        "    importlib.import_module(name)\n"
        "print(json.dumps({'file': course_lib.__file__, 'modules': names,"
        f" 'book': [m for m in {BOOK_ONLY!r} if m in sys.modules],"
        " 'myst': importlib.util.find_spec('myst_nb') is not None}))\n"
    )
    # Fuera del repositorio, para importar el paquete instalado y no el del checkout.
    result = json.loads(_run([str(run.environment.python), "-c", code], cwd=run.environment.base).stdout)
    assert result["file"].startswith(str(run.environment.base / "venv")), result["file"]
    expected = {f"course_lib.{p.stem}" for p in (ROOT / "course_lib").glob("*.py") if p.stem != "__init__"}
    expected |= {f"course_lib.{p.parent.name}" for p in (ROOT / "course_lib").glob("*/__init__.py")}
    assert expected <= set(result["modules"]), sorted(expected - set(result["modules"]))
    assert result["book"] == [], "importar course_lib arrastra herramientas del libro"
    assert not result["myst"], "la instalación de course_lib no debe traer myst-nb"


def test_chapter_runs_in_a_colab_like_environment(
        spec: ColabSpec, path: Path, colab_environment: Callable[[ColabSpec], ColabEnvironment],
        monkeypatch: pytest.MonkeyPatch) -> None:
    environment = colab_environment(spec)
    notebook = _execute(nbformat.read(path, as_version=4), environment, path.parent, monkeypatch)
    errors = [o for c in notebook.cells if c.cell_type == "code" for o in c.outputs
              if o.output_type == "error"]
    assert not errors, f"{path.name} ({spec.id}): {errors[0]['ename']}: {errors[0]['evalue']}"
    text = _cell_text(_install_cell(notebook))
    assert "ERROR" not in text, f"{path.name} ({spec.id}): la instalación en Colab falló:\n{text}"
    # La celda de preparación solo enseña las líneas de registro de C++ que su comentario explica
    # (el aviso de oneDNN en CPU; en Colab con GPU, el de cuDNN).
    setup = next(c for c in notebook.cells if c.cell_type == "code" and "import keras" in c.source)
    logs = execute_notebooks.CPP_LOG.findall(_cell_text(setup))
    unexplained = [line for line in logs if not any(
        phrase in line and phrase in setup.source
        for phrase in ["oneDNN custom operations are on", "Unable to register cuDNN factory"])]
    assert not unexplained, (
        f"{path.name} ({spec.id}): la preparación imprime registros de C++ sin explicar: {unexplained[:3]}")
    # Sin soluciones, cada ejercicio sin hacer dice «pendiente» (y no falla ni da la solución).
    checks = [c for c in notebook.cells if c.cell_type == "code" and "exercises.check(" in c.source]
    assert checks, f"{path.name}: sin celdas de corrección de ejercicios"
    for cell in checks:
        output = _cell_text(cell)
        assert output.startswith("⏳ Pendiente"), f"{path.name} ({spec.id}): {output}"

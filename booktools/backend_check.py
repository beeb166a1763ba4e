"""Los capítulos con otro motor de Keras (JAX, PyTorch) o en otra máquina (una GPU), con nbval.

La CI ejecuta los cuadernos con TensorFlow en la CPU (el motor de referencia: las salidas
guardadas son las suyas). Esta orden los vuelve a ejecutar con nbval estricto, salidas y
aserciones ocultas incluidas, con cada motor pedido, y resume por capítulo cuántas celdas
pasan, cuáles fallan y cuánto tarda. Es la comprobación de la GPU: allí no hay TensorFlow
ni internet, así que se lleva lo necesario en ruedas (``make device-wheels``).

Uso::

    python -m booktools.backend_check --backends jax torch --out resultados/
    python -m booktools.backend_check --backends jax --chapters chapters/pooling.ipynb

Necesita ``MNIST_PATH`` (o acceso a internet para que Keras descargue MNIST). Escribe en
``--out`` un informe JUnit por capítulo y motor y ``resumen.json``; termina con error si
alguna celda falla.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import time
import xml.etree.ElementTree as ElementTree
from dataclasses import asdict, dataclass, field
from pathlib import Path

from booktools import layout

SANITIZE = layout.ROOT / "tests" / "nbval_sanitize.cfg"


@dataclass
class ChapterResult:
    """Lo que nbval dice de un capítulo con un motor."""

    backend: str
    chapter: str
    passed: int = 0
    failed: list[str] = field(default_factory=list)
    skipped: int = 0
    seconds: float = 0.0

    @property
    def ok(self) -> bool:
        return not self.failed and self.passed > 0


def read_junit(path: Path) -> tuple[int, list[str], int]:
    """Celdas que pasan, celdas que fallan (con su primera línea de error) y saltadas."""
    if not path.is_file():
        return 0, ["nbval no produjo ningún informe (¿el núcleo no arrancó?)"], 0
    passed, failed, skipped = 0, [], 0
    for case in ElementTree.parse(path).getroot().iter("testcase"):
        problem = case.find("failure")
        if problem is None:
            problem = case.find("error")
        if problem is not None:
            message = (problem.get("message") or problem.text or "").strip().splitlines()
            failed.append(f"{case.get('name')}: {message[0][:200] if message else 'error'}")
        elif case.find("skipped") is not None:
            skipped += 1
        else:
            passed += 1
    return passed, failed, skipped


def check_chapter(notebook: Path, backend: str, out: Path, timeout: int) -> ChapterResult:
    """Ejecuta un capítulo con nbval estricto y el motor ``backend``."""
    report = out / backend / f"{notebook.stem}.xml"
    report.parent.mkdir(parents=True, exist_ok=True)
    env = {**os.environ, "KERAS_BACKEND": backend}
    command = [
        sys.executable, "-m", "pytest", str(notebook), "-p", "no:cacheprovider", "-o", "addopts=",
        "--nbval", "--nbval-current-env", f"--nbval-sanitize-with={SANITIZE}",
        f"--nbval-cell-timeout={timeout}", f"--junitxml={report}", "-q",
    ]
    start = time.perf_counter()
    subprocess.run(command, cwd=layout.ROOT, env=env, capture_output=True, text=True, check=False)
    seconds = time.perf_counter() - start
    passed, failed, skipped = read_junit(report)
    return ChapterResult(backend, notebook.stem, passed, failed, skipped, round(seconds, 1))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Ejecuta los capítulos con otros motores de Keras.")
    parser.add_argument("--backends", nargs="+", default=["jax", "torch"],
                        choices=["tensorflow", "jax", "torch"])
    parser.add_argument("--chapters", nargs="*", type=Path, default=None,
                        help="cuadernos del docente (por omisión, todos los del libro)")
    parser.add_argument("--out", type=Path, default=layout.ROOT / "_build" / "motores")
    parser.add_argument("--timeout", type=int, default=900, help="segundos por celda")
    args = parser.parse_args(argv)
    chapters = [path.resolve() for path in args.chapters] if args.chapters else layout.notebooks()
    args.out.mkdir(parents=True, exist_ok=True)
    results = []
    for backend in args.backends:
        for notebook in chapters:
            result = check_chapter(notebook, backend, args.out, args.timeout)
            results.append(result)
            verdict = "bien" if result.ok else f"{len(result.failed)} celdas fallan"
            print(f"{backend:<11}{result.chapter:<15}{result.passed:>4} celdas pasan  "
                  f"{result.seconds:>7.1f} s  {verdict}", flush=True)
            for failure in result.failed:
                print(f"{'':<11}  ✗ {failure}", flush=True)
    summary = [{**asdict(r), "ok": r.ok} for r in results]
    (args.out / "resumen.json").write_text(json.dumps(summary, ensure_ascii=False, indent=1),
                                           encoding="utf-8")
    for backend in args.backends:
        mine = [r for r in results if r.backend == backend]
        print(f"{backend}: {sum(r.passed for r in mine)} celdas pasan, "
              f"{sum(len(r.failed) for r in mine)} fallan, {sum(r.seconds for r in mine):.0f} s en total")
    return 0 if all(r.ok for r in results) else 1


if __name__ == "__main__":
    sys.exit(main())

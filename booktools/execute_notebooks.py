"""Vuelve a ejecutar los cuadernos del libro desde cero y guarda sus salidas.

Uso (lo llama «make notebooks»): ``python -m booktools.execute_notebooks [cuaderno.ipynb ...]``.
Sin argumentos ejecuta todos los cuadernos de ``_toc.yml``, en su orden, con una caché de
modelos vacía (salvo que ``COURSE_CACHE_DIR`` ya esté definida), como un estudiante que
empieza. No guarda marcas de tiempo en los metadatos, para que los cambios sean legibles.
"""

from __future__ import annotations

import os
import re
import sys
import tempfile
import time
from pathlib import Path

import nbformat
from nbclient import NotebookClient

from booktools import layout


def coalesce_streams(cell: nbformat.NotebookNode) -> None:
    """Une las salidas de texto seguidas del mismo flujo (stdout o stderr) en una sola.

    El núcleo puede partir lo que escribe un ``print`` en dos mensajes; el libro mostraría
    entonces una línea partida en dos bloques.
    """
    merged: list[nbformat.NotebookNode] = []
    for output in cell.get("outputs", []):
        previous = merged[-1] if merged else None
        if (output.output_type == "stream" and previous is not None
                and previous.output_type == "stream" and previous.name == output.name):
            previous.text += output.text
        else:
            merged.append(output)
    if "outputs" in cell:
        cell.outputs = merged


# Las líneas que TensorFlow escribe al arrancar, antes de que su registro se configure (la
# preparación de cada capítulo las explica): «WARNING: All log messages before absl::…» y
# «I0000 00:00:… port.cc:153] oneDNN custom operations are on…». Cambian en cada ejecución
# (hora, proceso) y dependen de la máquina: no se guardan en el libro.
CPP_LOG_LINE = r"[EWIF]\d{4} [\d:. ]+\S+\.(?:cc|h):\d+\].*"
"""Una línea de registro de C++ de TensorFlow o de absl: «E0000 00:00:… cuda_dnn.cc:8579] …»."""
CPP_LOG = re.compile(f"^{CPP_LOG_LINE}$", re.MULTILINE)
STARTUP_LOG = re.compile(
    r"^(?:WARNING: All log messages before absl::InitializeLog\(\) is called are written to STDERR"
    f"|{CPP_LOG_LINE})\n?",
    re.MULTILINE,
)


def drop_startup_log(cell: nbformat.NotebookNode) -> None:
    """Quita de las salidas de error las líneas de arranque de TensorFlow (y las salidas vacías)."""
    outputs = []
    for output in cell.get("outputs", []):
        if output.output_type == "stream" and output.name == "stderr":
            output.text = STARTUP_LOG.sub("", output.text)
            if not output.text:
                continue
        outputs.append(output)
    if "outputs" in cell:
        cell.outputs = outputs


def execute(path: Path) -> float:
    notebook = nbformat.read(path, as_version=4)
    client = NotebookClient(
        notebook,
        timeout=900,
        kernel_name="python3",
        record_timing=False,
        resources={"metadata": {"path": str(path.parent)}},
    )
    start = time.perf_counter()
    client.execute()
    elapsed = time.perf_counter() - start
    for cell in notebook.cells:
        cell.metadata.pop("execution", None)
        coalesce_streams(cell)
        drop_startup_log(cell)
    nbformat.write(notebook, path)
    return elapsed


def main(arguments: list[str]) -> None:
    paths = [Path(a).resolve() for a in arguments] or layout.notebooks()
    os.environ.setdefault("COURSE_CACHE_DIR", tempfile.mkdtemp(prefix="cache-modelos-"))
    for path in paths:
        print(f"Ejecutando {path.relative_to(layout.ROOT)}...", flush=True)
        print(f"  {execute(path):.0f} s", flush=True)


if __name__ == "__main__":
    main(sys.argv[1:])

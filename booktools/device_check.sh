#!/usr/bin/env bash
# La comprobación de la GPU: todos los capítulos con nbval estricto, con Keras sobre JAX y
# sobre PyTorch (booktools/backend_check.py), en una máquina sin TensorFlow ni internet.
#
# Antes, en una máquina con internet: «make device-wheels» deja en .device/ las ruedas de
# Keras y de la pila de cuadernos (Python 3.12) y una copia de MNIST. Después, en la máquina
# con GPU, desde la raíz del repositorio (con .device/ copiada):
#
#     bash booktools/device_check.sh [carpeta de resultados]
#
# Usa el JAX, el PyTorch, NumPy y matplotlib que ya tenga la máquina.
set -euo pipefail
cd "$(dirname "$0")/.."
out="${1:-${OUT:-_build/motores}}"
venv="$(mktemp -d)/venv"
python3 -m venv --system-site-packages "$venv"
# Si python3 es a su vez un entorno virtual (el que trae JAX y PyTorch), el nuevo solo vería
# los paquetes del Python base: le añadimos los de ese entorno con un archivo .pth.
parent_site="$(python3 -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
child_site="$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')"
[ "$parent_site" = "$child_site" ] || echo "$parent_site" > "$child_site/_entorno_padre.pth"
"$venv/bin/pip" install --quiet --no-index --find-links .device/wheels \
  keras ipykernel nbval pytest nbformat docutils pyyaml
# De myst-nb solo hace falta glue (IPython, nbformat y docutils), no Sphinx.
"$venv/bin/pip" install --quiet --no-index --find-links .device/wheels --no-deps myst-nb
# course_lib desde el árbol de trabajo, sin instalarlo: instalarlo pediría setuptools a PyPI.
export PYTHONPATH="$PWD${PYTHONPATH:+:$PYTHONPATH}"
"$venv/bin/python" -m ipykernel install --user --name python3 >/dev/null
nvidia-smi --query-gpu=name,memory.total --format=csv,noheader || true
export MNIST_PATH="$PWD/.device/mnist.npz"
start=$(date +%s)
status=0
# BACKENDS="jax" (o "torch") limita la comprobación a un motor: los dos no caben en 10 minutos.
"$venv/bin/python" -m booktools.backend_check --backends ${BACKENDS:-jax torch} --out "$out" || status=$?
echo "Tiempo total en la GPU: $(( $(date +%s) - start )) s"
exit $status

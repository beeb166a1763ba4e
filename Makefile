# Dos órdenes para todo: «make book» construye el libro y «make test» ejecuta todas las pruebas.
# Ambas crean (o reutilizan) el entorno virtual .venv con las versiones exactas del lock.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado
LOCK := requirements-lock.txt

.PHONY: book test notebooks student clean

$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

## book: construye el libro HTML en _build/html (cero avisos: -W -n).
book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

## test: pruebas unitarias, nbval sobre todos los cuadernos y construcción del libro.
test: $(STAMP)
	$(BIN)/python -m pytest

## student: genera la edición del estudiante (sin soluciones) en chapters/estudiante/.
student: $(STAMP)
	$(BIN)/python -m course_lib.editions

## notebooks: vuelve a ejecutar los cuadernos desde cero y guarda sus salidas (mantenimiento).
notebooks: $(STAMP)
	$(BIN)/python .ci/execute_notebooks.py
	$(BIN)/python -m course_lib.editions

clean:
	rm -rf _build

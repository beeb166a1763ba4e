# Dos órdenes para todo: «make book» construye el libro y «make test» ejecuta todas las pruebas.
# Ambas crean (o reutilizan) el entorno virtual .venv con las versiones exactas del lock.

PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.instalado
LOCK := requirements-lock.txt
AXE := node_modules/axe-core/axe.min.js
# axe-core (npm) audita la accesibilidad del libro en las pruebas del navegador.
NPM := $(shell command -v npm 2>/dev/null)

.PHONY: book test notebooks student prose linkcheck clean

$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

## book: construye el libro HTML en _build/html (cero avisos: -W -n).
book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund

## test: pruebas unitarias, nbval sobre todos los cuadernos, el libro y el navegador.
test: $(STAMP) $(if $(NPM),$(AXE))
	$(BIN)/python -m pytest

## student: genera la edición del estudiante (sin soluciones) en chapters/estudiante/.
student: $(STAMP)
	$(BIN)/python -m course_lib.editions

## notebooks: vuelve a ejecutar los cuadernos desde cero y guarda sus salidas (mantenimiento).
notebooks: $(STAMP)
	$(BIN)/python .ci/execute_notebooks.py
	$(BIN)/python -m course_lib.editions

## prose: revisa el español del libro (terminología, ortografía, coma decimal); necesita Hunspell.
prose: $(STAMP)
	$(BIN)/python -m course_lib.prose

## linkcheck: comprueba los enlaces externos del libro (necesita internet; no forma parte de test).
linkcheck: $(STAMP)
	$(BIN)/jupyter-book build . --builder linkcheck

clean:
	rm -rf _build

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

.PHONY: assignments book pdf check lint test test-rapido test-cuadernos test-libro pytest-rapido pytest-cuadernos pytest-libro test-latest test-oldest notebooks student weights prose linkcheck backends bench seeds ablation device-wheels clean

$(STAMP): $(LOCK) pyproject.toml
	@test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check -r $(LOCK)
	$(BIN)/python -m pip install --quiet --disable-pip-version-check --no-deps --no-build-isolation -e .
	@touch $(STAMP)

## book: construye el libro HTML en _build/html (cero avisos: -W -n).
book: $(STAMP)
	$(BIN)/jupyter-book build . -W -n --keep-going

## pdf: la edición en PDF, sin conexión, en _build/pdf/redes-convolucionales.pdf: el libro en
## una sola página HTML, impresa en A4 por el Chromium de Debian (Playwright).
pdf: $(STAMP)
	$(BIN)/python -m booktools.pdf

$(AXE): package.json package-lock.json
	npm ci --no-audit --no-fund

## check: la comprobación rápida (menos de un minuto): estilo (ruff), tipos (mypy) y pruebas unitarias,
## sin ejecutar cuadernos, sin construir el libro y sin navegador.
check: lint $(STAMP)
	$(BIN)/python -m pytest $(NO_NBVAL) -m "$(FAST) and not assignments" -q -n auto tests

## lint: estilo (ruff) y tipos (mypy) de course_lib, booktools y tests, sin ningún hallazgo.
lint: $(STAMP)
	$(BIN)/ruff check .
	$(BIN)/mypy

## test: todo lo que ejecuta la CI: estilo, tipos, pruebas unitarias, nbval sobre todos los
## cuadernos, el entorno como Colab, el libro, el PDF y el navegador. Son tres partes que se
## ejecutan a la vez (make -j3), cada una con su salida entera cuando termina: entre las tres,
## todo, y nada dos veces. Las pruebas sin marca (salvo nbval); nbval sobre los capítulos y, a
## la vez, las marcadas colab o slow (comparten la caché de modelos: cada red se entrena una
## vez); las marcadas book o browser. Los cuadernos tardan más que las otras dos juntas, así que las
## otras dos aprovechan el núcleo que el entrenamiento deja libre la mayor parte del tiempo.
## test-rapido, test-cuadernos y test-libro ejecutan cada parte por separado (con su
## preparación): son los tres trabajos que la CI de GitHub ejecuta a la vez (ci.yml).
test: lint $(STAMP) $(if $(NPM),$(AXE))
	@$(MAKE) --no-print-directory -j3 --output-sync=target pytest-rapido pytest-cuadernos pytest-libro

test-rapido: lint $(STAMP) $(if $(NPM),$(AXE))
	@$(MAKE) --no-print-directory pytest-rapido

test-cuadernos: $(STAMP)
	@$(MAKE) --no-print-directory pytest-cuadernos

test-libro: $(STAMP) $(if $(NPM),$(AXE))
	@$(MAKE) --no-print-directory pytest-libro

# Cada parte con su carpeta temporal (pytest la vacía al empezar): si compartieran la de
# siempre, una que empieza podría borrar la de otra que aún corre.
PYTEST_BASE = $(BIN)/python -m pytest --durations=25 --durations-min=5
PYTEST = $(PYTEST_BASE) --basetemp=_build/pytest/$@
FAST := not book and not browser and not colab and not slow
# Sin nbval (y sin sus opciones de addopts): solo las pruebas de tests/.
NO_NBVAL := -p no:nbval -o addopts="-ra --strict-markers --strict-config"

pytest-rapido:
	@mkdir -p _build/pytest
	@echo "━━ Parte rápida: estilo del código aparte, pruebas unitarias, de lengua y de ediciones ━━"
	$(PYTEST) $(NO_NBVAL) -m "$(FAST)" tests

# nbval y el entorno como Colab van a la vez, con la misma caché de modelos: cada red se entrena
# una sola vez (fit_cached espera si otro proceso ya la está entrenando). La salida del entorno
# como Colab se guarda aparte y se muestra al final, entera.
pytest-cuadernos:
	@mkdir -p _build/pytest
	@echo "━━ Parte de los cuadernos: nbval y, a la vez, el entorno como Colab ━━"
	@$(PYTEST_BASE) --basetemp=_build/pytest/$@-colab $(NO_NBVAL) \
	  -m "(colab or slow) and not book and not browser" tests > _build/pytest/colab.log 2>&1 & colab=$$!; \
	$(PYTEST) chapters; nbval=$$?; \
	wait $$colab; colab=$$?; \
	echo "━━ El entorno como Colab (a la vez que nbval) ━━"; cat _build/pytest/colab.log; \
	test $$nbval -eq 0 -a $$colab -eq 0

pytest-libro:
	@mkdir -p _build/pytest
	@echo "━━ Parte del libro: HTML, PDF y navegador ━━"
	$(PYTEST) $(NO_NBVAL) -m "book or browser" tests

## test-latest: los capítulos en el entorno como Colab con las versiones más recientes que
## permiten los rangos de pyproject.toml, no las del lock (make test no los ejecuta: la CI tiene
## 25 minutos). Con COLAB_PYTHONS="3.12 3.13" (o «all»), también con esas versiones de Python.
test-latest: $(STAMP)
	$(BIN)/python -m pytest --colab-latest-all -m colab_latest tests/test_colab.py

## test-oldest: los capítulos (edición del estudiante) en el entorno como Colab con las
## versiones más antiguas que permiten los rangos de pyproject.toml, con Python 3.11 (no en la
## CI). Al final dice qué versiones usó.
test-oldest: $(STAMP)
	COLAB_PYTHONS=3.11 $(BIN)/python -m pytest --colab-oldest-all -m colab_oldest -rA tests/test_colab.py

## student: genera la edición del estudiante (sin soluciones) en chapters/estudiante/.
student: $(STAMP)
	$(BIN)/python -m booktools.editions

## notebooks: vuelve a ejecutar los cuadernos desde cero y guarda sus salidas (mantenimiento).
notebooks: $(STAMP)
	$(BIN)/python -m booktools.execute_notebooks
	$(BIN)/python -m booktools.editions

## weights: exporta la red entrenada del cuaderno original (de la caché de modelos; la entrena si
## no está) a _extra/dibuja/pesos.js, para la página «Dibuja un dígito», con la huella de su
## entrenamiento. Las pruebas fallan si la huella no es la de la receta de los capítulos.
weights: $(STAMP)
	$(BIN)/python -m booktools.export_weights

## prose: revisa el español del libro (terminología, ortografía, coma decimal, notación científica,
## cursiva, signo ×, números en cifras, miles, porcentajes, referencias); necesita Hunspell.
prose: $(STAMP)
	$(BIN)/python -m booktools.prose

## assignments: una tarea calificable con Otter-Grader por capítulo con ejercicios, en
## _build/tareas/<capítulo>/ (student/: el cuaderno sin soluciones y sus pruebas; autograder/:
## las soluciones y autograder.zip, para «otter run»). Ver la guía docente.
assignments: $(STAMP)
	$(BIN)/python -m booktools.assignments

## backends: los capítulos con nbval estricto sobre JAX y PyTorch (hacen falta instalados).
backends: $(STAMP)
	$(BIN)/python -m booktools.backend_check --backends jax torch

## bench: la carrera al 99 % (no es una prueba): entrena desde cero la red del cuaderno original y
## la red rápida de «Mejorar la red» y mide los segundos hasta el 99 % de exactitud de prueba,
## con los ajustes de los capítulos (oneDNN como lo trae TensorFlow) y, después, sin oneDNN.
bench: $(STAMP)
	$(BIN)/python -m booktools.bench
	$(BIN)/python -m booktools.bench --sin-onednn

## seeds: entrena desde cero las recetas finales del libro con 5 semillas (1 a 5) y escribe
## course_lib/resultados/semillas.json (validación, prueba una vez, robustez, segundos). No es
## una prueba ni forma parte de la CI: en esta máquina de 2 núcleos, unos 45 minutos.
seeds: $(STAMP)
	$(BIN)/python -m booktools.experiments seeds

## ablation: la red rápida cambiando un ingrediente cada vez, 5 semillas, solo validación;
## escribe course_lib/resultados/ablacion.json (unos 20 minutos; no forma parte de la CI).
ablation: $(STAMP)
	$(BIN)/python -m booktools.experiments ablation

## device-wheels: prepara .device/ (ruedas para Python 3.12 y MNIST) para booktools/device_check.sh.
device-wheels: $(STAMP)
	rm -rf .device && mkdir -p .device/wheels
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --python-version 3.12 \
		--only-binary=:all: --platform manylinux2014_x86_64 --platform manylinux_2_17_x86_64 \
		-d .device/wheels keras ipykernel nbval pytest nbformat docutils pyyaml
	$(BIN)/python -m pip download --quiet --disable-pip-version-check --python-version 3.12 \
		--only-binary=:all: --no-deps -d .device/wheels myst-nb
	cp "$${MNIST_PATH:?indica el mnist.npz local con MNIST_PATH}" .device/mnist.npz
	du -sh .device

## linkcheck: comprueba los enlaces externos del libro (necesita internet; no forma parte de test).
linkcheck: $(STAMP)
	$(BIN)/jupyter-book build . --builder linkcheck

clean:
	rm -rf _build

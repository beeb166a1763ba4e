"""Los resultados con varias semillas: la huella de cada receta y los archivos que lee «Mejorar la red»."""

from __future__ import annotations

import json
import math

import keras
import numpy as np
import pytest

from booktools import experiments as runner
from course_lib import experiments, models, recipes

SIZES = {"train_size": runner.TRAIN_SIZE, "validation_size": 6000}


def _fingerprint(recipe: runner.Recipe, seed: int = 0) -> str:
    model = recipe.build(runner.TRAIN_SIZE, seed)
    return experiments.recipe_fingerprint(model, epochs=recipe.epochs, batch_size=recipe.batch_size, **SIZES)


class TestFingerprint:
    def test_same_recipe_other_seed_same_fingerprint(self):
        # Ni los pesos iniciales ni la semilla del aumento entran en la huella.
        recipe = runner.RECIPES["aumentada"]
        assert _fingerprint(recipe, 1) == _fingerprint(recipe, 2)

    def test_each_change_changes_it(self):
        base = models.build_convnet()
        reference = experiments.recipe_fingerprint(base, epochs=5, batch_size=64, **SIZES)
        changed = [
            experiments.recipe_fingerprint(base, epochs=6, batch_size=64, **SIZES),
            experiments.recipe_fingerprint(base, epochs=5, batch_size=128, **SIZES),
            experiments.recipe_fingerprint(base, epochs=5, batch_size=64, train_size=60000,
                                           validation_size=6000),
            experiments.recipe_fingerprint(models.build_convnet(dense_units=32), epochs=5, batch_size=64,
                                           **SIZES),
            experiments.recipe_fingerprint(models.build_convnet(optimizer="adam"), epochs=5, batch_size=64,
                                           **SIZES),
        ]
        assert reference not in changed
        assert len(set(changed)) == len(changed)

    def test_learning_rate_schedule_is_part_of_it(self):
        fast = runner.fast_variant(runner.TRAIN_SIZE)
        other = runner.fast_variant(runner.TRAIN_SIZE, peak=0.02)
        assert (experiments.recipe_fingerprint(fast, epochs=2, batch_size=128, **SIZES)
                != experiments.recipe_fingerprint(other, epochs=2, batch_size=128, **SIZES))

    def test_fast_recipe_is_the_one_of_the_library(self):
        library = recipes.build_fast_convnet(runner.TRAIN_SIZE)
        assert _fingerprint(runner.RECIPES["rapida"]) == experiments.recipe_fingerprint(
            library, epochs=recipes.FAST_EPOCHS, batch_size=recipes.FAST_BATCH_SIZE, **SIZES)
        assert _fingerprint(runner.VARIANTS["receta"]) == _fingerprint(runner.RECIPES["rapida"])

    def test_errors_in_spanish(self):
        with pytest.raises(TypeError, match="keras.Model"):
            experiments.recipe_fingerprint("red", epochs=1, batch_size=1, **SIZES)
        uncompiled = keras.Sequential([keras.Input((2,)), keras.layers.Dense(1)])
        with pytest.raises(ValueError, match="compilado"):
            experiments.recipe_fingerprint(uncompiled, epochs=1, batch_size=1, **SIZES)
        with pytest.raises(ValueError, match="epochs"):
            experiments.recipe_fingerprint(models.build_convnet(), epochs=0, batch_size=1, **SIZES)


@pytest.mark.parametrize(("name", "recipes", "minimum_seeds"),
                         [("semillas", runner.RECIPES, 5), ("ablacion", runner.VARIANTS, 5)])
class TestResultsFiles:
    """Los archivos que publica el libro: completos y de las recetas de ahora (no caducados)."""

    def test_fingerprints_match_the_recipes(self, name, recipes, minimum_seeds):
        stored = experiments.load_results(name)["recipes"]
        assert set(stored) == set(recipes)
        stale = [key for key, recipe in recipes.items() if stored[key]["fingerprint"] != _fingerprint(recipe)]
        assert not stale, (
            f"La receta de {', '.join(stale)} ha cambiado desde que se generó {name}.json: vuelve a "
            f"ejecutar «make {'seeds' if name == 'semillas' else 'ablation'}»."
        )

    def test_every_recipe_has_its_seeds(self, name, recipes, minimum_seeds):
        content = experiments.load_results(name)
        assert content["machine"]
        assert content["versions"]["keras"]
        for key, entry in content["recipes"].items():
            seeds = [run["seed"] for run in entry["runs"]]
            assert len(set(seeds)) == len(seeds) >= minimum_seeds, (key, seeds)
            for run in entry["runs"]:
                assert len(run["val_accuracy"]) == entry["epochs"] == recipes[key].epochs
                assert all(0 <= v <= 1 for v in run["val_accuracy"])
                assert run["seconds"] > 0
                # La ablación solo mira la validación; las semillas, la prueba una vez por red.
                assert ("test_accuracy" in run) == (name == "semillas"), (key, run)
                if name == "semillas":
                    assert len(run["shift_accuracy"]) == len(content["shifts"])
                    assert len(run["rotation_accuracy"]) == len(content["rotations"])
                    assert math.isclose(run["shift_accuracy"][0], run["test_accuracy"], abs_tol=1e-9)


class TestLoadAndSummary:
    def test_unknown_name_says_which_exist(self):
        with pytest.raises(FileNotFoundError, match="semillas"):
            experiments.load_results("no_existe")

    def test_bad_name(self):
        with pytest.raises(ValueError, match="pyproject"):
            experiments.load_results("../pyproject")

    def test_file_is_plain_json(self):
        # Lo que lee el capítulo: JSON legible, con acentos tal cual.
        path = runner.RESULTS_DIR / "semillas.json"
        assert json.loads(path.read_text(encoding="utf-8"))["command"] == "make seeds"


class TestRobustnessSets:
    def test_shift_moves_every_image_by_that_many_pixels(self):
        images = np.zeros((40, 28, 28, 1), dtype="float32")
        images[:, 14, 14, 0] = 1
        moved = runner.shifted(images, 3, np.random.default_rng(0))
        rows, cols = np.nonzero(moved[:, :, :, 0])[1:]
        assert len(rows) == 40
        assert np.all(np.abs(rows - 14) + np.abs(cols - 14) == 3)
        assert np.array_equal(runner.shifted(images, 0, np.random.default_rng(0)), images)

    def test_rotation_turns_about_the_centre(self):
        images = np.zeros((6, 28, 28, 1), dtype="float32")
        images[:, 13:15, 4:10, 0] = 1  # un trazo horizontal a la izquierda del centro
        turned = runner.rotated(images, 90, np.random.default_rng(0))
        for image in turned[:, :, :, 0]:
            candidates = [np.rot90(images[0, :, :, 0], k) for k in (1, -1)]
            assert min(np.abs(image - c).max() for c in candidates) < 1e-4
        assert np.allclose(runner.rotated(images, 0, np.random.default_rng(0)), images)

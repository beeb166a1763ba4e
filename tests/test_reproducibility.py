import random

import keras
import numpy as np
import pytest

from course_lib import reproducibility


def draw():
    return (
        random.random(),
        np.random.rand(),
        float(keras.ops.convert_to_numpy(keras.random.uniform((1,)))[0]),
    )


def test_same_seed_repeats_python_numpy_and_keras():
    reproducibility.set_seed(123)
    first = draw()
    reproducibility.set_seed(123)
    assert draw() == first


def test_different_seed_changes_draws():
    reproducibility.set_seed(1)
    first = draw()
    reproducibility.set_seed(2)
    second = draw()
    assert all(a != b for a, b in zip(first, second, strict=True))


@pytest.mark.parametrize("bad", ["42", 4.2, None, True])
def test_rejects_non_integer_seed(bad):
    with pytest.raises(TypeError, match="seed"):
        reproducibility.set_seed(bad)


@pytest.mark.parametrize("bad", [-1, 2**32])
def test_rejects_out_of_range_seed(bad):
    with pytest.raises(ValueError, match="seed"):
        reproducibility.set_seed(bad)

import numpy as np
import pytest

from course_lib import evaluation


def test_confusion_matrix_counts_pairs():
    y_true = np.array([0, 0, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 1, 2, 0, 2])
    matrix = evaluation.confusion_matrix(y_true, y_pred, num_classes=3)
    np.testing.assert_array_equal(matrix, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert matrix.sum() == 6 and np.trace(matrix) == 4


def test_confusion_matrix_rejects_probabilities():
    with pytest.raises(ValueError, match="argmax"):
        evaluation.confusion_matrix(np.array([0, 1]), np.eye(2))


def test_confusion_matrix_rejects_out_of_range():
    with pytest.raises(ValueError, match="entre 0 y 2"):
        evaluation.confusion_matrix(np.array([0, 3]), np.array([0, 1]), num_classes=3)


def test_predict_classes(tiny_images):
    from course_lib import data, models, reproducibility

    reproducibility.set_seed(0)
    model = models.build_convnet(filters=(2,), pooling=(True,), dense_units=4)
    images = data.prepare_images(tiny_images)
    classes, confidences = evaluation.predict_classes(model, images)
    probabilities = model.predict(images, verbose=0)
    np.testing.assert_array_equal(classes, probabilities.argmax(axis=1))
    np.testing.assert_allclose(confidences, probabilities.max(axis=1))


def test_relative_difference_is_relative_to_the_scale():
    reference = np.array([1000.0, -2000.0, 500.0])
    assert evaluation.relative_difference(reference + 2.0, reference) == pytest.approx(1e-3)
    assert evaluation.relative_difference(reference / 1000 + 0.002, reference / 1000) == pytest.approx(1e-3)
    assert evaluation.relative_difference(reference, reference) == 0.0


def test_relative_difference_of_zeros_is_absolute():
    assert evaluation.relative_difference([0.5, 0.0], [0.0, 0.0]) == 0.5


def test_relative_difference_tells_a_rounding_error_from_a_mistake():
    rng = np.random.default_rng(0)
    x, w, b = rng.normal(size=(8, 576)), rng.normal(size=(576, 64)), rng.normal(size=64)
    exact = x @ w + b
    float32 = (x.astype(np.float32) @ w.astype(np.float32) + b.astype(np.float32))
    assert evaluation.relative_difference(float32, exact) < evaluation.FLOAT32_TOLERANCE
    assert evaluation.relative_difference(x @ w, exact) > evaluation.FLOAT32_TOLERANCE  # sin sesgo


@pytest.mark.parametrize("values, reference", [([1.0, 2.0], [1.0, 2.0, 3.0]), ([], []),
                                               ([np.nan], [1.0]), (["a"], [1.0])])
def test_relative_difference_rejects_bad_input(values, reference):
    with pytest.raises(ValueError, match="«values» y «reference»"):
        evaluation.relative_difference(values, reference)

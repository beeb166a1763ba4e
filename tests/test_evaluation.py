import numpy as np
import pytest

from course_lib import evaluation


def test_confusion_matrix_counts_pairs():
    y_true = np.array([0, 0, 1, 2, 2, 2])
    y_pred = np.array([0, 1, 1, 2, 0, 2])
    matrix = evaluation.confusion_matrix(y_true, y_pred, num_classes=3)
    np.testing.assert_array_equal(matrix, [[1, 1, 0], [0, 1, 0], [1, 0, 2]])
    assert matrix.sum() == 6
    assert np.trace(matrix) == 4


def test_confusion_matrix_rejects_probabilities():
    with pytest.raises(ValueError, match="argmax"):
        evaluation.confusion_matrix(np.array([0, 1]), np.eye(2))


def test_confusion_matrix_rejects_out_of_range():
    with pytest.raises(ValueError, match="entre 0 y 2"):
        evaluation.confusion_matrix(np.array([0, 3]), np.array([0, 1]), num_classes=3)


def test_predict_classes(tiny_images):
    import keras

    from course_lib import data, models

    keras.utils.set_random_seed(0)
    model = models.build_convnet(filters=(2,), pooling=(True,), dense_units=4)
    images = data.prepare_images(tiny_images)
    classes, confidences = evaluation.predict_classes(model, images)
    probabilities = model.predict(images, verbose=0)
    np.testing.assert_array_equal(classes, probabilities.argmax(axis=1))
    np.testing.assert_allclose(confidences, probabilities.max(axis=1))

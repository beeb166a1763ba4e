import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_lib import plotting


@pytest.fixture(autouse=True)
def rc_unchanged():
    before = dict(matplotlib.rcParams)
    yield
    assert dict(matplotlib.rcParams) == before, "un gráfico cambió el estado global de matplotlib"


def texts(fig: Figure) -> str:
    parts = [fig._suptitle.get_text() if fig._suptitle else ""]
    for ax in fig.axes:
        parts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend:
            parts += [t.get_text() for t in legend.get_texts()]
    return " | ".join(parts)


def test_plot_digits_one_axis_per_image(tiny_images, tiny_labels):
    fig = plotting.plot_digits(tiny_images[:10], tiny_labels[:10], ncols=4, title="Dígitos")
    assert isinstance(fig, Figure)
    assert len(fig.axes) == 10  # las celdas sobrantes de la cuadrícula se quitan
    assert fig.axes[0].get_title() == f"Real: {tiny_labels[0]}"
    assert fig.axes[0].images[0].get_cmap().name == "gray_r"
    assert "Dígitos" in texts(fig)


def test_plot_digits_marks_errors_with_symbols(tiny_images):
    fig = plotting.plot_digits(tiny_images[:2], [3, 5], [3, 8])
    assert fig.axes[0].get_title() == "Real: 3\nPred.: 3 ✓"
    assert fig.axes[1].get_title() == "Real: 5\nPred.: 8 ✗"


def test_plot_digits_accepts_channel_axis_and_existing_figure(tiny_images):
    fig = Figure()
    assert plotting.plot_digits(tiny_images[:3, ..., None], fig=fig) is fig
    assert len(fig.axes) == 3


@pytest.mark.parametrize(
    ("args", "error", "message"),
    [
        ((np.zeros((28, 28)),), ValueError, "forma"),
        (([[0]],), TypeError, "numpy.ndarray"),
        ((np.zeros((3, 28, 28)), [1, 2]), ValueError, "una etiqueta por imagen"),
    ],
)
def test_plot_digits_bad_input(args, error, message):
    with pytest.raises(error, match=message):
        plotting.plot_digits(*args)


def test_plot_class_counts(tiny_labels):
    fig = plotting.plot_class_counts(tiny_labels)
    assert isinstance(fig, Figure) and len(fig.axes) == 1
    heights = [patch.get_height() for patch in fig.axes[0].patches]
    assert heights == list(np.bincount(tiny_labels, minlength=10))
    assert texts(fig) == " | Imágenes por clase | Clase (dígito) | Número de imágenes"


def test_plot_class_counts_on_given_axis(tiny_labels):
    fig = Figure()
    ax = fig.add_subplot()
    assert plotting.plot_class_counts(tiny_labels, ax=ax) is fig


def test_plot_class_counts_bad_labels():
    with pytest.raises(ValueError, match="entre 0 y 9"):
        plotting.plot_class_counts(np.array([0, 11]))
    with pytest.raises(ValueError, match="etiquetas enteras"):
        plotting.plot_class_counts(np.array([0.5]))


HISTORY = {"loss": [0.5, 0.3, 0.2], "accuracy": [0.8, 0.9, 0.95]}


def test_plot_history_train_only():
    fig = plotting.plot_history(HISTORY, title="Curvas")
    assert isinstance(fig, Figure) and len(fig.axes) == 2
    assert [ax.get_title() for ax in fig.axes] == ["Pérdida", "Exactitud"]
    assert all(ax.get_xlabel() == "Época" for ax in fig.axes)
    assert [len(ax.lines) for ax in fig.axes] == [1, 1]
    assert list(fig.axes[0].lines[0].get_ydata()) == HISTORY["loss"]


def test_plot_history_with_validation_and_history_object():
    class FakeHistory:
        history = {**HISTORY, "val_loss": [0.6, 0.4, 0.35], "val_accuracy": [0.7, 0.85, 0.9]}

    fig = plotting.plot_history(FakeHistory())
    assert [len(ax.lines) for ax in fig.axes] == [2, 2]
    assert "Entrenamiento" in texts(fig) and "Validación" in texts(fig)


def test_plot_history_on_given_axes():
    fig = Figure()
    axes = fig.subplots(1, 2)
    assert plotting.plot_history(HISTORY, axes=axes) is fig


def test_plot_history_bad_input():
    with pytest.raises(TypeError, match="History"):
        plotting.plot_history(None)
    with pytest.raises(ValueError, match="no tiene las métricas \\['val_loss'\\]"):
        plotting.plot_history(HISTORY, metrics=("val_loss",))


def test_plotting_does_not_use_pyplot(tiny_images):
    import sys

    plotting.plot_digits(tiny_images[:2])
    pyplot = sys.modules.get("matplotlib.pyplot")
    assert pyplot is None or not pyplot.get_fignums(), "los gráficos no deben quedar abiertos en pyplot"

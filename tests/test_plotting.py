import re

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


def test_plot_digits_shows_confidence(tiny_images):
    fig = plotting.plot_digits(tiny_images[:1], [3], [8], confidences=[0.873])
    assert fig.axes[0].get_title() == "Real: 3\nPred.: 8 ✗\n(87 %)"


def test_axes_use_decimal_comma():
    fig = plotting.plot_history(HISTORY)
    ax = fig.axes[0]
    fig.canvas.draw()
    labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
    assert labels and all("." not in label for label in labels)
    assert any("," in label for label in labels)


def _figure_texts(fig) -> list[str]:
    """Todos los textos de una figura ya dibujada: títulos, ejes, anotaciones, barras de color."""
    from matplotlib.text import Text

    fig.draw_without_rendering()  # calcula las marcas de los ejes
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


FLOAT_FIGURES = {
    "plot_history": lambda: plotting.plot_history(HISTORY),
    "plot_histories": lambda: plotting.plot_histories(
        {"a": {"val_loss": [0.31, 0.25], "val_accuracy": [0.905, 0.9125]}}),
    "plot_kernels": lambda: plotting.plot_kernels(
        np.linspace(-0.55, 0.45, 18).reshape(3, 3, 2), ["a", "b"]),
    "plot_convolution_steps": lambda: plotting.plot_convolution_steps(
        np.linspace(0, 1, 36).reshape(6, 6), np.linspace(-0.3, 0.7, 16).reshape(4, 4), 3, [(1, 2)]),
    "plot_digit_trace": lambda: plotting.plot_digit_trace(
        np.linspace(0, 1, 784).reshape(28, 28), {"conv_1": np.linspace(0, 0.5, 8 * 8 * 2).reshape(8, 8, 2)},
        np.linspace(0, 0.5, 20), np.linspace(-1.5, 1.5, 10), np.full(10, 0.1), label=3, loss=0.625),
    "plot_class_scores": lambda: plotting.plot_class_scores(
        {"Logits": np.linspace(-1.5, 1.5, 10), "Softmax": np.full(10, 0.1)}, label=3),
    "plot_feature_maps": lambda: plotting.plot_feature_maps(np.linspace(0, 0.5, 2 * 4 * 4).reshape(4, 4, 2)),
}


@pytest.mark.parametrize("name", sorted(FLOAT_FIGURES))
def test_figures_write_decimals_with_a_comma(name):
    """La convención del libro también en las figuras: 0,25 y nunca 0.25 (ejes, títulos, valores)."""
    texts = _figure_texts(FLOAT_FIGURES[name]())
    with_point = [t for t in texts if re.search(r"\d\.\d", t)]
    assert not with_point, f"{name}: números con punto decimal en la figura: {with_point}"
    hyphen = [t for t in texts if re.search(r"(?<!\w)-\d", t)]
    assert not hyphen, f"{name}: números negativos con guion en vez de «−»: {hyphen}"
    if name in {"plot_kernels", "plot_convolution_steps", "plot_digit_trace", "plot_history"}:
        assert any(re.search(r"\d,\d", t) for t in texts), f"{name}: ningún decimal con coma: {texts}"


def test_plot_feature_maps_one_panel_per_channel():
    maps = np.random.default_rng(0).random((13, 13, 5))
    fig = plotting.plot_feature_maps(maps, [f"canal {i}" for i in range(5)], ncols=3, title="Mapas")
    assert len(fig.axes) == 5
    assert fig.axes[0].images[0].get_cmap().name == "viridis"
    assert fig.axes[4].get_title() == "canal 4"


def test_plot_feature_maps_list_of_different_sizes():
    fig = plotting.plot_feature_maps([np.zeros((26, 26)), np.zeros((13, 13))])
    assert len(fig.axes) == 2


@pytest.mark.parametrize("maps", [np.zeros((4, 4)), [], [np.zeros(3)]])
def test_plot_feature_maps_bad_input(maps):
    with pytest.raises(ValueError, match="maps"):
        plotting.plot_feature_maps(maps)


def test_plot_kernels_diverging_symmetric_scale():
    kernels = np.stack([np.eye(3), -2 * np.eye(3)], axis=-1)[:, :, None, :]
    fig = plotting.plot_kernels(kernels, ["uno", "dos"])
    panels = [ax for ax in fig.axes if ax.images]
    assert len(panels) == 2
    image = panels[0].images[0]
    assert image.get_cmap().name == "PuOr" and image.get_clim() == (-2.0, 2.0)
    assert len(panels[0].texts) == 9  # valores anotados en un núcleo 3 x 3


def test_plot_kernels_rejects_multichannel():
    with pytest.raises(ValueError, match="un canal de entrada"):
        plotting.plot_kernels(np.zeros((3, 3, 32, 64)))


def test_plot_convolution_steps():
    image = np.arange(36).reshape(6, 6)
    output = np.ones((4, 4))
    fig = plotting.plot_convolution_steps(image, output, 3, [(0, 0), (0, 1), (3, 3)])
    assert len(fig.axes) == 6
    assert fig.axes[0].get_title() == "Paso 1: ventana en (0, 0)"
    assert fig.axes[0].get_ylabel() == "Entrada"
    with pytest.raises(ValueError, match="debería ser \\(4, 4\\)"):
        plotting.plot_convolution_steps(image, np.ones((3, 3)), 3, [(0, 0)])
    with pytest.raises(ValueError, match="se sale"):
        plotting.plot_convolution_steps(image, output, 3, [(4, 0)])


def test_plot_receptive_fields(tiny_images):
    fig = plotting.plot_receptive_fields(tiny_images[0], {"conv_1": 3, "conv_2": 8})
    ax = fig.axes[0]
    assert [p.get_width() for p in ax.patches] == [3, 8]
    assert [t.get_text() for t in ax.get_legend().get_texts()] == ["conv_1: 3 × 3", "conv_2: 8 × 8"]
    assert ax.get_title() == "Campo receptivo de cada capa"
    with pytest.raises(ValueError, match="sizes"):
        plotting.plot_receptive_fields(tiny_images[0], {"conv_1": 0})


def test_plot_confusion_matrix():
    matrix = np.array([[50, 2], [0, 40]])
    fig = plotting.plot_confusion_matrix(matrix)
    ax = fig.axes[0]
    assert ax.get_xlabel() == "Clase predicha" and ax.get_ylabel() == "Clase real"
    assert sorted(t.get_text() for t in ax.texts) == ["2", "40", "50"]  # el 0 no se escribe
    assert len(fig.axes) == 2  # eje y barra de color
    with pytest.raises(ValueError, match="cuadrada"):
        plotting.plot_confusion_matrix(np.zeros((2, 3), dtype=int))


def test_plot_histories_one_line_per_run():
    runs = {name: {"val_loss": [1.0, 0.5], "val_accuracy": [0.5, 0.8]} for name in ("sgd", "adam")}
    fig = plotting.plot_histories(runs)
    assert len(fig.axes) == 2 and [len(ax.lines) for ax in fig.axes] == [2, 2]
    assert fig.axes[1].get_title() == "Exactitud (validación)"
    with pytest.raises(ValueError, match="«sgd» no tiene"):
        plotting.plot_histories({"sgd": {"loss": [1.0]}})


def test_plot_digit_trace():
    rng = np.random.default_rng(0)
    maps = {"conv_1": rng.random((26, 26, 32)), "pool_1": rng.random((13, 13, 32))}
    fig = plotting.plot_digit_trace(
        rng.random((28, 28)), maps, rng.random(576), rng.random(10), np.full(10, 0.1), label=3, loss=2.3026
    )
    titles = [ax.get_title() for ax in fig.axes]
    assert "conv_1\n26×26×32 (canal 0)" in titles
    assert "Vector aplanado (576 valores)" in titles
    assert "Softmax: real 3, pérdida 2,3" in titles
    assert len(fig.axes) == 6


def test_plot_class_scores_marks_true_class():
    fig = plotting.plot_class_scores({"Logits": np.arange(10) - 5.0, "Softmax": np.full(10, 0.1)}, label=3)
    assert [ax.get_title() for ax in fig.axes] == ["Logits", "Softmax"]
    bars = fig.axes[0].patches
    assert len(bars) == 10 and bars[3].get_hatch() == "//" and bars[2].get_hatch() is None
    with pytest.raises(ValueError, match="misma longitud"):
        plotting.plot_class_scores({"a": np.zeros(10), "b": np.zeros(3)})
    with pytest.raises(ValueError, match="«label»"):
        plotting.plot_class_scores({"a": np.zeros(10)}, label=10)

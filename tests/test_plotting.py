import importlib
import re
import sys

import matplotlib
import numpy as np
import pytest
from matplotlib.figure import Figure

from course_lib import formatting, plotting
from course_lib.plotting import _common


@pytest.fixture(autouse=True)
def rc_unchanged():
    before = dict(matplotlib.rcParams)
    yield
    assert dict(matplotlib.rcParams) == before, "un gráfico cambió el estado global de matplotlib"


def texts(fig: Figure) -> str:
    parts = [fig.get_suptitle()]
    for ax in fig.axes:
        parts += [ax.get_title(), ax.get_xlabel(), ax.get_ylabel()]
        legend = ax.get_legend()
        if legend:
            parts += [t.get_text() for t in legend.get_texts()]
    return " | ".join(parts)


def _figure_texts(fig) -> list[str]:
    """Todos los textos de una figura ya dibujada: títulos, ejes, anotaciones, barras de color."""
    from matplotlib.text import Text

    fig.draw_without_rendering()  # calcula las marcas de los ejes
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


HISTORY = {"loss": [0.5, 0.3, 0.2], "accuracy": [0.8, 0.9, 0.95]}


class TestPackage:
    """El paquete reexporta lo público de cada módulo: los cuadernos usan ``plotting.plot_...``."""

    TOPICS = {
        "data": ["plot_digits", "plot_class_counts"],
        "convolution": [
            "plot_feature_maps", "plot_kernels", "plot_convolution_steps",
            "plot_multichannel_convolution",
        ],
        "training": ["plot_history", "plot_histories", "plot_learning_rates"],
        "inspection": ["plot_confusion_matrix", "plot_digit_trace", "plot_class_scores"],
        "attribution": ["plot_attribution"],
    }

    @pytest.mark.parametrize("topic", sorted(TOPICS))
    def test_functions_are_reexported(self, topic):
        module = importlib.import_module(f"course_lib.plotting.{topic}")
        for name in self.TOPICS[topic]:
            assert getattr(plotting, name) is getattr(module, name)
            assert name in plotting.__all__

    def test_all_lists_exactly_the_public_names(self):
        functions = sorted(name for names in self.TOPICS.values() for name in names)
        assert sorted(plotting.__all__) == sorted([*functions, "OKABE_ITO"])
        assert all(hasattr(plotting, name) for name in plotting.__all__)

    def test_constants(self):
        assert plotting.OKABE_ITO[:2] == ("#0072B2", "#D55E00")
        assert len(plotting.OKABE_ITO) == 7
        assert _common.METRIC_LABELS == {"loss": "Pérdida", "accuracy": "Exactitud"}

    def test_plotting_does_not_use_pyplot(self, tiny_images):
        plotting.plot_digits(tiny_images[:2])
        pyplot = sys.modules.get("matplotlib.pyplot")
        assert pyplot is None or not pyplot.get_fignums(), "los gráficos no deben quedar abiertos en pyplot"


class TestCommon:
    """Piezas compartidas: la cuadrícula de ejes, el eje único y la coma decimal."""

    @pytest.mark.parametrize(
        ("count", "ncols", "shape"),
        [(10, 4, (3, 4)), (3, 8, (1, 3)), (8, 8, (1, 8)), (1, 5, (1, 1)), (5, 0, (5, 1)), (6, 3, (2, 3))],
    )
    def test_new_grid_shape_and_size(self, count, ncols, shape):
        fig, axes = _common._new_grid(count, ncols, (1.5, 2.0), extra=(0.8, 0.4))
        assert isinstance(fig, Figure)
        assert fig.get_layout_engine() is not None
        assert len(axes) == count
        assert fig.axes == axes
        assert axes[0].get_subplotspec().get_geometry()[:2] == shape
        assert tuple(fig.get_size_inches()) == pytest.approx((1.5 * shape[1] + 0.8, 2.0 * shape[0] + 0.4))

    def test_new_grid_reading_order(self):
        _, axes = _common._new_grid(5, 3, (1, 1))
        cells = [ax.get_subplotspec() for ax in axes]
        positions = [cell.rowspan.start * 3 + cell.colspan.start for cell in cells]
        assert positions == [0, 1, 2, 3, 4]

    def test_new_grid_uses_the_given_figure(self):
        fig = Figure(figsize=(3, 3))
        assert _common._new_grid(4, 2, (10, 10), fig=fig)[0] is fig
        assert tuple(fig.get_size_inches()) == (3, 3)
        assert len(fig.axes) == 4

    def test_new_grid_needs_a_panel(self):
        with pytest.raises(ValueError, match="al menos un panel"):
            _common._new_grid(0, 3, (1, 1))

    def test_new_axes(self):
        ax = _common._new_axes(None, (6.4, 5.6))
        assert tuple(ax.figure.get_size_inches()) == (6.4, 5.6)
        assert ax.figure.axes == [ax]
        assert _common._new_axes(ax, (1, 1)) is ax

    def test_axes_row(self):
        axes = _common._axes_row(None, 3, (4.5, 3.2))
        assert len(axes) == 3
        assert tuple(axes[0].figure.get_size_inches()) == pytest.approx((13.5, 3.2))
        assert _common._axes_row(axes, 3, (1, 1)) is axes
        with pytest.raises(ValueError, match="Hacen falta 2 ejes \\(uno por métrica\\); se dieron 3"):
            _common._axes_row(axes, 2, (1, 1), " (uno por métrica)")

    @pytest.mark.parametrize(
        ("value", "spec", "expected"),
        [(-0.25, "g", "−0,25"), (0.05, "g", "0,05"), (3.0, "g", "3"), (1e-5, "g", "1e−05"),
         (float("nan"), ".3g", "nan"), (2.3026, ".3g", "2,3")],
    )
    def test_label(self, value, spec, expected):
        assert _common._label(value, spec) == expected

    def test_labels_use_the_shared_formatter(self, monkeypatch):
        """Todos los números de las figuras pasan por formatting.decimal_comma (una sola implementación)."""
        monkeypatch.setattr(formatting, "decimal_comma", lambda text, **_: f"<{text}>")
        fig = plotting.plot_kernels(np.linspace(-0.5, 0.5, 9).reshape(3, 3, 1))
        found = _figure_texts(fig)
        assert "<-0.50>" in found  # valor anotado en el núcleo, con dos decimales
        assert any(t.startswith("<") for t in _figure_texts(plotting.plot_history(HISTORY)))  # marcas del eje

    def test_axes_use_decimal_comma(self):
        fig = plotting.plot_history(HISTORY)
        ax = fig.axes[0]
        fig.canvas.draw()
        labels = [t.get_text() for t in ax.get_yticklabels() if t.get_text()]
        assert labels
        assert all("." not in label for label in labels)
        assert any("," in label for label in labels)

    FLOAT_FIGURES = {
        "plot_history": lambda: plotting.plot_history(HISTORY),
        "plot_histories": lambda: plotting.plot_histories(
            {"a": {"val_loss": [0.31, 0.25], "val_accuracy": [0.905, 0.9125]}}),
        "plot_kernels": lambda: plotting.plot_kernels(
            np.linspace(-0.55, 0.45, 18).reshape(3, 3, 2), ["a", "b"]),
        "plot_convolution_steps": lambda: plotting.plot_convolution_steps(
            np.linspace(0, 1, 36).reshape(6, 6), np.linspace(-0.3, 0.7, 16).reshape(4, 4), 3, [(1, 2)]),
        "plot_digit_trace": lambda: plotting.plot_digit_trace(
            np.linspace(0, 1, 784).reshape(28, 28),
            {"conv_1": np.linspace(0, 0.5, 8 * 8 * 2).reshape(8, 8, 2)},
            np.linspace(0, 0.5, 20), np.linspace(-1.5, 1.5, 10), np.full(10, 0.1), label=3, loss=0.625),
        "plot_class_scores": lambda: plotting.plot_class_scores(
            {"Logits": np.linspace(-1.5, 1.5, 10), "Softmax": np.full(10, 0.1)}, label=3),
        "plot_feature_maps": lambda: plotting.plot_feature_maps(
            np.linspace(0, 0.5, 2 * 4 * 4).reshape(4, 4, 2)),
        "plot_multichannel_convolution": lambda: plotting.plot_multichannel_convolution(
            np.linspace(0, 1, 50).reshape(5, 5, 2), np.linspace(-0.55, 0.45, 18).reshape(3, 3, 2),
            np.linspace(-0.3, 0.7, 18).reshape(3, 3, 2), -0.25),
    }

    @pytest.mark.parametrize("name", sorted(FLOAT_FIGURES))
    def test_figures_write_decimals_with_a_comma(self, name):
        """La convención del libro también en las figuras: 0,25 y nunca 0.25 (ejes, títulos, valores)."""
        found = _figure_texts(self.FLOAT_FIGURES[name]())
        with_point = [t for t in found if re.search(r"\d\.\d", t)]
        assert not with_point, f"{name}: números con punto decimal en la figura: {with_point}"
        hyphen = [t for t in found if re.search(r"(?<!\w)-\d", t)]
        assert not hyphen, f"{name}: números negativos con guion en vez de «−»: {hyphen}"
        if name in {"plot_kernels", "plot_convolution_steps", "plot_digit_trace", "plot_history",
                    "plot_multichannel_convolution"}:
            assert any(re.search(r"\d,\d", t) for t in found), f"{name}: ningún decimal con coma: {found}"


class TestData:
    """plotting.data: cuadrícula de dígitos y recuento por clase."""

    def test_plot_digits_one_axis_per_image(self, tiny_images, tiny_labels):
        fig = plotting.plot_digits(tiny_images[:10], tiny_labels[:10], ncols=4, title="Dígitos")
        assert isinstance(fig, Figure)
        assert len(fig.axes) == 10  # las celdas sobrantes de la cuadrícula se quitan
        assert tuple(fig.get_size_inches()) == pytest.approx((1.3 * 4, 1.5 * 3 + 0.4))
        assert fig.axes[0].get_title() == f"Etiqueta: {tiny_labels[0]}"
        assert fig.axes[0].images[0].get_cmap().name == "gray_r"
        assert "Dígitos" in texts(fig)

    def test_plot_digits_marks_errors_with_symbols(self, tiny_images):
        fig = plotting.plot_digits(tiny_images[:2], [3, 5], [3, 8])
        assert fig.axes[0].get_title() == "Etiqueta: 3\nPred.: 3 ✓"
        assert fig.axes[1].get_title() == "Etiqueta: 5\nPred.: 8 ✗"
        assert fig.axes[0].title.get_color() == "black"
        assert fig.axes[1].title.get_color() == plotting.OKABE_ITO[1]

    def test_plot_digits_accepts_channel_axis_and_existing_figure(self, tiny_images):
        fig = Figure()
        assert plotting.plot_digits(tiny_images[:3, ..., None], fig=fig) is fig
        assert len(fig.axes) == 3

    def test_plot_digits_colour_map_and_fixed_range(self, tiny_images):
        fig = plotting.plot_digits(tiny_images[:2], cmap="gray", value_range=(0, 1))
        image = fig.axes[0].images[0]
        assert image.get_cmap().name == "gray"
        assert image.get_clim() == (0, 1)
        default = plotting.plot_digits(tiny_images[:1]).axes[0].images[0]
        assert default.get_cmap().name == "gray_r"

    def test_plot_digits_shows_confidence(self, tiny_images):
        fig = plotting.plot_digits(tiny_images[:1], [3], [8], confidences=[0.873])
        assert fig.axes[0].get_title() == "Etiqueta: 3\nPred.: 8 ✗\n(87 %)"

    @pytest.mark.parametrize(
        ("confidence", "shown"),
        [(0.99996, "(99,996 %)"), (0.995, "(99,5 %)"), (1.0, "(100 %)"), (0.004, "(0,4 %)"),
         (1 - 1e-9, "(> 99,9999 %)"), (0.5, "(50 %)")],
    )
    def test_plot_digits_never_rounds_a_probability_to_100(self, tiny_images, confidence, shown):
        """Una predicción con 0,99996 no es segura al 100 %: la figura no lo redondea."""
        fig = plotting.plot_digits(tiny_images[:1], [3], [8], confidences=[confidence])
        assert fig.axes[0].get_title().endswith(shown)

    @pytest.mark.parametrize(
        ("args", "kwargs", "error", "message"),
        [
            ((np.zeros((28, 28)),), {}, ValueError, "forma"),
            (([[0]],), {}, TypeError, "numpy.ndarray"),
            ((np.zeros((3, 28, 28)), [1, 2]), {}, ValueError, "una etiqueta por imagen"),
            ((np.zeros((3, 28, 28)),), {"ncols": 0}, ValueError, "ncols"),
        ],
    )
    def test_plot_digits_bad_input(self, args, kwargs, error, message):
        with pytest.raises(error, match=message):
            plotting.plot_digits(*args, **kwargs)

    def test_plot_class_counts(self, tiny_labels):
        fig = plotting.plot_class_counts(tiny_labels)
        assert isinstance(fig, Figure)
        assert len(fig.axes) == 1
        assert tuple(fig.get_size_inches()) == (6, 3)
        heights = [patch.get_height() for patch in fig.axes[0].patches]
        assert heights == list(np.bincount(tiny_labels, minlength=10))
        assert texts(fig) == " | Imágenes por clase | Clase (dígito) | Número de imágenes"

    def test_plot_class_counts_on_given_axis(self, tiny_labels):
        fig = Figure()
        ax = fig.add_subplot()
        assert plotting.plot_class_counts(tiny_labels, ax=ax) is fig

    def test_plot_class_counts_bad_labels(self):
        with pytest.raises(ValueError, match="entre 0 y 9"):
            plotting.plot_class_counts(np.array([0, 11]))
        with pytest.raises(ValueError, match="etiquetas enteras"):
            plotting.plot_class_counts(np.array([0.5]))


class TestConvolution:
    """plotting.convolution: mapas, núcleos, convolución paso a paso y campos receptivos."""

    def test_plot_feature_maps_one_panel_per_channel(self):
        maps = np.random.default_rng(0).random((13, 13, 5))
        fig = plotting.plot_feature_maps(maps, [f"canal {i}" for i in range(5)], ncols=3, title="Mapas")
        assert len(fig.axes) == 5 + 1  # y una barra de color
        assert tuple(fig.get_size_inches()) == pytest.approx((1.6 * 3 + 0.9, 1.7 * 2 + 0.4))
        assert fig.axes[0].images[0].get_cmap().name == "viridis"
        assert fig.axes[4].get_title() == "canal 4"

    def test_kernel_weights_share_their_decimals(self):
        """Pesos de una cifra decimal (en float32) con una; si alguno necesita dos, todos con dos."""
        one = np.array([0.7, -1.2, 0.0, 0.1], dtype=np.float32).reshape(2, 2, 1)
        texts = sorted(t.get_text() for t in plotting.plot_kernels(one, annotate=True).axes[0].texts)
        assert texts == sorted(["0,7", "−1,2", "0,0", "0,1"])
        two = np.array([0.25, -0.2, 1.0, 0.0]).reshape(2, 2, 1)
        texts = sorted(t.get_text() for t in plotting.plot_kernels(two, annotate=True).axes[0].texts)
        assert texts == sorted(["0,25", "−0,20", "1,00", "0,00"])

    def test_plot_feature_maps_follow_the_colour_convention(self):
        """Sin signo: viridis desde 0; con valores negativos: RdBu_r centrado en 0."""
        positive = plotting.plot_feature_maps([np.full((3, 3), 2.0), np.full((3, 3), 3.0)])
        image = positive.axes[0].images[0]
        assert image.get_cmap().name == "viridis"
        assert image.get_clim() == (0.0, 3.0)
        signed = plotting.plot_feature_maps([np.full((3, 3), -1.0), np.full((3, 3), 3.0)])
        image = signed.axes[0].images[0]
        assert image.get_cmap().name == "RdBu_r"
        assert image.get_clim() == (-3.0, 3.0)

    def test_plot_feature_maps_shared_scale_shows_magnitudes(self):
        """Con la escala común, un mapa diez veces menor se ve más oscuro, no igual."""
        small, large = np.full((4, 4), 0.1), np.full((4, 4), 1.0)
        small[0, 0] = large[0, 0] = 0.0
        fig = plotting.plot_feature_maps([small, large])
        images = [ax.images[0] for ax in fig.axes[:2]]
        assert {img.get_clim() for img in images} == {(0.0, 1.0)}
        assert fig.axes[-1].get_ylabel() == "Valor"

    def test_plot_feature_maps_per_panel_scale(self):
        fig = plotting.plot_feature_maps([np.arange(4.0).reshape(2, 2), np.arange(0, 40.0, 10).reshape(2, 2)],
                                         scale="panel")
        assert len(fig.axes) == 4  # dos paneles y dos barras
        assert [ax.images[0].get_clim() for ax in fig.axes[:2]] == [(0.0, 3.0), (0.0, 30.0)]

    def test_plot_feature_maps_centered_for_differences(self):
        fig = plotting.plot_feature_maps([np.array([[-1.0, 0.5], [0.0, 0.25]])], centered=True)
        image = fig.axes[0].images[0]
        assert image.get_clim() == (-1.0, 1.0)
        assert image.get_cmap().name == "RdBu_r"

    def test_plot_feature_maps_constant_maps_do_not_break_the_scale(self):
        fig = plotting.plot_feature_maps([np.zeros((3, 3)), np.zeros((3, 3))])
        low, high = fig.axes[0].images[0].get_clim()
        assert low < 0 < high

    def test_plot_feature_maps_list_of_different_sizes(self):
        fig = plotting.plot_feature_maps([np.zeros((26, 26)), np.zeros((13, 13))])
        assert len(fig.axes) == 2 + 1

    def test_plot_feature_maps_bad_scale(self):
        with pytest.raises(ValueError, match="scale"):
            plotting.plot_feature_maps([np.zeros((3, 3))], scale="propia")

    @pytest.mark.parametrize("maps", [np.zeros((4, 4)), [], [np.zeros(3)]])
    def test_plot_feature_maps_bad_input(self, maps):
        with pytest.raises(ValueError, match="maps"):
            plotting.plot_feature_maps(maps)

    def test_plot_kernels_diverging_symmetric_scale(self):
        kernels = np.stack([np.eye(3), -2 * np.eye(3) + 0.0], axis=-1)[:, :, None, :]  # + 0.0: sin -0,0
        fig = plotting.plot_kernels(kernels, ["uno", "dos"])
        panels = [ax for ax in fig.axes if ax.images]
        assert len(panels) == 2
        assert tuple(fig.get_size_inches()) == pytest.approx((2.0 * 2 + 0.8, 2.0))
        image = panels[0].images[0]
        assert image.get_cmap().name == "RdBu_r"
        assert image.get_clim() == (-2.0, 2.0)
        assert len(panels[0].texts) == 9  # valores anotados en un núcleo 3 x 3
        assert sorted({t.get_text() for t in panels[1].texts}) == ["0", "−2"]

    def test_plot_kernels_rejects_multichannel(self):
        with pytest.raises(ValueError, match="un canal de entrada"):
            plotting.plot_kernels(np.zeros((3, 3, 32, 64)))

    def test_plot_convolution_steps(self):
        image = np.arange(36).reshape(6, 6)
        output = np.ones((4, 4))
        fig = plotting.plot_convolution_steps(image, output, 3, [(0, 0), (0, 1), (3, 3)])
        assert len(fig.axes) == 6 + 1  # y la barra de color del mapa de salida
        assert tuple(fig.get_size_inches()) == pytest.approx((2.6 * 3 + 0.9, 5.4))
        # «Posición», no «Paso»: en el curso, el paso es cuánto avanza la ventana (stride).
        assert fig.axes[0].get_title() == "Posición 1: ventana en (0, 0)"
        assert fig.axes[-1].get_ylabel() == "Valor del mapa"
        assert fig.axes[0].get_ylabel() == "Entrada"
        assert fig.axes[3].get_ylabel() == "Mapa de salida"
        assert fig.axes[5].get_title() == "Salida (3, 3) = 1,00"
        with pytest.raises(ValueError, match="debería ser \\(4, 4\\)"):
            plotting.plot_convolution_steps(image, np.ones((3, 3)), 3, [(0, 0)])
        with pytest.raises(ValueError, match="se sale"):
            plotting.plot_convolution_steps(image, output, 3, [(4, 0)])

    def test_plot_multichannel_convolution(self):
        inputs = np.random.default_rng(0).random((6, 6, 2))
        kernel = np.stack([np.eye(3), -np.eye(3) + 0.0], axis=-1)
        partials = np.ones((4, 4, 2))
        fig = plotting.plot_multichannel_convolution(inputs, kernel, partials, 0.5,
                                                     input_titles=["uno", "dos"])
        panels = [ax for ax in fig.axes if ax.images]
        assert len(panels) == 3 * 2 + 1
        assert len(fig.axes) == len(panels) + 2
        assert [ax.get_title() for ax in panels[:3]] == ["uno", "Núcleo del canal 0", "Resultado del canal 0"]
        output = panels[-1].images[0]
        assert np.allclose(output.get_array(), 2.5)  # 1 + 1 + sesgo 0,5
        assert output.get_clim() == (-2.5, 2.5)
        assert output.get_cmap().name == "RdBu_r"
        assert "sesgo = 0,5" in panels[-1].get_title()
        assert len(panels[1].texts) == 9
        with pytest.raises(ValueError, match="deben coincidir"):
            plotting.plot_multichannel_convolution(inputs, kernel[..., :1], partials)
        with pytest.raises(ValueError, match="debería medir \\(4, 4\\)"):
            plotting.plot_multichannel_convolution(inputs, kernel, np.ones((3, 3, 2)))


class TestTraining:
    """plotting.training: curvas de un entrenamiento y comparación de varios."""

    def test_test_metrics_are_named_in_spanish(self):
        history = {**HISTORY, "test_accuracy": [0.7, 0.8, 0.9]}
        fig = plotting.plot_histories({"Red": history}, metrics=("test_accuracy",))
        assert fig.axes[0].get_title() == "Exactitud (prueba)"
        fig = plotting.plot_history(history, metrics=("test_accuracy",))
        assert fig.axes[0].get_title() == "Exactitud (prueba)"

    def test_plot_learning_rates(self):
        rates = {"Constante": np.full(20, 0.001), "Calentamiento": np.linspace(0, 0.01, 20)}
        fig = plotting.plot_learning_rates(rates, steps_per_epoch=5, title="Ritmos")
        [ax] = fig.axes
        assert ax.get_title() == "Ritmos"
        assert ax.get_ylabel() == "Tasa de aprendizaje"
        assert "fin de cada época" in ax.get_xlabel()
        curves = [line for line in ax.lines if len(line.get_xdata()) == 20]
        assert [list(line.get_ydata()) for line in curves] == [list(v) for v in rates.values()]
        assert len(ax.lines) == 2 + 3  # dos calendarios y el final de las épocas 1, 2 y 3
        assert "Constante" in texts(fig)
        assert "Calentamiento" in texts(fig)

    def test_plot_learning_rates_on_given_axes_without_epochs(self):
        fig = Figure()
        ax = fig.add_subplot()
        assert plotting.plot_learning_rates({"Una": [0.1, 0.05, 0.0]}, ax=ax) is fig
        assert ax.get_legend() is None
        assert len(ax.lines) == 1

    @pytest.mark.parametrize(
        ("rates", "kwargs", "error"),
        [
            ({}, {}, TypeError),
            ([0.1], {}, TypeError),
            ({"a": []}, {}, ValueError),
            ({"a": [0.1, -0.1]}, {}, ValueError),
            ({"a": [0.1, float("nan")]}, {}, ValueError),
            ({"a": [0.1]}, {"steps_per_epoch": 0}, ValueError),
        ],
    )
    def test_plot_learning_rates_bad_arguments(self, rates, kwargs, error):
        with pytest.raises(error):
            plotting.plot_learning_rates(rates, **kwargs)

    def test_axis_ticks_share_their_decimals_and_accuracy_is_in_percent(self):
        """«0,05; 0,10; 0,15» y no «0,05; 0,1; 0,15»; la exactitud, «80 %», no «0,8»."""
        fig = plotting.plot_history({"loss": [0.25, 0.05, 0.10], "accuracy": [0.8, 0.9, 0.95]})
        fig.canvas.draw()
        loss_ax, accuracy_ax = fig.axes
        loss_labels = [t.get_text() for t in loss_ax.get_yticklabels() if t.get_text()]
        assert {len(label.split(",")[-1]) for label in loss_labels} == {2}, loss_labels
        assert "0,10" in loss_labels
        accuracy_labels = [t.get_text() for t in accuracy_ax.get_yticklabels() if t.get_text()]
        assert all(label.endswith(" %") for label in accuracy_labels), accuracy_labels
        assert "90,0 %" in accuracy_labels
        assert "87,5 %" in accuracy_labels
        epochs = [t.get_text() for t in loss_ax.get_xticklabels() if t.get_text()]
        assert epochs == ["1", "2", "3"]

    def test_plot_history_train_only(self):
        fig = plotting.plot_history(HISTORY, title="Curvas")
        assert isinstance(fig, Figure)
        assert len(fig.axes) == 2
        assert tuple(fig.get_size_inches()) == pytest.approx((9.0, 3.2))
        assert [ax.get_title() for ax in fig.axes] == ["Pérdida", "Exactitud"]
        assert all(ax.get_xlabel() == "Época" for ax in fig.axes)
        assert [len(ax.lines) for ax in fig.axes] == [1, 1]
        assert list(fig.axes[0].lines[0].get_ydata()) == HISTORY["loss"]

    def test_plot_history_with_validation_and_history_object(self):
        class FakeHistory:
            history = {**HISTORY, "val_loss": [0.6, 0.4, 0.35], "val_accuracy": [0.7, 0.85, 0.9]}

        fig = plotting.plot_history(FakeHistory())
        assert [len(ax.lines) for ax in fig.axes] == [2, 2]
        assert "Entrenamiento" in texts(fig)
        assert "Validación" in texts(fig)

    def test_plot_history_shows_validation_of_validation_split(self):
        """Con ``model.fit(..., validation_split=0.1)`` el historial trae val_*: se dibujan."""
        import keras

        keras.utils.set_random_seed(0)
        model = keras.Sequential([keras.Input((4,)), keras.layers.Dense(2, activation="softmax")])
        model.compile(optimizer="rmsprop", loss="categorical_crossentropy", metrics=["accuracy"])
        x = np.random.default_rng(0).normal(size=(40, 4)).astype("float32")
        y = keras.utils.to_categorical(x[:, 0] > 0, 2)
        history = model.fit(x, y, epochs=2, batch_size=8, validation_split=0.1, verbose=0)
        assert {"val_loss", "val_accuracy"} <= set(history.history)
        fig = plotting.plot_history(history)
        assert [len(ax.lines) for ax in fig.axes] == [2, 2]
        assert [[t.get_text() for t in ax.get_legend().get_texts()] for ax in fig.axes] == [
            ["Entrenamiento", "Validación"]] * 2

    @pytest.mark.parametrize("epochs", [1, 2, 5, 10, 12, 30, 100])
    @pytest.mark.parametrize("function", ["plot_history", "plot_histories"])
    def test_epoch_ticks_are_few_integers(self, function, epochs):
        """Épocas enteras (nunca «1,5») y no más de 10 marcas, también con 30 épocas."""
        curve = list(np.linspace(1.0, 0.1, epochs))
        if function == "plot_history":
            fig = plotting.plot_history({"loss": curve, "accuracy": curve})
        else:
            fig = plotting.plot_histories({"a": {"val_loss": curve, "val_accuracy": curve}})
        fig.draw_without_rendering()
        for ax in fig.axes:
            low, high = ax.get_xlim()
            labels = [t.get_text() for t in ax.get_xticklabels()
                      if t.get_text() and low <= t.get_position()[0] <= high]
            assert labels, labels
            assert all(re.fullmatch(r"\d+", label) for label in labels), labels
            ticks = [int(label) for label in labels]
            assert len(ticks) <= 10, ticks
            assert ticks[0] == 1, ticks
            assert ticks[-1] <= epochs, ticks
            assert ticks == sorted(set(ticks))
            if epochs <= 10:
                assert ticks == list(range(1, epochs + 1))

    def test_epoch_ticks(self):
        from course_lib.plotting.training import _epoch_ticks

        assert _epoch_ticks(2) == [1, 2]
        assert _epoch_ticks(10) == list(range(1, 11))
        assert _epoch_ticks(30) == [1, 5, 10, 15, 20, 25, 30]
        assert all(len(_epoch_ticks(n)) <= 10 for n in range(1, 2000))
        with pytest.raises(ValueError, match="entero positivo"):
            _epoch_ticks(0)

    def test_plot_history_on_given_axes(self):
        fig = Figure()
        axes = fig.subplots(1, 2)
        assert plotting.plot_history(HISTORY, axes=axes) is fig
        with pytest.raises(ValueError, match="Hacen falta 1 ejes \\(uno por métrica\\); se dieron 2"):
            plotting.plot_history(HISTORY, metrics=("loss",), axes=axes)

    def test_plot_history_bad_input(self):
        with pytest.raises(TypeError, match="History"):
            plotting.plot_history(None)
        with pytest.raises(ValueError, match="no tiene las métricas \\['val_loss'\\]"):
            plotting.plot_history(HISTORY, metrics=("val_loss",))

    def test_plot_histories_names_optimizers_properly(self):
        runs = {name: {"val_loss": [1.0, 0.5], "val_accuracy": [0.5, 0.8]}
                for name in ("sgd", "rmsprop", "adam", "Con dropout 0,5")}
        fig = plotting.plot_histories(runs)
        for ax in fig.axes:
            assert [t.get_text() for t in ax.get_legend().get_texts()] == [
                "SGD", "RMSprop", "Adam", "Con dropout 0,5"]

    def test_plot_histories_one_line_per_run(self):
        runs = {name: {"val_loss": [1.0, 0.5], "val_accuracy": [0.5, 0.8]} for name in ("sgd", "adam")}
        fig = plotting.plot_histories(runs)
        assert len(fig.axes) == 2
        assert [len(ax.lines) for ax in fig.axes] == [2, 2]
        assert tuple(fig.get_size_inches()) == pytest.approx((9.6, 3.4))
        assert fig.axes[1].get_title() == "Exactitud (validación)"
        with pytest.raises(ValueError, match="«sgd» no tiene"):
            plotting.plot_histories({"sgd": {"loss": [1.0]}})


class TestInspection:
    """plotting.inspection: matriz de confusión, traza de un dígito y puntuaciones por clase."""

    def test_plot_confusion_matrix(self):
        matrix = np.array([[50, 2], [0, 40]])
        fig = plotting.plot_confusion_matrix(matrix)
        ax = fig.axes[0]
        assert ax.get_xlabel() == "Clase predicha"
        assert ax.get_ylabel() == "Clase real"
        assert sorted(t.get_text() for t in ax.texts) == ["2", "40", "50"]  # el 0 no se escribe
        assert len(fig.axes) == 2  # eje y barra de color
        assert tuple(fig.get_size_inches()) == (6.4, 5.6)
        with pytest.raises(ValueError, match="cuadrada"):
            plotting.plot_confusion_matrix(np.zeros((2, 3), dtype=int))

    def test_plot_confusion_matrix_zeros_and_ones_differ(self):
        """Un 0 (blanco) y un 1 (el color más oscuro de la escala) no comparten color."""
        fig = plotting.plot_confusion_matrix(np.array([[50, 1], [0, 40]]))
        image = fig.axes[0].images[0]
        colours = image.to_rgba(image.get_array())
        assert tuple(colours[1, 0]) == (1.0, 1.0, 1.0, 1.0)
        assert tuple(colours[0, 1]) != tuple(colours[1, 0])

    def test_plot_digit_trace(self):
        rng = np.random.default_rng(0)
        maps = {"conv_1": rng.random((26, 26, 32)), "pool_1": rng.random((13, 13, 32))}
        fig = plotting.plot_digit_trace(
            rng.random((28, 28)), maps, rng.random(576), rng.random(10), np.full(10, 0.1),
            label=3, loss=2.3026,
        )
        titles = [ax.get_title() for ax in fig.axes]
        busiest = int(maps["conv_1"].mean(axis=(0, 1)).argmax())
        assert f"conv_1, canal {busiest}\n26 × 26 × 32" in titles
        assert "Entrada 28 × 28" in titles
        assert "Vector aplanado (576 valores)" in titles
        assert "Softmax: real 3, pérdida 2,3" in titles
        assert len(fig.axes) == 8  # 6 paneles y una barra de color por mapa de características
        assert fig.get_suptitle() == "Un dígito a través de la red"

    def test_plot_digit_trace_shows_an_active_channel(self):
        """Por defecto, el canal más activo: nunca un canal apagado (todo ceros) como el 0."""
        maps = np.zeros((3, 3, 4))
        maps[..., 2] = 1.5
        maps[1, 1, 3] = 0.5

        def trace(**options):
            fig = plotting.plot_digit_trace(np.zeros((28, 28)), {"conv_3": maps}, np.zeros(36),
                                            np.zeros(10), np.full(10, 0.1), label=0, loss=2.3, **options)
            return fig.axes[1]

        ax = trace()
        assert ax.get_title().startswith("conv_3, canal 2\n")
        assert ax.images[0].get_array().max() == 1.5
        assert trace(channels={"conv_3": 3}).get_title().startswith("conv_3, canal 3\n")
        with pytest.raises(ValueError, match="no hay canal 4"):
            trace(channels={"conv_3": 4})
        with pytest.raises(ValueError, match="«channels» nombra capas"):
            trace(channels={"conv_9": 0})

    @pytest.mark.parametrize(("loss", "text"), [
        (2.3026, "2,3"), (0.0123456, "0,0123"), (0.001, "0,001"), (4.09e-10, "4,1 · 10⁻¹⁰"),
        (2e-5, "2 · 10⁻⁵"), (0.0, "0"), (-0.0, "0"),
    ])
    def test_plot_digit_trace_writes_small_losses(self, loss, text):
        """Una pérdida casi nula se escribe con sus cifras («4,1 · 10⁻¹⁰»), nunca «0» por redondeo ni «−0»."""
        fig = plotting.plot_digit_trace(np.zeros((28, 28)), {"conv_1": np.ones((4, 4, 2))}, np.zeros(8),
                                        np.zeros(10), np.full(10, 0.1), label=7, loss=loss)
        assert fig.axes[-1].get_title() == f"Softmax: real 7, pérdida {text}"

    @pytest.mark.parametrize("loss", [-0.5, float("nan"), float("inf")])
    def test_plot_digit_trace_rejects_impossible_losses(self, loss):
        with pytest.raises(ValueError, match="«loss» debe ser una entropía cruzada"):
            plotting.plot_digit_trace(np.zeros((28, 28)), {"conv_1": np.ones((4, 4, 2))}, np.zeros(8),
                                      np.zeros(10), np.full(10, 0.1), label=7, loss=loss)

    def test_plot_class_scores_marks_true_class(self):
        scores = {"Logits": np.arange(10) - 5.0, "Softmax": np.full(10, 0.1)}
        fig = plotting.plot_class_scores(scores, label=3)
        assert [ax.get_title() for ax in fig.axes] == ["Logits", "Softmax"]
        bars = fig.axes[0].patches
        assert len(bars) == 10
        assert bars[3].get_hatch() == "//"
        assert bars[2].get_hatch() is None
        with pytest.raises(ValueError, match="misma longitud"):
            plotting.plot_class_scores({"a": np.zeros(10), "b": np.zeros(3)})
        with pytest.raises(ValueError, match="«label»"):
            plotting.plot_class_scores({"a": np.zeros(10)}, label=10)
        with pytest.raises(ValueError, match="Hacen falta 1 ejes; se dieron 2"):
            plotting.plot_class_scores({"a": np.zeros(10)}, axes=fig.axes)

    def test_plot_class_scores_true_class_visible_without_colour(self):
        """La trama de la clase real se ve: su color (el del borde) no es el del relleno."""
        from matplotlib.colors import same_color

        scores = {"Logits": np.arange(10) - 5.0, "Softmax": np.full(10, 0.1)}
        fig = plotting.plot_class_scores(scores, label=3)
        for ax in fig.axes:
            true_bar, other = ax.patches[3], ax.patches[2]
            assert not same_color(true_bar.get_edgecolor(), true_bar.get_facecolor())
            if hasattr(true_bar, "get_hatchcolor"):  # matplotlib >= 3.10
                assert not same_color(true_bar.get_hatchcolor(), true_bar.get_facecolor())
            assert not same_color(true_bar.get_facecolor(), other.get_facecolor())
        legend = fig.axes[0].get_legend()
        assert [t.get_text() for t in legend.get_texts()] == ["Clase real (3)", "Otras clases"]
        assert fig.axes[1].get_legend() is None
        assert plotting.plot_class_scores({"a": np.zeros(10)}).axes[0].get_legend() is None


class TestPlotAttribution:
    """plot_attribution: el dígito y cada mapa sobre él, con su escala y su sitio."""

    def test_panels_extents_and_scales(self, tiny_images):
        image = tiny_images[0] / 255
        signed = np.linspace(-1, 2, 22 * 22).reshape(22, 22)
        positive = np.ones((3, 3))
        fig = plotting.plot_attribution(image, [signed, positive], ["a", "b"],
                                        extents=[(2.5, 24.5, 24.5, 2.5), None], label="Bajada")
        axes = [ax for ax in fig.axes if ax.get_title()]
        assert [ax.get_title() for ax in axes] == ["Entrada", "a", "b"]
        first = axes[1].get_images()[0]
        assert first.get_extent() == [2.5, 24.5, 24.5, 2.5]
        assert first.get_clim() == (-2.0, 2.0)  # con signo: centrada en 0
        assert first.get_cmap().name == "RdBu_r"
        second = axes[2].get_images()[0]
        assert second.get_extent() == [-0.5, 27.5, 27.5, -0.5]
        assert second.get_clim()[0] == 0.0
        assert axes[1].get_xlim() == (-0.5, 27.5)  # el marco de la imagen, no el del mapa

    def test_draws_into_a_given_figure_and_rejects_bad_arguments(self, tiny_images):
        from matplotlib.figure import Figure

        fig = Figure()
        assert plotting.plot_attribution(tiny_images[0], [np.ones((4, 4))], ["m"], fig=fig) is fig
        with pytest.raises(ValueError, match="títulos"):
            plotting.plot_attribution(tiny_images[0], [np.ones((4, 4))], ["a", "b"])
        with pytest.raises(ValueError, match="matrices 2D"):
            plotting.plot_attribution(tiny_images[0], [np.ones(4)], ["a"])
        with pytest.raises(ValueError, match="forma"):
            plotting.plot_attribution(np.ones(5), [np.ones((4, 4))], ["a"])

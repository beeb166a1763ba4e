"""Gráficos del curso: dígitos, convolución, curvas de entrenamiento e inspección de la red.

Todas las funciones dibujan con la interfaz orientada a objetos de
matplotlib, devuelven la ``Figure`` y no cambian el estado global
(``rcParams``, estilos). Los colores y mapas de color son seguros para
personas con daltonismo (paleta de Okabe e Ito, ``gray_r``, ``viridis``) y
los números se escriben con coma decimal (:func:`course_lib.formatting.decimal_comma`).

Las funciones están repartidas por tema y se usan desde aquí, p. ej.
``plotting.plot_digits(...)``:

- :mod:`~course_lib.plotting.data`: :func:`plot_digits`, :func:`plot_class_counts`.
- :mod:`~course_lib.plotting.convolution`: :func:`plot_feature_maps`, :func:`plot_kernels`,
  :func:`plot_convolution_steps`, :func:`plot_multichannel_convolution`.
- :mod:`~course_lib.plotting.training`: :func:`plot_history`, :func:`plot_histories`,
  :func:`plot_learning_rates`.
- :mod:`~course_lib.plotting.inspection`: :func:`plot_confusion_matrix`,
  :func:`plot_digit_trace`, :func:`plot_class_scores`.
- :mod:`~course_lib.plotting.attribution`: :func:`plot_attribution`.
"""

from course_lib.plotting._common import OKABE_ITO
from course_lib.plotting.attribution import plot_attribution
from course_lib.plotting.convolution import (
    plot_convolution_steps,
    plot_feature_maps,
    plot_kernels,
    plot_multichannel_convolution,
)
from course_lib.plotting.data import plot_class_counts, plot_digits
from course_lib.plotting.inspection import plot_class_scores, plot_confusion_matrix, plot_digit_trace
from course_lib.plotting.training import plot_histories, plot_history, plot_learning_rates

__all__ = [
    "OKABE_ITO",
    "plot_attribution",
    "plot_class_counts",
    "plot_class_scores",
    "plot_confusion_matrix",
    "plot_convolution_steps",
    "plot_digit_trace",
    "plot_digits",
    "plot_feature_maps",
    "plot_histories",
    "plot_history",
    "plot_kernels",
    "plot_learning_rates",
    "plot_multichannel_convolution",
]

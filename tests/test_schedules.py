import keras
import numpy as np
import pytest

from course_lib import schedules


def test_steps_per_epoch_rounds_up():
    assert schedules.steps_per_epoch(60000, 64) == 938
    assert schedules.steps_per_epoch(54000, 128) == 422
    assert schedules.steps_per_epoch(128, 128) == 1


def test_warmup_cosine_is_the_formula():
    """Sube en línea recta hasta el pico y baja en medio coseno hasta el final."""
    total, warmup, peak, final = 200, 20, 0.01, 0.001
    rates = schedules.learning_rates(schedules.warmup_cosine(peak, total, warmup, final=final), total)
    t = np.arange(total)
    decay = np.clip((t - warmup) / (total - warmup), 0, 1)
    cosine = final + (peak - final) * (1 + np.cos(np.pi * decay)) / 2
    expected = np.where(t < warmup, peak * t / warmup, cosine)
    np.testing.assert_allclose(rates, expected, rtol=1e-5, atol=1e-9)
    assert rates[0] == 0
    assert rates.argmax() == warmup
    assert rates.max() == pytest.approx(peak)


def test_warmup_cosine_without_warmup_starts_at_the_peak():
    rates = schedules.learning_rates(schedules.warmup_cosine(0.1, 50, 0), 50)
    assert rates[0] == pytest.approx(0.1)
    assert np.all(np.diff(rates) <= 0)


def test_warmup_cosine_is_a_keras_schedule_that_survives_serialization():
    schedule = schedules.warmup_cosine(0.01, 100, 10)
    again = keras.optimizers.schedules.deserialize(keras.optimizers.schedules.serialize(schedule))
    np.testing.assert_allclose(schedules.learning_rates(again, 100), schedules.learning_rates(schedule, 100))
    optimizer = keras.optimizers.Adam(learning_rate=schedule)
    assert keras.optimizers.Adam.from_config(optimizer.get_config()).get_config() == optimizer.get_config()


def test_learning_rates_of_a_constant():
    np.testing.assert_array_equal(schedules.learning_rates(0.001, 3), [0.001] * 3)


@pytest.mark.parametrize(
    ("args", "message"),
    [
        ((0.0, 100, 10), "peak"),
        ((-1.0, 100, 10), "peak"),
        ((0.01, 100, 100), "calentamiento"),
        ((0.01, 100, -1), "warmup_steps"),
        ((0.01, 10.5, 1), "total_steps"),
        ((float("nan"), 100, 10), "peak"),
    ],
)
def test_warmup_cosine_bad_arguments(args, message):
    with pytest.raises(ValueError, match=message):
        schedules.warmup_cosine(*args)


def test_warmup_cosine_peak_must_be_a_number():
    with pytest.raises(TypeError, match="«peak» debe ser un número real"):
        schedules.warmup_cosine("0.01", 100, 10)


def test_final_must_be_below_the_peak():
    with pytest.raises(ValueError, match="final"):
        schedules.warmup_cosine(0.01, 100, 10, final=0.1)


@pytest.mark.parametrize(("args", "error"), [((60000, 0), ValueError), ((True, 5), ValueError)])
def test_steps_per_epoch_bad_arguments(args, error):
    with pytest.raises(error, match="entero positivo"):
        schedules.steps_per_epoch(*args)


def test_learning_rates_bad_arguments():
    with pytest.raises(TypeError, match="schedule"):
        schedules.learning_rates("adam", 10)
    with pytest.raises(ValueError, match="total_steps"):
        schedules.learning_rates(0.1, 0)

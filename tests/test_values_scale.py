"""Values at the right scale: percentages, durations, amounts of money."""

import pytest

from migration_bridge.services import values
from migration_bridge.services.inference import infer_type, profile_rows


@pytest.mark.parametrize(
    ("raw", "fraction", "percent"),
    [
        ("0.9", None, 90.0),
        ("90", None, 90.0),
        ("90%", None, 90.0),
        ("1", True, 100.0),
        ("1", None, 1.0),
        ("0,25", None, 25.0),
    ],
)
def test_probability_as_a_fraction_is_a_percentage(raw, fraction, percent):
    assert values.parse_percent(raw, fraction=fraction) == pytest.approx(percent)


def test_a_column_of_fractions():
    assert values.fraction_column(["0.2", "1", "0.9", ""])
    assert not values.fraction_column(["20", "100"])
    assert not values.fraction_column(["0", "1"])  # no decimal: cannot tell
    assert not values.fraction_column(["0.5%"])


@pytest.mark.parametrize(
    ("header", "raw", "seconds"),
    [
        ("Call duration (ms)", "1740000", 1740.0),
        ("Duration (seconds)", "95", 95.0),
        ("CallDurationInSeconds", "95", 95.0),
        ("Duração (minutos)", "3", 180.0),
        ("Dauer (Stunden)", "1,5", 5400.0),
        ("Duration", "00:05:30", 330),
    ],
)
def test_durations_in_the_headers_unit(header, raw, seconds):
    assert values.parse_duration(header, raw) == pytest.approx(seconds)


@pytest.mark.parametrize(
    ("raw", "amount", "currency"),
    [
        ("$1,234.50", 1234.5, "USD"),
        ("1.234,50 €", 1234.5, "EUR"),
        ("R$ 1.234,50", 1234.5, "BRL"),
        ("CHF 1'234.50", 1234.5, "CHF"),
        ("€ 4.500,00", 4500.0, "EUR"),
        ("1 234,56 ₽", 1234.56, "RUB"),
    ],
)
def test_amounts_with_separators_and_currencies(raw, amount, currency):
    assert values.parse_money(raw) == (pytest.approx(amount), currency)
    assert infer_type([raw, raw]) == "money"


def test_a_column_of_first_names_is_text_not_a_selection():
    names = ["Ann", "Bob", "Ann", "Bob", "Cid", "Ann", "Bob", "Cid"]
    rows = [
        {"First Name": n, "Pessoa - Nome": n, "Stage": s}
        for n, s in zip(names, "ABABABAB", strict=True)
    ]
    found = profile_rows(["First Name", "Pessoa - Nome", "Stage"], rows)
    assert found["First Name"].type == "text"
    assert found["Pessoa - Nome"].type == "text"
    assert found["Stage"].type == "selection"


def test_eszett_folds_in_labels():
    assert values.normalize_label("Straße") == "strasse"

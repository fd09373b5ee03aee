import csv

from conftest import SAMPLES

from migration_bridge.services.inference import FieldProfiler, infer_type, profile_rows


def test_types_of_realistic_columns():
    assert infer_type(["12", "1,200", "7"]) == "integer"
    assert infer_type(["12.50", "8000.00", "3"]) == "float"
    assert infer_type(["$12.50", "$8,000.00"]) == "money"
    assert infer_type(["2024-01-02", "2024-03-04"]) == "date"
    assert infer_type(["2024-01-02 10:00", "2024-03-04 11:30:00"]) == "datetime"
    assert infer_type(["yes", "no", "yes"]) == "boolean"
    assert infer_type(["a@x.example", "b@y.example"]) == "email"
    assert infer_type(["+44 117 496 0918", "+7 923 404-67-40"]) == "phone"
    assert infer_type(["https://a.example", "www.b.example"]) == "url"
    assert infer_type(["Won", "Lost", "Open", "Won", "Open", "Lost", "Won"]) == "selection"
    assert infer_type(["Alice", "Bob", "Carla", "Dmitri"]) == "text"
    assert infer_type([]) == "text"
    assert infer_type(["", ""]) == "text"


def test_leading_zeros_are_identifiers():
    assert infer_type(["00123", "00456", "00789", "01000", "02000"]) == "text"


def test_phone_is_not_short_numbers():
    assert infer_type(["1501", "1502"]) == "integer"


def test_tolerance_for_a_few_bad_dates():
    values = ["2024-01-%02d" % (i % 28 + 1) for i in range(99)] + ["soon"]
    assert infer_type(values) == "date"
    assert infer_type(["2024-01-02", "soon"]) != "date"


def test_profile_counts_and_samples():
    profiler = FieldProfiler("Stage", max_samples=2)
    for value in ["Won", "", "Lost", "Won", "Open", ""]:
        profiler.add(value)
    result = profiler.result()
    assert (result.total, result.filled, result.distinct) == (6, 4, 3)
    assert result.fill_rate == 4 / 6
    assert result.samples == ["Won", "Lost"]


def test_distinct_is_bounded():
    profiler = FieldProfiler("id", max_distinct=10)
    for index in range(100):
        profiler.add("id-%s" % index)
    result = profiler.result()
    assert result.distinct == 10 and result.distinct_capped
    assert result.type == "text"


def test_sample_deals_profile():
    with open(SAMPLES / "generic" / "deals.csv", encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    profiles = profile_rows(list(rows[0]), rows)
    types = {name: p.type for name, p in profiles.items()}
    assert types["Amount"] == "float"
    assert types["Probability"] == "integer"
    assert types["Close Date"] == "date"
    assert types["Created At"] == "datetime"
    assert types["Stage"] == "selection"
    assert profiles["Stage"].values == sorted(
        [
            "Qualification",
            "Meeting Scheduled",
            "Proposal Sent",
            "Negotiation",
            "Closed Won",
            "Closed Lost",
        ]
    )
    assert profiles["Lost Reason"].fill_rate == 10 / 70

import pytest

from migration_bridge.services.inference import (
    FIELD_TYPES,
    FieldProfile,
    FieldProfiler,
    infer_type,
    profile_rows,
)
from migration_bridge.services.readers import SourceRow, read_sources


@pytest.mark.parametrize(
    ("column", "expected"),
    [
        (["12", "1,200", "7", "-3"], "integer"),
        (["0", "10", "40", "100"], "integer"),
        (["0", "1", "2"], "integer"),
        (["12.50", "8000.00", "3"], "float"),
        (["1 234,56", "12,5", "7"], "float"),
        (["(12.50)", "3.25"], "float"),
        (["$12.50", "$8,000.00", "12"], "money"),
        (["1 200,50 €", "300 €"], "money"),
        (["2024-01-02", "2024-03-04"], "date"),
        (["05.03.2024", "31.12.2023"], "date"),
        (["03/05/2024", "12/31/2024"], "date"),
        (["5 Mar 2024", "March 6, 2024"], "date"),
        (["2024-01-02 10:00", "2024-03-04 11:30:00"], "datetime"),
        (["2024-01-02T10:00:00Z", "2024-01-02"], "datetime"),
        (["yes", "no", "yes"], "boolean"),
        (["Y", "N", "y"], "boolean"),
        (["TRUE", "False", "true"], "boolean"),
        (["0", "1", "1", "0"], "boolean"),
        (["1", "1"], "boolean"),
        (["да", "нет"], "boolean"),
        (["a@x.example", "B.Name@y.example"], "email"),
        (["+44 117 496 0918", "+7 923 404-67-40", "(030) 1234567 ext. 12"], "phone"),
        (["0301234567", "0401234567"], "phone"),
        (["https://a.example", "www.b.example", "c.example/contact"], "url"),
        (["Won", "Lost", "Open", "Won", "Open", "Lost", "Won"], "selection"),
        (["Alice", "Bob", "Carla", "Dmitri"], "text"),
        (["Won", "Lost", "Won"], "text"),
        ([], "text"),
        (["", "  "], "text"),
    ],
)
def test_types_of_realistic_columns(column, expected):
    assert infer_type(column) == expected
    assert expected in FIELD_TYPES


def test_empty_values_do_not_count_against_a_type():
    assert infer_type(["", "12", "", "7", " "]) == "integer"


def test_leading_zeros_are_identifiers():
    assert infer_type(["00123", "00456", "00789", "01000", "02000"]) == "text"
    assert infer_type(["007", "007", "012", "012", "007"]) == "selection"
    assert infer_type(["0", "0.5", "10"]) == "float"


def test_short_numbers_are_integers_not_phones():
    assert infer_type(["1501", "1502"]) == "integer"
    assert infer_type(["1234567", "7654321"]) == "integer"


def test_precedence_when_several_types_fit():
    assert infer_type(["05.03.2024", "06.03.2024"]) == "date", "dates are phones too"
    assert infer_type(["1", "0"]) == "boolean", "0/1 are integers too"
    assert infer_type(["12", "13"]) == "integer", "integers are floats and phones too"
    assert infer_type(["acme.com", "beta.org"]) == "url"


def test_a_currency_makes_a_number_column_money():
    numbers = [str(n) for n in range(100)]
    assert infer_type(numbers) == "integer"
    assert infer_type([*numbers, "$5"]) == "money"
    assert infer_type(["EUR", "USD", "EUR", "USD"]) == "selection", "codes alone are no amount"


def test_more_than_three_boolean_words_is_not_boolean():
    assert infer_type(["yes", "no", "true", "false"]) != "boolean"


@pytest.mark.parametrize(
    ("good", "bad", "expected"),
    [
        (["2024-01-%02d" % (i % 28 + 1) for i in range(99)], ["soon"], "date"),
        (["2024-01-%02d" % (i % 28 + 1) for i in range(49)], ["soon"], "date"),
        (["2024-01-%02d" % (i % 28 + 1) for i in range(97)], ["soon", "later", "never"], "text"),
        (["2024-01-02"], ["soon"], "text"),
        ([str(i * 7) for i in range(60)], ["n/a"], "integer"),
        (["%s.5" % i for i in range(60)], ["n/a"], "float"),
        (["2024-01-02 10:%02d" % (i % 60) for i in range(60)], ["n/a"], "datetime"),
        ([str(i) for i in range(60)], ["n/a", "n/a"], "text"),
        (["2024-01-02"] * 100, ["soon"] * 2, "date"),
        (["2024-01-02"] * 100, ["soon"] * 3, "selection"),
    ],
)
def test_tolerance_for_a_few_bad_values(good, bad, expected):
    """Every occurrence counts, repeated values included."""
    assert infer_type(good + bad) == expected


def test_a_number_type_missing_a_quarter_of_a_hundred_values_is_given_up():
    """Not tried on the rest, and not accepted when good values follow by thousands."""
    street_lines = ["%s Quai des Usines" % i for i in range(100)]
    numbers = [str(i) for i in range(5000)]
    assert infer_type(street_lines + numbers) == "text"
    profiler = FieldProfiler("Street")
    for value in street_lines:
        profiler.add(value)
    assert {"integer", "float", "money", "date", "datetime"} <= profiler.given_up
    # a few bad values early in a long column are still tolerated
    assert infer_type(["n/a"] * 20 + numbers[:100] + numbers) == "integer"


def test_no_tolerance_for_emails():
    emails = ["user%s@example.com" % i for i in range(99)]
    assert infer_type(emails) == "email"
    assert infer_type([*emails, "not an email"]) == "text"


def test_selection_bounds():
    assert infer_type(["a", "b", "a"]) == "text", "fewer than 4 values"
    assert infer_type(["a", "b", "a", "b"]) == "selection"
    assert infer_type(["a", "b", "c", "a"]) == "text", "more than half distinct"
    twenty = ["v%02d" % i for i in range(20)] * 3
    assert infer_type(twenty) == "selection"
    assert infer_type(twenty + ["v20"] * 3) == "text", "21 distinct values"


def test_profile_counts_and_samples():
    profiler = FieldProfiler("Stage", max_samples=2)
    for value in ["Won", "", "Lost", "Won", "Open", "", " Won "]:
        profiler.add(value)
    result = profiler.result()
    assert isinstance(result, FieldProfile)
    assert (result.name, result.total, result.filled, result.distinct) == ("Stage", 7, 5, 3)
    assert result.fill_rate == pytest.approx(5 / 7)
    assert result.samples == ["Won", "Lost"]
    assert result.type == "text"  # 3 distinct of 5 values: more than half
    profiler.add("Lost")
    profiler.add("Open")
    result = profiler.result()
    assert result.type == "selection"
    assert result.values == ["Lost", "Open", "Won"]
    assert not result.distinct_capped


def test_profile_of_nothing():
    result = FieldProfiler("Empty").result()
    assert (result.type, result.total, result.filled, result.fill_rate) == ("text", 0, 0, 0.0)
    assert (result.distinct, result.samples, result.values) == (0, [], [])
    result = profile_rows(["A"], [{"A": ""}, {}])["A"]
    assert (result.total, result.filled, result.fill_rate) == (2, 0, 0.0)


def test_values_are_listed_for_selections_only():
    profiler = FieldProfiler("Amount")
    for value in ["1", "2", "1", "2"]:
        profiler.add(value)
    result = profiler.result()
    assert result.type == "integer" and result.values == []
    assert result.samples == ["1", "2"]


def test_distinct_is_bounded():
    profiler = FieldProfiler("id", max_distinct=10)
    for index in range(10_000):
        profiler.add("id-%s" % index)
    result = profiler.result()
    assert result.distinct == 10 and result.distinct_capped
    assert len(profiler.distinct) == 10
    assert result.samples == ["id-0", "id-1", "id-2", "id-3", "id-4"]
    assert (result.type, result.filled) == ("text", 10_000)


def test_a_capped_column_is_never_a_selection():
    profiler = FieldProfiler("code", max_distinct=3)
    for value in ["a", "b", "c", "d"] * 10:
        profiler.add(value)
    assert profiler.result().distinct_capped
    assert profiler.result().type == "text"


def test_profile_rows_of_dicts_and_source_rows():
    headers = ["Email", "Amount"]
    dicts = [{"Email": "a@x.example", "Amount": "1"}, {"Email": "", "Amount": "2.5"}]
    rows = [SourceRow(index + 2, values, []) for index, values in enumerate(dicts)]
    for source in (dicts, rows):
        profiles = profile_rows(headers, source)
        assert list(profiles) == headers
        assert (profiles["Email"].type, profiles["Email"].fill_rate) == ("email", 0.5)
        assert profiles["Amount"].type == "float"


def test_profile_of_a_read_csv():
    lines = ["Deal ID,Amount,Stage,Close Date,Created At,Won,Owner,Probability,Notes"]
    stages = ["Qualification", "Proposal Sent", "Negotiation", "Closed Won"]
    for i in range(40):
        lines.append(
            "D%04d,%d.50,%s,2025-%02d-%02d,2024-02-%02d %02d:%02d:00,%s,%s,%d,%s"
            % (
                3000 + i,
                1000 + i * 250,
                stages[i % 4],
                i % 12 + 1,
                i % 28 + 1,
                i % 28 + 1,
                i % 24,
                i % 60,
                "yes" if i % 3 else "no",
                "alice@example.com" if i % 2 else "",
                i * 2 % 101,
                "" if i % 5 else "call back on day %d" % i,
            )
        )
    (table,) = read_sources("deals.csv", ("\n".join(lines) + "\n").encode())
    profiles = profile_rows(table.headers, table.rows())
    assert {name: p.type for name, p in profiles.items()} == {
        "Deal ID": "text",
        "Amount": "float",
        "Stage": "selection",
        "Close Date": "date",
        "Created At": "datetime",
        "Won": "boolean",
        "Owner": "email",
        "Probability": "integer",
        "Notes": "text",
    }
    assert profiles["Stage"].values == sorted(stages)
    assert profiles["Owner"].fill_rate == 0.5
    assert (profiles["Notes"].filled, profiles["Notes"].total) == (8, 40)
    assert profiles["Deal ID"].distinct == 40

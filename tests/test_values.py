import datetime

import pytest

from migration_bridge.services import values


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", datetime.date(2024, 3, 5)),
        ("2024/03/05", datetime.date(2024, 3, 5)),
        ("05.03.2024", datetime.date(2024, 3, 5)),
        ("03/05/2024", datetime.date(2024, 3, 5)),
        ("25/03/2024", datetime.date(2024, 3, 25)),
        ("5 Mar 2024", datetime.date(2024, 3, 5)),
        ("March 5, 2024", datetime.date(2024, 3, 5)),
        ("2024-03-05T10:11:12Z", datetime.date(2024, 3, 5)),
    ],
)
def test_parse_date(text, expected):
    assert values.parse_date(text) == expected


def test_parse_date_dayfirst_forced():
    assert values.parse_date("03/05/2024", dayfirst=True) == datetime.date(2024, 5, 3)


@pytest.mark.parametrize("text", ["", "tomorrow", "2024-13-01", "31.02.2024", "12:30"])
def test_parse_date_refuses(text):
    with pytest.raises(ValueError):
        values.parse_date(text)


def test_parse_datetime_to_naive_utc():
    assert values.parse_datetime("2024-03-05T10:00:00+02:00") == datetime.datetime(2024, 3, 5, 8)
    assert values.parse_datetime("2024-03-05 10:00Z") == datetime.datetime(2024, 3, 5, 10)
    assert values.parse_datetime("2021-04-17 09:32:00") == datetime.datetime(2021, 4, 17, 9, 32)
    assert values.parse_datetime("05.03.2024") == datetime.datetime(2024, 3, 5)
    with pytest.raises(ValueError):
        values.parse_datetime("2024-03-05 25:00")


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.56", 1234.56),
        ("1 234,56", 1234.56),
        ("1\u00a0234,56", 1234.56),
        ("1.234,56", 1234.56),
        ("1234", 1234.0),
        ("-12.5", -12.5),
        ("(12.50)", -12.5),
        ("1,5", 1.5),
        ("1.234.567", 1234567.0),
        (" 42 ", 42.0),
    ],
)
def test_parse_number(text, expected):
    assert values.parse_number(text) == expected


@pytest.mark.parametrize("text", ["", "abc", "12a", "1-2", "--"])
def test_parse_number_refuses(text):
    with pytest.raises(ValueError):
        values.parse_number(text)


def test_parse_money():
    assert values.parse_money("$1,200.00") == (1200.0, "USD")
    assert values.parse_money("1 200,50 €") == (1200.5, "EUR")
    assert values.parse_money("RUB 300") == (300.0, "RUB")
    assert values.parse_money("1200") == (1200.0, None)
    with pytest.raises(ValueError):
        values.parse_money("$ lots")


def test_parse_bool():
    for text in ("yes", "Y", "true", "1", "x", "да", "Oui"):
        assert values.parse_bool(text) is True
    for text in ("no", "N", "false", "0", "нет", ""):
        assert values.parse_bool(text) is False
    with pytest.raises(ValueError):
        values.parse_bool("maybe")


def test_email_phone_url():
    assert values.is_email("anna.kovacs@northwind.example")
    assert not values.is_email("jan.novak(at)example.com")
    assert not values.is_email("two@@example.com")
    assert not values.is_email("no spaces@example.com")
    assert values.is_phone("+7 923 404-67-40")
    assert values.is_phone("(030) 1234567 ext. 12")
    assert not values.is_phone("12345")
    assert not values.is_phone("call me")
    assert values.is_url("https://lumiere.example")
    assert values.is_url("www.northwind.example")
    assert values.is_url("acme.com")
    assert not values.is_url("info@acme.com")
    assert not values.is_url("not a url")


def test_split_list():
    assert values.split_list("VIP, Partner; vip | Reseller\nKey Account") == [
        "VIP",
        "Partner",
        "Reseller",
        "Key Account",
    ]
    assert values.split_list("") == []


def test_row_hash_is_stable_and_sensitive():
    a = values.row_hash({"b": "2", "a": "1"})
    assert a == values.row_hash({"a": "1", "b": "2"})
    assert a != values.row_hash({"a": "1", "b": "3"})


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Lead Score", "x_lead_score"),
        ("Дата рождения", "x_data_rozhdeniya"),
        ("Société", "x_societe"),
        ("2nd phone", "x_2nd_phone"),
        ("???", "x_field"),
        ("a" * 100, "x_" + "a" * 61),
    ],
)
def test_slugify_field_name(label, expected):
    assert values.slugify_field_name(label) == expected


def test_dedupe_token():
    assert values.dedupe_token("email", " Anna@Example.COM ") == "anna@example.com"
    assert values.dedupe_token("name", "Northwind Ltd.") == values.dedupe_token(
        "name", "NORTHWIND"
    )
    assert values.dedupe_token("name", "Société Générale SA") == "societe generale"
    assert values.dedupe_token("name", "ООО «Ромашка»") == "ромашка"
    assert values.dedupe_token("name", "Acme GmbH") != values.dedupe_token("name", "Acme Tools")
    assert values.dedupe_token("email", "") == ""

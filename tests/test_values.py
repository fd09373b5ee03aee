import datetime
import hashlib
import json

import pytest

from migration_bridge.services import values

D = datetime.date
DT = datetime.datetime


# ----------------------------------------------------------------------
# Dates and times
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05", D(2024, 3, 5)),
        (" 2024-3-5 ", D(2024, 3, 5)),
        ("2024/03/05", D(2024, 3, 5)),
        ("05.03.2024", D(2024, 3, 5)),
        ("5.3.2024", D(2024, 3, 5)),
        ("05-03-2024", D(2024, 3, 5)),
        ("03/05/2024", D(2024, 3, 5)),
        ("25/03/2024", D(2024, 3, 25)),
        ("12/31/2024", D(2024, 12, 31)),
        ("5 Mar 2024", D(2024, 3, 5)),
        ("05-Mar-2024", D(2024, 3, 5)),
        ("5 march 2024", D(2024, 3, 5)),
        ("March 5, 2024", D(2024, 3, 5)),
        ("Sept 30 2024", D(2024, 9, 30)),
        ("2024-03-05T10:11:12Z", D(2024, 3, 5)),
        ("2024-03-05 23:30:00-05:00", D(2024, 3, 5)),
        ("2024-02-29", D(2024, 2, 29)),
    ],
)
def test_parse_date(text, expected):
    assert values.parse_date(text) == expected


def test_parse_date_dayfirst_forced():
    assert values.parse_date("03/05/2024", dayfirst=True) == D(2024, 5, 3)
    assert values.parse_date("03.05.2024", dayfirst=False) == D(2024, 3, 5)
    assert values.parse_date("03.05.2024") == D(2024, 5, 3)
    with pytest.raises(ValueError):
        values.parse_date("25/03/2024", dayfirst=False)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "tomorrow",
        "2024-13-01",
        "31.02.2024",
        "2023-02-29",
        "12:30",
        "2024",
        "20240305",
        "5 Foo 2024",
        "2024-03/05",
        "2024-03-05 25:00",
    ],
)
def test_parse_date_refuses(text):
    with pytest.raises(ValueError, match="not a"):
        values.parse_date(text)


def test_parse_date_message_names_the_value():
    with pytest.raises(ValueError) as error:
        values.parse_date("31.02.2024")
    assert "'31.02.2024'" in str(error.value)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-05T10:00:00+02:00", DT(2024, 3, 5, 8)),
        ("2024-03-05T10:00:00-05:30", DT(2024, 3, 5, 15, 30)),
        ("2024-03-05T01:00+0300", DT(2024, 3, 4, 22)),
        ("2024-03-05 10:00Z", DT(2024, 3, 5, 10)),
        ("2024-03-05T10:00:00Z", DT(2024, 3, 5, 10)),
        ("2021-04-17 09:32:00", DT(2021, 4, 17, 9, 32)),
        ("2021-04-17 09:32", DT(2021, 4, 17, 9, 32)),
        ("2021-04-17T09:32:05.250", DT(2021, 4, 17, 9, 32, 5, 250000)),
        ("03/05/2024 10:30 PM", DT(2024, 3, 5, 22, 30)),
        ("March 5, 2024 12:15 am", DT(2024, 3, 5, 0, 15)),
        ("05.03.2024", DT(2024, 3, 5)),
        ("5 Mar 2024", DT(2024, 3, 5)),
        ("2024-03-05", DT(2024, 3, 5)),
    ],
)
def test_parse_datetime_to_naive_utc(text, expected):
    result = values.parse_datetime(text)
    assert result == expected
    assert result.tzinfo is None


@pytest.mark.parametrize(
    "text", ["2024-03-05 25:00", "2024-03-05 10:61", "13:00 PM", "now", "2024-03-05 13:00 PM"]
)
def test_parse_datetime_refuses(text):
    with pytest.raises(ValueError):
        values.parse_datetime(text)


# ----------------------------------------------------------------------
# Numbers and money
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("1,234.56", 1234.56),
        ("1 234,56", 1234.56),
        ("1\u00a0234,56", 1234.56),
        ("1\u202f234,56", 1234.56),
        ("1.234,56", 1234.56),
        ("1'234.50", 1234.5),
        ("1234", 1234.0),
        ("-12.5", -12.5),
        ("+7", 7.0),
        ("(12.50)", -12.5),
        ("( 3 )", -3.0),
        ("1,5", 1.5),
        ("0,500", 0.5),
        ("1,234", 1234.0),
        ("1.234", 1.234),
        (".5", 0.5),
        ("1,234,567", 1234567.0),
        ("1.234.567", 1234567.0),
        ("1 234 567,89", 1234567.89),
        (" 42 ", 42.0),
        ("\u00a042\u00a0", 42.0),
        ("0", 0.0),
    ],
)
def test_parse_number(text, expected):
    assert values.parse_number(text) == pytest.approx(expected)


@pytest.mark.parametrize(
    "text",
    ["", " ", "abc", "12a", "1-2", "--", "-", "1,2,3", "1,234,5", "1.234.56", "(12", "5.", "1e5"],
)
def test_parse_number_refuses(text):
    with pytest.raises(ValueError, match="is not a number"):
        values.parse_number(text)


def test_parse_integer():
    assert values.parse_integer("1,200") == 1200
    assert values.parse_integer("-7") == -7
    assert values.parse_integer("1 000 000") == 1000000
    for text in ("12.0", "1,5", "abc", ".5"):
        with pytest.raises(ValueError):
            values.parse_integer(text)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("$1,200.00", (1200.0, "USD")),
        ("1 200,50 €", (1200.5, "EUR")),
        ("€1.200,50", (1200.5, "EUR")),
        ("£5", (5.0, "GBP")),
        ("300 ₽", (300.0, "RUB")),
        ("300 руб.", (300.0, "RUB")),
        ("RUB 300", (300.0, "RUB")),
        ("usd 12", (12.0, "USD")),
        ("300EUR", (300.0, "EUR")),
        ("1 500 GBP", (1500.0, "GBP")),
        ("-$12.50", (-12.5, "USD")),
        ("($12.50)", (-12.5, "USD")),
        ("1200", (1200.0, None)),
        (" 12.5 ", (12.5, None)),
    ],
)
def test_parse_money(text, expected):
    assert values.parse_money(text) == expected


@pytest.mark.parametrize("text", ["$ lots", "Europe", "amateur", "12 USD 5", "$", "EUR", ""])
def test_parse_money_refuses(text):
    with pytest.raises(ValueError, match="not an amount of money"):
        values.parse_money(text)


# ----------------------------------------------------------------------
# Booleans, emails, phones, URLs, lists
# ----------------------------------------------------------------------
@pytest.mark.parametrize(
    "text", ["yes", "Y", "true", "T", "1", "x", "on", "да", "Oui", "ja", "si", " YES "]
)
def test_parse_bool_true(text):
    assert values.parse_bool(text) is True


@pytest.mark.parametrize("text", ["no", "N", "false", "f", "0", "off", "нет", "", "  "])
def test_parse_bool_false(text):
    assert values.parse_bool(text) is False


@pytest.mark.parametrize("text", ["maybe", "2", "yes please", "-1"])
def test_parse_bool_refuses(text):
    with pytest.raises(ValueError, match="not yes or no"):
        values.parse_bool(text)


@pytest.mark.parametrize(
    "text",
    [
        "anna.kovacs@northwind.example",
        " Anna.Kovacs+crm@Sub.Northwind.CO.uk ",
        "o'brien@example.ie",
        "иван@почта.рф",
    ],
)
def test_is_email(text):
    assert values.is_email(text)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "jan.novak(at)example.com",
        "two@@example.com",
        "a@b@example.com",
        "no spaces@example.com",
        "nodomain@",
        "@example.com",
        "user@example",
        "user@example.c",
        "user@-example.com",
        "Anna <anna@example.com>",
    ],
)
def test_is_not_email(text):
    assert not values.is_email(text)


def test_normalize_email():
    assert values.normalize_email("  Anna@Example.COM \n") == "anna@example.com"


@pytest.mark.parametrize(
    "text",
    [
        "+7 923 404-67-40",
        "+44 117 496 0918",
        "(030) 1234567 ext. 12",
        "030 1234567 x12",
        "+1 212-555-0159",
        "212.555.0159",
        "1234567",
        "+123456789012345",
    ],
)
def test_is_phone(text):
    assert values.is_phone(text)


@pytest.mark.parametrize(
    "text",
    ["", "12345", "123456", "+1234567890123456", "call me", "555-CALL-NOW", "12+34567890", "+"],
)
def test_is_not_phone(text):
    assert not values.is_phone(text)


@pytest.mark.parametrize(
    "text",
    [
        "https://lumiere.example",
        "http://acme.com/path?q=1",
        "HTTPS://ACME.COM",
        "www.northwind.example",
        "acme.com",
        "shop.acme.co.uk/contact",
        "acme.com:8080",
    ],
)
def test_is_url(text):
    assert values.is_url(text)


@pytest.mark.parametrize(
    "text",
    ["", "info@acme.com", "not a url", "acme", "1.5", "https://", "acme.", "acme.c0m", "a b.com"],
)
def test_is_not_url(text):
    assert not values.is_url(text)


def test_split_list():
    assert values.split_list("VIP, Partner; vip | Reseller\nKey Account\r\n") == [
        "VIP",
        "Partner",
        "Reseller",
        "Key Account",
    ]
    assert values.split_list(" ;, |") == []
    assert values.split_list("") == []
    assert values.split_list(None) == []
    assert values.split_list("One") == ["One"]


def test_row_hash_is_stable_and_sensitive():
    a = values.row_hash({"b": "2", "a": "1"})
    assert a == values.row_hash({"a": "1", "b": "2"})
    assert a != values.row_hash({"a": "1", "b": "3"})
    assert a != values.row_hash({"a": "1", "c": "2"})
    assert len(a) == 40 and int(a, 16) >= 0
    canonical = json.dumps({"a": "1", "b": "2"}, sort_keys=True, ensure_ascii=False)
    assert a == hashlib.sha1(canonical.encode("utf-8")).hexdigest()
    assert values.row_hash({"Имя": "Ёж"}) == values.row_hash({"Имя": "Ёж"})


@pytest.mark.parametrize(
    ("label", "expected"),
    [
        ("Lead Score", "x_lead_score"),
        ("  Lead -- Score!! ", "x_lead_score"),
        ("Дата рождения", "x_data_rozhdeniya"),
        ("Объект", "x_obekt"),
        ("Подъезд, этаж", "x_podezd_etazh"),
        ("Щука и Цапля", "x_shchuka_i_tsaplya"),
        ("Ёлка Юг Хор", "x_elka_yug_khor"),
        ("Société", "x_societe"),
        ("Straße Größe", "x_strae_groe"),
        ("2nd phone", "x_2nd_phone"),
        ("???", "x_field"),
        ("", "x_field"),
        ("a" * 100, "x_" + "a" * 61),
        ("a" * 60 + " bcd", "x_" + "a" * 60),
    ],
)
def test_slugify_field_name(label, expected):
    result = values.slugify_field_name(label)
    assert result == expected
    assert len(result) <= 63


def test_slugify_field_name_prefix():
    assert values.slugify_field_name("Lead Score", prefix="x_studio_") == "x_studio_lead_score"


def test_dedupe_token():
    assert values.dedupe_token("email", " Anna@Example.COM ") == "anna@example.com"
    assert values.dedupe_token("name", "Northwind Ltd.") == values.dedupe_token(
        "name", "NORTHWIND"
    )
    assert values.dedupe_token("name", "Société Générale SA") == "societe generale"
    assert values.dedupe_token("name", "ООО «Ромашка»") == "ромашка"
    assert values.dedupe_token("name", "Acme GmbH") != values.dedupe_token("name", "Acme Tools")
    assert values.dedupe_token("email", "") == ""


def test_normalize_label():
    assert values.normalize_label("  Company_Name (Legal) ") == "company name legal"
    assert values.normalize_label("Société") == "societe"

"""References between files found from their values (services/relations.py), on an export
with no id columns (accounts, a sales pipeline, sales agents) and on one with ids and an
association table."""

from migration_bridge.services import relations

ACCOUNTS = {
    "account": ["Acme Corporation", "Betasoft Inc", "Cheapex Ltd", "Dalton Group", "Ecotech Labs"],
    "sector": ["retail", "software", "retail", "finance", "technolgy"],
    "revenue": ["718.62", "2345.1", "1223.7", "4321.0", "88.2"],
    "subsidiary_of": ["", "Acme Corporation", "", "Acme Corporation", "Dalton Group"],
}
AGENTS = {
    "sales_agent": ["Moses Frase", "Darcel Schlecht", "Versie Hillebrand", "Anna Snelling"],
    "manager": ["Dustin Brinkmann", "Melvin Marxen", "Dustin Brinkmann", "Cara Losch"],
    "regional_office": ["Central", "Central", "East", "West"],
}
PIPELINE = {
    "opportunity_id": ["1C1I7A6R", "Z063OYW0", "EC4QE1BX", "MV1LWRNH", "PE84CX4O", "ZZY4516W"],
    "sales_agent": [
        "Moses Frase",
        "Darcel Schlecht",
        "Darcel Schlecht",
        "Moses Frase",
        "Anna Snelling",
        "Versie Hillebrand",
    ],
    "account": [
        "Cheapex Ltd",
        "Acme Corporation",
        "Betasoft Inc",
        "Dalton Group",
        "Ecotech Labs",
        "",
    ],
    "deal_stage": ["Won", "Won", "Engaging", "Won", "Lost", "Prospecting"],
    "close_value": ["1054", "4514", "50", "", "0", ""],
}
TABLES = {"accounts": ACCOUNTS, "sales_agents": AGENTS, "sales_pipeline": PIPELINE}


def by_column(found):
    return {(r.table, r.column): (r.key.table, r.key.column, r.key.by) for r in found}


def test_names_and_codes_that_tell_rows_apart_are_keys():
    assert [(k.column, k.by) for k in relations.keys("accounts", ACCOUNTS)] == [
        ("account", "name"),
        ("revenue", "id"),
    ]
    assert ("opportunity_id", "id") in [
        (k.column, k.by) for k in relations.keys("sales_pipeline", PIPELINE)
    ]
    # a column of repeated values, or one with holes, tells no rows apart
    columns = [k.column for k in relations.keys("sales_pipeline", PIPELINE)]
    assert "deal_stage" not in columns and "account" not in columns


def test_a_deal_names_its_account_and_its_agent_and_an_account_its_parent():
    found = by_column(relations.find(TABLES))
    assert found[("sales_pipeline", "account")] == ("accounts", "account", "name")
    assert found[("sales_pipeline", "sales_agent")] == ("sales_agents", "sales_agent", "name")
    assert found[("accounts", "subsidiary_of")] == ("accounts", "account", "name")
    # values that happen to be found nowhere, or too few to say anything, refer to no one
    assert ("accounts", "sector") not in found
    assert ("sales_pipeline", "deal_stage") not in found
    assert ("sales_agents", "manager") not in found


def test_the_reason_says_how_many_values_were_found():
    (parent,) = [r for r in relations.find(TABLES) if r.column == "subsidiary_of"]
    assert parent.to_itself
    assert parent.reason() == "100% of its 2 values are names of accounts (account)"


def test_most_but_not_all_values_found_is_still_a_reference():
    pipeline = dict(PIPELINE, account=PIPELINE["account"][:5] + ["Unknown Traders"])
    found = by_column(relations.find(dict(TABLES, sales_pipeline=pipeline)))
    assert found[("sales_pipeline", "account")][0] == "accounts"
    pipeline = dict(PIPELINE, account=["Foo Ltd", "Bar Inc", "Acme Corporation", "Baz SA"] * 1)
    pipeline = {k: v[:4] for k, v in dict(PIPELINE, **pipeline).items()}
    found = by_column(relations.find(dict(TABLES, sales_pipeline=pipeline)))
    assert ("sales_pipeline", "account") not in found  # 1 of 4 is no reference


def test_an_association_table_ties_two_files_together():
    tables = {
        "Event": {
            "Id": ["00U1", "00U2", "00U3"],
            "Subject": ["Kick-off", "Demo", "Review"],
        },
        "Contact": {
            "Id": ["0031", "0032", "0033", "0034"],
            "LastName": ["Meier", "Holt", "Ito", "Ng"],
        },
        "EventRelation": {
            "Id": ["0RE1", "0RE2", "0RE3", "0RE4"],
            "EventId": ["00U1", "00U1", "00U2", "00U3"],
            "RelationId": ["0031", "0032", "0033", "0034"],
            "Status": ["Accepted", "New", "Accepted", "Declined"],
        },
    }
    (link,) = relations.links(tables).items()
    name, (first, second) = link
    assert name == "EventRelation"
    assert {(first.column, first.key.table), (second.column, second.key.table)} == {
        ("EventId", "Event"),
        ("RelationId", "Contact"),
    }
    assert "Event" not in relations.links(tables) and "Contact" not in relations.links(tables)

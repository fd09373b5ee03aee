"""Generate the ELMA365 sample export: ``migration_bridge/data/samples/elma365/``.

ELMA365 is read through its public API (``/pub/v1``, shared/PLATFORMS.md and ELMA365's
API docs): ``POST /pub/v1/app/<namespace>/<code>/list`` with ``fields: {"*": true}``
answers ``{"success": true, "error": "", "result": {"result": [...], "total": n}}``,
at most 100 items a page; ``/pub/v1/user/list`` the users. This sample is such answers
saved as files, one per app and page, for two HUB tenants of a fictional group (``hub-a``
ООО «Ромашка», Moscow, with the CRM apps ``_clients/_companies`` and
``_clients/_contacts``; ``hub-b`` ООО «Восток», Vladivostok, without them), exported
2026-06-30. Field shapes are PLATFORMS.md's: system fields ``__id`` (UUIDs),
``__name``, ``__createdAt``/``__updatedAt`` (RFC 3339), ``__createdBy`` (a user's id),
``__status``; money ``{cents, currency}``; full name ``{lastname, firstname,
middlename}``; typed lists ``[{type, email}]`` and ``[{type, tel}]``; links to items as
lists of UUIDs. Invented where PLATFORMS.md says nothing (the README says which): the
contacts and organisations a task, project or process instance names nested in it
(``_participants``, ``_organisation``, as the items are exported with their links
expanded), a task's ``_type`` (``business`` or ``internal``), a project's ``_tasks``, a
process instance's ``_history`` of steps, a document's ``_folder_path`` and ``_file``
(its content, under ``files/``).

It writes the files, ``expected.json`` (what the tests assert, computed from the items
written) and ``README.md``. Standard library only, no randomness: the same bytes on
every run. The sample is committed: change this script and rerun it.

Usage: ``python3 scripts/samples/elma365.py``
"""

import json
import shutil
import sys
import uuid
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from common import md_table, tiny_pdf, write  # noqa: E402 - next to this script

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "migration_bridge" / "data" / "samples" / "elma365"
NS = uuid.UUID("6b1f0e2a-93c4-4d1e-8f7a-2c3b4d5e6f70")
PAGE = 2  # companies of hub-a come in pages of two, to show the pages of one list


def uid(*parts):
    return str(uuid.uuid5(NS, "/".join(parts)))


def at(day, hour=9):
    return "2026-%sT%02d:00:00Z" % (day, hour)


def money(rubles):
    return {"cents": int(round(rubles * 100)), "currency": "RUB"}


def fullname(last, first, middle):
    return {"lastname": last, "firstname": first, "middlename": middle}


def person_name(name):
    return " ".join(p for p in (name["lastname"], name["firstname"], name["middlename"]) if p)


def emails(*pairs):
    return [{"type": t, "email": e} for t, e in pairs]


def phones(*pairs):
    return [{"type": t, "tel": n} for t, n in pairs]


def answer(items):
    return {"success": True, "error": "", "result": {"result": items, "total": len(items)}}


# ----------------------------------------------------------------------
# Users: two per tenant; one of hub-a has no Odoo user (an unmatched owner)
# ----------------------------------------------------------------------
USERS = {
    "hub-a": [
        ("ivanova", "a.ivanova@romashka.example", fullname("Иванова", "Анна", "Сергеевна")),
        ("smirnov", "d.smirnov@romashka.example", fullname("Смирнов", "Дмитрий", "Олегович")),
        ("kozlova", "e.kozlova@romashka.example", fullname("Козлова", "Елена", "Павловна")),
    ],
    "hub-b": [
        ("orlov", "i.orlov@vostok.example", fullname("Орлов", "Игорь", "Викторович")),
        ("belova", "t.belova@vostok.example", fullname("Белова", "Татьяна", "Андреевна")),
    ],
}
UNMATCHED = ["e.kozlova@romashka.example"]  # left the group: no Odoo user is made for her


def user(tenant, key):
    return uid(tenant, "user", key)


def users(tenant):
    return [
        {
            "__id": user(tenant, key),
            "__name": person_name(name),
            "email": email,
            "fullname": name,
            "__createdAt": at("01-10T08:00:00Z"[:5], 8),
        }
        for key, email, name in USERS[tenant]
    ]


def system(tenant, key, kind, owner, created, updated=None):
    return {
        "__id": uid(tenant, kind, key),
        "__createdAt": at(created),
        "__updatedAt": at(updated or created, 15),
        "__createdBy": user(tenant, owner),
    }


# ----------------------------------------------------------------------
# hub-a: companies and contacts (the CRM apps)
# ----------------------------------------------------------------------
def companies():
    rows = [
        (
            "romashka",
            "ООО «Ромашка»",
            "7701234567",
            "https://romashka.example",
            "Москва, ул. Лесная, д. 5",
            "ivanova",
            "01-12",
            phones(("work", "+7 495 123-45-67"), ("fax", "+7 495 123-45-68")),
            emails(("work", "info@romashka.example")),
        ),
        (
            "polyarnaya",
            "АО «Полярная звезда»",
            "7812345678",
            "https://polyarnaya.example",
            "Санкт-Петербург, Невский пр., д. 100",
            "smirnov",
            "01-20",
            phones(("work", "+7 812 600-70-80")),
            emails(("work", "office@polyarnaya.example")),
        ),
        (
            "sokolov",
            "ИП Соколов А. В.",
            "502912345678",
            "",
            "Подольск, ул. Садовая, д. 12",
            "kozlova",
            "02-03",
            phones(("mobile", "+7 903 111-22-33")),
            emails(("work", "ip.sokolov@mail.example")),
        ),
    ]
    return [
        dict(
            system("hub-a", key, "company", owner, day),
            __name=name,
            _inn=inn,
            _website=site,
            _address=address,
            _phone=tel,
            _email=mail,
        )
        for key, name, inn, site, address, owner, day, tel, mail in rows
    ]


CONTACTS = [
    # key, name parts, company, position, emails, phones, owner, day
    (
        "petrov",
        fullname("Петров", "Пётр", "Сергеевич"),
        "romashka",
        "Генеральный директор",
        emails(("work", "petrov@romashka.example"), ("home", "petr.petrov@mail.example")),
        phones(
            ("mobile", "+7 916 555-01-02"),
            ("work", "+7 495 123-45-69"),
            ("mobile", "+7 916 555-09-09"),
        ),
        "ivanova",
        "01-12",
    ),
    (
        "sidorova",
        fullname("Сидорова", "Мария", "Игоревна"),
        "polyarnaya",
        "Главный бухгалтер",
        emails(("work", "m.sidorova@polyarnaya.example")),
        phones(("work", "+7 812 600-70-81")),
        "smirnov",
        "01-21",
    ),
    (
        "sokolov",
        fullname("Соколов", "Алексей", "Викторович"),
        "sokolov",
        "Владелец",
        emails(("work", "sokolov@ip-sokolov.example")),
        phones(("mobile", "+7 903 111-22-33")),
        "smirnov",
        "02-03",
    ),
]


def contacts():
    return [
        dict(
            system("hub-a", key, "contact", owner, day),
            __name=person_name(name),
            _fullname=name,
            _companies=[uid("hub-a", "company", company)],
            _position=position,
            _email=mail,
            _phone=tel,
        )
        for key, name, company, position, mail, tel, owner, day in CONTACTS
    ]


def participant(tenant, key, name, position, mail, tel=(), company=None):
    """A contact nested in a task, project or instance (no directory holds it)."""
    item = {
        "__id": uid(tenant, "contact", key),
        "__name": person_name(name),
        "_fullname": name,
        "_position": position,
        "_email": emails(*mail),
        "_phone": phones(*tel),
    }
    if company:
        item["_companies"] = [uid(tenant, "company", company)]
    return item


# ----------------------------------------------------------------------
# Tasks, projects, process instances, documents
# ----------------------------------------------------------------------
ORPHAN_COMPANY = uid("hub-a", "company", "deleted")  # a company deleted since: an orphan link


def kuznetsov():
    """hub-a's participant of two tasks: nested in each, with the same ``__id``."""
    return participant(
        "hub-a",
        "kuznetsov",
        fullname("Кузнецов", "Иван", "Петрович"),
        "Заведующий складом",
        [("work", "kuznetsov@romashka.example")],
        [("mobile", "+7 916 700-11-22")],
        "romashka",
    )


def tasks_a():
    return [
        dict(
            system("hub-a", "t1", "task", "ivanova", "03-02", "06-10"),
            __name="Поставка оборудования для склада",
            _type="business",
            _description="Заявка с сайта: стеллажи и погрузчик, доставка в Подольск.",
            _deadline="2026-07-01",
            _budget=money(1_500_000.50),
            __status={"status": "В работе"},
            _companies=[uid("hub-a", "company", "romashka")],
            _contacts=[uid("hub-a", "contact", "kuznetsov")],
            _participants=[kuznetsov()],
        ),
        dict(
            system("hub-a", "t2", "task", "kozlova", "04-15"),
            __name="Консультация по внедрению ЭДО",
            _type="business",
            _description="Клиент удалён из справочника после звонка.",
            _deadline="2026-05-20",
            _budget=money(300_000),
            __status={"status": "Новая"},
            _companies=[ORPHAN_COMPANY],
            # the same participant as the first task's, nested again: one record named
            # twice, loaded once (its later row skipped as named again)
            _participants=[kuznetsov()],
        ),
        dict(
            system("hub-a", "t3", "task", "smirnov", "02-10"),
            __name="Обновить шаблон договора",
            _type="internal",
            _description="Юридический отдел: новая редакция раздела 5.",
            _deadline="2026-03-01",
            __status={"status": "Выполнена"},
        ),
        dict(
            system("hub-a", "t4", "task", "ivanova", "05-05"),
            __name="Инвентаризация демо-стенда",
            _type="internal",
            _deadline="2026-05-30",
            __status={"status": "В работе"},
        ),
    ]


def projects_a():
    return [
        dict(
            system("hub-a", "p1", "project", "ivanova", "02-01", "06-20"),
            __name="Внедрение CRM для ООО «Ромашка»",
            _description="Проект внедрения: настройка, миграция, обучение.",
            _budget=money(4_800_000),
            _start_date="2026-02-15",
            _end_date="2026-09-30",
            __status={"status": "Активный"},
            _client=[uid("hub-a", "company", "romashka")],
            _participants=[
                participant(
                    "hub-a",
                    "lebedeva",
                    fullname("Лебедева", "Ольга", "Николаевна"),
                    "Руководитель проекта со стороны клиента",
                    [("work", "o.lebedeva@romashka.example")],
                    [("work", "+7 495 123-45-70")],
                    "romashka",
                )
            ],
            _tasks=[
                {
                    "__id": uid("hub-a", "ptask", "1"),
                    "__name": "Обследование процессов",
                    "_deadline": "2026-03-15",
                    "__status": {"status": "Выполнена"},
                },
                {
                    "__id": uid("hub-a", "ptask", "2"),
                    "__name": "Настройка воронки продаж",
                    "_deadline": "2026-05-31",
                    "__status": {"status": "В работе"},
                },
                {
                    "__id": uid("hub-a", "ptask", "3"),
                    "__name": "Обучение менеджеров",
                    "_deadline": "2026-09-15",
                    "__status": {"status": "Новая"},
                },
            ],
        )
    ]


def history(tenant, key, steps):
    return [
        {
            "__id": uid(tenant, "step", key, str(n)),
            "_step": step,
            "_started_at": at(start),
            "_finished_at": at(end, 17) if end else "",
            "_performer": performer,
            "_comment": comment,
        }
        for n, (step, start, end, performer, comment) in enumerate(steps, 1)
    ]


def instances_a():
    return [
        dict(
            system("hub-a", "i1", "instance", "ivanova", "03-10", "06-25"),
            __name="Продажа: ООО «Ромашка»",
            __template="Продажа",
            __state="exec",
            _current_step="Согласование договора",
            _amount=money(2_500_000),
            _deadline="2026-08-01",
            _companies=[uid("hub-a", "company", "romashka")],
            _history=history(
                "hub-a",
                "i1",
                [
                    ("Квалификация", "03-10", "03-12", "Иванова Анна", "Бюджет подтверждён"),
                    (
                        "Коммерческое предложение",
                        "03-12",
                        "04-20",
                        "Иванова Анна",
                        "КП отправлено",
                    ),
                    ("Согласование договора", "04-20", None, "Смирнов Дмитрий", ""),
                ],
            ),
        ),
        dict(
            system("hub-a", "i2", "instance", "smirnov", "01-25", "05-18"),
            __name="Продажа: АО «Полярная звезда»",
            __template="Продажа",
            __state="done",
            _current_step="Сделка заключена",
            _amount=money(980_000),
            _deadline="2026-05-15",
            _companies=[uid("hub-a", "company", "polyarnaya")],
            _history=history(
                "hub-a",
                "i2",
                [
                    ("Квалификация", "01-25", "01-28", "Смирнов Дмитрий", ""),
                    ("Коммерческое предложение", "01-28", "02-20", "Смирнов Дмитрий", "Скидка 5%"),
                    ("Согласование договора", "02-20", "05-10", "Смирнов Дмитрий", ""),
                    ("Сделка заключена", "05-10", "05-18", "Смирнов Дмитрий", "Оплата получена"),
                ],
            ),
        ),
    ]


def tasks_b():
    return [
        dict(
            system("hub-b", "t1", "task", "orlov", "03-05", "06-01"),
            __name="Поставка труб для ООО «Восток-Трейд»",
            _type="business",
            _description="Трубы ПНД, 2 км, доставка морем.",
            _deadline="2026-08-15",
            _budget=money(7_200_000),
            __status={"status": "В работе"},
            _companies=[uid("hub-b", "company", "vostok-trade")],
            _contacts=[uid("hub-b", "contact", "sokolov")],
            _organisation=[
                {
                    "__id": uid("hub-b", "company", "vostok-trade"),
                    "__name": "ООО «Восток-Трейд»",
                    "_inn": "2536123456",
                    "_address": "Владивосток, ул. Светланская, д. 33",
                }
            ],
            # the same person as hub-a's contact Соколов (same email): a duplicate
            # across tenants, for a person to merge
            _participants=[
                participant(
                    "hub-b",
                    "sokolov",
                    fullname("Соколов", "Алексей", "Викторович"),
                    "Закупщик",
                    [("work", "sokolov@ip-sokolov.example")],
                    [("mobile", "+7 903 111-22-33")],
                    "vostok-trade",
                )
            ],
        ),
        dict(
            system("hub-b", "t2", "task", "belova", "04-01"),
            __name="Подготовить отчёт для HUB",
            _type="internal",
            _deadline="2026-04-10",
            __status={"status": "Выполнена"},
        ),
    ]


def instances_b():
    return [
        dict(
            system("hub-b", "i1", "instance", "belova", "02-12", "04-30"),
            __name="Продажа: ООО «Морские линии»",
            __template="Продажа",
            __state="done",
            _current_step="Отказ",
            _amount=money(1_250_000),
            _deadline="2026-04-30",
            _contacts=[uid("hub-b", "contact", "morozova")],
            _participants=[
                participant(
                    "hub-b",
                    "morozova",
                    fullname("Морозова", "Елена", "Игоревна"),
                    "Директор по закупкам",
                    [
                        ("work", "e.morozova@sea-lines.example"),
                        ("work", "zakupki@sea-lines.example"),
                    ],
                    [("work", "+7 423 240-10-10")],
                )
            ],
            _history=history(
                "hub-b",
                "i1",
                [
                    ("Квалификация", "02-12", "02-14", "Белова Татьяна", ""),
                    ("Коммерческое предложение", "02-14", "04-28", "Белова Татьяна", "Цена выше"),
                    ("Отказ", "04-28", "04-30", "Орлов Игорь", "Выбрали другого поставщика"),
                ],
            ),
        )
    ]


DOCUMENTS = {
    "hub-a": [
        ("d1", "Договор поставки.pdf", "Продажи/Договоры/2026", "_instance", "instance", "i1"),
        ("d2", "Смета проекта.pdf", "Продажи/Сметы", "_instance", "instance", "i2"),
        ("d3", "Техническое задание.pdf", "Продажи/Заявки", "_task", "task", "t1"),
    ],
    "hub-b": [
        ("d1", "Коммерческое предложение.pdf", "Продажи/КП/2026", "_instance", "instance", "i1"),
    ],
}


def documents(tenant):
    out, blobs = [], {}
    for key, name, folder, link, kind, target in DOCUMENTS[tenant]:
        path = "files/%s/%s.pdf" % (tenant, key)
        blobs[path] = tiny_pdf(["ELMA365 sample document", "%s %s" % (tenant, key)])
        out.append(
            dict(
                system(tenant, key, "document", USERS[tenant][0][0], "06-01"),
                __name=name,
                _folder_path=folder,
                _file=path,
                _mimetype="application/pdf",
                **{link: [uid(tenant, kind, target)]},
            )
        )
    return out, blobs


RPA = [{"__id": uid("hub-a", "rpa", "1"), "__name": "Робот загрузки счетов из 1С"}]


# ----------------------------------------------------------------------
# Both tenants: a custom application (service/equipment), one model in Odoo
# ----------------------------------------------------------------------
EQUIPMENT = {
    # key, name, serial, commissioned, the company it is installed at
    "hub-a": [
        ("e1", "Холодильная камера КХН-12", "KXN-12-0457", "2025-04-18", ("hub-a", "romashka")),
        ("e2", "Сервер 1С", "SRV-2291", "2024-11-02", ("hub-a", "polyarnaya")),
    ],
    "hub-b": [
        ("e1", "Погрузчик Komatsu FD25", "FD25-88123", "2023-06-30", ("hub-b", "vostok-trade")),
    ],
}


def equipment(tenant):
    return [
        dict(
            system(tenant, key, "equipment", USERS[tenant][0][0], "05-20"),
            __name=name,
            _serial=serial,
            _commissioned=commissioned,
            _company=[uid(company[0], "company", company[1])],
        )
        for key, name, serial, commissioned, company in EQUIPMENT[tenant]
    ]


# ----------------------------------------------------------------------
# hub-a: КЭДО (electronic HR documents): employees and their signed documents
# ----------------------------------------------------------------------
EMPLOYEES = [
    # key (the user it is), position, department, personnel number
    ("ivanova", "Менеджер по продажам", "Отдел продаж", "000112"),
    ("smirnov", "Руководитель отдела продаж", "Отдел продаж", "000087"),
    ("kozlova", "Бухгалтер", "Бухгалтерия", "000131"),  # no Odoo user: loads without one
]
HR_DOCUMENTS = [
    # key, name, type, employee, signed at, signature (signer, certificate, valid to)
    (
        "h1",
        "Трудовой договор №112.pdf",
        "Трудовой договор",
        "ivanova",
        "2025-02-03T10:00:00Z",
        ("Иванова Анна Сергеевна", "01DA7F3C5E2B", "2026-12-31"),
    ),
    (
        "h2",
        "Приказ о приёме на работу №87-к.pdf",
        "Приказ о приёме на работу",
        "smirnov",
        "2024-09-16T09:30:00Z",
        ("Смирнов Дмитрий Олегович", "01DA7F3C9A41", "2026-10-15"),
    ),
    ("h3", "Согласие на обработку ПДн.pdf", "Согласие на обработку ПДн", "kozlova", "", None),
]


def employees():
    names = {key: name for key, _email, name in USERS["hub-a"]}
    return [
        dict(
            system("hub-a", key, "employee", "smirnov", "01-15"),
            __name=person_name(names[key]),
            _fullname=names[key],
            _position=position,
            _department=department,
            _personnel_number=number,
            _user=[user("hub-a", key)],
        )
        for key, position, department, number in EMPLOYEES
    ]


def hr_documents():
    out, blobs = [], {}
    for key, name, kind, employee, signed, signature in HR_DOCUMENTS:
        path = "files/hub-a/kedo/%s.pdf" % key
        blobs[path] = tiny_pdf(["ELMA365 HR document", "hub-a %s" % key])
        item = dict(
            system("hub-a", key, "hr_document", "smirnov", "06-02"),
            __name=name,
            _document_type=kind,
            _employee=[uid("hub-a", "employee", employee)],
            _signed_at=signed,
            _file=path,
            _mimetype="application/pdf",
        )
        if signature:
            signer, certificate, valid_to = signature
            item["_signature"] = {
                "signer": signer,
                "certificate": certificate,
                "valid_to": valid_to,
            }
        out.append(item)
    return out, blobs


def employee_user(item):
    """The Odoo user (by email) an employee's ``_user`` stands for; '' for none."""
    email = next(m for k, m, _n in USERS["hub-a"] if user("hub-a", k) == item["_user"][0])
    return "" if email in UNMATCHED else email


def hr_description(item):
    """The attachment's description the profile writes: the e-signature's metadata."""
    text = item["_document_type"]
    if item["_signed_at"]:
        text += ", signed %s" % item["_signed_at"]
    signature = item.get("_signature")
    if signature:
        text += " by %s, certificate %s, valid to %s" % (
            signature["signer"],
            signature["certificate"],
            signature["valid_to"],
        )
    return text


# ----------------------------------------------------------------------
# Writing
# ----------------------------------------------------------------------
def dump(data):
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def build():
    files, blobs = {}, {}
    files["hub-a/users.json"] = users("hub-a")
    rows = companies()
    for page in range(0, len(rows), PAGE):
        files["hub-a/companies_%s.json" % (page // PAGE + 1)] = rows[page : page + PAGE]
    files["hub-a/contacts.json"] = contacts()
    files["hub-a/tasks.json"] = tasks_a()
    files["hub-a/projects.json"] = projects_a()
    files["hub-a/process_instances.json"] = instances_a()
    files["hub-a/documents.json"], more = documents("hub-a")
    blobs.update(more)
    files["hub-a/rpa_robots.json"] = RPA
    files["hub-a/equipment.json"] = equipment("hub-a")
    files["hub-a/employees.json"] = employees()
    files["hub-a/hr_documents.json"], more = hr_documents()
    blobs.update(more)
    files["hub-b/users.json"] = users("hub-b")
    files["hub-b/tasks.json"] = tasks_b()
    files["hub-b/process_instances.json"] = instances_b()
    files["hub-b/equipment.json"] = equipment("hub-b")
    files["hub-b/documents.json"], more = documents("hub-b")
    blobs.update(more)
    return files, blobs


def first_of(items, key, types):
    return next((i[key] for i in items if i["type"] in types), "")


def expected(files):
    def items(name):
        return [i for path, rows in files.items() if path.endswith("/" + name) for i in rows]

    def tenant_items(tenant, name):
        return [
            i
            for path, rows in files.items()
            if path.startswith(tenant + "/") and path.endswith("/" + name)
            for i in rows
        ]

    objects = {}  # object name -> rows
    for path, rows in files.items():
        tenant, file_name = path.split("/")
        stem = file_name.rsplit(".", 1)[0].rsplit("_", 1)
        stem = stem[0] if len(stem) == 2 and stem[1].isdigit() else "_".join(stem)
        objects["%s.%s" % (tenant, stem)] = objects.get("%s.%s" % (tenant, stem), 0) + len(rows)
        for row in rows:
            for child in (
                "_participants",
                "_organisation",
                "_history",
                "_tasks",
                "_email",
                "_phone",
            ):
                for item in row.get(child) or []:
                    name = "%s.%s.%s" % (tenant, stem, child)
                    objects[name] = objects.get(name, 0) + 1
                    for sub in ("_email", "_phone"):
                        if item.get(sub) is not None and child == "_participants":
                            sub_name = "%s.%s" % (name, sub)
                            objects[sub_name] = objects.get(sub_name, 0) + len(item[sub])
    partners = {}
    for tenant in USERS:
        for row in tenant_items(tenant, "companies_1.json") + tenant_items(
            tenant, "companies_2.json"
        ):
            partners["company:" + row["__id"]] = {"name": row["__name"], "is_company": True}
        for task in tenant_items(tenant, "tasks.json"):
            for org in task.get("_organisation") or []:
                partners["company:" + org["__id"]] = {"name": org["__name"], "is_company": True}
        people = list(tenant_items(tenant, "contacts.json"))
        for name in ("tasks.json", "projects.json", "process_instances.json"):
            for row in tenant_items(tenant, name):
                people += row.get("_participants") or []
        for row in people:
            rest = ["%s: %s" % (i["type"], i["email"]) for i in row["_email"]]
            partners["contact:" + row["__id"]] = {
                "name": row["__name"],
                "is_company": False,
                "email": first_of(row["_email"], "email", ("work", "home", "other")),
                "phone": first_of(row["_phone"], "tel", ("work",)),
                "mobile": first_of(row["_phone"], "tel", ("mobile",)),
                "emails": rest,
                "phones": ["%s: %s" % (i["type"], i["tel"]) for i in row["_phone"]],
                "company": (row.get("_companies") or [""])[0],
            }
    leads, skipped = {}, {}
    for task in items("tasks.json"):
        if task["_type"] != "business":
            skipped[task["__id"]] = task["__name"]
            continue
        leads["lead:" + task["__id"]] = {
            "name": task["__name"],
            "type": "lead",
            "expected_revenue": task["_budget"]["cents"] / 100,
            "partner": (task.get("_companies") or [""])[0],
            "orphan": task.get("_companies") == [ORPHAN_COMPANY],
        }
    for project in items("projects.json"):
        leads["project:" + project["__id"]] = {
            "name": project["__name"],
            "type": "opportunity",
            "expected_revenue": project["_budget"]["cents"] / 100,
            "partner": project["_client"][0],
            "tasks": [t["__name"] for t in project["_tasks"]],
        }
    for instance in items("process_instances.json"):
        leads["instance:" + instance["__id"]] = {
            "name": instance["__name"],
            "type": "opportunity",
            "expected_revenue": instance["_amount"]["cents"] / 100,
            "stage": instance["_current_step"],
            "outcome": {"Сделка заключена": "won", "Отказ": "lost"}.get(
                instance["_current_step"], "open"
            ),
            "history": [
                [s["_step"], s["_started_at"][:10], (s["_finished_at"] or "")[:10]]
                for s in instance["_history"]
            ],
        }
    docs = {
        "document:" + d["__id"]: {
            "name": "%s/%s" % (d["_folder_path"], d["__name"]),
            "on": next(
                "%s:%s" % (k.strip("_").replace("task", "lead"), d[k][0])
                for k in ("_instance", "_project", "_task")
                if d.get(k)
            ),
        }
        for d in items("documents.json")
    }
    owners = [
        email for tenant in USERS for _key, email, _name in USERS[tenant] if email not in UNMATCHED
    ]
    return {
        "objects": dict(sorted(objects.items())),
        "partners": partners,
        "leads": leads,
        "internal_tasks": skipped,
        "documents": docs,
        "owners": owners,
        "unmatched_owners": UNMATCHED,
        "orphan_company": ORPHAN_COMPANY,
        "duplicate_email": "sokolov@ip-sokolov.example",
        "duplicates": [
            "contact:" + uid("hub-a", "contact", "sokolov"),
            "contact:" + uid("hub-b", "contact", "sokolov"),
        ],
        "not_migrated": ["RPA robots"],
        # КЭДО: with the Employees app, employees and their documents on them; without
        # it, both objects are listed on Does not migrate (these names, those entries)
        "employees": {
            "employee:" + e["__id"]: {
                "name": e["__name"],
                "job_title": e["_position"],
                "barcode": e["_personnel_number"],
                "user": employee_user(e),
            }
            for e in items("employees.json")
        },
        "hr_documents": {
            "hr_document:" + d["__id"]: {
                "name": d["__name"],
                "employee": "employee:" + d["_employee"][0],
                "description": hr_description(d),
                "file": d["_file"],
            }
            for d in items("hr_documents.json")
        },
        # a custom application of both tenants: one new model, its records linked to
        # the companies they are installed at (a many2one to the partner)
        "custom_models": {
            "x_equipment": {
                "label": "Equipment",
                "objects": ["hub-a.equipment", "hub-b.equipment"],
                "records": {
                    "custom:" + e["__id"]: {
                        "name": e["__name"],
                        "serial": e["_serial"],
                        "company": "company:" + e["_company"][0],
                    }
                    for e in items("equipment.json")
                },
            }
        },
        "needs_hr": {
            "hub-a.employees": "Employees (КЭДО)",
            "hub-a.hr_documents": "HR documents (КЭДО)",
        },
        # nested records named in several items of one tenant: object -> their record
        # and the rows that name it (the first loads, the others are skipped)
        "named_again": named_again(files),
    }


def named_again(files):
    out = {}
    for path, rows in files.items():
        tenant, stem = path.split("/")[0], path.split("/")[1].rsplit(".", 1)[0]
        for child in ("_participants", "_organisation"):
            seen = {}
            for row in rows:
                for item in row.get(child) or []:
                    seen[item["__id"]] = seen.get(item["__id"], 0) + 1
            kind = "contact" if child == "_participants" else "company"
            for item_id, count in seen.items():
                if count > 1:
                    name = "%s.%s.%s" % (tenant, stem, child)
                    out.setdefault(name, {})["%s:%s" % (kind, item_id)] = count
    return out


README = """# ELMA365 sample export

Generated by `scripts/samples/elma365.py` (no randomness, the same bytes on every run):
do not edit by hand. Two HUB tenants of a fictional group, exported 2026-06-30 through
ELMA365's public API `/pub/v1` (shared/PLATFORMS.md; ELMA365's API docs): each file is
one saved answer of `POST /pub/v1/app/<namespace>/<code>/list` (`fields: {"*": true}`)
or of `/pub/v1/user/list`, `{"success": true, "error": "", "result": {"result": [...],
"total": n}}`, one file per app and page, a folder per tenant. Zip the folder and upload
it with the profile *ELMA365*.

## Shapes

From PLATFORMS.md: system fields `__id` (UUID), `__name`, `__createdAt`, `__updatedAt`
(RFC 3339), `__createdBy` (a user's `__id`), `__status.status`; money `{cents,
currency}` (`_budget`, `_amount`); full name `{lastname, firstname, middlename}`; typed
lists `_email: [{type, email}]`, `_phone: [{type, tel}]`; links to items as lists of
UUIDs (`_companies`, `_contacts`, `_client`, `_instance`, `_project`, `_task`); labels
and values in Russian, codes in Latin.

Invented where PLATFORMS.md says nothing: the contacts and organisations a task,
project or process instance names are nested in it (`_participants`, `_organisation`:
hub-b has no contacts or companies app, its people exist only there); a task's `_type`
(`business` or `internal`); a project's tasks (`_tasks`); a process instance's step
history (`_history`: step, started, finished, performer, comment) beside its
`_current_step`, `__template`, `__state`; a document's `_folder_path` and its content
`_file` (a path under `files/`); the КЭДО apps' shapes (`employees.json`: position,
department, personnel number, the `_user` it is; `hr_documents.json`: document type,
`_employee`, `_signed_at`, the e-signature `_signature: {signer, certificate,
valid_to}`, the file under `files/hub-a/kedo/`).

## Files

%(files)s

## Faults, on purpose

- `hub-a/tasks.json`: «Консультация по внедрению ЭДО» links a company deleted since
  (`%(orphan)s`): the lead loads without a customer, with a warning.
- `hub-a/users.json`: Козлова Елена (`e.kozlova@romashka.example`) has no Odoo user:
  her records load without a salesperson, flagged.
- Соколов Алексей is hub-a's contact and a participant of a hub-b task, with one
  email (`sokolov@ip-sokolov.example`): both load, one audit issue lists both rows.
- Internal tasks (`_type` `internal`, %(internal)s of them) are not leads: skipped,
  with the reason.
- КЭДО: Козлова Елена's employee record names her user, who has no Odoo user: the
  employee loads without one; her consent form is unsigned (no signature metadata).
  Without the Employees app both КЭДО files are listed on *Does not migrate*.
- Кузнецов Иван, a participant of two hub-a tasks, is nested in both with the same
  `__id`: one contact named twice, loaded once; the later row is skipped as the same
  record named again (no audit issue).
"""


def main():
    if OUT.exists():
        shutil.rmtree(OUT)
    files, blobs = build()
    for path, rows in files.items():
        write(OUT / path, dump(answer(rows)))
    for path, data in blobs.items():
        write(OUT / path, data)
    exp = expected(files)
    write(OUT / "expected.json", dump(exp))
    table = md_table(
        ["file", "items", "ELMA365 app"],
        [
            (
                "`%s`" % path,
                len(rows),
                APPS.get(
                    path.split("/")[1].split("_")[0]
                    if "companies" in path
                    else path.split("/")[1].rsplit(".", 1)[0],
                    "",
                ),
            )
            for path, rows in files.items()
        ],
    )
    write(
        OUT / "README.md",
        README
        % {
            "files": table,
            "orphan": ORPHAN_COMPANY,
            "internal": len(exp["internal_tasks"]),
        },
    )


APPS = {
    "users": "`/pub/v1/user/list`",
    "companies": "`_clients/_companies` (pages 1 and 2)",
    "contacts": "`_clients/_contacts`",
    "tasks": "tasks (business and internal)",
    "projects": "projects, their tasks nested",
    "process_instances": "process instances (sales process), step history nested",
    "documents": "documents with their folder path",
    "rpa_robots": "RPA robots (not migrated)",
    "equipment": "a custom application (`service/equipment`): one model in Odoo",
    "employees": "КЭДО employees (with the Employees app)",
    "hr_documents": "КЭДО HR documents with their e-signature (with the Employees app)",
}

if __name__ == "__main__":
    main()

"""Numbers arrive as ASCII decimal digits or not at all: every other spelling is "not found", never a 500."""

from __future__ import annotations

from urllib.parse import quote

import pytest

from signaal.accounts.models import Role
from signaal.organisations.models import Group, Membership, Organisation
from signaal.security import whole_number
from signaal.extensions import db

# Unicode digits (superscript, Arabic-Indic, full-width), signs, blanks, other notations, huge numbers.
ODD_NUMBERS = ["²", "٣", "１２", "-1", "+1", " 1", "1 ", "\u00a01", "1_000", "1.0", "1e3", "0x1", "9" * 30, "0", ""]
QUERY_NUMBERS = ("scope", "organisation", "group", "days", "page")


@pytest.mark.parametrize("text", ODD_NUMBERS[:-3] + ["", None])
def test_only_plain_ascii_digits_are_numbers(text):
    assert whole_number(text) is None


def test_plain_numbers_within_bounds():
    assert whole_number("0") == 0
    assert whole_number("2147483647") == 2**31 - 1
    assert whole_number("2147483648") is None
    assert whole_number("12", largest=11) is None


@pytest.fixture
def admin_with_organisation(make_user, login):
    admin = make_user(role=Role.ADMIN)
    organisation = Organisation(name="Gemeente Breda")
    db.session.add(organisation)
    db.session.flush()
    db.session.add(Membership(user_id=admin.id, organisation_id=organisation.id))
    db.session.add(Group(organisation_id=organisation.id, name="Week 1", invite_token="t" * 32, invite_code="ABCDEFGH"))
    db.session.commit()
    login(admin)
    return admin


def _numeric_rules(app):
    for rule in app.url_map.iter_rules():
        numbers = [name for name, converter in rule._converters.items() if converter.__class__.__name__ == "DatabaseInteger"]
        if numbers:
            yield rule, numbers


def _url(rule, numbers, value) -> str:
    path = rule.rule
    for name, converter in rule._converters.items():
        replacement = quote(value, safe="") if name in numbers else "x"
        for spelling in (f"<int:{name}>", f"<{name}>", f"<path:{name}>"):
            path = path.replace(spelling, replacement)
    return path


def test_every_numeric_route_parameter_refuses_odd_numbers(app, client, admin_with_organisation):
    rules = list(_numeric_rules(app))
    assert len(rules) >= 10  # the organisation, import, lesson, preview and quiz routes
    for rule, numbers in rules:
        for value in ODD_NUMBERS:
            url = _url(rule, numbers, value)
            for method in sorted(rule.methods - {"HEAD", "OPTIONS"}):
                response = client.open(url, method=method)
                assert response.status_code < 500, (method, url, response.status_code)
                if value and value != "0" and method == "GET":
                    # Never read as a number: not "found" as organisation 1 or page 12.
                    assert response.status_code in (404, 405), (url, response.status_code)


def test_every_numeric_query_parameter_refuses_odd_numbers(app, client, admin_with_organisation):
    endpoints = sorted(
        rule.rule for rule in app.url_map.iter_rules()
        if rule.endpoint.split(".")[0] in ("statistics", "audit") and "GET" in rule.methods and not rule.arguments
    )
    assert "/admin/audit/" in endpoints and "/statistics/" in endpoints
    for path in endpoints:
        for name in QUERY_NUMBERS:
            for value in ODD_NUMBERS:
                text = f"org-{value}" if name == "scope" else value
                response = client.get(path, query_string={name: text})
                assert response.status_code < 500, (path, name, value, response.status_code)


def test_a_unicode_digit_does_not_name_a_page(client, admin_with_organisation):
    assert client.get("/admin/audit/", query_string={"page": "1"}).status_code == 200
    assert client.get("/admin/audit/", query_string={"page": "١"}).status_code == 404
    assert client.get("/statistics/", query_string={"scope": "org-²"}).status_code == 404
    organisation_id = db.session.scalar(db.select(Organisation.id))
    assert client.get(f"/organisations/{organisation_id}").status_code == 200
    arabic = str(organisation_id).translate(str.maketrans("0123456789", "٠١٢٣٤٥٦٧٨٩"))
    assert client.get(f"/organisations/{quote(arabic)}").status_code == 404

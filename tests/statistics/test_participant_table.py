"""The coordinator's per-participant table: progress, last activity, certificates; filtered, sorted, paged."""

from __future__ import annotations

import csv
import io
from datetime import timedelta

import pytest

from signaal.clock import today
from signaal.languages.negotiation import COOKIE_NAME
from signaal.extensions import db
from signaal.privacy.erasure import erase_account
from statistics_data import build


@pytest.fixture
def data(client, login, make_user, tiny_course):
    built = build(make_user, tiny_course)
    login(built.coordinator)
    return built


def rows(client, query: str) -> list[list[str]]:
    response = client.get(f"/statistics/participants.csv?{query}")
    assert response.status_code == 200
    return list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))


def test_progress_last_activity_and_certificates(client, data):
    table = rows(client, f"organisation={data.north.id}")
    assert table[0] == ["Name", "User name", "Last activity", "Tiny course: progress", "Tiny course: certificate"]
    assert table[1:] == [
        ["Anna Nowak", "anna", "2024-01-03", "Completed", f"Valid until {(today() + timedelta(days=10)).isoformat()}"],
        ["Borys Petrov", "borys", "2024-01-14", "Completed", f"Valid until {(today() + timedelta(days=40)).isoformat()}"],
        ["Cecylia Ivanova", "cecylia", "–", "Not started", "–"],
        ["Dawid Wójcik", "dawid", "2024-02-01", "0 of 2 modules", "–"],
    ]


def test_filters_and_sorting(client, data):
    def names(query):
        return [row[1] for row in rows(client, f"organisation={data.north.id}&{query}")[1:]]

    assert names("course=tiny&status=completed") == ["anna", "borys"]
    assert names("course=tiny&status=in-progress") == ["dawid"]
    assert names("course=tiny&status=not-started") == ["cecylia"]
    assert names(f"group={data.intake.id}") == ["anna", "borys", "cecylia"]
    assert names("q=NOW") == ["anna"]
    assert names("q=ecyl") == ["cecylia"]  # any part of a name or user name
    data.people["cecylia"].display_name = "Cecylia Łukasik"
    db.session.commit()
    assert names("q=%C5%82uk") == ["cecylia"]  # "łuk" finds "Łukasik": capitals of every script, also on SQLite
    assert names("q=%25") == names("q=_") == []  # the search's own wildcards are taken literally
    assert names("sort=-name") == ["dawid", "cecylia", "borys", "anna"]
    assert names("sort=-activity") == ["dawid", "borys", "anna", "cecylia"]
    # Cecylia never did anything: the least recently active of all, the last of the most recently active.
    assert names("sort=activity") == ["cecylia", "anna", "borys", "dawid"]


def test_the_page_is_paged(app, client, data):
    app.config["STATISTICS_PAGE_SIZE"] = 3
    first = client.get(f"/statistics/participants?organisation={data.north.id}").get_data(as_text=True)
    assert "Page 1 of 2" in first and "Cecylia" in first and "Dawid" not in first
    second = client.get(f"/statistics/participants?organisation={data.north.id}&page=2").get_data(as_text=True)
    assert "Dawid" in second and "Anna" not in second
    assert '/organisations/%d/people/%d"' % (data.north.id, data.people["dawid"].id) in second
    # Every page counts all four; so does a page past the end, which lists nobody.
    beyond = client.get(f"/statistics/participants?organisation={data.north.id}&page=3").get_data(as_text=True)
    assert "4 participants" in first and "4 participants" in second and "4 participants" in beyond
    assert "Dawid" not in beyond and "Anna" not in beyond
    only_anna = client.get(f"/statistics/participants?organisation={data.north.id}&q=nowak").get_data(as_text=True)
    assert "1 participant<" in only_anna


def test_the_total_counts_exactly_the_people_listed(client, data):
    # The coordinator is a member of North too, and an erased account stays a member: neither is listed.
    # On PostgreSQL the total is a query of its own (statistics/people.py): it must agree with the list
    # under every filter.
    erase_account(data.people["borys"], by=None, reason="test")
    db.session.commit()
    for query, listed in (
        ("", ["anna", "cecylia", "dawid"]),
        (f"group={data.intake.id}", ["anna", "cecylia"]),
        ("q=a", ["anna", "cecylia", "dawid"]),
        ("q=nowak", ["anna"]),
        ("course=tiny&status=completed", ["anna"]),
        ("course=tiny&status=in-progress", ["dawid"]),
        ("course=tiny&status=not-started", ["cecylia"]),
        (f"course=tiny&status=not-started&group={data.intake.id}&q=cec", ["cecylia"]),
        ("q=north", []),  # the coordinator's user name: not a participant
    ):
        assert [row[1] for row in rows(client, f"organisation={data.north.id}&{query}")[1:]] == listed, query
        page = client.get(f"/statistics/participants?organisation={data.north.id}&{query}").get_data(as_text=True)
        shown = f"{len(listed)} participant{'' if len(listed) == 1 else 's'}<"
        assert shown in page and data.coordinator.username not in page, query


def test_a_name_that_looks_like_a_formula_is_defused(client, data):
    data.people["anna"].display_name = "=cmd|' /C calc'!A0"
    db.session.commit()
    table = rows(client, f"organisation={data.north.id}")
    assert table[1][0] == "'=cmd|' /C calc'!A0"
    page = client.get(f"/statistics/participants?organisation={data.north.id}").get_data(as_text=True)
    assert "=cmd|&#39; /C calc&#39;!A0" in page  # escaped in the page too


def test_the_column_headers_are_in_the_readers_language(client, data):
    client.set_cookie(COOKIE_NAME, "pl")
    assert rows(client, f"organisation={data.north.id}")[0][3:] == ["Tiny course: postęp", "Tiny course: certyfikat"]

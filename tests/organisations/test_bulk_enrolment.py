"""Bulk enrolment from a CSV: bad rows reported by line, nothing imported before confirmation."""

from __future__ import annotations

import csv
import io
import re

import pytest
from sqlalchemy import func, select

from signaal.accounts.models import Role, User
from signaal.audit.models import AuditEntry
from signaal.extensions import db
from signaal.organisations.groups import create_group
from signaal.organisations.models import GroupMember, Membership, Organisation, PendingImport
from web_forms import csrf_token_from, submit_form

PARTICIPANTS = (
    "\ufeffname;e-mail;language\n"          # line 1: header, with the BOM Excel writes
    "Łucja Kowalska;lucja@example.org;pl\n"  # 2: good
    ";nobody@example.org;pl\n"               # 3: no name
    "Стефка Йорданова;not-an-address;bg\n"   # 4: bad e-mail
    "Ion Popescu;;xx-nonsense\n"             # 5: unknown language
    "\n"                                     # 6: blank, skipped
    "Ana Ionescu;LUCJA@example.org;ro\n"     # 7: e-mail already in the list
    "Piotr Nowak;;;extra\n"                  # 8: too many columns
    "=HYPERLINK(\"http://evil\");;\n"        # 9: good (a name is a name; the CSV download defuses it)
)


@pytest.fixture
def organisation(app, tiny_course):
    organisation = Organisation(name="Uitzendbureau Zuid")
    db.session.add(organisation)
    db.session.commit()
    return organisation


@pytest.fixture
def coordinator(client, login, make_user, organisation):
    person = make_user(Role.COORDINATOR)
    db.session.add(Membership(user_id=person.id, organisation_id=organisation.id))
    db.session.commit()
    return login(person)


def upload(client, organisation, text: str, group_id: int = 0):
    url = f"/organisations/{organisation.id}/import"
    return client.post(url, data={
        "csrf_token": csrf_token_from(client, url), "group": str(group_id),
        "file": (io.BytesIO(text.encode("utf-8")), "participants.csv"),
    }, content_type="multipart/form-data")


def participants() -> int:
    return db.session.scalar(select(func.count()).where(User.role == Role.PARTICIPANT.value))


def test_bad_rows_are_reported_with_line_and_reason_and_nothing_is_imported(client, organisation, coordinator):
    response = upload(client, organisation, PARTICIPANTS)
    assert response.status_code == 302
    page = client.get(response.location).get_data(as_text=True)
    problems = re.findall(r"<tr><td>(\d+)</td><td>([^<]+)</td></tr>", page)
    assert [(int(line), reason.split(".")[0]) for line, reason in problems] == [
        (3, "The name is missing"),
        (4, "&#34;not-an-address&#34; is not an e-mail address"),
        (5, "&#34;xx-nonsense&#34; is not a language code such as pl, bg or ro"),
        (7, "This e-mail address is already in the list"),
        (8, "Too many columns: use name, e-mail, language"),
    ]
    assert "2 participants can be imported" in page and "Import 2 participants" in page
    assert participants() == 0


def test_confirming_imports_the_good_rows_once_with_passwords_shown_once(client, organisation, coordinator):
    group = create_group(None, organisation, "Week 12", course_ids=["tiny"])
    review = upload(client, organisation, PARTICIPANTS, group.id).location
    done = submit_form(client, review, {})
    assert done.status_code == 200 and done.headers["Cache-Control"] == "no-store"
    page = done.get_data(as_text=True)
    logins = re.findall(r"<td>([^<]+)</td><td><code>([a-z0-9-]{19})</code></td>", page)
    assert [username for username, _ in logins] == ["łucja.kowalska", "hyperlinkhttpevil"]

    lucja = db.session.scalar(select(User).where(User.username == "łucja.kowalska"))
    assert (lucja.display_name, lucja.email, lucja.language) == ("Łucja Kowalska", "lucja@example.org", "pl")
    assert db.session.scalar(select(func.count()).select_from(GroupMember).filter_by(group_id=group.id)) == 2
    assert db.session.scalar(select(func.count()).select_from(Membership).filter_by(organisation_id=organisation.id)) == 3
    entry = db.session.scalar(select(AuditEntry).where(AuditEntry.action == "participants.import"))
    assert entry.details["count"] == 2
    assert db.session.scalar(select(PendingImport)) is None

    # Confirming again imports nothing more.
    again = client.post(review, data={"csrf_token": csrf_token_from(client, "/join/")})
    assert again.status_code == 404 and participants() == 2

    # The temporary password works.
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    username, password = logins[0]
    signed_in = submit_form(client, "/account/login", {"username": username, "password": password})
    assert signed_in.status_code == 302


def test_the_logins_download_is_spreadsheet_safe(client, organisation, coordinator):
    done = submit_form(client, upload(client, organisation, PARTICIPANTS).location, {}).get_data(as_text=True)
    usernames = re.findall(r'name="username" value="([^"]+)"', done)
    passwords = re.findall(r'name="password" value="([^"]+)"', done)
    response = client.post(
        f"/organisations/{organisation.id}/import/logins.csv",
        data={"csrf_token": csrf_token_from(client, "/join/"), "username": usernames, "password": passwords},
    )
    assert response.status_code == 200 and response.mimetype == "text/csv"
    assert response.data.startswith("\ufeff".encode())
    rows = list(csv.reader(io.StringIO(response.data.decode("utf-8-sig"))))
    assert rows[0] == ["Name", "User name", "Password", "Sign in at"]
    assert rows[1][:2] == ["Łucja Kowalska", "łucja.kowalska"]
    assert rows[2][0] == "'=HYPERLINK(\"http://evil\")"


def test_a_file_that_is_not_utf8_is_refused_with_advice(client, organisation, coordinator):
    url = f"/organisations/{organisation.id}/import"
    response = client.post(url, data={
        "csrf_token": csrf_token_from(client, url), "group": "0",
        "file": (io.BytesIO("Łucja;;\n".encode("cp1250")), "participants.csv"),
    }, content_type="multipart/form-data")
    page = client.get(response.location).get_data(as_text=True)
    assert "save it as &#34;CSV UTF-8&#34;" in page
    assert "0 participants can be imported" in page and "Import 0" not in page


def test_another_coordinators_upload_is_not_found(client, login, make_user, organisation, coordinator):
    review = upload(client, organisation, PARTICIPANTS).location
    colleague = make_user(Role.COORDINATOR)
    db.session.add(Membership(user_id=colleague.id, organisation_id=organisation.id))
    db.session.commit()
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    login(colleague)
    assert client.get(review).status_code == 404
    assert client.post(review, data={"csrf_token": csrf_token_from(client, "/join/")}).status_code == 404
    assert participants() == 0


@pytest.mark.parametrize("separator", [",", ";", "\t"])
def test_quoted_cells_are_read_as_rfc_4180_says(app, separator):
    from signaal.organisations.importing import read_participant_list

    text = separator.join(["name", "e-mail", "language"]) + "\r\n" + separator.join(
        ['"Marta ""K"""', '"marta@example.org"', "pl"]
    ) + "\r\n" + separator.join(['"Kowalska; Anna, ""Ania"""', "", "pl"]) + "\r\n" + separator.join(
        ['"Ion\nPopescu"', "", "ro"]
    ) + "\r\n"
    checked = read_participant_list(text.encode())
    assert checked.problems == []
    assert [row["name"] for row in checked.rows] == ['Marta "K"', 'Kowalska; Anna, "Ania"', "Ion\nPopescu"]
    assert [row["line"] for row in checked.rows] == [2, 3, 5]  # the line a row ends on


def test_broken_quoting_is_a_problem_with_its_line(app):
    from signaal.organisations.importing import read_participant_list

    checked = read_participant_list(b'name;e-mail\nAnna;anna@example.org\n"Marta;marta@example.org\n')
    assert [row["name"] for row in checked.rows] == ["Anna"]
    assert checked.problems and "quotation marks" in checked.problems[0]["reason"]


def test_an_imported_participant_chooses_a_password_first(client, organisation, coordinator):
    done = submit_form(client, upload(client, organisation, PARTICIPANTS).location, {}).get_data(as_text=True)
    username, password = re.findall(r"<td>([^<]+)</td><td><code>([a-z0-9-]{19})</code></td>", done)[0]
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    signed_in = submit_form(client, "/account/login", {"username": username, "password": password})
    assert signed_in.location == "/account/password"
    assert client.get("/courses/tiny/").location == "/account/password"
    page = client.get("/account/password").get_data(as_text=True)  # in her language, Polish
    assert "Twoje hasło ustawił ktoś inny." in page and "Obecne hasło" not in page


def test_unconfirmed_uploads_expire_after_a_day_and_the_retention_command_removes_them(
    client, runner, organisation, coordinator
):
    from datetime import timedelta

    from signaal.clock import utcnow

    fresh = upload(client, organisation, PARTICIPANTS).location
    stale = upload(client, organisation, PARTICIPANTS).location
    stale_row = db.session.get(PendingImport, int(stale.rsplit("/", 1)[1]))
    stale_row.uploaded_at = utcnow() - timedelta(hours=25)
    db.session.commit()
    assert client.get(stale).status_code == 404
    assert client.get(fresh).status_code == 200

    result = runner.invoke(args=["privacy", "purge-inactive"])
    assert result.exit_code == 0, result.output
    assert "removed 1 unconfirmed participant list(s)" in result.output
    db.session.expire_all()
    assert db.session.scalar(select(func.count()).select_from(PendingImport)) == 1
    assert client.get(fresh).status_code == 200


def test_look_alike_names_in_a_list_get_user_names_that_do_not_look_alike(client, organisation, coordinator, make_user):
    make_user(username="anna.kowalska")
    text = "name\nАnna Kowalska\nAnna Kowalska\nanna kowalska\n"  # the first with a Cyrillic А
    done = submit_form(client, upload(client, organisation, text).location, {})
    assert done.status_code == 200
    usernames = re.findall(r"<td>([^<]+)</td><td><code>[a-z0-9-]{19}</code></td>", done.get_data(as_text=True))
    assert usernames == ["аnna.kowalska-2", "anna.kowalska-3", "anna.kowalska-4"]

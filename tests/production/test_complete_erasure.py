"""After a person deletes their account, no table holds their user name, name, e-mail or certificate name."""

from __future__ import annotations

import io
import json

from sqlalchemy import MetaData, select

from signaal.accounts.models import Role, User
from signaal.audit.log import record
from signaal.audit.models import AuditEntry
from signaal.certificates.naming import set_preferred_name
from signaal.extensions import db
from signaal.organisations.groups import create_group, reset_password
from signaal.organisations.models import Membership, Organisation, PendingImport
from web_forms import PASSWORD, csrf_token_from, submit_form

from participants import complete_tiny_course

USERNAME, DISPLAY_NAME, EMAIL = "zuzanna.wiśniewska", "Zuzanna Wiśniewska", "Zuzanna.W@example.org"
CERTIFICATE_NAME = "Zuzanna Maria Wiśniewska-Kowal"
NEW_PASSWORD = "lantaarn kiwi dijkgraaf zomer"


def everything_in_the_database() -> list[tuple[str, str, str]]:
    """(table, column, text) for every text value in every table, JSON decoded to plain text."""
    metadata = MetaData()
    metadata.reflect(db.engine)
    found = []
    with db.engine.connect() as connection:
        for table in metadata.tables.values():
            for row in connection.execute(select(table)):
                for column, value in row._mapping.items():
                    for text in _spellings(value):
                        found.append((table.name, column, text))
    return found


def _spellings(value) -> list[str]:
    if isinstance(value, (dict, list)):
        return [json.dumps(value, ensure_ascii=False)]
    if not isinstance(value, str):
        return []
    try:  # JSON kept as text (SQLite) escapes non-ASCII letters: read it as JSON too
        return [value, json.dumps(json.loads(value), ensure_ascii=False)]
    except ValueError:
        return [value]


def traces_of(*personal: str) -> list[tuple[str, str, str]]:
    wanted = [p.casefold() for p in personal]
    return [(table, column, text) for table, column, text in everything_in_the_database()
            if any(p in text.casefold() for p in wanted)]


def test_nothing_that_names_the_person_is_left_anywhere(app, client, runner, make_user, login, tiny_course):
    organisation = Organisation(name="Uitzendbureau Zuid")
    db.session.add(organisation)
    db.session.flush()
    coordinator = make_user(Role.COORDINATOR)
    db.session.add(Membership(user_id=coordinator.id, organisation_id=organisation.id))
    group = create_group(None, organisation, "Week 12", course_ids=["tiny"])
    db.session.commit()

    # The coordinator imports her (user name from her real name), and uploads another list naming her.
    login(coordinator)
    csv_text = f"name;e-mail;language\n{DISPLAY_NAME};{EMAIL};pl\n"
    for _ in range(2):
        url = f"/organisations/{organisation.id}/import"
        review = client.post(url, data={
            "csrf_token": csrf_token_from(client, url), "group": str(group.id),
            "file": (io.BytesIO(csv_text.encode()), "list.csv"),
        }, content_type="multipart/form-data").location
    submit_form(client, review.rsplit("/", 1)[0] + f"/{int(review.rsplit('/', 1)[1]) - 1}", {})
    person = db.session.scalar(select(User).where(User.display_name == DISPLAY_NAME))
    assert person.username == USERNAME and db.session.scalar(select(PendingImport)) is not None

    # Audit entries that name her: a password reset, a command-line membership, her own action.
    reset_password(coordinator, person)
    person.set_password(PASSWORD)
    person.must_change_password = False
    record(person, "group.note", f"group:{group.id}", note=f"asked by {DISPLAY_NAME} ({EMAIL.lower()})")
    db.session.commit()
    assert runner.invoke(args=["organisations", "create", "Gemeente Breda"]).exit_code == 0
    assert runner.invoke(args=["organisations", "add-member", "Gemeente Breda", USERNAME]).exit_code == 0

    # She chooses a certificate name, completes the course, and gets a certificate.
    client.post("/account/logout", data={"csrf_token": csrf_token_from(client, "/")})
    login(person)
    set_preferred_name(person, CERTIFICATE_NAME)
    complete_tiny_course(client, tiny_course)
    assert traces_of(USERNAME, DISPLAY_NAME, EMAIL, CERTIFICATE_NAME)  # the test can see her

    deleted = submit_form(client, "/account/data/delete", {"password": PASSWORD}, form_page="/account/data/")
    assert deleted.status_code == 302

    assert traces_of(USERNAME, DISPLAY_NAME, EMAIL, CERTIFICATE_NAME) == []
    db.session.expire_all()
    # What happened is still there, without her: the reset, and her certificate's code.
    assert db.session.get(User, person.id).deleted_at is not None
    assert {"account.reset-password", "organisation.add-member", "group.note", "account.delete"} <= set(
        db.session.scalars(select(AuditEntry.action))
    )

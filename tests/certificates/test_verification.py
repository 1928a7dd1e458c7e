"""The public verification page: states, plain misses, no help for guessing, and its rate limit."""

from __future__ import annotations

import re

import pytest
from sqlalchemy import event

from certificate_helpers import earn_certificate, expire
from signaal.certificates.codes import ALPHABET, check_character, generate_code
from signaal.clock import utcnow
from signaal.extensions import db

NOT_FOUND = "No certificate with this code was found."
TYPO = "This code contains a typing error."


def page(client, url: str) -> str:
    response = client.get(url)
    assert response.status_code == 200, response.status_code
    return response.get_data(as_text=True)


def without_tokens(html: str) -> str:
    return re.sub(r'name="csrf_token"[^>]*', "", html)


def with_typo(code: str) -> str:
    """The code with one data character changed: a near-miss of a real code."""
    replacement = ALPHABET[(ALPHABET.index(code[0]) + 1) % 32]
    return replacement + code[1:]


def near_miss_with_valid_check(code: str) -> str:
    """Another well-formed code that differs from a real one in two places."""
    data = code.replace("-", "")[:-1]
    changed = ALPHABET[(ALPHABET.index(data[0]) + 1) % 32] + data[1:]
    return changed + check_character(changed)


@pytest.fixture
def holder(make_user):
    return make_user(display_name="Łucja Ćwik")


def test_a_valid_certificate_shows_name_course_and_dates_without_login(client, holder, tiny_course):
    certificate = earn_certificate(holder, tiny_course)
    html = page(client, f"/verify/{certificate.code}")
    assert "Valid" in html
    assert "Łucja Ćwik" in html
    assert tiny_course.title in html
    assert certificate.code in html
    assert str(certificate.expires_on.year) in html


def test_the_form_accepts_a_code_as_people_type_it(client, holder, tiny_course):
    certificate = earn_certificate(holder, tiny_course)
    typed = certificate.code.replace("-", " ").lower().replace("0", "o").replace("1", "l")
    html = page(client, f"/verify?code={typed}")
    assert "Łucja Ćwik" in html and "Valid" in html


def test_an_expired_certificate_says_expired(client, holder, tiny_course):
    certificate = expire(earn_certificate(holder, tiny_course))
    html = page(client, f"/verify/{certificate.code}")
    assert "Expired" in html and "Valid</h2>" not in html
    assert "Łucja Ćwik" in html


def test_a_revoked_certificate_says_revoked_without_the_reason(client, holder, tiny_course):
    certificate = earn_certificate(holder, tiny_course)
    certificate.revoked_at = utcnow()
    certificate.revoked_reason = "Confidential reason about the holder"
    db.session.commit()
    html = page(client, f"/verify/{certificate.code}")
    assert "Revoked" in html
    assert "Confidential reason" not in html


def test_removed_holder_data_is_said_so(client, holder, tiny_course):
    certificate = earn_certificate(holder, tiny_course)
    certificate.holder_name = ""  # what deleting the account does
    db.session.commit()
    html = page(client, f"/verify/{certificate.code}")
    assert "Issued, holder data removed" in html
    assert "Valid" in html and tiny_course.title in html


def test_unknown_well_formed_code_is_a_plain_not_found(client, holder, tiny_course):
    certificate = earn_certificate(holder, tiny_course)
    for code in (generate_code(), near_miss_with_valid_check(certificate.code)):
        html = page(client, f"/verify/{code}")
        assert NOT_FOUND in html
        assert "Łucja" not in html


def test_a_typo_is_called_a_typo_whether_or_not_a_real_code_is_near(client, holder, tiny_course):
    certificate = earn_certificate(holder, tiny_course)
    near_code, far_code = with_typo(certificate.code), with_typo(generate_code())
    near = page(client, f"/verify/{near_code}")
    far = page(client, f"/verify/{far_code}")
    assert TYPO in near
    # Word for word the same page: nothing tells that a real code is one character away.
    assert without_tokens(near).replace(near_code, "CODE") == without_tokens(far).replace(far_code, "CODE")


def test_text_that_is_no_code_says_so(client, tiny_course):
    for typed in ("hello", "7K3M-Q9TX", "x" * 500, "7K3M-Q9TX-2HCW-5RJD-*"):
        html = page(client, f"/verify?code={typed}")
        assert "This is not a certificate code." in html
        assert "Traceback" not in html


def test_typos_and_misses_run_the_same_database_query(app, client, holder, tiny_course):
    """A typo must not touch the database differently from any other miss."""
    certificate = earn_certificate(holder, tiny_course)
    db.session.commit()  # the completion (and its statistics) is stored before the queries are compared
    statements: list[str] = []

    def remember(conn, cursor, statement, parameters, context, executemany):
        statements.append(statement)

    def queries_for(url: str) -> list[str]:
        statements.clear()
        page(client, url)
        return list(statements)

    with app.app_context():
        engine = db.engine
    event.listen(engine, "before_cursor_execute", remember)
    try:
        miss = queries_for(f"/verify/{generate_code()}")
        near_miss = queries_for(f"/verify/{near_miss_with_valid_check(certificate.code)}")
        typo = queries_for(f"/verify/{with_typo(certificate.code)}")
        not_a_code = queries_for("/verify?code=hello")
    finally:
        event.remove(engine, "before_cursor_execute", remember)
    assert miss and miss == near_miss == typo == not_a_code


def test_verification_is_rate_limited(client, tiny_course):
    limit = 30  # DEFAULT_VERIFY_LIMIT: 30 per minute
    for _ in range(limit):
        assert client.get(f"/verify/{generate_code()}").status_code == 200
    blocked = client.get(f"/verify/{generate_code()}")
    assert blocked.status_code == 429
    assert "Too many attempts" in blocked.get_data(as_text=True)
    # The form with the address typed in counts towards the same limit.
    assert client.get(f"/verify?code={generate_code()}").status_code == 429


def test_the_empty_form_is_not_counted(client):
    for _ in range(40):
        assert client.get("/verify").status_code == 200
    assert client.get(f"/verify/{generate_code()}").status_code == 200

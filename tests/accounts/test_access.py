"""Every object reached by id is checked against the person asking for it."""

from __future__ import annotations

import pytest

from quiz_answers import module_row, wrong_answers
from signaal.accounts.models import Role
from signaal.certificates.issuing import issue_certificate
from signaal.extensions import db
from signaal.quizzes.grading import grade
from signaal.quizzes.attempts import record_attempt


def test_participant_cannot_open_statistics(client, make_user, login):
    login(make_user())
    assert client.get("/statistics/").status_code == 403


def test_anonymous_visitor_is_sent_to_sign_in_for_statistics(client):
    response = client.get("/statistics/")
    assert response.status_code == 302 and "/account/login" in response.location


@pytest.mark.parametrize("role", [Role.COORDINATOR, Role.ADMIN])
def test_coordinators_and_admins_see_statistics(client, make_user, login, role):
    login(make_user(role))
    assert client.get("/statistics/").status_code == 200


def test_participant_cannot_download_another_participants_certificate(
    client, make_user, login, tiny_course
):
    owner, other = make_user(), make_user()
    certificate = issue_certificate(owner, tiny_course, tiny_course.language)
    db.session.commit()
    login(other)
    assert client.get(f"/certificates/{certificate.code}.pdf").status_code == 404
    assert certificate.code not in client.get("/certificates").get_data(as_text=True)


def test_participant_cannot_read_another_participants_quiz_result(
    client, make_user, login, tiny_course
):
    owner, other = make_user(), make_user()
    basics = module_row(tiny_course, "basics")
    answers = {k.removeprefix("answer-"): [int(v[0])] for k, v in wrong_answers(basics).items()}
    attempt = record_attempt(owner, basics, "t" * 24, grade(basics.quiz.questions, answers, 50), live=tiny_course)
    url = f"/courses/tiny/basics/quiz/attempts/{attempt.id}"

    login(other)
    assert client.get(url).status_code == 404


def test_owner_reads_own_quiz_result(client, make_user, login, tiny_course):
    owner = make_user()
    basics = module_row(tiny_course, "basics")
    answers = {k.removeprefix("answer-"): [int(v[0])] for k, v in wrong_answers(basics).items()}
    attempt = record_attempt(owner, basics, "u" * 24, grade(basics.quiz.questions, answers, 50), live=tiny_course)
    login(owner)
    assert client.get(f"/courses/tiny/basics/quiz/attempts/{attempt.id}").status_code == 200
    # The same id under another module's URL is not found.
    assert client.get(f"/courses/tiny/next-steps/quiz/attempts/{attempt.id}").status_code == 404

"""A participant goes from registration to a certificate, through the real app."""

from __future__ import annotations

import io
import re

from pypdf import PdfReader

from web_forms import submit_form
from quiz_answers import form_fields, module_row, right_answers, wrong_answers
from signaal.certificates.models import Certificate
from signaal.extensions import db
from signaal.learning.models import Enrolment
from signaal.quizzes.models import QuizAttempt


def register(client, username="marta", password="a long secret"):
    return submit_form(
        client,
        "/account/register",
        {"username": username, "password": password, "confirm": password, "email": ""},
    )


def take_quiz(client, course_id, module_id, answers):
    url = f"/courses/{course_id}/{module_id}/quiz"
    page = client.get(url).get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = {"csrf_token": token, **form_fields(page, answers)}
    return client.post(url, data=data)


def test_registration_without_email_signs_the_participant_in(client, tiny_course):
    response = register(client)
    assert response.status_code == 302
    catalogue = client.get("/").get_data(as_text=True)
    assert tiny_course.title in catalogue
    assert "Sign out" in catalogue


def test_participant_reads_fails_retries_passes_and_gets_a_certificate(client, tiny_course):
    register(client, username="Łucja")
    course = client.get(f"/courses/{tiny_course.course_id}").get_data(as_text=True)
    basics = module_row(tiny_course, "basics")
    assert basics.title in course

    for number, page in enumerate(basics.pages, start=1):
        html = client.get(f"/courses/tiny/basics/{number}").get_data(as_text=True)
        assert page.title in html

    quiz_page = client.get("/courses/tiny/basics/quiz").get_data(as_text=True)
    # The answer key and the explanations stay on the server until the participant answers.
    for question in basics.quiz.questions:
        assert question.explanation_html not in quiz_page

    failed = take_quiz(client, "tiny", "basics", wrong_answers(basics))
    assert failed.status_code == 302
    result = client.get(failed.location).get_data(as_text=True)
    assert "Not passed yet" in result
    for question in basics.quiz.questions:
        assert question.explanation_html in result

    passed = take_quiz(client, "tiny", "basics", right_answers(basics))
    assert "You passed this module" in client.get(passed.location).get_data(as_text=True)
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == 2
    assert db.session.scalar(db.select(Certificate)) is None  # one module still to go

    nxt = module_row(tiny_course, "next-steps")
    client.get("/courses/tiny/next-steps/1")
    take_quiz(client, "tiny", "next-steps", right_answers(nxt))

    enrolment = db.session.scalar(db.select(Enrolment))
    assert enrolment.completed_at is not None
    certificate = db.session.scalar(db.select(Certificate))
    assert certificate.holder_name == "Łucja"
    assert certificate.version_id == tiny_course.id

    listing = client.get("/certificates").get_data(as_text=True)
    assert f"/certificates/{certificate.code}/settings?download=pdf" in listing  # the name is asked first
    pdf = client.get(f"/certificates/{certificate.code}.pdf")
    assert pdf.status_code == 200 and pdf.mimetype == "application/pdf"
    text = "".join(page.extract_text() for page in PdfReader(io.BytesIO(pdf.data)).pages)
    assert "Łucja" in text
    assert tiny_course.title in text
    assert certificate.code in text


def test_unanswered_question_shows_the_form_again_and_records_nothing(client, tiny_course):
    register(client)
    basics = module_row(tiny_course, "basics")
    answers = right_answers(basics)
    answers.pop(next(iter(answers)))
    response = take_quiz(client, "tiny", "basics", answers)
    assert response.status_code == 400
    assert "Please answer this question" in response.get_data(as_text=True)
    assert db.session.scalar(db.select(QuizAttempt)) is None


def test_forged_answer_values_are_rejected_without_an_attempt(client, tiny_course):
    register(client)
    basics = module_row(tiny_course, "basics")
    for forged in ("99", "-1", "abc"):
        answers = {name: [forged] for name in right_answers(basics)}
        assert take_quiz(client, "tiny", "basics", answers).status_code == 400
    assert db.session.scalar(db.select(QuizAttempt)) is None


def test_submitting_the_same_quiz_form_twice_makes_one_attempt(client, tiny_course):
    register(client)
    basics = module_row(tiny_course, "basics")
    page = client.get("/courses/tiny/basics/quiz").get_data(as_text=True)
    token = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    data = {"csrf_token": token, **form_fields(page, right_answers(basics))}
    first = client.post("/courses/tiny/basics/quiz", data=data)
    second = client.post("/courses/tiny/basics/quiz", data={**data, **wrong_answers(basics)})
    assert first.location == second.location
    attempts = db.session.scalars(db.select(QuizAttempt)).all()
    assert len(attempts) == 1 and attempts[0].passed


def test_lesson_pages_need_a_signed_in_participant(client, tiny_course):
    response = client.get("/courses/tiny/basics/1")
    assert response.status_code == 302
    assert "/account/login" in response.location


def test_unknown_course_module_and_page_are_not_found(client, tiny_course):
    register(client)
    for url in ("/courses/nope", "/courses/tiny/nope/1", "/courses/tiny/basics/99", "/courses/tiny/basics/0"):
        response = client.get(url)
        assert response.status_code == 404, url
        assert "Traceback" not in response.get_data(as_text=True)

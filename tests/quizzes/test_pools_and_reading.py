"""Hard to pass by guessing: question pools, options in a new order each time, and reading before the quiz."""

from __future__ import annotations

import re

from quiz_answers import asked_questions, form_fields, module_row, right_answers
from signaal.courses.publishing import publish_course
from signaal.extensions import db
from signaal.quizzes.models import QuizAttempt
from web_forms import PASSWORD, submit_form

QUIZ = "/courses/tiny/basics/quiz"


def publish_tiny(courses_dir, *, draw: int | None = None, reading: bool = False):
    folder = courses_dir / "tiny"
    module = folder / "01-basics.md"
    if draw:
        module.write_text(module.read_text().replace("## Test yourself {.quiz}", f"## Test yourself {{.quiz draw={draw}}}"))
    settings = folder / "course.yml"
    settings.write_text(settings.read_text().replace("quiz_requires_reading: false", f"quiz_requires_reading: {str(reading).lower()}"))
    outcome = publish_course(folder)
    assert not outcome.failed, [str(p) for p in outcome.problems]
    db.session.commit()
    return outcome.version


def post(client, page: str, answers: dict):
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(QUIZ, data={"csrf_token": csrf, **form_fields(page, answers)})


def test_a_quiz_asks_its_draw_and_a_retry_asks_the_others_first(client, courses_dir, make_user, login):
    version = publish_tiny(courses_dir, draw=1)
    basics = module_row(version, "basics")
    pool = {question.id for question in basics.quiz.questions}
    assert len(pool) == 2
    login(make_user())

    first = client.get(QUIZ).get_data(as_text=True)
    asked_first = set(asked_questions(first))
    assert len(asked_first) == 1
    assert len(set(re.findall(r'name="(answer-[^"]+)"', first))) == 1  # the form shows just that question
    assert post(client, first, right_answers(basics)).status_code == 302
    attempt = db.session.scalar(db.select(QuizAttempt))
    assert attempt.question_count == 1 and {r.question_id for r in attempt.results} == asked_first

    second = client.get(QUIZ).get_data(as_text=True)
    assert set(asked_questions(second)) == pool - asked_first


def test_options_come_in_a_new_order_and_are_graded_by_meaning(client, tiny_course, make_user, login):
    login(make_user())
    basics = module_row(tiny_course, "basics")
    question = basics.quiz.questions[0]
    orders = {asked_questions(client.get(QUIZ).get_data(as_text=True))[question.id] for _ in range(12)}
    assert len(orders) > 1  # 12 forms in the same order of 3 options: a chance of 1 in 6**11

    page = client.get(QUIZ).get_data(as_text=True)
    order = asked_questions(page)[question.id]
    labels = re.findall(rf'name="answer-{question.id}" value="(\d+)"[^>]*>\s*<label[^>]*>(.*?)</label>', page, re.S)
    shown = [html for _value, html in labels]
    assert shown == [question.options[i].html for i in order]  # the page shows the options in the sheet's order
    response = post(client, page, right_answers(basics))
    assert "You passed this module" in client.get(response.location).get_data(as_text=True)


def test_the_quiz_opens_after_the_pages_were_read(app, client, courses_dir, make_user, login):
    version = publish_tiny(courses_dir, reading=True)
    basics = module_row(version, "basics")
    assert basics.page_count == 2
    reader, skipper = make_user(), make_user()
    login(reader)

    response = client.get(QUIZ)
    assert response.status_code == 302 and response.location.endswith("/courses/tiny/basics/1")
    assert "Please read the module" in client.get(response.location).get_data(as_text=True)
    client.get("/courses/tiny/basics/1")
    assert client.get(QUIZ).location.endswith("/courses/tiny/basics/2")
    client.get("/courses/tiny/basics/2")
    form = client.get(QUIZ)
    assert form.status_code == 200

    # Someone who read nothing cannot post a quiz form either: nothing is recorded.
    skipping_browser = app.test_client()
    submit_form(skipping_browser, "/account/login", {"username": skipper.username, "password": PASSWORD})
    page = form.get_data(as_text=True)
    fields = form_fields(page, right_answers(basics))
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', skipping_browser.get("/courses/tiny").get_data(as_text=True))
    if csrf is None:  # the course page has no form: take the token from the account page
        csrf = re.search(r'name="csrf_token"[^>]*value="([^"]+)"', skipping_browser.get("/account/login").get_data(as_text=True))
    refused = skipping_browser.post(QUIZ, data={"csrf_token": csrf.group(1), **fields})
    assert refused.status_code == 302 and refused.location.endswith("/courses/tiny/basics/1")
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt)) == 0

"""What a quiz pass brings lands together or not at all, and republishing never strands anyone."""

from __future__ import annotations

import re
import shutil

import pytest
from sqlalchemy import event

from quiz_answers import form_fields, module_row, right_answers
from web_forms import PASSWORD, submit_form
from signaal.certificates.models import Certificate
from signaal.courses.publishing import publish_course
from signaal.extensions import db
from signaal.learning.models import Enrolment, ModuleProgress
from signaal.quizzes.models import QuestionResult, QuizAttempt


def quiz_form(client, module_id: str) -> str:
    return client.get(f"/courses/tiny/{module_id}/quiz").get_data(as_text=True)


def submit(client, module_id: str, page: str, answers: dict):
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    return client.post(f"/courses/tiny/{module_id}/quiz", data={"csrf_token": csrf, **form_fields(page, answers)})


def count(model) -> int:
    return db.session.scalar(db.select(db.func.count()).select_from(model))


def test_a_failure_while_issuing_the_certificate_records_nothing_of_the_quiz_pass(client, tiny_course, make_user, login):
    login(make_user())
    basics, steps = module_row(tiny_course, "basics"), module_row(tiny_course, "next-steps")
    assert submit(client, "basics", quiz_form(client, "basics"), right_answers(basics)).status_code == 302
    last_form = quiz_form(client, "next-steps")

    def crash(*_args):
        raise RuntimeError("the worker died while issuing the certificate")

    event.listen(Certificate, "before_insert", crash)
    try:
        with pytest.raises(RuntimeError):
            submit(client, "next-steps", last_form, right_answers(steps))
    finally:
        event.remove(Certificate, "before_insert", crash)

    db.session.expire_all()
    # Nothing of the last submission: no attempt, no pass, no completion, no certificate.
    assert count(QuizAttempt) == 1 and count(QuestionResult) == len(basics.quiz.questions)
    steps_progress = db.session.scalar(db.select(ModuleProgress).filter_by(module_id="next-steps"))
    assert steps_progress is None or steps_progress.passed_at is None
    assert db.session.scalar(db.select(Enrolment)).completed_at is None
    assert count(Certificate) == 0

    # The same form, sent again, is graded now and brings everything at once.
    response = submit(client, "next-steps", last_form, right_answers(steps))
    assert response.status_code == 302
    db.session.expire_all()
    assert count(QuizAttempt) == 2
    assert db.session.scalar(db.select(Enrolment)).completed_at is not None
    assert count(Certificate) == 1


def test_a_form_opened_before_a_republish_is_graded_against_its_own_version(client, courses_dir, make_user, login):
    folder = courses_dir / "tiny"
    first = publish_course(folder).version
    db.session.commit()
    login(make_user())
    basics = module_row(first, "basics")
    opened = quiz_form(client, "basics")

    # The trainer reorders the options (the right one moves to the top) and adds a question.
    module = folder / "01-basics.md"
    text = module.read_text()
    text = text.replace(
        "- [ ] A normal service of the employer\n- [x] A possible sign of labour exploitation\n",
        "- [x] A possible sign of labour exploitation\n- [ ] A normal service of the employer\n",
    )
    text = text.replace(
        "### Which of these are signs of exploitation?",
        "### Who may keep a worker's passport?\n- [ ] The employer\n- [x] Only the worker\n\n"
        "### Which of these are signs of exploitation?",
    )
    module.write_text(text)
    second = publish_course(folder).version
    db.session.commit()
    assert second.number == 2 and len(module_row(second, "basics").quiz.questions) == 3

    response = submit(client, "basics", opened, right_answers(basics))
    assert response.status_code == 302
    result = client.get(response.location).get_data(as_text=True)
    assert "You passed this module" in result
    attempt = db.session.scalar(db.select(QuizAttempt))
    assert attempt.version_id == first.id and attempt.correct_count == attempt.question_count == 2


def test_a_forged_or_foreign_quiz_form_is_refused_and_records_nothing(client, tiny_course, make_user, login):
    login(make_user())
    page = quiz_form(client, "basics")
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    basics = module_row(tiny_course, "basics")
    fields = form_fields(page, right_answers(basics))
    genuine = fields["form_token"]
    tampered = ("B" if genuine[0] == "A" else "A") + genuine[1:]  # another payload under the same signature
    for token in ("", "x" * 40, tampered, "9" * 9000):
        response = client.post("/courses/tiny/basics/quiz", data={"csrf_token": csrf, **fields, "form_token": token})
        assert response.status_code == 400
    # A genuine form of another module is not graded here.
    other = quiz_form(client, "next-steps")
    response = client.post(
        "/courses/tiny/basics/quiz", data={"csrf_token": csrf, **fields, "form_token": form_fields(other, {})["form_token"]}
    )
    assert response.status_code == 409
    assert "This quiz was changed since you opened it" in response.get_data(as_text=True)
    assert count(QuizAttempt) == 0


def test_removing_a_module_completes_the_people_who_did_all_the_others(app, client, courses_dir, make_user, login):
    folder = courses_dir / "tiny"
    version = publish_course(folder).version
    db.session.commit()
    done_basics, did_nothing = make_user(), make_user()
    login(done_basics)
    assert submit(client, "basics", quiz_form(client, "basics"), right_answers(module_row(version, "basics"))).status_code == 302
    another_browser = app.test_client()
    submit_form(another_browser, "/account/login", {"username": did_nothing.username, "password": PASSWORD})
    assert another_browser.get("/courses/tiny/basics/1").status_code == 200

    (folder / "02-next-steps.md").unlink()
    shutil.rmtree(folder / "translations", ignore_errors=True)
    outcome = publish_course(folder)
    db.session.commit()
    assert outcome.created

    enrolments = {e.user_id: e for e in db.session.scalars(db.select(Enrolment))}
    assert enrolments[done_basics.id].completed_at is not None
    assert enrolments[done_basics.id].completed_version_id == outcome.version.id
    assert enrolments[did_nothing.id].completed_at is None
    certificates = db.session.scalars(db.select(Certificate)).all()
    assert [c.user_id for c in certificates] == [done_basics.id]


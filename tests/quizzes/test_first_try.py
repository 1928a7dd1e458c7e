"""Each person's first attempt at a module's quiz is marked, for the first-try statistics."""

from __future__ import annotations

from quiz_answers import module_row, right_answers, wrong_answers
from signaal.extensions import db
from signaal.quizzes.attempts import record_attempt
from signaal.quizzes.grading import grade
from signaal.quizzes.models import QuizAttempt


def chosen(form_answers: dict) -> dict:
    return {name.removeprefix("answer-"): [int(v) for v in values] for name, values in form_answers.items()}


def test_only_the_first_attempt_per_person_and_module_is_a_first_try(app, tiny_course, make_user):
    anna, bram = make_user(), make_user()
    basics, steps = module_row(tiny_course, "basics"), module_row(tiny_course, "next-steps")
    live = basics.version
    attempts = [
        record_attempt(anna, basics, "a" * 24, grade(basics.quiz.questions, chosen(wrong_answers(basics)), 50), live=live),
        record_attempt(anna, basics, "b" * 24, grade(basics.quiz.questions, chosen(right_answers(basics)), 50), live=live),
        record_attempt(anna, steps, "c" * 24, grade(steps.quiz.questions, chosen(right_answers(steps)), 50), live=live),
        record_attempt(bram, basics, "d" * 24, grade(basics.quiz.questions, chosen(right_answers(basics)), 50), live=live),
    ]
    db.session.commit()
    assert [a.first_try for a in attempts] == [True, False, True, True]
    assert db.session.scalar(db.select(db.func.count()).select_from(QuizAttempt).filter_by(first_try=True)) == 3

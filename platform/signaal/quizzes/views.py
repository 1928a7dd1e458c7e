"""Taking a module's quiz and reading its result."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..courses.catalogue import live_version_or_404, module_or_404, reading_language
from ..courses.models import CourseModule
from ..extensions import db
from .attempts import attempt_for_token, attempts_of, new_form_token, record_attempt
from .grading import InvalidAnswer, field_name, grade, read_answers
from .kinds import kind_of
from .models import QuizAttempt

bp = Blueprint("quizzes", __name__, url_prefix="/courses")


def _live_quiz_module(course_id: str, module_id: str) -> CourseModule:
    version = live_version_or_404(course_id)
    module = module_or_404(version, reading_language(version), module_id)
    if not module.quiz:
        abort(404)
    return module


def _render_quiz(module: CourseModule, *, token: str, chosen=None, unanswered=(), status=200):
    return (
        render_template(
            "quizzes/quiz.html",
            module=module,
            version=module.version,
            form_token=token,
            chosen=chosen or {},
            unanswered=set(unanswered),
            field_name=field_name,
            kind_of=kind_of,
            previous=attempts_of(current_user, module.version.course_id, module.module_id),
        ),
        status,
    )


@bp.route("/<course_id>/<module_id>/quiz", methods=["GET"])
@login_required
def quiz(course_id: str, module_id: str):
    return _render_quiz(_live_quiz_module(course_id, module_id), token=new_form_token())


@bp.route("/<course_id>/<module_id>/quiz", methods=["POST"])
@login_required
def submit(course_id: str, module_id: str):
    module = _live_quiz_module(course_id, module_id)
    token = request.form.get("form_token", "")
    if not 16 <= len(token) <= 64:
        abort(400)
    already = attempt_for_token(current_user, token)
    if already is not None:
        return redirect(_result_url(already))
    try:
        answers, unanswered = read_answers(module.quiz, request.form)
    except InvalidAnswer:
        abort(400)
    if unanswered:
        flash(_("Please answer every question before you submit."), "error")
        return _render_quiz(module, token=token, chosen=answers, unanswered=unanswered, status=400)
    graded = grade(module.quiz, answers, module.version.pass_mark)
    attempt = record_attempt(current_user, module, token, graded)
    return redirect(_result_url(attempt))


@bp.route("/<course_id>/<module_id>/quiz/attempts/<int:attempt_id>")
@login_required
def result(course_id: str, module_id: str, attempt_id: int):
    attempt = db.session.get(QuizAttempt, attempt_id)
    # Someone else's attempt is "not found", not "forbidden": ids reveal nothing.
    if (
        attempt is None
        or attempt.user_id != current_user.id
        or (attempt.course_id, attempt.module_id) != (course_id, module_id)
    ):
        abort(404)
    module = db.session.scalar(
        db.select(CourseModule).filter_by(
            version_id=attempt.version_id, language=attempt.language, module_id=module_id
        )
    )
    return render_template(
        "quizzes/result.html",
        attempt=attempt,
        module=module,
        correct={r.question_id: r.correct for r in attempt.results},
        next_url=_next_after_quiz(module),
    )


def _result_url(attempt: QuizAttempt) -> str:
    return url_for(
        ".result", course_id=attempt.course_id, module_id=attempt.module_id, attempt_id=attempt.id
    )


def _next_after_quiz(module: CourseModule) -> str:
    return url_for("learning.course", course_id=module.version.course_id)

"""Taking a module's quiz and reading its result."""

from __future__ import annotations

from dataclasses import replace

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy.exc import IntegrityError

from ..courses.catalogue import live_version_or_404, module_or_404, reading_language, version_by_id
from ..courses.published import PublishedModule
from ..extensions import db
from ..learning.progress import QuizNotOpen, module_progress, next_page_to_read, quiz_is_open
from .attempts import attempt_for_token, attempts_of, record_attempt
from .grading import InvalidAnswer, field_name, grade, read_answers
from .kinds import kind_of
from .models import QuizAttempt
from .sheets import QuizSheet, UnknownSheet, draw_sheet, read_sheet, sheet_fits

bp = Blueprint("quizzes", __name__, url_prefix="/courses")

# The longest form token a quiz form can carry (a signed sheet of a large quiz); anything longer is not ours.
MAX_SHEET_LENGTH = 8_000


def _live_quiz_module(course_id: str, module_id: str) -> PublishedModule:
    version = live_version_or_404(course_id)
    module = module_or_404(version, reading_language(version), module_id)
    if not module.quiz:
        abort(404)
    return module


def _render_quiz(module: PublishedModule, sheet: QuizSheet, *, chosen=None, unanswered=(), status=200):
    return (
        render_template(
            "quizzes/quiz.html",
            module=replace(module, quiz=sheet.shown_quiz(module.quiz)),
            version=module.version,
            form_token=sheet.signed(),
            chosen=chosen or {},
            unanswered=set(unanswered),
            field_name=field_name,
            kind_of=kind_of,
            previous=attempts_of(current_user, module.course_id, module.module_id),
        ),
        status,
    )


def _new_quiz(module: PublishedModule, *, status: int = 200):
    earlier = attempts_of(current_user, module.course_id, module.module_id)
    return _render_quiz(module, draw_sheet(module, (attempt.answers for attempt in earlier)), status=status)


def _read_first(module: PublishedModule, next_page: int):
    """Send the participant to the page to read before the quiz opens."""
    flash(_("Please read the module's pages first: the quiz opens after the last page."), "info")
    return redirect(
        url_for("learning.page", course_id=module.course_id, module_id=module.module_id, page_number=next_page)
    )


@bp.route("/<course_id>/<module_id>/quiz", methods=["GET"])
@login_required
def quiz(course_id: str, module_id: str):
    module = _live_quiz_module(course_id, module_id)
    progress = module_progress(current_user, course_id, module_id)
    if not quiz_is_open(module, progress):
        return _read_first(module, next_page_to_read(module, progress))
    return _new_quiz(module)


@bp.route("/<course_id>/<module_id>/quiz", methods=["POST"])
@login_required
def submit(course_id: str, module_id: str):
    live_module = _live_quiz_module(course_id, module_id)
    signed = request.form.get("form_token", "")
    try:
        sheet = read_sheet(signed) if len(signed) <= MAX_SHEET_LENGTH else None
    except UnknownSheet:
        sheet = None
    if sheet is None:
        abort(400)
    # Graded against the version the form was rendered from: a published version never changes.
    version = version_by_id(sheet.version_id)
    module = version.module(sheet.language, sheet.module_id) if version else None
    if version is None or version.course_id != course_id or sheet.module_id != module_id or not sheet_fits(sheet, module):
        flash(_("This quiz was changed since you opened it. Please answer it again."), "error")
        return _new_quiz(live_module, status=409)
    try:
        shown_answers, unanswered = read_answers(sheet.shown_quiz(module.quiz).questions, request.form)
    except InvalidAnswer:
        abort(400)
    if unanswered:
        flash(_("Please answer every question before you submit."), "error")
        return _render_quiz(module, sheet, chosen=shown_answers, unanswered=unanswered, status=400)
    answers = {question_id: sheet.original_indices(question_id, chosen) for question_id, chosen in shown_answers.items()}
    graded = grade(sheet.asked(module.quiz), answers, version.pass_mark)
    try:
        attempt = record_attempt(current_user, module, sheet.token, graded, live=live_module.version)
    except QuizNotOpen as closed:
        db.session.rollback()
        return _read_first(live_module, closed.next_page)
    except IntegrityError:
        # This form was submitted before (a double click, the back button): show what it stored.
        db.session.rollback()
        attempt = attempt_for_token(current_user, sheet.token)
        if attempt is None:
            raise
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
    version = version_by_id(attempt.version_id)
    module = version.module(attempt.language, module_id) if version else None
    if module is None or module.quiz is None:
        abort(404)
    asked = {result.question_id for result in attempt.results}
    questions = tuple(question for question in module.quiz.questions if question.id in asked)
    return render_template(
        "quizzes/result.html",
        attempt=attempt,
        # The questions this attempt asked, with their options as written (answers are stored so).
        module=replace(module, quiz=replace(module.quiz, questions=questions)),
        correct={r.question_id: r.correct for r in attempt.results},
        next_url=url_for("learning.course", course_id=course_id),
    )


def _result_url(attempt: QuizAttempt) -> str:
    return url_for(
        ".result", course_id=attempt.course_id, module_id=attempt.module_id, attempt_id=attempt.id
    )

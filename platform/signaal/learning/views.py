"""A course's overview and its lesson pages."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for
from flask_login import current_user, login_required

from ..courses.catalogue import live_version_or_404, module_or_404, modules_of, reading_language
from ..courses.published import PublishedModule
from ..transaction import write_transaction
from .progress import (
    enrolment_of,
    module_is_done,
    module_progress,
    page_view_changes_nothing,
    progress_by_module,
    record_page_view,
)
from ..languages.available import native_name
from .side_by_side import paired_page, second_language

bp = Blueprint("learning", __name__, url_prefix="/courses")


@bp.route("/<course_id>")
def course(course_id: str):
    version = live_version_or_404(course_id)
    language = reading_language(version)
    modules = modules_of(version, language)
    progress, enrolment = {}, None
    if current_user.is_authenticated:
        progress = progress_by_module(current_user, course_id)
        enrolment = enrolment_of(current_user, course_id)
    states = {m.module_id: module_is_done(m, progress.get(m.module_id)) for m in modules}
    return render_template(
        "learning/course.html",
        version=version,
        language=language,
        modules=modules,
        progress=progress,
        done=states,
        enrolment=enrolment,
    )


@bp.route("/<course_id>/<module_id>/<int:page_number>")
@login_required
def page(course_id: str, module_id: str, page_number: int):
    version, language, module = _live_page_or_404(course_id, module_id, page_number)
    _remember_page_view(module, page_number)
    return render_template(
        "learning/page.html",
        version=version,
        language=language,
        module=module,
        page=module.pages[page_number - 1],
        page_number=page_number,
        next_url=_after_page(version, language, module, page_number),
    )


def _remember_page_view(module: PublishedModule, page_number: int) -> None:
    # Most page views are re-reads that change nothing: they stay read-only and never wait for a writer.
    if not page_view_changes_nothing(module_progress(current_user, module.course_id, module.module_id), module, page_number):
        with write_transaction():
            record_page_view(current_user, module, page_number)


def _live_page_or_404(course_id: str, module_id: str, page_number: int):
    """The live version, reading language and module of an existing lesson page; 404 otherwise."""
    version = live_version_or_404(course_id)
    language = reading_language(version)
    module = module_or_404(version, language, module_id)
    if not 1 <= page_number <= module.page_count:
        abort(404)
    return version, language, module


def _after_page(version, language, module, page_number) -> str:
    """Where "Next" leads: the next page, the module's first scenario, its quiz, or the course."""
    if page_number < module.page_count:
        return url_for(".page", course_id=version.course_id, module_id=module.module_id, page_number=page_number + 1)
    if module.scenarios:
        return url_for("scenarios.play", course_id=version.course_id, module_id=module.module_id, scenario_id=module.scenarios[0].id)
    if module.quiz:
        return url_for("quizzes.quiz", course_id=version.course_id, module_id=module.module_id)
    return url_for(".course", course_id=version.course_id)


@bp.route("/<course_id>/<module_id>/<int:page_number>/side-by-side")
@login_required
def side_by_side(course_id: str, module_id: str, page_number: int):
    """A lesson page in the participant's language beside a second language (?with=nl)."""
    version, language, module = _live_page_or_404(course_id, module_id, page_number)
    other_language = second_language(version, language, request.args.get("with"))
    if other_language is None:
        abort(404)  # a course in one language has nothing to put beside it
    other = module_or_404(version, other_language, module_id)
    _remember_page_view(module, page_number)
    return render_template(
        "learning/side_by_side.html",
        version=version,
        language=language,
        other_language=other_language,
        module=module,
        other=other,
        paired=paired_page(module, other, page_number),
        page_number=page_number,
        language_names={code: native_name(code) for code in version.languages},
    )

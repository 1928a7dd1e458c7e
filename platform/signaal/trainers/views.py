"""Trainer pages: every course, its check result and translations, and previews as participants see them."""

from __future__ import annotations

from flask import Blueprint, Response, abort, render_template, request

from ..accounts.access import roles_required
from ..accounts.models import Role
from ..courses.catalogue import live_version_or_404, module_or_404, modules_of
from ..quizzes.kinds import kind_of
from ..scenarios.wording import ending_text, passing_endings_text
from ..scorm.package import LanguageNotOffered, build_scorm_package
from .workbench import check_working_copy, course_entries, course_entry

bp = Blueprint("trainers", __name__, url_prefix="/trainer")
trainer = roles_required(Role.TRAINER, Role.ADMIN)


@bp.route("/")
@trainer
def index():
    return render_template("trainers/index.html", entries=course_entries())


@bp.route("/<course_id>")
@trainer
def course(course_id: str):
    entry = course_entry(course_id) or abort(404)
    working = check_working_copy(entry.folder) if entry.folder else None
    modules = {language: modules_of(entry.live, language) for language in entry.live.languages} if entry.live else {}
    return render_template("trainers/course.html", entry=entry, working=working, modules=modules)


def _preview_module(course_id: str, language: str, module_id: str):
    version = live_version_or_404(course_id)
    if language not in version.languages:
        abort(404)
    return version, module_or_404(version, language, module_id)


@bp.route("/<course_id>/preview/<language>/<module_id>/<int:page_number>")
@trainer
def preview_page(course_id: str, language: str, module_id: str, page_number: int):
    version, module = _preview_module(course_id, language, module_id)
    if not 1 <= page_number <= module.page_count:
        abort(404)
    return render_template(
        "trainers/preview_page.html", version=version, language=language, module=module,
        page=module.pages[page_number - 1], page_number=page_number,
    )


@bp.route("/<course_id>/preview/<language>/<module_id>/quiz")
@trainer
def preview_quiz(course_id: str, language: str, module_id: str):
    version, module = _preview_module(course_id, language, module_id)
    if not module.quiz:
        abort(404)
    return render_template("trainers/preview_quiz.html", version=version, language=language, module=module, kind_of=kind_of)


@bp.route("/<course_id>/preview/<language>/<module_id>/scenarios/<scenario_id>")
@trainer
def preview_scenario(course_id: str, language: str, module_id: str, scenario_id: str):
    """Every step of a scenario on one page, each choice with where it leads: the author's map of the story."""
    version, module = _preview_module(course_id, language, module_id)
    scenario = module.scenario(scenario_id) or abort(404)
    titles = {step.id: step.title for step in scenario.steps}
    return render_template(
        "trainers/preview_scenario.html", version=version, language=language, module=module, scenario=scenario, titles=titles,
        ending_name=ending_text, passing_endings=passing_endings_text,
    )


@bp.route("/<course_id>/scorm")
@trainer
def scorm_package(course_id: str):
    """The live version as a SCORM 1.2 package: ?language=xx, or ?language=all for every language."""
    version = live_version_or_404(course_id)
    asked = request.args.get("language", version.language)
    try:
        package = build_scorm_package(version, version.languages if asked == "all" else (asked,))
    except LanguageNotOffered:
        abort(404)
    return Response(
        package.data,
        mimetype="application/zip",
        headers={"Content-Disposition": f'attachment; filename="{package.file_name}"'},
    )

"""The scenario player: one server-rendered page per step, one small form per choice."""

from __future__ import annotations

from flask import Blueprint, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..courses.catalogue import live_version_or_404, module_or_404, reading_language
from ..courses.compiled import Scenario
from ..courses.published import PublishedModule
from ..extensions import db
from ..languages.available import native_name
from ..learning.side_by_side import paired_step, second_language
from ..security import whole_number
from .playing import NoSuchChoice, StaleChoice, choose, position, try_again

bp = Blueprint("scenarios", __name__, url_prefix="/courses")


def _live_scenario_or_404(course_id: str, module_id: str, scenario_id: str) -> tuple[PublishedModule, Scenario]:
    version = live_version_or_404(course_id)
    module = module_or_404(version, reading_language(version), module_id)
    scenario = module.scenario(scenario_id)
    if scenario is None:
        abort(404)
    return module, scenario


def scenario_url(module: PublishedModule, scenario: Scenario) -> str:
    return url_for("scenarios.play", course_id=module.course_id, module_id=module.module_id, scenario_id=scenario.id)


def after_scenario_url(module: PublishedModule, scenario: Scenario) -> str:
    """Where "Continue" leads from an ending: the module's next scenario, its quiz, or the course."""
    ids = [s.id for s in module.scenarios]
    following = module.scenarios[ids.index(scenario.id) + 1:]
    if following:
        return scenario_url(module, following[0])
    if module.quiz:
        return url_for("quizzes.quiz", course_id=module.course_id, module_id=module.module_id)
    return url_for("learning.course", course_id=module.course_id)


@bp.route("/<course_id>/<module_id>/scenarios/<scenario_id>")
@login_required
def play(course_id: str, module_id: str, scenario_id: str):
    module, scenario = _live_scenario_or_404(course_id, module_id, scenario_id)
    return render_template(
        "scenarios/step.html",
        version=module.version,
        language=module.language,
        module=module,
        scenario=scenario,
        where=position(current_user, module, scenario),
        continue_url=after_scenario_url(module, scenario),
    )


@bp.route("/<course_id>/<module_id>/scenarios/<scenario_id>/choose", methods=["POST"], endpoint="choose")
@login_required
def take_choice(course_id: str, module_id: str, scenario_id: str):
    module, scenario = _live_scenario_or_404(course_id, module_id, scenario_id)
    attempt, choice_index = whole_number(request.form.get("attempt")), whole_number(request.form.get("choice"))
    step_id = request.form.get("step", "")
    if attempt is None or choice_index is None or not step_id:
        abort(400)
    if scenario.step(step_id) is None:
        abort(404)
    try:
        choose(current_user, module, scenario, attempt=attempt, step_id=step_id, choice_index=choice_index)
    except NoSuchChoice:
        db.session.rollback()
        abort(400)
    except StaleChoice:
        # The back button or another tab: the path taken stays as it was.
        db.session.rollback()
        flash(_("That choice was made on an earlier page, so it was not taken. You are here now."), "info")
    return redirect(scenario_url(module, scenario), code=303)


@bp.route("/<course_id>/<module_id>/scenarios/<scenario_id>/again", methods=["POST"])
@login_required
def again(course_id: str, module_id: str, scenario_id: str):
    module, scenario = _live_scenario_or_404(course_id, module_id, scenario_id)
    try_again(current_user, module, scenario)
    return redirect(scenario_url(module, scenario), code=303)


@bp.route("/<course_id>/<module_id>/scenarios/<scenario_id>/side-by-side")
@login_required
def side_by_side(course_id: str, module_id: str, scenario_id: str):
    """The step the participant is at, in their language beside a second language (?with=nl)."""
    module, scenario = _live_scenario_or_404(course_id, module_id, scenario_id)
    version = module.version
    other_language = second_language(version, module.language, request.args.get("with"))
    if other_language is None:
        abort(404)
    other_scenario = module_or_404(version, other_language, module_id).scenario(scenario_id)
    where = position(current_user, module, scenario)
    other_step = other_scenario.step(where.step.id) if other_scenario and where.step else None
    if other_step is None:
        return redirect(scenario_url(module, scenario))
    return render_template(
        "scenarios/side_by_side.html",
        version=version,
        language=module.language,
        other_language=other_language,
        module=module,
        scenario=scenario,
        paired=paired_step(where.step, other_step),
        language_names={code: native_name(code) for code in version.languages},
    )

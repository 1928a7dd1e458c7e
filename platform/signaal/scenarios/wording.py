"""How a scenario's endings are named on the pages that show them (statistics, the trainer's preview)."""

from __future__ import annotations

from flask_babel import gettext as _

from ..courses.compiled import PASSING_ENDINGS, Scenario


def ending_text(kind: str) -> str:
    return {"good": _("Good ending"), "acceptable": _("Acceptable ending"), "harmful": _("Harmful ending")}[kind]


def passing_endings_text(scenario: Scenario) -> str:
    """The endings that complete this scenario, e.g. "Good ending, Acceptable ending"."""
    return ", ".join(ending_text(kind) for kind in PASSING_ENDINGS[scenario.pass_rule])

"""The decision figures of scenarios, counted in SQL from the first attempts: for the counters and from raw rows.

Only a person's first attempt at a scenario counts (`ScenarioRun.attempt == 1`),
so trying again never changes what a region's figures say about the decisions
people make. Three figures, each kept under a key that names the scenario:

  figure            key                                n
  scenario_people   'module|scenario'                  people with a first attempt
  scenario_end      'module|scenario|ending step'      people whose first attempt ended there
  decision          'module|scenario|step|choice'      people whose first attempt, the first time it
                                                       reached the step, took that choice (0-based)

A step reached twice in one attempt (a loop) counts once per person: the first
decision made there. `summaries.contributions()` and `increments.py` use the
parts below; `reference.py` counts the same from the raw rows for any scope.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, and_, case, cast, exists, func, literal, literal_column, select
from sqlalchemy.orm import aliased

from ..extensions import db
from ..scenarios.models import ScenarioChoice, ScenarioRun
from .scoping import Scope

PEOPLE, END, DECISION = "scenario_people", "scenario_end", "decision"
FIGURES = (PEOPLE, END, DECISION)
# Kinds of increment (see increments.py): a run started, a run ended, a choice made.
RUN, RUN_END, CHOICE = "scenario_run", "scenario_run_end", "scenario_choice"


def _bar(as_text):
    # Constants written into the SQL, not bound: PostgreSQL must see the GROUP BY expression as the selected one.
    return literal_column("'|'", String) if as_text else literal("|", String)


def scenario_key(run, inline: bool = True):
    return run.module_id + _bar(inline) + run.scenario_id


def end_key(run, inline: bool = True):
    return scenario_key(run, inline) + _bar(inline) + run.ending_step


def decision_key(run, choice, inline: bool = True):
    return scenario_key(run, inline) + _bar(inline) + choice.step_id + _bar(inline) + cast(choice.choice_index, String)


def first_visit(choice):
    """The choice is the first one its run made at its step."""
    earlier = aliased(ScenarioChoice, name="earlier_choice")
    return ~exists(select(1).where(
        earlier.run_id == choice.run_id, earlier.step_id == choice.step_id, earlier.position < choice.position
    ))


def contribution_parts(scopes, row) -> list:
    """Counter rows of everyone in `scopes` (set-based, for rebuild and verify); `row` is summaries._row."""
    run, choice = ScenarioRun, ScenarioChoice
    first = select().select_from(scopes).join(run, and_(run.user_id == scopes.c.user_id, run.attempt == 1))
    scope_keys = (scopes.c.organisation_id, scopes.c.group_id, run.course_id)
    return [
        first.add_columns(*row(scopes, run.course_id, PEOPLE, scenario_key(run), func.count()))
        .group_by(*scope_keys, scenario_key(run)),
        first.add_columns(*row(scopes, run.course_id, END, end_key(run), func.count()))
        .where(run.ending_step.is_not(None)).group_by(*scope_keys, end_key(run)),
        first.join(choice, choice.run_id == run.id)
        .add_columns(*row(scopes, run.course_id, DECISION, decision_key(run, choice), func.count()))
        .where(first_visit(choice)).group_by(*scope_keys, decision_key(run, choice)),
    ]


def increment_parts(kind: str, scopes, row, row_id: int) -> list:
    """Counter rows one new or changed row adds, for the one person in `scopes` (see increments.py)."""
    one = literal(1, Integer)
    if kind in (RUN, RUN_END):
        run = aliased(ScenarioRun, name="inc_run")
        base = select().select_from(scopes).join(run, and_(run.id == row_id, run.attempt == 1))
        ended = [base.add_columns(*row(scopes, run.course_id, END, end_key(run, False), one)).where(run.ending_step.is_not(None))]
        if kind == RUN_END:
            return ended
        return [base.add_columns(*row(scopes, run.course_id, PEOPLE, scenario_key(run, False), one)), *ended]
    choice = aliased(ScenarioChoice, name="inc_choice")
    run = aliased(ScenarioRun, name="inc_choice_run")
    return [
        select().select_from(scopes).join(choice, choice.id == row_id).join(run, and_(run.id == choice.run_id, run.attempt == 1))
        .add_columns(*row(scopes, run.course_id, DECISION, decision_key(run, choice, False), case((first_visit(choice), 1), else_=0)))
    ]


def raw_counts(scope: Scope, course_id: str) -> dict[tuple[str, str], int]:
    """(figure, key) -> people, from the raw rows of the people in scope (each counted once)."""
    run, choice = ScenarioRun, ScenarioChoice
    first = [run.course_id == course_id, run.attempt == 1, run.user_id.in_(scope.people())]
    counts: dict[tuple[str, str], int] = {}
    for figure, statement in (
        (PEOPLE, select(scenario_key(run), func.count()).where(*first).group_by(scenario_key(run))),
        (END, select(end_key(run), func.count()).where(*first, run.ending_step.is_not(None)).group_by(end_key(run))),
        (DECISION, select(decision_key(run, choice), func.count())
         .join(choice, choice.run_id == run.id).where(*first, first_visit(choice)).group_by(decision_key(run, choice))),
    ):
        for value, n in db.session.execute(statement):
            counts[(figure, value)] = n
    return counts

"""The figures the statistics pages show, read from the summary counters.

A scope of the whole region, one organisation or one group has its own
counter rows (`summaries.py`); each function here reads a few hundred of them.
A coordinator's several organisations together have none (someone in two of
them must be counted once), so those figures come from the raw rows
(`reference.py`), as do the tests' expected figures.
"""

from __future__ import annotations

from collections import defaultdict

from flask import current_app
from sqlalchemy import select

from ..extensions import db
from ..organisations.models import Organisation
from . import decision_counts, reference
from .reference import NO_LANGUAGE, Counts, Month  # noqa: F401 - the pages' vocabulary
from .scoping import Scope
from .sql import PROGRESS_FIGURES
from .summaries import REGION, Counter

def counter_scope(scope: Scope) -> tuple[int, int] | None:
    """(organisation_id, group_id) of the scope's counter rows, or None if it has none."""
    if current_app.config.get("STATISTICS_FROM_RAW_ROWS"):  # the tests' reference pages
        return None
    if scope.group_id is not None:
        return scope.organisation_ids[0], scope.group_id
    if scope.organisation_ids is None:
        return REGION, REGION
    if len(scope.organisation_ids) == 1:
        return scope.organisation_ids[0], REGION
    return None


def _rows(where: tuple[int, int], *conditions):
    organisation_id, group_id = where
    return db.session.execute(
        select(Counter.course_id, Counter.figure, Counter.key, Counter.n, Counter.total).where(
            Counter.organisation_id == organisation_id, Counter.group_id == group_id, *conditions
        )
    ).all()


def course_counts(scope: Scope, by: str | None = None) -> list[Counts]:
    """Enrolled, started and completed per course; with by="group" or "language" per value too."""
    where = counter_scope(scope)
    if where is None:
        return reference.course_counts(scope, by)
    prefix = {None: "", "group": "group:", "language": "lang:"}[by]
    key_filter = Counter.key == "" if by is None else Counter.key.startswith(prefix)
    rows = _rows(where, Counter.figure.in_(("enrolled", "started", "completed")), key_filter)
    value_of = (lambda key: None) if by is None else (lambda key: int(key[len(prefix):]) if by == "group" else key[len(prefix):])
    return _counts((course_id, value_of(key), figure, n) for course_id, figure, key, n, _total in rows)


def organisation_counts(scope: Scope) -> list[Counts]:
    """Enrolled, started and completed per course in each organisation of a scope spanning several (key: its id).

    Each organisation's own counter rows hold these figures, so this reads the
    same few rows whether the scope is the region or some of its organisations.
    """
    if current_app.config.get("STATISTICS_FROM_RAW_ROWS"):
        return reference.organisation_counts(scope)
    # Organisation by organisation, from a subquery: the counters' key starts with the organisation, so
    # PostgreSQL reads a short range of it for each, 2 ms at 100,000 people (`organisation_id != 0` read
    # all 770,000 counter rows, 35 ms; a written-out list of ids read most of them, 18 ms).
    organisations = select(Organisation.id)
    if scope.organisation_ids is not None:
        organisations = organisations.where(Organisation.id.in_(scope.organisation_ids))
    conditions = [
        Counter.organisation_id.in_(organisations), Counter.group_id == REGION, Counter.key == "",
        Counter.figure.in_(("enrolled", "started", "completed")),
    ]
    rows = db.session.execute(select(Counter.course_id, Counter.organisation_id, Counter.figure, Counter.n).where(*conditions))
    return _counts(rows)


def _counts(rows) -> list[Counts]:
    """Counts per (course, breakdown value) from (course id, value, figure, n) rows; nobody enrolled: no row."""
    figures: dict[tuple, dict[str, int]] = defaultdict(dict)
    for course_id, value, figure, n in rows:
        figures[(course_id, value)][figure] = n
    return [
        Counts(course_id, value, values["enrolled"], values.get("started", 0), values.get("completed", 0))
        for (course_id, value), values in figures.items()
        if values.get("enrolled", 0) > 0
    ]


def _median(histogram: list[tuple[int, int]]) -> float:
    """The median of values given as (value, how often), as median_by computes it on the raw rows."""
    histogram.sort()
    size = sum(n for _value, n in histogram)
    wanted = {(size + 1) // 2, (size + 2) // 2}
    found, position = [], 0
    for value, n in histogram:
        first, position = position + 1, position + n
        found += [value for rank in wanted if first <= rank <= position]
    return sum(found) / len(found)


def median_days_to_complete(scope: Scope) -> dict[str, tuple[float, int]]:
    """course id -> (median days from start to completion, number of completions)."""
    where = counter_scope(scope)
    if where is None:
        return reference.median_days_to_complete(scope)
    histograms: dict[str, list] = defaultdict(list)
    for course_id, _figure, key, n, _total in _rows(where, Counter.figure == "days", Counter.n > 0):
        histograms[course_id].append((int(key), n))
    return {
        course_id: (_median(histogram) / 10, sum(n for _value, n in histogram))
        for course_id, histogram in histograms.items()
    }


def average_first_try_scores(scope: Scope) -> dict[str, tuple[float, int]]:
    """course id -> (mean score in % of each person's first try at each quiz, number of people)."""
    where = counter_scope(scope)
    if where is None:
        return reference.average_first_try_scores(scope)
    scores, people = {}, {}
    for course_id, figure, _key, n, total in _rows(where, Counter.figure.in_(("score", "score_people")), Counter.n > 0):
        if figure == "score":
            scores[course_id] = total / n
        else:
            people[course_id] = n
    return {course_id: (mean, people.get(course_id, 0)) for course_id, mean in scores.items()}


def by_month(scope: Scope) -> list[Month]:
    """Per calendar month (UTC): courses started, and courses completed."""
    where = counter_scope(scope)
    if where is None:
        return reference.by_month(scope)
    months: dict[int, list[int]] = defaultdict(lambda: [0, 0])
    for _course_id, figure, key, n, _total in _rows(where, Counter.figure.in_(("started_month", "completed_month"))):
        months[int(key)][figure == "completed_month"] += n
    return [
        Month(key // 100, key % 100, started, completed)
        for key, (started, completed) in sorted(months.items())
        if started or completed
    ]


def first_try_results(scope: Scope, course_id: str) -> dict[tuple[str, str], tuple[int, int]]:
    """(module id, question id) -> (first tries, right on the first try)."""
    where = counter_scope(scope)
    if where is None:
        return reference.first_try_results(scope, course_id)
    results = {}
    for _course_id, _figure, key, n, total in _rows(where, Counter.course_id == course_id, Counter.figure == "question", Counter.n > 0):
        module_id, _bar, question_id = key.partition("|")
        results[(module_id, question_id)] = (n, int(round(total)))
    return results


def funnel_counts(scope: Scope, course_id: str) -> dict[str, dict[str, int]]:
    """module id -> figure -> people: progress rows for each of PROGRESS_FIGURES, and "tried" its quiz."""
    where = counter_scope(scope)
    if where is None:
        return reference.funnel_counts(scope, course_id)
    figures = (*PROGRESS_FIGURES, "tried")
    counts: dict[str, dict[str, int]] = defaultdict(lambda: dict.fromkeys(figures, 0))
    for _course_id, figure, key, n, _total in _rows(where, Counter.course_id == course_id, Counter.figure.in_(figures)):
        counts[key][figure] = n
    return dict(counts)


def scenario_counts(scope: Scope, course_id: str) -> dict[tuple[str, str], int]:
    """(figure, key) -> people, for the first attempts at the course's scenarios (see decision_counts.py)."""
    where = counter_scope(scope)
    if where is None:
        return decision_counts.raw_counts(scope, course_id)
    return {
        (figure, key): n
        for _course_id, figure, key, n, _total in _rows(where, Counter.course_id == course_id, Counter.figure.in_(decision_counts.FIGURES), Counter.n > 0)
    }

"""The statistics tables, built once for both the page and the CSV download.

Every table is a caption, headers and rows of cells; suppression is applied
here, so the page and the file can never disagree about what is hidden.
"""

from __future__ import annotations

from dataclasses import dataclass

import babel
from flask_babel import get_locale
from flask_babel import gettext as _

from ..courses.published import PublishedVersion
from ..organisations.models import Group, Organisation
from ..scenarios.wording import ending_text
from ..extensions import db
from .decisions import harmful_topics, scenario_figures
from .figures import (
    NO_LANGUAGE, average_first_try_scores, by_month, course_counts, median_days_to_complete, organisation_counts,
)
from .questions import module_funnel, question_figures, topic_figures
from .scoping import Scope
from .suppression import Suppressor


@dataclass(frozen=True)
class Link:
    text: str
    url: str

    def __str__(self) -> str:
        return self.text


@dataclass
class Table:
    name: str  # the CSV file name and the export key
    caption: str
    headers: list[str]
    rows: list[list]

    def text_rows(self) -> list[list[str]]:
        return [[str(cell) for cell in row] for row in self.rows]


def suppressor_for(scope: Scope) -> Suppressor:
    return Suppressor(active=scope.spans_organisations)


def _count_cells(s: Suppressor, enrolled: int, started: int, completed: int) -> list:
    if s.hides(enrolled):
        return [s.hidden] * 4
    return [s.count(enrolled), s.count(started), s.count(completed), s.percent(completed, enrolled)]


def course_table(scope: Scope, versions: list[PublishedVersion], course_url) -> Table:
    s = suppressor_for(scope)
    counts = {c.course_id: c for c in course_counts(scope)}
    medians, scores = median_days_to_complete(scope), average_first_try_scores(scope)
    rows = []
    for version in versions:
        c = counts.get(version.course_id)
        enrolled, started, completed = (c.enrolled, c.started, c.completed) if c else (0, 0, 0)
        median, finished = medians.get(version.course_id, (None, 0))
        score, tried = scores.get(version.course_id, (None, 0))
        cells = _count_cells(s, enrolled, started, completed)
        hidden_row = s.hides(enrolled)
        rows.append(
            [Link(version.title, course_url(version.course_id))]
            + cells
            + [s.hidden if hidden_row else s.measure(median, finished), s.hidden if hidden_row else s.measure(score, tried, "%")]
        )
    headers = [_("Course"), _("Enrolled"), _("Started"), _("Completed"), _("Completion rate"),
               _("Median days to complete"), _("Average first-try quiz score")]
    return Table("courses", _("Participants per course"), headers, rows)


def _breakdown(scope: Scope, versions: list[PublishedVersion], by: str, name: str, caption: str, first_header: str, label) -> Table:
    counts = course_counts(scope, by=by)
    return _breakdown_table(scope, versions, counts, name, caption, first_header, label)


def _breakdown_table(scope, versions, counts, name: str, caption: str, first_header: str, label) -> Table:
    s = suppressor_for(scope)
    titles = {v.course_id: v.title for v in versions}
    counts = [c for c in counts if c.course_id in titles]
    counts.sort(key=lambda c: (str(label(c.key)).casefold(), titles[c.course_id]))
    rows = [[label(c.key), titles[c.course_id]] + _count_cells(s, c.enrolled, c.started, c.completed) for c in counts]
    headers = [first_header, _("Course"), _("Enrolled"), _("Started"), _("Completed"), _("Completion rate")]
    return Table(name, caption, headers, rows)


def group_table(scope: Scope, versions: list[PublishedVersion]) -> Table:
    names = dict(db.session.execute(
        db.select(Group.id, Organisation.name + " · " + Group.name if scope.spans_organisations else Group.name)
        .join(Organisation, Organisation.id == Group.organisation_id)
        .where(Group.id.in_(scope.groups()))
    ).all())
    return _breakdown(scope, versions, "group", "groups", _("By group"), _("Group"), lambda group_id: names.get(group_id, str(group_id)))


def organisation_table(scope: Scope, versions: list[PublishedVersion]) -> Table:
    """Per organisation: the breakdown a scope over several organisations shows (its groups are in the CSV)."""
    counts = organisation_counts(scope)
    names = dict(db.session.execute(
        db.select(Organisation.id, Organisation.name).where(Organisation.id.in_({c.key for c in counts}))
    ).all())
    return _breakdown_table(
        scope, versions, counts, "organisations", _("By organisation"), _("Organisation"),
        lambda organisation_id: names.get(organisation_id, str(organisation_id)),
    )


def language_name(code: str) -> str:
    if code == NO_LANGUAGE:
        return _("Not chosen")
    try:
        return babel.Locale.parse(code).get_display_name(get_locale()) or code
    except (ValueError, babel.UnknownLocaleError):
        return code


def language_table(scope: Scope, versions: list[PublishedVersion]) -> Table:
    return _breakdown(scope, versions, "language", "languages", _("By language"), _("Language"), language_name)


def month_table(scope: Scope) -> Table:
    s = suppressor_for(scope)
    rows = [[m.label, s.count(m.started), s.count(m.completed)] for m in by_month(scope)]
    return Table("months", _("By month"), [_("Month"), _("Started"), _("Completed")], rows)


def funnel_table(scope: Scope, version: PublishedVersion) -> Table:
    s = suppressor_for(scope)
    rows = [[step.title, s.count(step.reached), s.count(step.done)] for step in module_funnel(scope, version)]
    return Table("funnel", _("Participants per module"), [_("Module"), _("Reached"), _("Finished")], rows)


def question_and_topic_tables(scope: Scope, version: PublishedVersion) -> tuple[Table, Table]:
    s = suppressor_for(scope)
    questions = question_figures(scope, version)
    question_rows = [
        [q.module_title, q.text, " ".join(q.topics), s.count(q.tries), s.percent(q.right, q.tries)]
        for q in sorted(questions, key=lambda q: (q.right / q.tries if q.tries else 2, q.module_title))
    ]
    topic_rows = [
        [t.topic, len(t.questions), s.count(t.tries), s.count(t.missed), s.percent(t.missed, t.tries)]
        for t in topic_figures(questions)
    ]
    return (
        Table("questions", _("Questions, hardest first"),
              [_("Module"), _("Question"), _("Topics"), _("First tries"), _("Right the first time")], question_rows),
        Table("topics", _("Topics, most missed first"),
              [_("Topic"), _("Questions"), _("First-try answers"), _("Missed"), _("Missed share")], topic_rows),
    )


def decision_tables(scope: Scope, version: PublishedVersion) -> tuple[Table, Table, Table]:
    """Scenarios on the first attempt: the choices at each step, the endings reached, the topics behind harmful choices."""
    s = suppressor_for(scope)
    scenarios = scenario_figures(scope, version)
    decision_rows, ending_rows = [], []
    for scenario in scenarios:
        for step in scenario.steps:
            for choice in step.choices:
                leads_to = f"{choice.leads_to} ({ending_text(choice.ending)})" if choice.ending else choice.leads_to
                decision_rows.append([
                    scenario.title, step.title, choice.label, leads_to, " ".join(choice.topics),
                    s.count(choice.people), s.percent(choice.people, step.decided),
                ])
        for ending in scenario.endings:
            ending_rows.append([
                scenario.title, ending.title, ending_text(ending.kind), _("Yes") if ending.passes else _("No"),
                s.count(ending.people), s.percent(ending.people, scenario.people),
            ])
        if scenario.people:
            ending_rows.append([scenario.title, _("No ending yet"), "–", "–", s.count(scenario.unfinished), s.percent(scenario.unfinished, scenario.people)])
    topic_rows = [
        [t.topic, s.count(t.decided), s.count(t.harmful), s.percent(t.harmful, t.decided)]
        for t in harmful_topics(scenarios)
    ]
    return (
        Table("decisions", _("Decisions at each step, first attempt"),
              [_("Scenario"), _("Step"), _("Choice"), _("Leads to"), _("Topics"), _("People"), _("Share at this step")], decision_rows),
        Table("endings", _("Endings reached, first attempt"),
              [_("Scenario"), _("Ending"), _("Kind"), _("Passes"), _("People"), _("Share of those who started")], ending_rows),
        Table("harmful_topics", _("Topics behind harmful choices, first attempt"),
              [_("Topic"), _("Decided at such a step"), _("Chose harm"), _("Harmful share")], topic_rows),
    )


def progress_text(progress, module_count: int) -> str:
    if progress.completed_at is not None:
        return _("Completed")
    if not progress.started:
        return _("Not started")
    return _("%(done)d of %(total)d modules", done=progress.modules_done, total=module_count)


def certificate_text(certificate, today) -> str:
    if certificate is None:
        return "–"
    status = certificate.status(today)
    if status == "valid":
        return _("Valid until %(date)s", date=certificate.expires_on.isoformat()) if certificate.expires_on else _("Valid")
    return _("Expired") if status == "expired" else _("Revoked")


def participants_table(rows, versions: list[PublishedVersion], today, person_url) -> Table:
    """Individuals of one organisation: never suppressed, never across organisations."""
    module_counts = {v.course_id: len(v.modules_in(v.language)) for v in versions}
    headers = [_("Name"), _("User name"), _("Last activity")]
    for version in versions:
        headers += [_("%(course)s: progress", course=version.title), _("%(course)s: certificate", course=version.title)]
    table_rows = []
    for row in rows:
        cells = [Link(row.name, person_url(row.id)), row.username, row.last_active.date().isoformat() if row.last_active else "–"]
        for version in versions:
            progress = row.courses[version.course_id]
            cells += [progress_text(progress, module_counts[version.course_id]), certificate_text(progress.certificate, today)]
        table_rows.append(cells)
    return Table("participants", _("Participants"), headers, table_rows)


def expiring_table(rows) -> Table:
    headers = [_("Name"), _("User name"), _("Course"), _("Expires on")]
    return Table("expiring", _("Certificates that expire soon"), headers,
                 [[r.name, r.username, r.course_title, r.expires_on.isoformat()] for r in rows])

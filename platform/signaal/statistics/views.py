"""The coordinator's figures: overview, one course, participants, expiring certificates, CSV."""

from __future__ import annotations

from flask import Blueprint, abort, current_app, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user

from ..accounts.access import roles_required
from ..accounts.models import Role
from ..clock import today
from ..courses.catalogue import live_version_or_404, published_versions
from ..organisations.scope import group_names_of, managed_organisations, organisation_or_404
from ..security import id_from_query, number_from_query
from .charts import bar_chart
from .export import csv_response
from .people import SORTS, STATUSES, Filters, expiring_certificates, participant_page, participant_rows
from .scoping import scope_choices, scope_for
from .tables import (
    Link,
    course_table, decision_tables, expiring_table, funnel_table, group_table, language_table, month_table,
    organisation_table, participants_table, question_and_topic_tables,
)

bp = Blueprint("statistics", __name__, url_prefix="/statistics")
viewer = roles_required(Role.COORDINATOR, Role.ADMIN)


@bp.app_template_test("link")
def is_link(cell) -> bool:
    # A plain isinstance: Jinja's `cell.url is defined` raised and caught two exceptions per plain cell.
    return isinstance(cell, Link)
EXPORT_BATCH = 1000


def _scope():
    return scope_for(current_user, request.args.get("scope"))


def _course_url(scope):
    return lambda course_id: url_for(".course", course_id=course_id, scope=scope.key)


OVERVIEW_TABLES = {
    "courses": lambda scope, versions: course_table(scope, versions, _course_url(scope)),
    "months": lambda scope, versions: month_table(scope),
    "organisations": organisation_table,
    "groups": group_table,
    "languages": language_table,
}


def _overview_tables(scope, names=None) -> dict:
    """The overview's tables; a scope over several organisations breaks down by organisation, its groups only in the CSV."""
    if names is None:
        names = ["courses", "months", "organisations" if scope.spans_organisations else "groups", "languages"]
    versions = published_versions()
    return {name: OVERVIEW_TABLES[name](scope, versions) for name in names}


def _course_tables(scope, course_id: str) -> dict:
    version = live_version_or_404(course_id)
    questions, topics = question_and_topic_tables(scope, version)
    tables = {"funnel": funnel_table(scope, version), "questions": questions, "topics": topics}
    if any(module.scenarios for module in version.modules_in(version.language)):
        tables["decisions"], tables["endings"], tables["harmful_topics"] = decision_tables(scope, version)
    return tables


@bp.route("/")
@viewer
def overview():
    scope = _scope()
    if scope is None:
        return render_template("statistics/overview.html", scope=None, choices=[], tables={})
    tables = _overview_tables(scope)
    months = tables["months"]
    chart = bar_chart(
        "completions", _("Completions per month"),
        _("Bar chart of the courses completed each month; the numbers are in the table below."),
        [(row[0], row[2]) for row in months.rows],
    )
    return render_template(
        "statistics/overview.html", scope=scope, choices=scope_choices(current_user, scope), tables=tables, chart=chart
    )


@bp.route("/courses/<course_id>")
@viewer
def course(course_id: str):
    scope = _scope() or abort(404)
    version = live_version_or_404(course_id)
    tables = _course_tables(scope, course_id)
    chart = bar_chart(
        "funnel", _("Participants per module"),
        _("Bar chart of how many participants reached each module, in course order; the numbers are in the table below."),
        [(row[0], row[1]) for row in tables["funnel"].rows],
    )
    return render_template("statistics/course.html", scope=scope, version=version, tables=tables, chart=chart)


def _days() -> int:
    return number_from_query("days", 30, smallest=1, largest=3650)


def _page() -> int:
    # The bound keeps the database's OFFSET in range whatever the URL says.
    return number_from_query("page", 1, smallest=1, largest=100_000)


def _page_size() -> int:
    return current_app.config.get("STATISTICS_PAGE_SIZE", 50)


@bp.route("/expiring")
@viewer
def expiring():
    scope = _scope() or abort(404)
    days, page = _days(), _page()
    found = expiring_certificates(scope, today(), days, page=page, size=_page_size())
    return render_template(
        "statistics/expiring.html", scope=scope, days=days, table=expiring_table(found.rows), page=page,
        pages=max(1, -(-found.total // _page_size())), total=found.total,
    )


def _participant_query():
    """The organisation and filters asked for; ids outside the person's organisations are 404."""
    organisations = managed_organisations(current_user)
    requested = id_from_query("organisation")
    if requested is None:
        if not organisations:
            abort(404)
        requested = organisations[0].id
    organisation = organisation_or_404(current_user, requested)
    groups = group_names_of([organisation.id])
    group_id = id_from_query("group")
    if group_id is not None and group_id not in {g.id for g in groups}:
        abort(404)
    versions = published_versions()
    course_id = request.args.get("course") or None
    if course_id is not None and course_id not in {v.course_id for v in versions}:
        abort(404)
    filters = Filters(
        text=request.args.get("q", "").strip()[:100],
        group_id=group_id,
        course_id=course_id,
        status=request.args.get("status") if request.args.get("status") in STATUSES else None,
        sort=request.args.get("sort") if request.args.get("sort") in SORTS else "name",
    )
    return organisation, organisations, groups, versions, filters


def _person_url(organisation):
    return lambda user_id: url_for("organisations.person", organisation_id=organisation.id, user_id=user_id)


@bp.route("/participants")
@viewer
def participants():
    organisation, organisations, groups, versions, filters = _participant_query()
    page = _page()
    found = participant_page(organisation.id, filters, versions, page=page, size=_page_size())
    return render_template(
        "statistics/participants.html", organisation=organisation, organisations=organisations, groups=groups,
        versions=versions, filters=filters,
        table=participants_table(found.rows, versions, today(), _person_url(organisation)),
        page=page, pages=max(1, -(-found.total // _page_size())), total=found.total, statuses=STATUSES,
    )


def _all_participant_rows(organisation, filters, versions):
    page = 1
    while rows := participant_rows(organisation.id, filters, versions, page=page, size=EXPORT_BATCH):
        yield from rows
        page += 1


@bp.route("/<name>.csv")
@viewer
def export(name: str):
    if name == "participants":
        organisation, _organisations, _groups, versions, filters = _participant_query()
        table = participants_table(
            _all_participant_rows(organisation, filters, versions), versions, today(), _person_url(organisation)
        )
    else:
        scope = _scope() or abort(404)
        if name == "expiring":
            table = expiring_table(expiring_certificates(scope, today(), _days(), page=1, size=10**9).rows)
        elif name in ("funnel", "questions", "topics", "decisions", "endings", "harmful_topics"):
            table = _course_tables(scope, request.args.get("course", "")).get(name) or abort(404)
        else:
            table = _overview_tables(scope, [name])[name] if name in OVERVIEW_TABLES else abort(404)
    return csv_response(f"{table.name}.csv", table.headers, table.text_rows())

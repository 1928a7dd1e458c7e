"""Bulk enrolment from a CSV: upload and check, then confirm, then hand out the logins once."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request, url_for, redirect
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import select

from ..accounts.access import roles_required
from ..accounts.models import Role, User
from ..extensions import db
from ..statistics.export import csv_response
from .forms import ConfirmForm, ImportForm
from .importing import import_participants, is_expired, read_participant_list
from .models import Membership, PendingImport
from .scope import groups_of, organisation_or_404

bp = Blueprint("imports", __name__, url_prefix="/organisations")
manager = roles_required(Role.COORDINATOR, Role.ADMIN)


def _import_form(organisation) -> ImportForm:
    form = ImportForm()
    form.group.choices = [(0, _("No group"))] + [(g.id, g.name) for g in groups_of([organisation.id])]
    return form


@bp.route("/<int:organisation_id>/import", methods=["GET", "POST"])
@manager
def upload(organisation_id: int):
    organisation = organisation_or_404(current_user, organisation_id)
    form = _import_form(organisation)
    if form.validate_on_submit():
        checked = read_participant_list(form.file.data.read())
        pending = PendingImport(
            organisation_id=organisation.id,
            group_id=form.group.data or None,
            uploaded_by=current_user.id,
            rows=checked.rows,
            problems=checked.problems,
        )
        db.session.add(pending)
        db.session.commit()
        return redirect(url_for(".review", organisation_id=organisation.id, pending_id=pending.id))
    return render_template("organisations/import.html", organisation=organisation, form=form), 400 if form.errors else 200


def _pending_or_404(organisation, pending_id: int) -> PendingImport:
    # Only the person who uploaded the list sees it: it holds names and e-mail addresses.
    pending = db.session.get(PendingImport, pending_id)
    if pending is None or pending.organisation_id != organisation.id or pending.uploaded_by != current_user.id:
        abort(404)
    if is_expired(pending):
        abort(404)  # the retention command deletes it; until then it is gone all the same
    return pending


@bp.route("/<int:organisation_id>/import/<int:pending_id>", methods=["GET"])
@manager
def review(organisation_id: int, pending_id: int):
    organisation = organisation_or_404(current_user, organisation_id)
    pending = _pending_or_404(organisation, pending_id)
    return render_template("organisations/import_review.html", organisation=organisation, pending=pending, form=ConfirmForm())


@bp.route("/<int:organisation_id>/import/<int:pending_id>", methods=["POST"])
@manager
def confirm(organisation_id: int, pending_id: int):
    organisation = organisation_or_404(current_user, organisation_id)
    pending = _pending_or_404(organisation, pending_id)
    if not ConfirmForm().validate_on_submit() or not pending.rows:
        abort(400)
    group = next((g for g in groups_of([organisation.id]) if g.id == pending.group_id), None)
    rows = pending.rows
    db.session.delete(pending)  # in the same transaction as the accounts: importing twice is impossible
    credentials = import_participants(current_user, organisation, group, rows)
    db.session.commit()
    page = render_template(
        "organisations/import_done.html", organisation=organisation, credentials=credentials, form=ConfirmForm()
    )
    return page, 200, {"Cache-Control": "no-store"}


@bp.route("/<int:organisation_id>/import/logins.csv", methods=["POST"])
@manager
def logins_csv(organisation_id: int):
    """The logins just shown, as a spreadsheet; the browser sends them back, the server keeps none."""
    organisation = organisation_or_404(current_user, organisation_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    usernames = request.form.getlist("username")
    passwords = request.form.getlist("password")
    names = dict(
        db.session.execute(
            select(User.username, User.display_name)
            .join(Membership, Membership.user_id == User.id)
            .where(Membership.organisation_id == organisation.id, User.username.in_(usernames))
        ).all()
    )
    if len(usernames) != len(passwords) or set(usernames) - set(names):
        abort(404)
    rows = [(names[u], u, p, url_for("accounts.login", _external=True)) for u, p in zip(usernames, passwords)]
    return csv_response("logins.csv", [_("Name"), _("User name"), _("Password"), _("Sign in at")], rows)

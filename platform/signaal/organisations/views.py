"""Coordinators manage their organisations: groups, invitations and participants' passwords."""

from __future__ import annotations

from flask import Blueprint, current_app, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user
from sqlalchemy import func, select
from sqlalchemy.exc import IntegrityError

from ..accounts.access import roles_required
from ..accounts.models import Role
from ..audit.log import record
from ..extensions import db, limiter
from .forms import ConfirmForm, GroupForm, GroupSettingsForm, OrganisationForm
from .groups import GroupNameTaken, create_group, offered_course_ids, renew_invitation, reset_password, update_group
from .invites import display_code
from .models import GroupMember, Organisation
from .scope import group_or_404, groups_of, managed_organisations, member_or_404, organisation_or_404

bp = Blueprint("organisations", __name__, url_prefix="/organisations")
manager = roles_required(Role.COORDINATOR, Role.ADMIN)


@bp.route("/")
@manager
def index():
    form = OrganisationForm() if current_user.has_role(Role.ADMIN) else None
    return render_template("organisations/index.html", organisations=managed_organisations(current_user), form=form)


@bp.route("/", methods=["POST"])
@roles_required(Role.ADMIN)
def create():
    form = OrganisationForm()
    if form.validate_on_submit():
        organisation = Organisation(name=form.name.data.strip())
        try:
            with db.session.begin_nested():
                db.session.add(organisation)
        except IntegrityError:
            form.name.errors.append(_("An organisation with this name exists already."))
        else:
            record(current_user, "organisation.create", f"organisation:{organisation.id}", name=organisation.name)
            db.session.commit()
            return redirect(url_for(".organisation", organisation_id=organisation.id))
    return render_template("organisations/index.html", organisations=managed_organisations(current_user), form=form), 400


def _group_form(form_class, **kwargs):
    form = form_class(**kwargs)
    form.courses.choices = [(course_id, course_id) for course_id in offered_course_ids()]
    return form


@bp.route("/<int:organisation_id>", methods=["GET", "POST"])
@manager
def organisation(organisation_id: int):
    organisation = organisation_or_404(current_user, organisation_id)
    form = _group_form(GroupForm)
    if form.validate_on_submit():
        try:
            group = create_group(
                current_user, organisation, form.name.data, expires_on=form.expires_on.data, course_ids=form.courses.data
            )
        except GroupNameTaken:
            form.name.errors.append(_("This organisation has a group with this name already."))
        else:
            return redirect(url_for(".group", group_id=group.id))
    groups = groups_of([organisation.id])
    sizes = dict(
        db.session.execute(
            select(GroupMember.group_id, func.count())
            .where(GroupMember.group_id.in_([g.id for g in groups]))
            .group_by(GroupMember.group_id)
        ).all()
    )
    return render_template(
        "organisations/organisation.html", organisation=organisation, groups=groups, sizes=sizes, form=form,
        display_code=display_code,
    ), 400 if form.errors else 200


@bp.route("/groups/<int:group_id>", methods=["GET", "POST"])
@manager
def group(group_id: int):
    group = group_or_404(current_user, group_id)
    form = _group_form(GroupSettingsForm, obj=None, data={"expires_on": group.expires_on, "courses": group.course_ids})
    if form.validate_on_submit():
        update_group(current_user, group, expires_on=form.expires_on.data, course_ids=form.courses.data)
        flash(_("The group is saved."), "success")
        return redirect(url_for(".group", group_id=group.id))
    members = db.session.scalar(select(func.count()).where(GroupMember.group_id == group.id))
    return render_template(
        "organisations/group.html",
        group=group,
        form=form,
        renew=ConfirmForm(),
        members=members,
        code=display_code(group.invite_code),
        link=url_for("joining.invitation", token=group.invite_token, _external=True),
    ), 400 if form.errors else 200


@bp.route("/groups/<int:group_id>/renew", methods=["POST"])
@manager
def renew(group_id: int):
    group = group_or_404(current_user, group_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    renew_invitation(current_user, group)
    flash(_("The group has a new link and code; the old ones no longer work."), "success")
    return redirect(url_for(".group", group_id=group.id))


@bp.route("/<int:organisation_id>/people/<int:user_id>")
@manager
def person(organisation_id: int, user_id: int):
    organisation = organisation_or_404(current_user, organisation_id)
    participant = member_or_404(organisation, user_id)
    return render_template(
        "organisations/person.html", organisation=organisation, person=participant, form=ConfirmForm(), password=None
    )


@bp.route("/<int:organisation_id>/people/<int:user_id>/password", methods=["POST"])
@manager
@limiter.limit(lambda: current_app.config.get("SIGNAAL_PASSWORD_RESET_LIMIT", "30 per hour"))
def new_password(organisation_id: int, user_id: int):
    organisation = organisation_or_404(current_user, organisation_id)
    participant = member_or_404(organisation, user_id)
    if not ConfirmForm().validate_on_submit():
        abort(400)
    password = reset_password(current_user, participant)
    response = render_template(
        "organisations/person.html", organisation=organisation, person=participant, form=ConfirmForm(), password=password
    )
    return response, 200, {"Cache-Control": "no-store"}

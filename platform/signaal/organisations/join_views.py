"""Participants join a group with its invite link or its short code."""

from __future__ import annotations

from flask import Blueprint, current_app, abort, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_login import current_user, login_required

from ..extensions import limiter
from .forms import ConfirmForm, JoinCodeForm
from .invites import InviteExpired, InviteNotFound, group_for_code, group_for_token, is_member, join_group

bp = Blueprint("joining", __name__, url_prefix="/join")



def guessing_limit() -> str:
    # Guessing codes must be slow: a few tries a minute is plenty for a person.
    return current_app.config.get("SIGNAAL_JOIN_LIMIT", "10 per minute; 60 per hour")

EXPIRED = _l("This invitation has expired. Ask your trainer or coordinator for a new one.")
UNKNOWN = _l("This code is not right. Check it and try again, or ask your trainer.")


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(guessing_limit, methods=["POST"])
def enter_code():
    form = JoinCodeForm()
    if form.validate_on_submit():
        try:
            group = group_for_code(form.code.data)
        except InviteExpired:
            form.code.errors.append(str(EXPIRED))
        except InviteNotFound:
            form.code.errors.append(str(UNKNOWN))
        else:
            return redirect(url_for(".invitation", token=group.invite_token))
    return render_template("organisations/join_code.html", form=form), 400 if form.errors else 200


@bp.route("/<token>", methods=["GET"])
@limiter.limit(guessing_limit)
def invitation(token: str):
    try:
        group = group_for_token(token)
    except InviteExpired:
        return render_template("organisations/join_closed.html", message=EXPIRED), 410
    except InviteNotFound:
        abort(404)
    member = current_user.is_authenticated and is_member(current_user, group)
    return render_template(
        "organisations/join.html", group=group, member=member, form=ConfirmForm(), token=token
    )


@bp.route("/<token>", methods=["POST"])
@login_required
@limiter.limit(guessing_limit)
def join(token: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        group = group_for_token(token)
    except InviteExpired:
        return render_template("organisations/join_closed.html", message=EXPIRED), 410
    except InviteNotFound:
        abort(404)
    if join_group(current_user, group):
        flash(_("Welcome to %(group)s.", group=group.name), "success")
    else:
        flash(_("You are already in %(group)s.", group=group.name), "info")
    return redirect(url_for("courses.catalogue"))

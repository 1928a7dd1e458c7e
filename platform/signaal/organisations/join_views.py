"""Participants join a group with its invite link or its short code.

Two rate limits. A class often sits behind one NAT address and joins with one
link or code at once, so using an invitation is limited per invitation and
address, with room for a classroom (`SIGNAAL_JOIN_LIMIT`). Guessing is what
must stay slow, so unknown or expired codes and links count per address,
across both pages (`SIGNAAL_JOIN_GUESS_LIMIT`); a right code does not count.
"""

from __future__ import annotations

from flask import Blueprint, current_app, abort, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_babel import lazy_gettext as _l
from flask_limiter.util import get_remote_address
from flask_login import current_user, login_required

from ..extensions import db, limiter
from .forms import ConfirmForm, JoinCodeForm
from .invites import (
    InviteExpired,
    InviteNotFound,
    group_for_code,
    group_for_token,
    is_member,
    join_group,
    normalise_code,
)

bp = Blueprint("joining", __name__, url_prefix="/join")


def _invitation_key() -> str:
    invitation = (request.view_args or {}).get("token") or normalise_code(request.form.get("code", ""))
    return f"{get_remote_address()}|{invitation[:64]}"


def _was_a_miss(response) -> bool:
    # 400: a wrong or expired code on the form; 404/410: an unknown or expired link.
    return response.status_code in (400, 404, 410)


per_invitation = limiter.limit(lambda: current_app.config["SIGNAAL_JOIN_LIMIT"], key_func=_invitation_key)
guesses = limiter.shared_limit(
    lambda: current_app.config["SIGNAAL_JOIN_GUESS_LIMIT"], scope="join-guesses", deduct_when=_was_a_miss
)

EXPIRED = _l("This invitation has expired. Ask your trainer or coordinator for a new one.")
UNKNOWN = _l("This code is not right. Check it and try again, or ask your trainer.")


@bp.route("/", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNAAL_JOIN_LIMIT"], key_func=_invitation_key, methods=["POST"])
@limiter.shared_limit(
    lambda: current_app.config["SIGNAAL_JOIN_GUESS_LIMIT"], scope="join-guesses", deduct_when=_was_a_miss,
    methods=["POST"],
)
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
@per_invitation
@guesses
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
@per_invitation
@guesses
def join(token: str):
    if not ConfirmForm().validate_on_submit():
        abort(400)
    try:
        group = group_for_token(token)
    except InviteExpired:
        return render_template("organisations/join_closed.html", message=EXPIRED), 410
    except InviteNotFound:
        abort(404)
    joined = join_group(current_user, group)
    db.session.commit()
    if joined:
        flash(_("Welcome to %(group)s.", group=group.name), "success")
    else:
        flash(_("You are already in %(group)s.", group=group.name), "info")
    return redirect(url_for("courses.catalogue"))

"""A participant's own data: download it, or delete the account."""

from __future__ import annotations

import json

from flask import Blueprint, Response, flash, redirect, render_template, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..accounts.session import sign_out
from ..extensions import db
from .erasure import erase_account
from .export import personal_data
from .forms import DeleteAccountForm

bp = Blueprint("privacy", __name__, url_prefix="/account/data")


@bp.route("/")
@login_required
def overview():
    return render_template("privacy/overview.html", form=DeleteAccountForm())


@bp.route("/signaal-data.json")
@login_required
def download():
    body = json.dumps(personal_data(current_user), ensure_ascii=False, indent=2)
    return Response(
        body,
        mimetype="application/json",
        headers={"Content-Disposition": 'attachment; filename="signaal-data.json"'},
    )


@bp.route("/delete", methods=["POST"])
@login_required
def delete():
    form = DeleteAccountForm()
    if form.validate_on_submit():
        if current_user.check_password(form.password.data):
            erase_account(current_user, by=current_user, reason="asked by the person")
            sign_out()
            db.session.commit()
            flash(_("Your account and your personal data are deleted."), "success")
            return redirect(url_for("courses.catalogue"))
        form.password.errors.append(_("This password is not right."))
    return render_template("privacy/overview.html", form=form), 400

"""Registration, sign-in and sign-out."""

from __future__ import annotations

from urllib.parse import urlsplit

from flask import Blueprint, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from .forms import LoginForm, RegistrationForm
from .registry import UsernameTaken, create_user, find_user
from .session import sign_in, sign_out

bp = Blueprint("accounts", __name__, url_prefix="/account")


@bp.route("/register", methods=["GET", "POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("courses.catalogue"))
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            user = create_user(form.username.data, form.password.data, email=form.email.data)
        except UsernameTaken:
            form.username.errors.append(_("This user name is taken. Please choose another one."))
        else:
            sign_in(user)
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(safe_next_url() or url_for("courses.catalogue"))
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = find_user(form.username.data)
        if user is not None and user.check_password(form.password.data):
            sign_in(user)
            return redirect(safe_next_url() or url_for("courses.catalogue"))
        # One message for an unknown name and a wrong password: do not reveal which names exist.
        form.password.errors.append(_("The user name or password is not right."))
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    sign_out()
    flash(_("You are signed out."), "info")
    return redirect(url_for("courses.catalogue"))


def safe_next_url() -> str | None:
    """The `next` target if it stays on this site, else None (no open redirects)."""
    target = request.args.get("next", "")
    parts = urlsplit(target)
    if not target.startswith("/") or target.startswith("//") or "\\" in target:
        return None
    if parts.scheme or parts.netloc:
        return None
    return target

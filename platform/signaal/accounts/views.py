"""Registration, sign-in and sign-out."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import limiter
from ..languages.negotiation import remembered_choice
from ..local_urls import local_url
from .forms import LoginForm, RegistrationForm
from .registry import UsernameTaken, authenticate, create_user
from .session import sign_in, sign_out

bp = Blueprint("accounts", __name__, url_prefix="/account")


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNAAL_REGISTER_LIMIT"], methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("courses.catalogue"))
    form = RegistrationForm()
    if form.validate_on_submit():
        try:
            user = create_user(
                form.username.data,
                form.password.data,
                email=form.email.data,
                language=remembered_choice(),  # a language picked before registering stays
            )
        except UsernameTaken:
            form.username.errors.append(_("This user name is taken. Please choose another one."))
        else:
            sign_in(user)
            flash(_("Welcome! Your account is ready."), "success")
            return redirect(safe_next_url() or url_for("courses.catalogue"))
    return render_template("accounts/register.html", form=form), 400 if form.errors else 200


@bp.route("/login", methods=["GET", "POST"])
# Only failed sign-ins count: a class signing in together from one address is not slowed down.
@limiter.limit(
    lambda: current_app.config["SIGNAAL_LOGIN_LIMIT"],
    methods=["POST"],
    deduct_when=lambda response: response.status_code != 302,
)
def login():
    form = LoginForm()
    if form.validate_on_submit():
        user = authenticate(form.username.data, form.password.data)
        if user is not None:
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
    return local_url(request.args.get("next"))

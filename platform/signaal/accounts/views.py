"""Registration, sign-in, sign-out, and a person's own password."""

from __future__ import annotations

from flask import Blueprint, current_app, flash, redirect, render_template, request, url_for
from flask_babel import gettext as _
from flask_login import current_user, login_required

from ..extensions import db, limiter
from ..languages.negotiation import remembered_choice
from ..local_urls import local_url
from .forms import ChangePasswordForm, LoginForm, RegistrationForm, SignOutEverywhereForm
from .password_policy import password_problem
from .registry import UsernameTaken, authenticate, change_password, check_username_free, create_user
from .session import sign_in, sign_out

bp = Blueprint("accounts", __name__, url_prefix="/account")

# What someone who must first choose a password may still open.
BEFORE_OWN_PASSWORD = {"accounts.password", "accounts.logout", "static", "languages.choose"}


@bp.before_app_request
def own_password_first():
    """A password someone else set (printed, imported, reset) is replaced before anything else."""
    if (
        current_user.is_authenticated
        and current_user.must_change_password
        and request.endpoint not in BEFORE_OWN_PASSWORD
    ):
        return redirect(url_for("accounts.password"))
    return None


@bp.route("/register", methods=["GET", "POST"])
@limiter.limit(lambda: current_app.config["SIGNAAL_REGISTER_LIMIT"], methods=["POST"])
def register():
    if current_user.is_authenticated:
        return redirect(url_for("courses.catalogue"))
    form = RegistrationForm()
    if form.validate_on_submit():
        # Both checks run, so one answer names every problem.
        good_password = _password_is_good(form.password, form.username.data, form.email.data)
        try:
            check_username_free(form.username.data)
            if not good_password:
                return render_template("accounts/register.html", form=form), 400
            user = create_user(
                form.username.data,
                form.password.data,
                email=form.email.data,
                language=remembered_choice(),  # a language picked before registering stays
            )
        except UsernameTaken as taken:
            form.username.errors.append(
                _("This user name looks the same as one that is taken. Please choose another one.")
                if taken.look_alike
                else _("This user name is taken. Please choose another one.")
            )
        else:
            sign_in(user)
            db.session.commit()
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
            db.session.commit()
            if user.must_change_password:
                return redirect(url_for(".password"))
            return redirect(safe_next_url() or url_for("courses.catalogue"))
        # One message for an unknown name and a wrong password: do not reveal which names exist.
        form.password.errors.append(_("The user name or password is not right."))
    return render_template("accounts/login.html", form=form), 400 if form.errors else 200


@bp.route("/logout", methods=["POST"])
@login_required
def logout():
    # Ends the session server-side too: a copy of the cookie is worthless from now on.
    sign_out(current_user._get_current_object())
    db.session.commit()
    flash(_("You are signed out."), "info")
    return redirect(url_for("courses.catalogue"))


@bp.route("/password", methods=["GET", "POST"])
@login_required
def password():
    user = current_user._get_current_object()
    form = ChangePasswordForm()
    if user.must_change_password:
        del form.current  # they have just signed in with the password they were given
    if form.validate_on_submit() and _current_password_is_right(form, user) and _password_is_good(
        form.password, user.username, user.email, user.display_name
    ):
        change_password(user, form.password.data)
        sign_in(user)  # this browser stays signed in; every other session has ended
        db.session.commit()
        flash(_("Your password is changed. Other devices are signed out."), "success")
        return redirect(url_for("courses.catalogue"))
    page = render_template("accounts/password.html", form=form, everywhere=SignOutEverywhereForm())
    return page, 400 if form.errors else 200


@bp.route("/sign-out-everywhere", methods=["POST"])
@login_required
def sign_out_everywhere():
    if SignOutEverywhereForm().validate_on_submit():
        sign_out(current_user._get_current_object())
        db.session.commit()
        flash(_("You are signed out on every device."), "info")
    return redirect(url_for("courses.catalogue"))


def _current_password_is_right(form: ChangePasswordForm, user) -> bool:
    if "current" not in form or user.check_password(form.current.data):
        return True
    form.current.errors.append(_("This password is not right."))
    return False


def _password_is_good(field, *personal: str | None) -> bool:
    """Check a chosen password against the policy; the reason goes next to the field."""
    problem = password_problem(field.data or "", personal=list(personal))
    if problem:
        field.errors.append(problem)
        return False
    return True


def safe_next_url() -> str | None:
    """The `next` target if it stays on this site, else None (no open redirects)."""
    return local_url(request.args.get("next"))

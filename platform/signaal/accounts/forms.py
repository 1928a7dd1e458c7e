"""Sign-in and registration forms; every message is shown next to its field."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import EmailField, PasswordField, StringField
from wtforms.validators import Email, EqualTo, InputRequired, Length, Optional, Regexp


class RegistrationForm(FlaskForm):
    username = StringField(
        _l("User name"),
        validators=[
            InputRequired(),
            Length(min=3, max=64),
            Regexp(
                r"^[\w.\-]+$",
                message=_l("Use letters, digits, dots, hyphens or underscores, without spaces."),
            ),
        ],
        description=_l("You do not have to use your real name."),
    )
    email = EmailField(
        _l("E-mail address (optional)"),
        validators=[Optional(), Email(check_deliverability=False), Length(max=254)],
    )
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(min=8, max=200)])
    confirm = PasswordField(
        _l("Repeat the password"),
        validators=[InputRequired(), EqualTo("password", message=_l("The passwords are not the same."))],
    )


class ChangePasswordForm(FlaskForm):
    current = PasswordField(_l("Your current password"), validators=[InputRequired(), Length(max=200)])
    password = PasswordField(_l("New password"), validators=[InputRequired(), Length(min=8, max=200)])
    confirm = PasswordField(
        _l("Repeat the new password"),
        validators=[InputRequired(), EqualTo("password", message=_l("The passwords are not the same."))],
    )


class SignOutEverywhereForm(FlaskForm):
    """Only the CSRF token: one button."""


class LoginForm(FlaskForm):
    username = StringField(_l("User name"), validators=[InputRequired(), Length(max=64)])
    password = PasswordField(_l("Password"), validators=[InputRequired(), Length(max=200)])

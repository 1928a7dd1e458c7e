"""The form that deletes an account: the password again, so a borrowed phone cannot do it."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import PasswordField
from wtforms.validators import InputRequired, Length


class DeleteAccountForm(FlaskForm):
    password = PasswordField(
        _l("Your password"), validators=[InputRequired(), Length(max=200)]
    )

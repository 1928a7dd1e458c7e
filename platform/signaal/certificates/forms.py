"""Forms for names, languages and revocation; every message is shown next to its field."""

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from wtforms import SelectField, StringField, TextAreaField
from wtforms.validators import DataRequired, InputRequired, Length, Optional

from .models import NAME_LENGTH
from .revocation import REASON_LENGTH


class PreferredNameForm(FlaskForm):
    name = StringField(
        _l("Name on new certificates"),
        validators=[Optional(), Length(max=NAME_LENGTH)],
        description=_l("For example your full legal name, or only your initials. Leave empty to use your account name."),
    )


class CertificateSettingsForm(FlaskForm):
    name = StringField(
        _l("Name on this certificate"),
        validators=[InputRequired(message=_l("Please write the name for the certificate.")), Length(max=NAME_LENGTH)],
        description=_l("You can change it until you first download the certificate."),
    )
    language = SelectField(_l("Language of the certificate"), choices=[])


class RevokeForm(FlaskForm):
    reason = TextAreaField(
        _l("Reason for revoking"),
        filters=[lambda text: text.strip() if text else text],
        validators=[DataRequired(message=_l("Please give a reason.")), Length(max=REASON_LENGTH)],
        description=_l("Kept in the audit log; not shown on the public page."),
    )

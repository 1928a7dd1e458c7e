"""Forms for organisations, groups, joining and importing; messages show next to their field."""

from __future__ import annotations

from flask_babel import lazy_gettext as _l
from flask_wtf import FlaskForm
from flask_wtf.file import FileField, FileRequired
from wtforms import DateField, SelectField, SelectMultipleField, StringField
from wtforms.validators import InputRequired, Length, Optional
from wtforms.widgets import CheckboxInput, ListWidget

from ..security import whole_number


def group_choice(value) -> int:
    """A group id from the form, in ASCII digits only (0: no group); ValueError otherwise."""
    if isinstance(value, int):
        return value
    number = whole_number(value)
    if number is None:
        raise ValueError("not a group id")
    return number


class CheckboxesField(SelectMultipleField):
    widget = ListWidget(prefix_label=False)
    option_widget = CheckboxInput()


class OrganisationForm(FlaskForm):
    name = StringField(_l("Name of the organisation"), validators=[InputRequired(), Length(max=200)])


class GroupSettingsForm(FlaskForm):
    expires_on = DateField(
        _l("Invitation works until (optional)"),
        validators=[Optional()],
        description=_l("After this day the link and the code no longer work."),
    )
    courses = CheckboxesField(_l("Courses for this group"), choices=[], validate_choice=True)


class GroupForm(GroupSettingsForm):
    name = StringField(_l("Name of the group"), validators=[InputRequired(), Length(max=120)])


class JoinCodeForm(FlaskForm):
    code = StringField(
        _l("Invite code"),
        validators=[InputRequired(), Length(max=32)],
        description=_l("The code your trainer gave you, for example ABCD-EFGH."),
    )


class ImportForm(FlaskForm):
    file = FileField(
        _l("Participant list (CSV)"),
        validators=[FileRequired()],
        description=_l("One person per row: name, e-mail (optional), language (optional)."),
    )
    group = SelectField(_l("Add them to group (optional)"), choices=[], coerce=group_choice, validate_choice=True)


class ConfirmForm(FlaskForm):
    """A button that only needs the CSRF token."""

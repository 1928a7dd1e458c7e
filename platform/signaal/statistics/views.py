"""The coordinator's overview."""

from flask import Blueprint, render_template

from ..accounts.access import roles_required
from ..accounts.models import Role
from .queries import course_figures

bp = Blueprint("statistics", __name__, url_prefix="/statistics")


@bp.route("/")
@roles_required(Role.COORDINATOR, Role.ADMIN)
def overview():
    return render_template("statistics/overview.html", figures=course_figures())

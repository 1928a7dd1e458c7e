"""The audit log for administrators: newest first, a page at a time."""

from __future__ import annotations

from flask import Blueprint, abort, render_template, request
from sqlalchemy import select

from ..accounts.access import roles_required
from ..accounts.models import Role
from ..extensions import db
from ..security import whole_number
from .models import AuditEntry

bp = Blueprint("audit", __name__, url_prefix="/admin/audit")

PER_PAGE = 50
LAST_PAGE = 100_000  # keeps the database's OFFSET within range whatever the URL says


@bp.route("/")
@roles_required(Role.ADMIN)
def log():
    page = whole_number(request.args.get("page", "1"), largest=LAST_PAGE)
    if not page:
        abort(404)
    entries = db.paginate(
        select(AuditEntry).order_by(AuditEntry.at.desc(), AuditEntry.id.desc()),
        page=page,
        per_page=PER_PAGE,
        error_out=False,
    )
    if page > 1 and not entries.items:
        abort(404)
    return render_template("audit/log.html", entries=entries)

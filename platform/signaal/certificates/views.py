"""A participant's certificates, their PDFs, and public verification."""

from __future__ import annotations

from flask import Blueprint, Response, abort, current_app, render_template, request, url_for
from flask_babel import format_date
from flask_babel import gettext as _
from flask_login import current_user, login_required
from sqlalchemy import select

from ..clock import today
from ..courses.models import CourseVersion
from ..extensions import db
from ..languages import text_direction
from .codes import CodeTypo, MalformedCode, normalise_code
from .issuing import certificates_of
from .models import Certificate
from .pdf import CertificateText, render_certificate_pdf

bp = Blueprint("certificates", __name__)


@bp.route("/certificates")
@login_required
def mine():
    certificates = certificates_of(current_user)
    titles = _course_titles(certificates)
    return render_template(
        "certificates/mine.html", certificates=certificates, titles=titles, today=today()
    )


@bp.route("/certificates/<code>.pdf")
@login_required
def pdf(code: str):
    certificate = db.session.scalar(select(Certificate).where(Certificate.code == code))
    if certificate is None or certificate.user_id != current_user.id:
        abort(404)
    document = render_certificate_pdf(
        certificate_text(certificate), font_cache_dir=current_app.config["FONT_CACHE_PATH"]
    )
    return Response(
        document,
        mimetype="application/pdf",
        headers={"Content-Disposition": f'attachment; filename="certificate-{certificate.code}.pdf"'},
    )


@bp.route("/verify", methods=["GET"])
@bp.route("/verify/<code>", methods=["GET"])
def verify(code: str | None = None):
    typed = code or request.args.get("code", "")
    certificate, message = None, None
    if typed:
        try:
            certificate = db.session.scalar(
                select(Certificate).where(Certificate.code == normalise_code(typed))
            )
        except CodeTypo:
            message = _("This code contains a typing error. Please check every character.")
        except MalformedCode:
            message = _("This is not a certificate code. A code looks like 7K3M-Q9TX-2HCW-5RJD-V.")
    version = db.session.get(CourseVersion, certificate.version_id) if certificate else None
    return render_template(
        "certificates/verify.html",
        typed=typed,
        certificate=certificate,
        version=version,
        message=message,
        status=certificate.status(today()) if certificate else None,
    )


def certificate_text(certificate: Certificate) -> "CertificateText":
    """The words on a certificate, in the interface language."""
    version = db.session.get(CourseVersion, certificate.version_id)
    details = [_("Issued on %(date)s", date=format_date(certificate.issued_at.date(), "long"))]
    if certificate.expires_on:
        details.append(_("Valid until %(date)s", date=format_date(certificate.expires_on, "long")))
    details.append(_("Certificate code %(code)s", code=certificate.code))
    return CertificateText(
        heading=_("Certificate of completion"),
        holder_name=certificate.holder_name,
        statement=_("has completed the course"),
        course_title=version.title,
        details=tuple(details),
        verify_label=_("Check this certificate at"),
        verify_url=url_for("certificates.verify", code=certificate.code, _external=True),
        rtl=text_direction(certificate.language) == "rtl",
    )


def _course_titles(certificates: list[Certificate]) -> dict[int, str]:
    ids = {c.version_id for c in certificates}
    if not ids:
        return {}
    rows = db.session.execute(select(CourseVersion.id, CourseVersion.title).where(CourseVersion.id.in_(ids)))
    return dict(rows.all())

"""The words on a certificate PDF, in the certificate's language (not the reader's)."""

from __future__ import annotations

from flask import url_for
from flask_babel import force_locale, format_date
from flask_babel import gettext as _

from ..courses.models import CourseVersion
from ..languages import interface_languages, text_direction
from ..languages.available import native_name
from .models import Certificate
from .pdf import CertificateText
from .records import course_title, refresher_title


def certificate_text(certificate: Certificate) -> CertificateText:
    """Everything printed on the certificate, translated into its language."""
    title, refresher = course_title(certificate), refresher_title(certificate)
    verify_url = url_for("certificates.verify", code=certificate.code, _external=True)
    with force_locale(certificate.language):
        details = [_("Issued on %(date)s", date=format_date(certificate.issued_at.date(), "long"))]
        if certificate.expires_on:
            details.append(_("Valid until %(date)s", date=format_date(certificate.expires_on, "long")))
        if refresher:
            details.append(_("Renewed with the refresher course %(title)s", title=refresher))
        details.append(_("Certificate code %(code)s", code=certificate.code))
        return CertificateText(
            heading=_("Certificate of completion"),
            holder_name=certificate.holder_name,
            statement=_("has completed the course"),
            course_title=title,
            details=tuple(details),
            verify_label=_("Check this certificate at"),
            verify_url=verify_url,
            rtl=text_direction(certificate.language) == "rtl",
        )


def certificate_languages(version: CourseVersion) -> list[tuple[str, str]]:
    """The languages a certificate can be printed in, as (code, name in that language)."""
    names = {language.code: language.name for language in interface_languages()}
    codes = dict.fromkeys([*version.languages, *names])
    return [(code, names.get(code) or native_name(code)) for code in codes]

"""The public verification page: a coloured status panel, a summary list, the issuer, and the title in the visitor's language."""

from __future__ import annotations

import pytest

from certificate_helpers import earn_certificate
from po_files import translate_po
from signaal.courses.publishing import publish_course
from signaal.clock import utcnow
from signaal.extensions import db


@pytest.fixture
def dutch_titled_course(runner, courses_dir):
    """The tiny course published with a Dutch title that differs from its English one."""
    folder = courses_dir / "tiny"
    assert runner.invoke(args=["courses", "extract", str(folder)]).exit_code == 0
    translate_po(folder / "translations" / "nl.po", {"Tiny course": "Kleine cursus"})
    version = publish_course(folder).version
    db.session.commit()
    return version


def dutch_certificate(make_user, version):
    """A certificate printed in Dutch for a course whose Dutch title differs from its English one."""
    certificate = earn_certificate(make_user(), version)
    certificate.language = "nl"
    db.session.commit()
    return certificate


def test_a_visitor_reads_the_title_in_their_language_and_the_certificates_own(client, make_user, dutch_titled_course):
    certificate = dutch_certificate(make_user, dutch_titled_course)
    page = client.get(f"/verify/{certificate.code}?lang=en").get_data(as_text=True)
    assert f'<span lang="en" dir="ltr">{dutch_titled_course.title}</span>' in page
    assert 'On the certificate: <span lang="nl" dir="ltr">Kleine cursus</span>' in page

    dutch = client.get(f"/verify/{certificate.code}?lang=nl").get_data(as_text=True)
    assert '<span lang="nl" dir="ltr">Kleine cursus</span>' in dutch and "Op het certificaat:" not in dutch


def test_valid_and_revoked_certificates_have_green_and_red_panels_and_the_issuer(app, client, make_user, tiny_course):
    app.config["SIGNAAL_ISSUER_NAME"] = "FairWork Gelderland"
    certificate = earn_certificate(make_user(), tiny_course)
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert '<div class="panel panel-success" role="status">' in page and '<span id="verdict">Valid</span>' in page
    assert "<dt>Issued by</dt><dd>FairWork Gelderland</dd>" in page

    certificate.revoked_at = utcnow()
    db.session.commit()
    page = client.get(f"/verify/{certificate.code}").get_data(as_text=True)
    assert '<div class="panel panel-error" role="status">' in page and '<span id="verdict">Revoked</span>' in page
    assert "no longer valid" in page

"""The participant decides the name on a certificate, and the language it is printed in."""

from __future__ import annotations

import io
import re
import unicodedata

from pypdf import PdfReader

from certificate_helpers import certificates_for, earn_certificate
from po_files import translate_po
from signaal.courses.publishing import publish_course
from signaal.certificates.naming import clean_name
from signaal.extensions import db
from web_forms import submit_form


def pdf_text(response) -> str:
    assert response.status_code == 200 and response.mimetype == "application/pdf"
    text = "".join(p.extract_text() for p in PdfReader(io.BytesIO(response.data)).pages)
    return re.sub(r"\s+", " ", unicodedata.normalize("NFKC", text))


def test_without_a_choice_the_account_name_is_used(make_user, tiny_course):
    user = make_user(username="pseudo_k", display_name="pseudo_k")
    assert earn_certificate(user, tiny_course).holder_name == "pseudo_k"


def test_the_name_for_certificates_is_used_for_new_ones(client, login, make_user, tiny_course):
    user = login(make_user(username="pseudo_k"))
    response = submit_form(client, "/certificates/name", {"name": "  Katarzyna   Nowak-Wiśniewska "}, form_page="/certificates")
    assert response.status_code == 302
    certificate = earn_certificate(user, tiny_course)
    assert certificate.holder_name == "Katarzyna Nowak-Wiśniewska"
    assert user.username == "pseudo_k"  # the account keeps its pseudonym
    assert 'value="Katarzyna Nowak-Wiśniewska"' in client.get("/certificates").get_data(as_text=True)


def test_an_empty_name_goes_back_to_the_account_name(client, login, make_user, tiny_course):
    user = login(make_user(username="pseudo_k"))
    submit_form(client, "/certificates/name", {"name": "K. N."}, form_page="/certificates")
    submit_form(client, "/certificates/name", {"name": ""}, form_page="/certificates")
    assert earn_certificate(user, tiny_course).holder_name == "pseudo_k"


def test_a_too_long_name_is_answered_next_to_the_field(client, login, make_user):
    login(make_user())
    response = submit_form(client, "/certificates/name", {"name": "x" * 201}, form_page="/certificates")
    assert response.status_code == 400
    assert 'class="error"' in response.get_data(as_text=True)


def test_initials_can_be_put_on_an_issued_certificate_before_the_first_download(client, login, make_user, tiny_course):
    user = login(make_user(display_name="Legal Full Name"))
    certificate = earn_certificate(user, tiny_course)
    url = f"/certificates/{certificate.code}/settings"
    response = submit_form(client, url, {"name": "L. F. N.", "language": certificate.language})
    assert response.status_code == 302
    db.session.refresh(certificate)
    assert certificate.holder_name == "L. F. N."
    text = pdf_text(client.get(f"/certificates/{certificate.code}.pdf"))
    assert "L. F. N." in text and "Legal Full Name" not in text


def test_after_the_first_download_the_name_is_fixed(client, login, make_user, tiny_course):
    user = login(make_user(display_name="First Name"))
    certificate = earn_certificate(user, tiny_course)
    client.get(f"/certificates/{certificate.code}.pdf")
    url = f"/certificates/{certificate.code}/settings"
    form = client.get(url).get_data(as_text=True)
    assert 'name="name"' not in form
    assert "can no longer change" in form
    submit_form(client, url, {"name": "Someone Else", "language": certificate.language})
    db.session.refresh(certificate)
    assert certificate.holder_name == "First Name"


def test_an_empty_certificate_name_is_refused_next_to_the_field(client, login, make_user, tiny_course):
    user = login(make_user(display_name="Kept Name"))
    certificate = earn_certificate(user, tiny_course)
    response = submit_form(client, f"/certificates/{certificate.code}/settings", {"name": "\u202e ", "language": "en"})
    assert response.status_code == 400
    assert "Please write the name for the certificate." in response.get_data(as_text=True)
    db.session.refresh(certificate)
    assert certificate.holder_name == "Kept Name"


def test_names_in_every_script_are_kept_and_invisible_controls_dropped():
    assert clean_name("Олена\u00a0 Ґонта") == "Олена Ґонта"
    assert clean_name("فاطمة الزهراء") == "فاطمة الزهراء"
    assert clean_name("Zoe\u0308") == "Zoë"  # one form of each accented letter
    assert clean_name("Ann\u202eA\x07") == "AnnA"  # no bidi override, no bell
    assert clean_name("می\u200cخواهم") == "می\u200cخواهم"  # Persian keeps its non-joiner


def test_the_pdf_is_printed_in_the_chosen_language(client, login, make_user, runner, courses_dir):
    folder = courses_dir / "tiny"
    assert runner.invoke(args=["courses", "extract", str(folder)]).exit_code == 0
    translate_po(folder / "translations" / "nl.po", {"Tiny course": "Kleine cursus"})
    version = publish_course(folder).version  # with a Dutch translation of its title
    user = login(make_user(display_name="Anna de Vries"))
    certificate = earn_certificate(user, version)
    english = pdf_text(client.get(f"/certificates/{certificate.code}.pdf"))
    assert "Issued on" in english
    assert version.title in english
    response = submit_form(client, f"/certificates/{certificate.code}/settings", {"name": "Anna de Vries", "language": "nl"})
    assert response.status_code == 302, response.get_data(as_text=True)
    dutch = pdf_text(client.get(f"/certificates/{certificate.code}.pdf"))
    month = certificate.issued_at.month
    dutch_months = ["januari", "februari", "maart", "april", "mei", "juni", "juli",
                    "augustus", "september", "oktober", "november", "december"]
    assert dutch_months[month - 1] in dutch  # dates formatted for Dutch readers
    assert "Anna de Vries" in dutch and certificate.code in dutch
    assert "Kleine cursus" in dutch  # the course title in the certificate's language


def test_a_language_outside_the_offer_is_refused(client, login, make_user, tiny_course):
    user = login(make_user())
    certificate = earn_certificate(user, tiny_course)
    response = submit_form(client, f"/certificates/{certificate.code}/settings", {"name": "A", "language": "xx"})
    assert response.status_code == 400
    db.session.refresh(certificate)
    assert certificate.language == "en"


def test_someone_elses_certificate_is_not_found(client, login, make_user, tiny_course):
    owner = make_user()
    certificate = earn_certificate(owner, tiny_course)
    login(make_user())
    for url in (f"/certificates/{certificate.code}/settings", f"/certificates/{certificate.code}.pdf",
                f"/certificates/{certificate.code}.jwt"):
        assert client.get(url).status_code == 404, url
    assert certificates_for(owner)[0].first_downloaded_at is None

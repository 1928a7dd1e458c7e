import io
import re
import time
import unicodedata
from dataclasses import replace

import pytest
import segno
from fontTools.ttLib import TTFont
from pypdf import PdfReader

import fontpkg

from signaal.certificates.fonts import ARABIC_FAMILY, build_certificate_fonts, certificate_fonts
from signaal.certificates.pdf import CertificateText, render_certificate_pdf

A4_POINTS = (595.28, 841.89)
CODE = "7K3M-Q9TX-2HCW-5RJD-W"
URL = f"https://signaal.example.org/verify/{CODE}"


@pytest.fixture(scope="session")
def font_cache(font_cache):
    # Cutting the static fonts takes a minute: done once (and kept between runs, see
    # tests/conftest.py). Tests that damage the cache work on a copy.
    build_certificate_fonts(font_cache)
    return font_cache


def make_text(**changes) -> CertificateText:
    text = CertificateText(
        heading="Certificate of completion",
        holder_name="Łucja Ćwik-Ștefănescu",
        statement="has completed the course",
        course_title="Recognising labour exploitation: rights of migrant workers",
        details=("Issued on 28 November 2026", "Valid until 28 November 2028", f"Certificate code {CODE}"),
        verify_label="Check this certificate at",
        verify_url=URL,
    )
    return replace(text, **changes)


def make_arabic_text(**changes) -> CertificateText:
    arabic = dict(
        heading="شهادة إتمام",
        holder_name="فاطمة الزهراء",
        statement="أتمّت الدورة التدريبية",
        course_title="التعرّف على الاستغلال في العمل",
        details=("صدرت في 28 نوفمبر 2026", f"رمز الشهادة {CODE}"),
        verify_label="تحقق من هذه الشهادة على",
        rtl=True,
    )
    return make_text(**{**arabic, **changes})


def render(text: CertificateText, font_cache) -> PdfReader:
    return PdfReader(io.BytesIO(render_certificate_pdf(text, font_cache_dir=font_cache)))


def page_text(reader: PdfReader) -> str:
    """The page's text with wrapped lines joined and compatibility forms folded."""
    text = unicodedata.normalize("NFKC", reader.pages[0].extract_text())
    return re.sub(r"\s+", " ", text)


def letters_only(text: str) -> str:
    """Drop spaces and the control characters pypdf leaves between shaped glyphs.

    pypdf puts stray control characters (U+0002 … U+0018) inside Arabic
    words where fpdf2 positions glyphs one by one; they are not text.
    """
    text = unicodedata.normalize("NFKC", text)
    return "".join(c for c in text if not c.isspace() and not unicodedata.category(c).startswith("C"))


# What the certificate says


@pytest.mark.parametrize(
    "name",
    [
        "Łucja Ćwik-Ștefănescu",  # Polish and Romanian diacritics
        "Zażółć Gęślą-Jaźń Ăâîșț",
        "Олена Ґонта",  # Ukrainian, with ґ
        "Євгенія Їжакевич-Іваненко",  # Ukrainian є ї і
        "Стефка Йорданова",  # Bulgarian
        "Ελένη Παπαδοπούλου",  # Greek
    ],
)
def test_european_names_appear_exactly(name, font_cache):
    assert name in page_text(render(make_text(holder_name=name), font_cache))


def test_arabic_name_appears_word_by_word(font_cache):
    # Extracted Arabic comes back with control characters inside words and the
    # words not necessarily in reading order, so each word is compared on its
    # own, after NFKC (which also folds any presentation forms back to letters).
    extracted = letters_only(page_text(render(make_arabic_text(), font_cache)))
    for word in "فاطمة الزهراء".split():
        assert letters_only(word) in extracted


def test_arabic_name_on_a_latin_certificate(font_cache):
    extracted = letters_only(page_text(render(make_text(holder_name="فاطمة الزهراء"), font_cache)))
    for word in "فاطمة الزهراء".split():
        assert word in extracted


def test_arabic_letters_are_shaped(font_cache):
    # Unshaped Arabic would use only the isolated letters (U+06xx). Shaped,
    # the joined forms are used, which this font also maps from the Arabic
    # Presentation Forms-B block (U+FE70–U+FEFF): finding those code points in
    # the embedded subset shows HarfBuzz chose initial, medial and final forms.
    reader = render(make_arabic_text(), font_cache)
    arabic_font = embedded_font(reader, ARABIC_FAMILY)
    joined_forms = [c for c in arabic_font.getBestCmap() if 0xFE70 <= c <= 0xFEFF]
    assert joined_forms


def test_latin_names_on_an_arabic_certificate(font_cache):
    text = make_arabic_text(holder_name="Łucja Ćwik-Ștefănescu")
    assert "Łucja Ćwik-Ștefănescu" in page_text(render(text, font_cache))


def test_course_title_code_and_address_appear(font_cache):
    extracted = page_text(render(make_text(), font_cache))
    assert "Recognising labour exploitation: rights of migrant workers" in extracted
    assert CODE in extracted
    assert URL in extracted
    assert "Check this certificate at" in extracted
    assert "Issued on 28 November 2026" in extracted


def test_code_and_address_appear_on_an_arabic_certificate(font_cache):
    extracted = page_text(render(make_arabic_text(), font_cache))
    assert CODE in extracted
    assert URL in extracted


def test_qr_code_encodes_the_verification_address(font_cache):
    reader = render(make_text(), font_cache)
    (image,) = reader.pages[0].images
    assert qr_modules_in(image.image, URL) == segno_modules(URL)


# The page


@pytest.mark.parametrize("text", [make_text(), make_arabic_text()], ids=["latin", "arabic"])
def test_one_a4_page(text, font_cache):
    reader = render(text, font_cache)
    assert len(reader.pages) == 1
    box = reader.pages[0].mediabox
    assert (float(box.width), float(box.height)) == pytest.approx(A4_POINTS, abs=0.1)


def test_very_long_texts_stay_on_one_page_and_complete(font_cache):
    name = "Maria del Carmen Ștefănescu-Wiśniewska de la Santísima Trinidad " * 3
    name = name.strip()[:200]  # the longest name the certificate table stores
    text = make_text(
        holder_name=name,
        course_title="A very long course title about fair recruitment " * 6,
        details=tuple(f"Detail line number {n} with extra words" for n in range(8)),
    )
    reader = render(text, font_cache)
    assert len(reader.pages) == 1
    assert letters_only(name) in letters_only(page_text(reader))


# The font cache


def test_font_cache_is_built_once_and_reused(font_cache):
    fonts = sorted({font.path for font in certificate_fonts(font_cache)})
    # Noto Sans and Noto Sans Arabic, regular and bold (the cache is kept between runs, so
    # it may also hold files of older font packages).
    assert len(fonts) == 4 and {path.parent for path in fonts} == {font_cache}
    assert not list(font_cache.glob("*.tmp"))
    before = {path: path.stat().st_mtime_ns for path in fonts}

    render_certificate_pdf(make_text(), font_cache_dir=font_cache)
    render_certificate_pdf(make_arabic_text(), font_cache_dir=font_cache)
    build_certificate_fonts(font_cache)

    assert {path: path.stat().st_mtime_ns for path in fonts} == before


@pytest.mark.parametrize("damage", ["truncate", "garbage", "empty"])
def test_damaged_cache_file_is_rebuilt(damage, tmp_path, font_cache):
    folder = copy_cache(font_cache, tmp_path / "fonts")
    # The Arabic font is the quickest to rebuild (about a second).
    (victim,) = folder.glob(f"{ARABIC_FAMILY}-Regular-*.ttf")
    good = victim.read_bytes()
    victim.write_bytes(damaged(good, damage))

    build_certificate_fonts(folder)

    # Rebuilt, not merely accepted: the same font again (its head table
    # carries a new modification time, so compare the other tables).
    assert font_tables(victim, skip="head") == font_tables(io.BytesIO(good), skip="head")
    assert letters_only("فاطمة") in letters_only(page_text(render(make_arabic_text(), folder)))


def test_a_certificate_never_waits_for_the_fonts_to_be_cut(tmp_path, font_cache):
    """A fresh or damaged cache: the certificate comes at once in the variable fonts; the cache heals behind it."""
    folder = copy_cache(font_cache, tmp_path / "fonts")
    (victim,) = folder.glob(f"{ARABIC_FAMILY}-Regular-*.ttf")
    good = victim.read_bytes()
    victim.write_bytes(damaged(good, "truncate"))

    fonts = certificate_fonts(folder)
    reader = render(make_arabic_text(holder_name="Łucja فاطمة"), folder)

    assert {font.path for font in fonts} == {fontpkg.path("Noto Sans"), fontpkg.path("Noto Sans Arabic")}
    extracted = letters_only(page_text(reader))
    assert letters_only("فاطمة") in extracted and "Łucja" in extracted
    # Meanwhile another process cuts the damaged font again.
    deadline = time.monotonic() + 120
    while not same_font(victim, good):
        assert time.monotonic() < deadline, "the fonts were not rebuilt in the background"
        time.sleep(0.2)
    assert {font.path.parent for font in certificate_fonts(folder)} == {folder}


def test_cache_folder_comes_from_the_environment(tmp_path, font_cache, monkeypatch):
    folder = copy_cache(font_cache, tmp_path / "from-env")
    monkeypatch.setenv("SIGNAAL_FONT_CACHE", str(folder))
    fonts = certificate_fonts()
    assert {font.path.parent for font in fonts} == {folder}


# Helpers


def copy_cache(source, target):
    target.mkdir()
    for path in source.glob("*.ttf"):
        (target / path.name).write_bytes(path.read_bytes())
    return target


def damaged(data: bytes, how: str) -> bytes:
    if how == "truncate":
        return data[: len(data) // 2]  # what a crash halfway through a write leaves
    if how == "garbage":
        return data[:1000] + bytes(len(data) - 1000)
    return b""


def same_font(path, good: bytes) -> bool:
    try:
        return font_tables(path, skip="head") == font_tables(io.BytesIO(good), skip="head")
    except Exception:  # still the damaged file
        return False


def font_tables(source, skip: str) -> dict[str, bytes]:
    with TTFont(source, lazy=True) as font:
        return {tag: font.reader[tag] for tag in font.reader.keys() if tag != skip}


def embedded_font(reader: PdfReader, family: str) -> TTFont:
    for font in reader.pages[0]["/Resources"]["/Font"].values():
        font = font.get_object()
        if str(font["/BaseFont"]).endswith("+" + family):
            descriptor = font["/DescendantFonts"][0].get_object()["/FontDescriptor"]
            return TTFont(io.BytesIO(descriptor["/FontFile2"].get_object().get_data()))
    raise AssertionError(f"{family} is not embedded")


def segno_modules(url: str) -> list[list[bool]]:
    qr = segno.make(url, error="m", micro=False)
    return [[bool(module) for module in row] for row in qr.matrix_iter(scale=1, border=0)]


def qr_modules_in(image, url: str) -> list[list[bool]]:
    """Read the modules back from the embedded picture by sampling their centres."""
    size = len(segno_modules(url))
    quiet_zone = 4
    pixels_per_module = image.width / (size + 2 * quiet_zone)
    grey = image.convert("L")

    def dark(row: int, column: int) -> bool:
        x = (column + quiet_zone + 0.5) * pixels_per_module
        y = (row + quiet_zone + 0.5) * pixels_per_module
        return grey.getpixel((int(x), int(y))) < 128

    return [[dark(row, column) for column in range(size)] for row in range(size)]

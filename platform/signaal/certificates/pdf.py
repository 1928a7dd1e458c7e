"""The certificate as a one-page A4 PDF.

The page is sober and works in black and white: a double frame, then centred
from top to bottom the organisation's logo (optional), the heading, the
holder's name in large type, the statement, the course title and the detail
lines, the issuer with a signature above its line (image optional), and at the
foot a QR code with the verification address printed under it. Texts arrive
translated and formatted; images come from the instance folder; this module
only lays them out.

Names may be in any script. Text shaping (HarfBuzz through fpdf2) joins
Arabic letters and orders right-to-left runs; each text block is set in the
font for its own script with the other as fallback, so a Polish name on an
Arabic certificate renders as well as an Arabic name on a Dutch one.

Long texts first shrink, then wrap over a few lines; if the whole column is
still taller than the space above the QR code, everything shrinks together,
so the certificate always stays one page.
"""

from __future__ import annotations

import io
import unicodedata
from dataclasses import dataclass, replace
from pathlib import Path

import segno
from PIL import Image
from fpdf import FPDF
from fpdf.enums import MethodReturnValue

from .fonts import ARABIC_FAMILY, LATIN_FAMILY, certificate_fonts


@dataclass(frozen=True)
class CertificateText:
    """Everything printed on a certificate, already translated and formatted."""

    heading: str
    holder_name: str  # exactly as the participant entered it; any script
    statement: str
    course_title: str
    details: tuple[str, ...]  # e.g. "Issued on 28 November 2026", "Certificate code …"
    verify_label: str
    verify_url: str  # also encoded in the QR code
    rtl: bool = False  # right-to-left paragraphs (Arabic)
    issuer: str = ""  # e.g. "Issued by FairWork Gelderland"; empty when the instance names no issuer


@dataclass(frozen=True)
class Images:
    """Optional pictures from the instance folder (PNG or JPEG): the organisation's logo and a signature."""

    logo: Path | None = None
    signature: Path | None = None


# Page geometry in millimetres.
PAGE_WIDTH, PAGE_HEIGHT = 210, 297
SIDE_MARGIN = 25
COLUMN_WIDTH = PAGE_WIDTH - 2 * SIDE_MARGIN
COLUMN_TOP = 26
LOGO_TOP, LOGO_HEIGHT, LOGO_WIDTH = 20, 22, 70  # the logo keeps its proportions inside this box
SIGNATURE_HEIGHT, SIGNATURE_WIDTH = 16, 60
QR_SIZE = 42  # includes the four-module quiet zone the QR standard asks for
QR_TOP = 226
URL_TOP = QR_TOP + QR_SIZE + 1
LABEL_GAP = 1  # between the label and the QR code's quiet zone

POINT = 25.4 / 72  # millimetres per typographic point
LINE_SPACING = 1.3  # Arabic needs room above and below the Latin x-height
SMALLEST_SIZE = 5  # points; only when the column would not fit otherwise


@dataclass(frozen=True)
class TextBlock:
    """One paragraph of the certificate and how far it may shrink and wrap."""

    text: str
    bold: bool
    size: float  # preferred size in points
    min_size: float  # shrink to here before wrapping onto more lines
    max_lines: int
    space_after: float  # millimetres


@dataclass(frozen=True)
class FittedBlock:
    block: TextBlock
    size: float
    line_count: int

    @property
    def line_height(self) -> float:
        return self.size * POINT * LINE_SPACING

    @property
    def height(self) -> float:
        return self.line_count * self.line_height + self.block.space_after


def render_certificate_pdf(
    text: CertificateText, *, font_cache_dir: Path | str | None = None, images: Images = Images()
) -> bytes:
    """Return the certificate as PDF bytes: one A4 page."""
    pdf = _new_document(text, font_cache_dir)
    _draw_frame(pdf)
    top = _draw_logo(pdf, images.logo) if images.logo else COLUMN_TOP
    _draw_column(pdf, _column_blocks(text), top=top, signature=images.signature, issuer=_issuer_block(text))
    _draw_verification(pdf, text)
    return bytes(pdf.output())


def _draw_logo(pdf: FPDF, logo: Path) -> float:
    """Draw the logo centred at the top; return where the text column may start."""
    width, height = _fitted_size(pdf, logo, LOGO_WIDTH, LOGO_HEIGHT)
    pdf.image(str(logo), x=(PAGE_WIDTH - width) / 2, y=LOGO_TOP, w=width, h=height)
    return LOGO_TOP + height + 8


def _fitted_size(pdf: FPDF, image: Path, max_width: float, max_height: float) -> tuple[float, float]:
    """The largest size of the image within the box, keeping its proportions."""
    with Image.open(image) as picture:
        pixels_wide, pixels_high = picture.size
    ratio = pixels_wide / pixels_high if pixels_high else 1
    width = min(max_width, max_height * ratio)
    return width, width / ratio


def _issuer_block(text: CertificateText) -> TextBlock | None:
    if not text.issuer.strip():
        return None
    return TextBlock(text.issuer, bold=False, size=12, min_size=9, max_lines=2, space_after=0)


def _new_document(text: CertificateText, font_cache_dir: Path | str | None) -> FPDF:
    pdf = FPDF(orientation="portrait", unit="mm", format="A4")
    pdf.set_auto_page_break(False)  # we fit the text ourselves: never a second page
    pdf.set_margins(SIDE_MARGIN, COLUMN_TOP, SIDE_MARGIN)
    families = _families_needed(text)
    for font in certificate_fonts(font_cache_dir):
        if font.family in families:
            pdf.add_font(font.family, font.style, font.path)
    pdf.set_fallback_fonts(families, exact_match=False)
    pdf.set_text_shaping(use_shaping_engine=True, direction=_direction(text.rtl))
    pdf.set_title(f"{text.heading} – {text.holder_name}")
    pdf.set_creator("Signaal")
    pdf.add_page()
    pdf.set_text_color(0)
    pdf.set_draw_color(0)
    return pdf


def _families_needed(text: CertificateText) -> list[str]:
    # Every font added is parsed and subset, used or not: loading the Arabic
    # font only when there is Arabic saves a third of the rendering time.
    fields = [text.heading, text.holder_name, text.statement, text.course_title,
              *text.details, text.verify_label, text.verify_url, text.issuer]
    if any(_has_arabic(field) for field in fields):
        return [LATIN_FAMILY, ARABIC_FAMILY]
    return [LATIN_FAMILY]


def _column_blocks(text: CertificateText) -> list[TextBlock]:
    blocks = [
        TextBlock(text.heading, bold=True, size=26, min_size=16, max_lines=2, space_after=14),
        TextBlock(text.holder_name, bold=True, size=36, min_size=20, max_lines=2, space_after=10),
        TextBlock(text.statement, bold=False, size=15, min_size=11, max_lines=2, space_after=6),
        TextBlock(text.course_title, bold=True, size=22, min_size=13, max_lines=3, space_after=14),
    ]
    blocks += [
        TextBlock(line, bold=False, size=11, min_size=9, max_lines=2, space_after=1.5)
        for line in text.details
    ]
    return [block for block in blocks if block.text.strip()]


def _draw_frame(pdf: FPDF) -> None:
    pdf.set_line_width(0.8)
    pdf.rect(10, 10, PAGE_WIDTH - 20, PAGE_HEIGHT - 20)
    pdf.set_line_width(0.25)
    pdf.rect(13, 13, PAGE_WIDTH - 26, PAGE_HEIGHT - 26)


def _draw_column(
    pdf: FPDF, blocks: list[TextBlock], *, top: float, signature: Path | None, issuer: TextBlock | None
) -> None:
    label_room = 8  # the verify label sits between the column and the QR code
    available = QR_TOP - label_room - top
    # The issuer's signature block (image, line, name) has a fixed height; the text shares the rest.
    signature_size = _fitted_size(pdf, signature, SIGNATURE_WIDTH, SIGNATURE_HEIGHT) if signature else None
    sign_room = (signature_size[1] if signature_size else 0) + 4 if (issuer or signature_size) else 0
    fitted = _fit_column(pdf, blocks + ([issuer] if issuer else []), available - sign_room)
    used = sum(block.height for block in fitted) + sign_room
    # A short certificate spreads out first (wider gaps between the blocks, up to 1.8 times), so
    # it fills the page instead of floating in it; what is left centres the column.
    gaps = sum(block.block.space_after for block in fitted) or 1
    spread = 1 + min(max(0.0, available - used) * 0.7, gaps * 0.8) / gaps
    used += gaps * (spread - 1)
    pdf.set_y(top + max(0.0, (available - used) / 2))
    for index, block in enumerate(fitted):
        if issuer is not None and index == len(fitted) - 1:  # the issuer comes last, under the signature
            _draw_signature(pdf, signature, signature_size)
        _use_font_for(pdf, block.block.text, block.block.bold, block.size)
        pdf.multi_cell(
            COLUMN_WIDTH, block.line_height, block.block.text,
            align="C", new_x="LMARGIN", new_y="NEXT",
        )
        pdf.ln(block.block.space_after * spread)
    if issuer is None and signature_size:
        _draw_signature(pdf, signature, signature_size)


def _draw_signature(pdf: FPDF, signature: Path | None, size: tuple[float, float] | None) -> None:
    """The signature image (if any) above a short line; the issuer's name follows under the line."""
    pdf.ln(2)
    if signature and size:
        width, height = size
        pdf.image(str(signature), x=(PAGE_WIDTH - width) / 2, y=pdf.get_y(), w=width, h=height)
        pdf.set_y(pdf.get_y() + height)
    pdf.set_line_width(0.3)
    pdf.line(PAGE_WIDTH / 2 - 35, pdf.get_y(), PAGE_WIDTH / 2 + 35, pdf.get_y())
    pdf.ln(2)


def _fit_column(pdf: FPDF, blocks: list[TextBlock], available: float) -> list[FittedBlock]:
    fitted = [_fit_block(pdf, block) for block in blocks]
    scale = 1.0
    while sum(block.height for block in fitted) > available and scale > 0.3:
        scale *= 0.9
        fitted = [_fit_block(pdf, _scaled(block, scale)) for block in blocks]
    return fitted


def _scaled(block: TextBlock, scale: float) -> TextBlock:
    return replace(
        block,
        size=max(SMALLEST_SIZE, block.size * scale),
        min_size=max(SMALLEST_SIZE, block.min_size * scale),
        space_after=block.space_after * scale,
    )


def _fit_block(pdf: FPDF, block: TextBlock) -> FittedBlock:
    """Choose a size: one line if shrinking allows, else the largest that wraps within budget."""
    line_counts: dict[float, int] = {}

    def lines_at(size: float) -> int:
        if size not in line_counts:
            line_counts[size] = _line_count(pdf, block, size)
        return line_counts[size]

    preferred = _sizes_between(block.size, block.min_size)
    for size in preferred:
        if lines_at(size) == 1:
            return FittedBlock(block, size, 1)
    for size in preferred:
        if lines_at(size) <= block.max_lines:
            return FittedBlock(block, size, lines_at(size))
    # Only very long texts get here: more lines at the smallest size read
    # better than tinier type; _fit_column shrinks everything if the page fills.
    return FittedBlock(block, block.min_size, lines_at(block.min_size))


def _sizes_between(largest: float, smallest: float) -> list[float]:
    sizes = []
    size = largest
    while size > smallest:
        sizes.append(size)
        size -= 1
    return sizes + [smallest]


def _line_count(pdf: FPDF, block: TextBlock, size: float) -> int:
    _use_font_for(pdf, block.text, block.bold, size)
    lines = pdf.multi_cell(
        COLUMN_WIDTH, size * POINT * LINE_SPACING, block.text,
        align="C", dry_run=True, output=MethodReturnValue.LINES,
    )
    return max(1, len(lines))


def _draw_verification(pdf: FPDF, text: CertificateText) -> None:
    _use_font_for(pdf, text.verify_label, bold=False, size=10)
    label_height = 10 * POINT * LINE_SPACING
    pdf.set_xy(SIDE_MARGIN, QR_TOP - LABEL_GAP - label_height)
    pdf.cell(COLUMN_WIDTH, label_height, text.verify_label, align="C")

    qr_left = (PAGE_WIDTH - QR_SIZE) / 2
    pdf.image(_qr_png(text.verify_url), x=qr_left, y=QR_TOP, w=QR_SIZE, h=QR_SIZE)

    # An address reads left to right in every language.
    pdf.set_text_shaping(use_shaping_engine=True, direction="ltr")
    _use_font_for(pdf, text.verify_url, bold=False, size=9)
    pdf.set_xy(SIDE_MARGIN, URL_TOP)
    pdf.multi_cell(COLUMN_WIDTH, 9 * POINT * LINE_SPACING, text.verify_url, align="C")
    pdf.set_text_shaping(use_shaping_engine=True, direction=_direction(text.rtl))


def _qr_png(url: str) -> io.BytesIO:
    # Error level M survives a crease or a coffee stain; border=4 is the
    # quiet zone scanners need, drawn as white so the frame can never intrude.
    qr = segno.make(url, error="m", micro=False)
    png = io.BytesIO()
    qr.save(png, kind="png", scale=10, border=4, dark="black", light="white")
    png.seek(0)
    return png


def _use_font_for(pdf: FPDF, text: str, bold: bool, size: float) -> None:
    # A block with Arabic in it is set in the Arabic font, so its words,
    # spaces and punctuation are shaped as one run; Noto Sans Arabic also has
    # the basic Latin letters, and the rest comes from the fallback font.
    family = ARABIC_FAMILY if _has_arabic(text) else LATIN_FAMILY
    pdf.set_font(family, "B" if bold else "", size)


def _has_arabic(text: str) -> bool:
    return any(unicodedata.bidirectional(character) == "AL" for character in text)


def _direction(rtl: bool) -> str:
    return "rtl" if rtl else "ltr"

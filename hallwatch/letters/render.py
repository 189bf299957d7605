"""Render a letter to PDF bytes with ReportLab: data in, bytes out.

The output is deterministic (ReportLab's invariant mode, no clock, no random
subset tags), so a reprint of an issued letter gives the same bytes and the
same SHA-256. Appendix photos are embedded as their own JPEG bytes (DCT
passthrough), so the hash printed under a photo is the hash of what the PDF
carries.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

import segno
from reportlab import rl_config
from reportlab.lib.colors import Color
from reportlab.lib.utils import ImageReader
from reportlab.pdfbase import pdfmetrics, pdfutils
from reportlab.pdfgen import canvas

from hallwatch.domain.enums import LetterKind
from hallwatch.domain.errors import FieldError
from hallwatch.letters import layout
from hallwatch.letters.fonts import FontMap, FontRole, check_text, font_map
from hallwatch.letters.layout import (
    AppendixItem,
    ImageOp,
    LetterText,
    Metrics,
    Page,
    QrOp,
    RuleOp,
    TextOp,
)

KIND_TITLES = {
    LetterKind.WARNING: "效能告诫书",
    LetterKind.SUPERVISION: "督办通知书",
    LetterKind.RECTIFICATION: "整改通知书",
}

# Images go into the PDF as binary streams, not ASCII85 text: ReportLab encodes
# ASCII85 in pure Python, which made a letter with four photos 3× slower and its
# file 25% bigger. Set once, here, before any letter is drawn: it decides the bytes
# of every issued letter, so it must never change between two renders.
rl_config.useA85 = 0

_RED = Color(0.85, 0.0, 0.0)
_COLORS = {layout.BLACK: Color(0, 0, 0), layout.RED: _RED}


@dataclass(frozen=True)
class AppendixPhoto:
    """One evidence photo for the 附件 pages: JPEG bytes and the lines printed under it."""

    jpeg: bytes = field(repr=False)
    caption: tuple[str, ...] = ()  # one string per line, e.g. ("照片 3f2a…", "SHA-256 ab12…")


@dataclass(frozen=True)
class LetterContent:
    """Everything printed on one letter; `number` is None for a draft."""

    kind: LetterKind
    issuing_body: str
    code: str  # 机关代字, e.g. "某政务效告"
    year: int
    number: int | None
    title: str
    addressee: str
    paragraphs: Sequence[tuple[int, str]]  # (level 0 body | 1 "一、" | 2 "（一）" | 3, text)
    signer_body: str
    date: dt.date
    copied_to: str = ""
    printed_by: str = ""
    printed_date: dt.date | None = None
    verify_url: str | None = None
    receipt: bool = True
    appendix: Sequence[AppendixPhoto] = ()  # printed after the body, before the receipt


def format_date(d: dt.date) -> str:
    """`2026年3月9日`: Arabic numerals, no leading zeros."""
    return f"{d.year}年{d.month}月{d.day}日"


def format_number(code: str, year: int, n: int) -> str:
    """`{代字}〔{year}〕{n}号` with U+3014/U+3015 brackets and no leading zeros."""
    return f"{code}\u3014{year}\u3015{n}号"


@lru_cache(maxsize=4096)
def _width(font_name: str, ch: str, size: float) -> float:
    return float(pdfmetrics.stringWidth(ch, font_name, size))


def _check(letter: LetterContent, fonts: FontMap, draft: bool) -> None:
    """Refuse bad fields before drawing anything."""
    if not draft and letter.number is None:
        raise FieldError("number", "number: an issued letter needs a number", code="required")
    if letter.number is not None and letter.number < 1:
        raise FieldError("number", f"number: {letter.number} is not a positive number")
    for name in ("issuing_body", "title", "signer_body"):
        if not getattr(letter, name).strip():
            raise FieldError(name, f"{name}: must not be empty", code="required")
    checks: list[tuple[str, str, FontRole]] = [
        ("issuing_body", letter.issuing_body, FontRole.XIAOBIAOSONG),
        ("code", letter.code, FontRole.FANGSONG),
        ("title", letter.title, FontRole.XIAOBIAOSONG),
        ("addressee", letter.addressee, FontRole.FANGSONG),
        ("signer_body", letter.signer_body, FontRole.FANGSONG),
        ("copied_to", letter.copied_to, FontRole.FANGSONG),
        ("printed_by", letter.printed_by, FontRole.FANGSONG),
    ]
    roles = {1: FontRole.HEITI, 2: FontRole.KAITI}
    for k, (level, text) in enumerate(letter.paragraphs):
        checks.append((f"paragraphs[{k + 1}]", text, roles.get(level, FontRole.FANGSONG)))
    for k, photo in enumerate(letter.appendix):
        checks.extend((f"appendix[{k + 1}]", line, FontRole.FANGSONG) for line in photo.caption)
    for name, text, role in checks:
        check_text(name, text, fonts[role])


def _read_photos(appendix: Sequence[AppendixPhoto]) -> list[ImageReader]:
    """Decode every photo once, refusing one that is not a readable JPEG."""
    readers = []
    for k, photo in enumerate(appendix, start=1):
        name = f"appendix[{k}]"
        try:
            reader = ImageReader(io.BytesIO(photo.jpeg))
            is_jpeg = reader.jpeg_fh() is not None
            if is_jpeg:
                # What the PDF embeds must parse, and the whole image must decode:
                # Pillow opens a truncated file and fails only when it reads pixels.
                pdfutils.readJPEGInfo(io.BytesIO(photo.jpeg))
                reader.getRGBData()
        # Pillow and ReportLab raise many kinds (OSError, SyntaxError, struct.error,
        # DecompressionBombError …) on malformed files; all mean the same here.
        except Exception as exc:
            raise FieldError(
                name,
                f"{name}: the photo ({len(photo.jpeg)} bytes) cannot be read as a JPEG: {exc}",
                "attach the original JPEG from the evidence store",
                code="bad_image",
                params=(len(photo.jpeg),),
            ) from exc
        if not is_jpeg:
            raise FieldError(
                name,
                f"{name}: the photo is not a JPEG",
                "attach the original JPEG from the evidence store",
                code="not_jpeg",
            )
        readers.append(reader)
    return readers


def _draw_qr(c: canvas.Canvas, op: QrOp) -> None:
    qr = segno.make(op.data, error="m", micro=False)
    rows = [bytes(r) for r in qr.matrix]
    module = op.size / len(rows)
    top = layout.PAGE_H - op.top
    path = c.beginPath()
    for y, row in enumerate(rows):
        x = 0
        while x < len(row):
            if row[x]:
                run = x
                while run < len(row) and row[run]:
                    run += 1
                path.rect(op.x + x * module, top - (y + 1) * module, (run - x) * module, module)
                x = run
            else:
                x += 1
    c.setFillColor(_COLORS[layout.BLACK])
    c.drawPath(path, stroke=0, fill=1)


def _draw_page(
    c: canvas.Canvas, page: Page, fonts: FontMap, draft: bool, photos: Sequence[ImageReader]
) -> None:
    for op in page.ops:
        if isinstance(op, TextOp):
            t = c.beginText()
            t.setFont(fonts[op.role].name, op.size)
            t.setCharSpace(op.char_space)
            t.setFillColor(_COLORS[op.color])
            t.setTextOrigin(op.x, layout.PAGE_H - op.baseline)
            t.textOut(op.text)
            c.drawText(t)
        elif isinstance(op, RuleOp):
            c.setStrokeColor(_COLORS[op.color])
            c.setLineWidth(op.thickness)
            c.line(op.x0, layout.PAGE_H - op.y0, op.x1, layout.PAGE_H - op.y1)
        elif isinstance(op, ImageOp):
            y = layout.PAGE_H - op.top - op.height
            c.drawImage(photos[op.index], op.x, y, op.width, op.height)
        else:
            _draw_qr(c, op)
    if draft:
        _draw_draft_mark(c, fonts)


def _draw_draft_mark(c: canvas.Canvas, fonts: FontMap) -> None:
    """A large pale 草稿 across the page and a boxed stamp where the number goes."""
    c.saveState()
    c.setFillColor(Color(0.85, 0.0, 0.0, alpha=0.12))
    c.translate(layout.PAGE_W / 2, layout.PAGE_H / 2)
    c.rotate(45)
    c.setFont(fonts[FontRole.HEITI].name, 160)
    c.drawCentredString(0, -56, "草稿")
    c.restoreState()
    c.saveState()
    c.setStrokeColor(_RED)
    c.setFillColor(_RED)
    c.setLineWidth(1.5)
    x, y = layout.BLOCK_RIGHT - 30 * layout.MM, layout.PAGE_H - layout.BLOCK_TOP + 6 * layout.MM
    c.rect(x, y, 30 * layout.MM, 11 * layout.MM, stroke=1, fill=0)
    c.setFont(fonts[FontRole.HEITI].name, 20)
    c.drawCentredString(x + 15 * layout.MM, y + 3.2 * layout.MM, "草稿")
    c.restoreState()


def render_letter(letter: LetterContent, *, draft: bool, fonts: FontMap | None = None) -> bytes:
    """Render a letter (its 附件 photos, then its 送达回执) to PDF bytes; a draft carries 草稿."""
    fonts = fonts or font_map()
    _check(letter, fonts, draft)
    photos = _read_photos(letter.appendix)
    pages = _layout(letter, draft, fonts, photos)

    buf = io.BytesIO()
    # The initial font is ours, so no unembedded Helvetica enters the file.
    c = canvas.Canvas(
        buf,
        pagesize=(layout.PAGE_W, layout.PAGE_H),
        invariant=1,
        initialFontName=fonts[FontRole.FANGSONG].name,
        initialFontSize=layout.BODY_SIZE,
    )
    c.setTitle(letter.title)
    c.setAuthor(letter.issuing_body)
    c.setCreator("HallWatch")
    c.setSubject(KIND_TITLES[letter.kind])
    for page in pages:
        _draw_page(c, page, fonts, draft, photos)
        c.showPage()
    c.save()
    return buf.getvalue()


def letter_pages(letter: LetterContent, *, draft: bool, fonts: FontMap | None = None) -> list[Page]:
    """Check and lay out a letter without drawing it: every page with its placed ops."""
    fonts = fonts or font_map()
    _check(letter, fonts, draft)
    return _layout(letter, draft, fonts, _read_photos(letter.appendix))


def _layout(
    letter: LetterContent, draft: bool, fonts: FontMap, photos: Sequence[ImageReader]
) -> list[Page]:
    number_text = (
        ""
        if draft or letter.number is None
        else format_number(letter.code, letter.year, letter.number)
    )
    text = LetterText(
        issuing_body=letter.issuing_body,
        number_text=number_text,
        title=letter.title,
        addressee=letter.addressee,
        paragraphs=letter.paragraphs,
        signer_body=letter.signer_body,
        date_text=format_date(letter.date),
        copied_to=letter.copied_to,
        printed_by=letter.printed_by,
        printed_date_text=format_date(letter.printed_date or letter.date),
        verify_url=letter.verify_url,
        appendix_title=layout.APPENDIX_TITLE if letter.appendix else "",
    )

    def measure(ch: str, role: FontRole, size: float) -> float:
        return _width(fonts[role].name, ch, size)

    metrics = Metrics(
        ascent={r: f.ascent for r, f in fonts.items()},
        descent={r: f.descent for r, f in fonts.items()},
    )
    # With an appendix, the 版记 closes the document after it (GB/T 9704: 附件 come
    # before the 版记); the receipt is a separate slip and comes last either way.
    pages = layout.layout_letter(text, measure, metrics, colophon=not photos)
    if photos:
        items = []
        for photo, reader in zip(letter.appendix, photos, strict=True):
            width, height = reader.getSize()
            items.append(AppendixItem(int(width), int(height), photo.caption))
        pages.extend(layout.layout_appendix(items, len(pages) + 1, measure, metrics))
        pages.append(layout.layout_colophon_page(text, len(pages) + 1, measure, metrics))
    if letter.kind is LetterKind.SUPERVISION:
        # A 督办通知书 travels with the form the unit returns (DOMAIN: letters).
        pages.append(
            layout.layout_feedback_form(
                letter.title, number_text, letter.addressee, measure, metrics
            )
        )
    if letter.receipt:
        pages.append(
            layout.layout_receipt(
                letter.title, number_text, letter.addressee, letter.signer_body, measure, metrics
            )
        )
    return pages

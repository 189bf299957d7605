"""GB/T 9704-2012 geometry: where every line of a letter goes. Pure, no drawing.

Units are PDF points; y is measured down from the top edge of the page (the
renderer flips it). The body sits on the standard grid: 22 lines of 28
characters in a 156 × 225 mm text block, 37 mm from the top and 28 mm from the
left edge.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field

from hallwatch.domain.errors import FieldError
from hallwatch.letters.fonts import FontRole

MM = 72 / 25.4
PAGE_W = 210 * MM
PAGE_H = 297 * MM
BLOCK_LEFT = 28 * MM
BLOCK_TOP = 37 * MM
BLOCK_W = 156 * MM
BLOCK_H = 225 * MM
BLOCK_RIGHT = BLOCK_LEFT + BLOCK_W
BLOCK_BOTTOM = BLOCK_TOP + BLOCK_H
LINES = 22
CHARS = 28
LINE_PITCH = BLOCK_H / LINES  # 28.99 pt
CHAR_PITCH = BLOCK_W / CHARS  # 15.79 pt: 16 pt glyphs set 0.21 pt tight
BODY_SIZE = 16.0  # 3号
TITLE_SIZE = 22.0  # 2号
SMALL_SIZE = 14.0  # 4号: 版记, page numbers
MARK_MAX_SIZE = 15 * MM  # GB/T: mark characters at most 15 mm wide
MARK_GAP = 35 * MM  # block top to the top of the issuing-body mark
RED_LINE_GAP = 4 * MM
RED_LINE_WIDTH = 2.25  # the common 2.25 pt rule
PAGE_NO_GAP = 7 * MM
QR_SIZE = 19 * MM
QR_ROWS = 2  # grid rows kept free above the 版记 for the QR code
APPENDIX_TITLE = "现场照片"
CAPTION_SIZE = 12.0  # 小四: a 64-digit SHA-256 about fills one line of the block
CAPTION_LEADING = 1.5 * CAPTION_SIZE
PHOTOS_PER_PAGE = 2
PHOTO_GAP = 2 * MM  # photo to its caption
RECEIPT_LEADING = 1.5 * SMALL_SIZE

# Simple kinsoku: these never start a line, those never end one.
NO_LINE_START = frozenset("。，、；：？！）」』”’》〉】〕…·%‰.,;:?!)]}")
NO_LINE_END = frozenset("（「『“‘《〈【〔([{")

# Natural advance of one character in points: (char, role, size) -> width.
Measure = Callable[[str, FontRole, float], float]

BLACK = "black"
RED = "red"


@dataclass(frozen=True)
class TextOp:
    x: float
    baseline: float  # from the page top
    text: str
    role: FontRole
    size: float
    char_space: float = 0.0
    color: str = BLACK


@dataclass(frozen=True)
class RuleOp:
    """A straight line; y is measured from the page top."""

    x0: float
    y0: float
    x1: float
    y1: float
    thickness: float
    color: str = BLACK


def hrule(x0: float, x1: float, y: float, thickness: float, color: str = BLACK) -> RuleOp:
    return RuleOp(x0, y, x1, y, thickness, color)


@dataclass(frozen=True)
class QrOp:
    x: float
    top: float
    size: float
    data: str


@dataclass(frozen=True)
class ImageOp:
    """A photo of the appendix, scaled into this box; `index` is its place in the appendix."""

    x: float
    top: float
    width: float
    height: float
    index: int


Op = TextOp | RuleOp | QrOp | ImageOp


@dataclass
class Page:
    ops: list[Op] = field(default_factory=list)
    number: int | None = None  # printed "— n —"; None on the receipt


@dataclass(frozen=True)
class Row:
    """One grid row of flowing text, before it is given a page and row."""

    text: str
    role: FontRole
    size: float = BODY_SIZE
    x: float = BLOCK_LEFT
    char_space: float = CHAR_PITCH - BODY_SIZE
    color: str = BLACK


def baseline_for_row(row: float, size: float, ascent: float, descent: float) -> float:
    """Baseline that centres a glyph box of this size in grid row `row` (0 = top row)."""
    centre = BLOCK_TOP + (row + 0.5) * LINE_PITCH
    return centre + (ascent + descent) * size / 2


def text_width(
    text: str, role: FontRole, size: float, char_space: float, measure: Measure
) -> float:
    """Advance of a string drawn with this character spacing."""
    return sum(measure(ch, role, size) + char_space for ch in text)


def _is_word_char(ch: str) -> bool:
    """Latin letters, digits and ASCII signs: what codes, numbers and URLs are made of."""
    return "!" <= ch <= "~"


def _can_break(text: str, p: int) -> bool:
    """Whether a line may end before text[p]: not inside a word, not against kinsoku."""
    before, after = text[p - 1], text[p]
    if _is_word_char(before) and _is_word_char(after):
        return False
    return after not in NO_LINE_START and before not in NO_LINE_END


def _char_break(text: str, start: int, i: int) -> int:
    """Break per character at i, backing off so no closing mark starts the next line."""
    while i - start > 1 and text[i] in NO_LINE_START:
        i -= 1
    while i - start > 1 and text[i - 1] in NO_LINE_END:
        i -= 1
    return i


def wrap(
    text: str,
    role: FontRole,
    size: float,
    char_space: float,
    measure: Measure,
    first_width: float,
    width: float,
) -> list[str]:
    """Break text into lines that fit: CJK per character with kinsoku, ASCII words whole.

    An ASCII word (a code like ZW-03, a number, a URL) moves to the next line
    whole; only a word longer than a full line is broken, where the line ends.
    A space at a break is dropped.
    """
    lines: list[str] = []
    start = 0
    n = len(text)
    avail = first_width
    while start < n:
        used = 0.0
        i = start
        while i < n:
            adv = measure(text[i], role, size) + char_space
            # The last character's space after it does not count against the edge.
            if used + adv - char_space > avail + 0.01:
                break
            used += adv
            i += 1
        if i == start:  # a character wider than the line: put it alone
            i = start + 1
        if i < n:
            i = _break_at(text, start, i, role, size, char_space, measure, width)
        lines.append(text[start:i].rstrip(" ") if i < n else text[start:i])
        start = i
        while start < n and text[start] == " ":
            start += 1
        avail = width
    return lines or [""]


def _break_at(
    text: str,
    start: int,
    i: int,
    role: FontRole,
    size: float,
    char_space: float,
    measure: Measure,
    width: float,
) -> int:
    """Where a line that could hold text[start:i] ends; i < len(text)."""
    if _is_word_char(text[i - 1]) and _is_word_char(text[i]):
        word_start = i - 1
        while word_start > start and _is_word_char(text[word_start - 1]):
            word_start -= 1
        word_end = i
        while word_end < len(text) and _is_word_char(text[word_end]):
            word_end += 1
        word = text[word_start:word_end]
        if text_width(word, role, size, char_space, measure) - char_space > width + 0.01:
            return _char_break(text, start, i)  # it cannot fit any line: break it here
    p = i
    while p > start and not _can_break(text, p):
        p -= 1
    return p if p > start else _char_break(text, start, i)


def paragraph_rows(level: int, text: str, measure: Measure) -> list[Row]:
    """Rows of one body paragraph: 2-character first-line indent; level picks the font."""
    role = {1: FontRole.HEITI, 2: FontRole.KAITI}.get(level, FontRole.FANGSONG)
    space = CHAR_PITCH - BODY_SIZE
    indent = 2 * CHAR_PITCH
    lines = wrap(text, role, BODY_SIZE, space, measure, BLOCK_W - indent, BLOCK_W)
    return [
        Row(line, role, x=BLOCK_LEFT + (indent if k == 0 else 0.0)) for k, line in enumerate(lines)
    ]


def centred_rows(text: str, role: FontRole, size: float, measure: Measure) -> list[Row]:
    """Rows of a centred heading (the title), wrapped to the block width."""
    rows = []
    for line in wrap(text, role, size, 0.0, measure, BLOCK_W, BLOCK_W):
        w = text_width(line, role, size, 0.0, measure)
        rows.append(Row(line, role, size, x=BLOCK_LEFT + (BLOCK_W - w) / 2, char_space=0.0))
    return rows


@dataclass(frozen=True)
class Metrics:
    """Vertical metrics per role, per 1 pt of size."""

    ascent: dict[FontRole, float]
    descent: dict[FontRole, float]


@dataclass(frozen=True)
class LetterText:
    """What the layout needs, already checked and formatted."""

    issuing_body: str
    number_text: str  # "" for a draft
    title: str
    addressee: str
    paragraphs: Sequence[tuple[int, str]]
    signer_body: str
    date_text: str
    copied_to: str  # "" for none
    printed_by: str
    printed_date_text: str
    verify_url: str | None
    appendix_title: str = ""  # names the attachment under the body; "" for none


def _row_op(row: Row, grid_row: float, m: Metrics) -> TextOp:
    base = baseline_for_row(grid_row, row.size, m.ascent[row.role], m.descent[row.role])
    return TextOp(row.x, base, row.text, row.role, row.size, row.char_space, row.color)


def _centred_baseline(centre: float, role: FontRole, size: float, m: Metrics) -> float:
    """Baseline that centres a glyph box of this size on the line y = centre."""
    return centre + (m.ascent[role] + m.descent[role]) * size / 2


def _header(letter: LetterText, measure: Measure, m: Metrics) -> tuple[list[Op], int]:
    """Mark, number and red line of page 1; returns the ops and the title's grid row."""
    ops: list[Op] = []
    mark_role = FontRole.XIAOBIAOSONG
    n = max(len(letter.issuing_body), 1)
    size = min(MARK_MAX_SIZE, BLOCK_W / n)
    w = text_width(letter.issuing_body, mark_role, size, 0.0, measure)
    mark_top = BLOCK_TOP + MARK_GAP
    ops.append(
        TextOp(
            BLOCK_LEFT + (BLOCK_W - w) / 2,
            mark_top + m.ascent[mark_role] * size,
            letter.issuing_body,
            mark_role,
            size,
            color=RED,
        )
    )
    mark_bottom_row = math.ceil((mark_top + size - BLOCK_TOP) / LINE_PITCH)
    number_row = mark_bottom_row + 2
    fs = FontRole.FANGSONG
    if letter.number_text:
        nw = text_width(letter.number_text, fs, BODY_SIZE, 0.0, measure)
        number = Row(letter.number_text, fs, x=BLOCK_LEFT + (BLOCK_W - nw) / 2, char_space=0.0)
        ops.append(_row_op(number, number_row, m))
    number_base = baseline_for_row(number_row, BODY_SIZE, m.ascent[fs], m.descent[fs])
    red_y = number_base - m.descent[fs] * BODY_SIZE + RED_LINE_GAP
    ops.append(hrule(BLOCK_LEFT, BLOCK_RIGHT, red_y, RED_LINE_WIDTH, RED))
    title_row = math.ceil((red_y - BLOCK_TOP) / LINE_PITCH) + 2
    return ops, title_row


def _appendix_note_rows(title: str, measure: Measure) -> list[Row]:
    """附件说明: "附件：" two characters in; a second line aligns with the name."""
    fs = FontRole.FANGSONG
    space = CHAR_PITCH - BODY_SIZE
    indent = 2 * CHAR_PITCH
    hang = indent + 3 * CHAR_PITCH
    lines = wrap(f"附件：{title}", fs, BODY_SIZE, space, measure, BLOCK_W - indent, BLOCK_W - hang)
    return [
        Row(line, fs, x=BLOCK_LEFT + (indent if k == 0 else hang)) for k, line in enumerate(lines)
    ]


def _closing_rows(letter: LetterText, measure: Measure) -> list[Row | None]:
    """Blank rows for the seal, then the issuing body centred over the date."""
    fs = FontRole.FANGSONG
    space = CHAR_PITCH - BODY_SIZE
    date_w = text_width(letter.date_text, fs, BODY_SIZE, space, measure) - space
    date_x = BLOCK_RIGHT - 4 * CHAR_PITCH - date_w
    signer_w = text_width(letter.signer_body, fs, BODY_SIZE, space, measure) - space
    signer_x = min(date_x + (date_w - signer_w) / 2, BLOCK_RIGHT - signer_w)
    return [
        None,
        None,
        Row(letter.signer_body, fs, x=max(signer_x, BLOCK_LEFT)),
        Row(letter.date_text, fs, x=date_x),
    ]


def _colophon(letter: LetterText, measure: Measure, m: Metrics) -> tuple[list[Op], int]:
    """版记 on the last rows of the block; returns its ops and its first grid row."""
    fs = FontRole.FANGSONG
    space = CHAR_PITCH * SMALL_SIZE / BODY_SIZE - SMALL_SIZE
    inset = SMALL_SIZE  # one character in from each side
    rows: list[Row] = []
    if letter.copied_to:
        text = f"抄送：{letter.copied_to}"
        if not text.endswith("。"):
            text += "。"
        lines = wrap(text, fs, SMALL_SIZE, space, measure, BLOCK_W - 2 * inset, BLOCK_W - 5 * inset)
        for k, line in enumerate(lines):
            x = BLOCK_LEFT + inset + (0 if k == 0 else 3 * SMALL_SIZE)
            rows.append(Row(line, fs, SMALL_SIZE, x=x, char_space=space))
    printed = f"{letter.printed_date_text}印发"
    pw = text_width(printed, fs, SMALL_SIZE, space, measure) - space
    first = LINES - len(rows) - 1
    ops: list[Op] = [_row_op(r, first + k, m) for k, r in enumerate(rows)]
    last = LINES - 1
    ops.append(_row_op(Row(letter.printed_by, fs, SMALL_SIZE, BLOCK_LEFT + inset, space), last, m))
    ops.append(_row_op(Row(printed, fs, SMALL_SIZE, BLOCK_RIGHT - inset - pw, space), last, m))
    top_y = BLOCK_TOP + first * LINE_PITCH
    ops.append(hrule(BLOCK_LEFT, BLOCK_RIGHT, top_y, 0.35 * MM))
    if rows:
        ops.append(hrule(BLOCK_LEFT, BLOCK_RIGHT, BLOCK_TOP + last * LINE_PITCH, 0.25 * MM))
    ops.append(hrule(BLOCK_LEFT, BLOCK_RIGHT, BLOCK_BOTTOM, 0.35 * MM))
    return ops, first


def _page_number_op(n: int, measure: Measure, m: Metrics) -> TextOp:
    text = f"— {n} —"
    role = FontRole.SONGTI
    w = text_width(text, role, SMALL_SIZE, 0.0, measure)
    x = BLOCK_RIGHT - SMALL_SIZE - w if n % 2 else BLOCK_LEFT + SMALL_SIZE
    base = BLOCK_BOTTOM + PAGE_NO_GAP + m.ascent[role] * SMALL_SIZE
    return TextOp(x, base, text, role, SMALL_SIZE)


def layout_letter(
    letter: LetterText, measure: Measure, m: Metrics, *, colophon: bool = True
) -> list[Page]:
    """Pages of the letter proper (without the receipt), every op placed.

    colophon=False leaves the QR code and the 版记 out: with an appendix they go on
    a page of their own after it (`layout_colophon_page`), as the 版记 closes the
    whole document.
    """
    header, title_row = _header(letter, measure, m)
    flow: list[Row | None] = [
        *centred_rows(letter.title, FontRole.XIAOBIAOSONG, TITLE_SIZE, measure)
    ]
    flow.append(None)
    if letter.addressee:
        addressee = letter.addressee.rstrip(":：") + "："
        space = CHAR_PITCH - BODY_SIZE
        for line in wrap(addressee, FontRole.FANGSONG, BODY_SIZE, space, measure, BLOCK_W, BLOCK_W):
            flow.append(Row(line, FontRole.FANGSONG))
    for level, text in letter.paragraphs:
        for part in text.splitlines():
            if part.strip():
                flow.extend(paragraph_rows(level, part.strip(), measure))
    if letter.appendix_title:
        flow.append(None)
        flow.extend(_appendix_note_rows(letter.appendix_title, measure))
    flow.extend(_closing_rows(letter, measure))

    colophon_ops, colophon_row = _colophon(letter, measure, m)
    reserve_end = colophon_row - 1  # one blank row above the 版记
    qr_row = reserve_end - QR_ROWS if letter.verify_url else reserve_end

    closing_start = len(flow) - 4
    placed, n_pages, end_row = _place(flow, title_row, None, closing_start)
    signer_page = next(pg for pg, _r, i in placed if i == len(flow) - 2)
    date_page = next(pg for pg, _r, i in placed if i == len(flow) - 1)
    body_on_signer_page = any(pg == signer_page and i < closing_start for pg, _r, i in placed)
    if signer_page != date_page or not body_on_signer_page:
        # The signer and date never stand alone on a page (GB/T 9704 7.3.5): the
        # last two body rows go over with them, so the seal still presses on text.
        body = [i for _pg, _r, i in placed if i < closing_start]
        cut = body[-2] if len(body) >= 2 else None
        placed, n_pages, end_row = _place(flow, title_row, cut, closing_start)
    if colophon and end_row > qr_row:
        # No room left for the QR code and the 版记: they take a page of their
        # own, the 版记 on the bottom of the block as on any last page.
        n_pages += 1
    pages = [Page() for _ in range(n_pages)]
    pages[0].ops.extend(header)
    for page_index, grid_row, index in placed:
        item = flow[index]
        assert item is not None
        pages[page_index].ops.append(_row_op(item, grid_row, m))
    if colophon:
        pages[-1].ops.extend(_colophon_and_qr(letter, colophon_ops, qr_row, m))
    for k, page in enumerate(pages, start=1):
        page.number = k
        page.ops.append(_page_number_op(k, measure, m))
    return pages


def _colophon_and_qr(
    letter: LetterText, colophon_ops: list[Op], qr_row: int, m: Metrics
) -> list[Op]:
    ops = list(colophon_ops)
    if letter.verify_url:
        qr_top = BLOCK_TOP + qr_row * LINE_PITCH + (QR_ROWS * LINE_PITCH - QR_SIZE) / 2
        ops.append(QrOp(BLOCK_LEFT, qr_top, QR_SIZE, letter.verify_url))
        caption = Row("扫码核验", FontRole.FANGSONG, 10.5, BLOCK_LEFT + QR_SIZE + 4 * MM, 0.0)
        ops.append(_row_op(caption, qr_row + QR_ROWS - 1, m))
    return ops


def layout_colophon_page(letter: LetterText, number: int, measure: Measure, m: Metrics) -> Page:
    """The last page of a letter with an appendix: the QR code and the 版记 alone."""
    colophon_ops, colophon_row = _colophon(letter, measure, m)
    qr_row = colophon_row - 1 - QR_ROWS
    ops = _colophon_and_qr(letter, colophon_ops, qr_row, m)
    ops.append(_page_number_op(number, measure, m))
    return Page(ops=ops, number=number)


def _place(
    flow: Sequence[Row | None], first_row: int, break_before: int | None, closing_start: int
) -> tuple[list[tuple[int, int, int]], int, int]:
    """Give each flow row a (page, grid row, flow index); returns them, pages, end row."""
    placed: list[tuple[int, int, int]] = []
    page, row = 0, first_row
    for index, item in enumerate(flow):
        # A heading (黑体 "一、", 楷体 "（一）") never ends a page: it goes with its text.
        heading_at_foot = (
            row == LINES - 1
            and item is not None
            and item.role in (FontRole.HEITI, FontRole.KAITI)
            and index + 1 < closing_start
        )
        if row >= LINES or index == break_before or heading_at_foot:
            page, row = page + 1, 0
            # Blank rows vanish at a page top, except the seal space.
            if item is None and index < closing_start:
                continue
        if item is not None:
            placed.append((page, row, index))
        row += 1
    return placed, page + 1, row


RECEIPT_LABELS = (
    "文书名称",
    "文    号",
    "受送达人",
    "送达地点",
    "送达方式",
    "送 达 人",
    "送达时间",
    "受送达人签名",
    "备    注",
)


def layout_receipt(
    doc_title: str,
    number_text: str,
    addressee: str,
    issuing_body: str,
    measure: Measure,
    m: Metrics,
) -> Page:
    """送达回执 on its own page: title, then a two-column table whose rows grow to fit."""
    values = {
        "文书名称": doc_title,
        "文    号": number_text or "（草稿，未编号）",
        "受送达人": addressee.rstrip(":："),
        "送达方式": "□直接送达  □留置送达  □邮寄送达  □电子送达",
        "送达时间": "        年    月    日    时    分",
    }
    heights = {"受送达人签名": 3.0, "备    注": 2.0}  # in grid rows; others 1.5
    rows = [(label, values.get(label, ""), heights.get(label, 1.5)) for label in RECEIPT_LABELS]
    return layout_form("送达回执", rows, f"{issuing_body}（印章）", measure, m)


def layout_feedback_form(
    doc_title: str,
    number_text: str,
    addressee: str,
    measure: Measure,
    m: Metrics,
) -> Page:
    """督办事项反馈表: the form a unit fills in, stamps and returns for a 督办通知书."""
    unit = addressee.rstrip(":：")
    rows = [
        ("督办文号", number_text or "（草稿，未编号）", 1.5),
        ("督办事项", doc_title, 1.5),
        ("承办单位", unit, 1.5),
        ("办理情况及整改措施", "", 6.5),
        ("承 办 人", "", 1.5),
        ("联系电话", "", 1.5),
        ("单位负责人", "", 1.5),
        ("反馈时间", "        年    月    日", 1.5),
    ]
    return layout_form("督办事项反馈表", rows, f"{unit}（盖章）", measure, m)


def layout_form(
    title: str,
    rows: Sequence[tuple[str, str, float]],
    note: str,
    measure: Measure,
    m: Metrics,
) -> Page:
    """A slip on its own page: a title, a (label, value, rows high) table, a closing note.

    A value wraps in its cell and makes its row taller; empty rows leave room to
    write by hand. The page carries no page number (it is not part of the letter).
    """
    ops: list[Op] = []
    tw = text_width(title, FontRole.XIAOBIAOSONG, TITLE_SIZE, 0.0, measure)
    ops.append(
        _row_op(
            Row(title, FontRole.XIAOBIAOSONG, TITLE_SIZE, BLOCK_LEFT + (BLOCK_W - tw) / 2, 0.0),
            1,
            m,
        )
    )
    fs = FontRole.FANGSONG
    size = SMALL_SIZE
    label_w = 7 * size
    value_x = BLOCK_LEFT + label_w + size / 2
    value_w = BLOCK_RIGHT - size / 2 - value_x
    top = BLOCK_TOP + 3 * LINE_PITCH
    ops.append(hrule(BLOCK_LEFT, BLOCK_RIGHT, top, 0.35 * MM))
    y = top
    for label, value, high in rows:
        lines = wrap(value, fs, size, 0.0, measure, value_w, value_w) if value else []
        # Room to write by hand; a long value makes its row taller, half a character
        # above and below.
        h = max(high * LINE_PITCH, len(lines) * RECEIPT_LEADING + size)
        label_lines = wrap(label, fs, size, 0.0, measure, label_w - size, label_w - size)
        label_top = y + (h - len(label_lines) * RECEIPT_LEADING) / 2
        for k, text in enumerate(label_lines):
            lw = text_width(text, fs, size, 0.0, measure)
            base = _centred_baseline(label_top + (k + 0.5) * RECEIPT_LEADING, fs, size, m)
            ops.append(TextOp(BLOCK_LEFT + (label_w - lw) / 2, base, text, fs, size))
        lines_top = y + (h - len(lines) * RECEIPT_LEADING) / 2
        for k, line in enumerate(lines):
            base = _centred_baseline(lines_top + (k + 0.5) * RECEIPT_LEADING, fs, size, m)
            ops.append(TextOp(value_x, base, line, fs, size))
        y += h
        ops.append(hrule(BLOCK_LEFT, BLOCK_RIGHT, y, 0.35 * MM))
    for x in (BLOCK_LEFT, BLOCK_LEFT + label_w, BLOCK_RIGHT):
        ops.append(RuleOp(x, top, x, y, 0.35 * MM))
    for k, line in enumerate(wrap(note, fs, size, 0.0, measure, BLOCK_W, BLOCK_W)):
        nw = text_width(line, fs, size, 0.0, measure)
        base = _centred_baseline(y + (1.5 + k) * LINE_PITCH, fs, size, m)
        ops.append(TextOp(BLOCK_RIGHT - nw, base, line, fs, size))
    return Page(ops=ops, number=None)


@dataclass(frozen=True)
class AppendixItem:
    """What the layout needs of one photo: its size in pixels and its caption lines."""

    width: int
    height: int
    caption: tuple[str, ...]


def layout_appendix(
    items: Sequence[AppendixItem], first_number: int, measure: Measure, m: Metrics
) -> list[Page]:
    """附件 pages: a 黑体 heading, then photos two to a page, each above its caption.

    Raises FieldError naming `appendix[k]` (from 1) when a caption is so long
    that it would leave its photo less than half of its slot.
    """
    heading = Row(f"附件：{APPENDIX_TITLE}", FontRole.HEITI)
    area_top = BLOCK_TOP + 1.5 * LINE_PITCH  # the heading row, then half a row
    slot_gap = 0.5 * LINE_PITCH
    slot_h = (BLOCK_BOTTOM - area_top - (PHOTOS_PER_PAGE - 1) * slot_gap) / PHOTOS_PER_PAGE
    fs = FontRole.FANGSONG
    pages: list[Page] = []
    for k, item in enumerate(items):
        slot = k % PHOTOS_PER_PAGE
        if slot == 0:
            number = first_number + len(pages)
            head: list[Op] = [_row_op(heading, 0, m), _page_number_op(number, measure, m)]
            pages.append(Page(ops=head, number=number))
        page = pages[-1]
        lines = [
            line
            for text in item.caption
            for line in wrap(text, fs, CAPTION_SIZE, 0.0, measure, BLOCK_W, BLOCK_W)
        ]
        box_h = slot_h - PHOTO_GAP - len(lines) * CAPTION_LEADING
        if box_h < slot_h / 2:
            raise FieldError(
                f"appendix[{k + 1}]",
                f"appendix[{k + 1}]: the caption takes {len(lines)} lines and leaves "
                "too little room for the photo",
                "shorten the caption",
                code="caption_too_long",
                params=(len(lines),),
            )
        scale = min(BLOCK_W / max(item.width, 1), box_h / max(item.height, 1))
        w, h = item.width * scale, item.height * scale
        top = area_top + slot * (slot_h + slot_gap)
        page.ops.append(ImageOp(BLOCK_LEFT + (BLOCK_W - w) / 2, top, w, h, k))
        caption_top = top + h + PHOTO_GAP
        for n, line in enumerate(lines):
            lw = text_width(line, fs, CAPTION_SIZE, 0.0, measure)
            base = _centred_baseline(caption_top + (n + 0.5) * CAPTION_LEADING, fs, CAPTION_SIZE, m)
            page.ops.append(TextOp(BLOCK_LEFT + (BLOCK_W - lw) / 2, base, line, fs, CAPTION_SIZE))
    return pages

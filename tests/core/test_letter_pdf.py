"""Letters rendered to real PDFs, read back with pypdf and pdfplumber."""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path
from typing import Any

import cv2
import numpy as np
import pdfplumber
import pypdf
import pytest

from hallwatch.domain.enums import LetterKind
from hallwatch.domain.errors import FieldError
from hallwatch.letters import layout as L
from hallwatch.letters.fonts import FontRole, LetterTextError, font_map
from hallwatch.letters.render import AppendixPhoto, LetterContent, letter_pages, render_letter

MM = 72 / 25.4
TOL = 1 * MM
BLOCK = (28 * MM, 37 * MM, (28 + 156) * MM, (37 + 225) * MM)  # x0, top, x1, bottom
VERIFY = "https://hallwatch.example.gov.cn/verify/L-2026-0007?h=3f5a9c21"


def _letter(**changes: object) -> LetterContent:
    letter = LetterContent(
        kind=LetterKind.WARNING,
        issuing_body="某市政务服务管理局",
        code="某政务效告",
        year=2026,
        number=7,
        title="关于对张某某同志的效能告诫书",
        addressee="市民中心第三窗口工作人员张某某",
        paragraphs=[
            (
                0,
                "根据《某市政务服务大厅窗口效能监察办法》，效能监察组于2026年3月9日9时05分"
                "对市民中心政务服务大厅进行现场检查，发现你存在以下问题。",
            ),
            (1, "一、基本事实"),
            (
                0,
                "你在第三窗口当班期间离开岗位，未放置提示牌，期间有4名办事群众在窗口等候，"
                "平均等候时间为23分钟。" * 3,
            ),
            (2, "（一）整改要求"),
            (0, "请你于收到本告诫书之日起5个工作日内提交书面整改报告。"),
        ],
        signer_body="某市政务服务管理局",
        date=dt.date(2026, 3, 9),
        copied_to="市民中心管理办公室",
        printed_by="某市政务服务管理局办公室",
        printed_date=dt.date(2026, 3, 9),
        verify_url=VERIFY,
        receipt=True,
    )
    return dataclasses.replace(letter, **changes)  # type: ignore[arg-type]


@pytest.fixture(scope="module")
def pdf() -> bytes:
    return render_letter(_letter(), draft=False)


def _pages_text(data: bytes) -> list[str]:
    return [p.extract_text() or "" for p in pypdf.PdfReader(io.BytesIO(data)).pages]


def test_letter_pdf_is_a4_with_receipt_page(pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    for page in reader.pages:
        assert float(page.mediabox.width) == pytest.approx(210 * MM, abs=0.5)
        assert float(page.mediabox.height) == pytest.approx(297 * MM, abs=0.5)
    texts = _pages_text(pdf)
    assert len(texts) >= 2
    assert "送达回执" in texts[-1].replace(" ", "")
    assert all("送达回执" not in t.replace(" ", "") for t in texts[:-1])


def test_letter_pdf_body_chars_inside_text_block(pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        letter_pages = doc.pages[:-1]
        checked = 0
        for page in letter_pages:
            for ch in page.chars:
                # Page numbers sit 7 mm below the block by design.
                if ch["top"] > (37 + 225) * MM + TOL or not ch["text"].strip():
                    continue
                assert ch["x0"] >= 28 * MM - TOL, ch
                assert ch["x1"] <= (28 + 156) * MM + TOL, ch
                assert ch["top"] >= 37 * MM - TOL, ch
                assert ch["bottom"] <= (37 + 225) * MM + TOL, ch
                checked += 1
        assert checked > 200


def test_letter_pdf_sizes_and_line_pitch(pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        chars = doc.pages[0].chars
    title = [c for c in chars if 20 < c["size"] < 24]
    assert "".join(c["text"] for c in title) == "关于对张某某同志的效能告诫书"
    assert all(c["size"] == pytest.approx(22, abs=0.1) for c in title)
    body = [c for c in chars if c["size"] == pytest.approx(16, abs=0.1)]
    assert len(body) > 100
    lines = sorted({round(c["bottom"], 1) for c in body})
    pitches = [b - a for a, b in itertools.pairwise(lines)]
    body_pitches = [p for p in pitches if p < 35]
    assert len(body_pitches) >= 5
    for p in body_pitches:
        assert p == pytest.approx(225 * MM / 22, abs=0.3)  # 28.99 pt


def test_letter_pdf_body_wraps_at_28_chars_with_indent(pdf: bytes) -> None:
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        words = doc.pages[0].extract_text_lines()
    body = [w["text"] for w in words if w["chars"][0]["size"] == pytest.approx(16, abs=0.1)]
    # The long paragraph's first line has 26 characters after a 2-character indent.
    first = next(t for t in body if t.startswith("你在第三窗口"))
    assert len(first) <= 26
    line = next(w for w in words if w["text"].startswith("你在第三窗口"))
    assert line["x0"] == pytest.approx(28 * MM + 2 * 156 * MM / 28, abs=0.5)
    assert all(t[0] not in "。，、；：？！）" for t in body)


def test_letter_pdf_number_and_date_format(pdf: bytes) -> None:
    text = "".join(_pages_text(pdf)).replace(" ", "")
    assert "某政务效告\u3014" + "2026\u30157号" in text
    assert not re.search(r"〔2026〕0", text)
    assert "2026年3月9日" in text
    assert "03月" not in text
    assert "09日" not in text


def test_letter_pdf_fonts_embedded(pdf: bytes) -> None:
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen = 0
    for page in reader.pages:
        fonts = page["/Resources"]["/Font"]
        for ref in fonts.values():
            font = ref.get_object()
            for desc_font in font.get("/DescendantFonts", [font]):
                desc = desc_font.get_object()["/FontDescriptor"].get_object()
                assert "/FontFile2" in desc, font
                seen += 1
    assert seen > 0


@pytest.mark.skipif(shutil.which("pdftoppm") is None, reason="needs poppler-utils")
def test_letter_pdf_qr_decodes_to_verify_url(pdf: bytes, tmp_path: Path) -> None:
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    n = len(pypdf.PdfReader(io.BytesIO(pdf)).pages)
    last_letter_page = n - 1
    subprocess.run(
        [
            "pdftoppm",
            "-png",
            "-r",
            "200",
            "-f",
            str(last_letter_page),
            "-l",
            str(last_letter_page),
            str(path),
            str(tmp_path / "p"),
        ],
        check=True,
    )
    png = next(tmp_path.glob("p-*.png"))
    image = cv2.imread(str(png))
    # The plain cv2.QRCodeDetector misses about one page in 25 at 200 dpi (so would
    # the test, at random); the Aruco-based one finds them all.
    data, _points, _ = cv2.QRCodeDetectorAruco().detectAndDecode(image)
    assert data == VERIFY


def test_letter_pdf_draft_has_mark_and_no_number() -> None:
    data = render_letter(_letter(number=None), draft=True)
    text = "".join(_pages_text(data)).replace(" ", "")
    assert "草稿" in text
    assert "\u3014" not in text
    assert "\u3015" not in text
    # A draft of a letter that already has a number still shows none.
    numbered = render_letter(_letter(), draft=True)
    assert "〔2026〕7号" not in "".join(_pages_text(numbered)).replace(" ", "")


def test_letter_pdf_reprint_is_byte_identical() -> None:
    first = render_letter(_letter(), draft=False)
    second = render_letter(_letter(), draft=False)
    assert first == second


def test_letter_pdf_reprint_identical_across_processes(pdf: bytes, tmp_path: Path) -> None:
    script = (
        "import sys, tests.core.test_letter_pdf as t\n"
        "from hallwatch.letters.render import render_letter\n"
        "sys.stdout.buffer.write(render_letter(t._letter(), draft=False))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [str(root / ".venv/bin/python"), "-c", script], cwd=root, capture_output=True, check=True
    ).stdout
    assert out == pdf


def test_letter_pdf_long_text_runs_onto_more_pages() -> None:
    long = [(0, "窗口工作人员在岗期间不得擅自离岗，不得从事与工作无关的活动。" * 40)]
    data = render_letter(_letter(paragraphs=long), draft=False)
    texts = _pages_text(data)
    assert len(texts) >= 4
    joined = "".join(texts).replace(" ", "").replace("\n", "")
    assert "— 2 —".replace(" ", "") in joined
    assert "抄送" in texts[-2]


@pytest.mark.parametrize(("ch", "field"), [("𠀀", "addressee"), ("😀", "paragraphs[2]")])
def test_letter_pdf_refuses_char_outside_font(ch: str, field: str) -> None:
    assert not font_map()[FontRole.FANGSONG].covers(ch)
    if field == "addressee":
        letter = _letter(addressee=f"张{ch}")
    else:
        letter = _letter(paragraphs=[(0, "正文"), (0, f"事实{ch}")])
    with pytest.raises(LetterTextError) as info:
        render_letter(letter, draft=False)
    assert info.value.field == field
    assert ch in str(info.value)
    assert f"U+{ord(ch):04X}" in str(info.value)


def test_letter_layout_kinsoku_keeps_punctuation_off_line_start() -> None:
    def measure(ch: str, role: FontRole, size: float) -> float:
        return size

    text = "一" * 28 + "。二"
    lines = L.wrap(text, FontRole.FANGSONG, 16, 0, measure, 28 * 16, 28 * 16)
    assert lines == ["一" * 27, "一。二"]


def _jpeg(width: int, height: int, seed: int) -> bytes:
    """A real camera-like JPEG: a scene drawn with cv2, plus sensor noise."""
    rng = np.random.default_rng(seed)
    img = np.full((height, width, 3), (200, 190, 180), np.uint8)
    cv2.rectangle(img, (0, height * 2 // 3), (width, height), (120, 130, 140), -1)
    cv2.putText(img, f"CAM {seed}", (20, 60), cv2.FONT_HERSHEY_SIMPLEX, 2, (255, 255, 255), 3)
    noisy = img.astype(np.int16) + rng.normal(0, 6, img.shape).astype(np.int16)
    ok, buf = cv2.imencode(".jpg", np.clip(noisy, 0, 255).astype(np.uint8))
    assert ok
    return buf.tobytes()


def _photos() -> list[AppendixPhoto]:
    """Three photos (one portrait) with captions like the evidence store's."""
    photos = []
    for k, (w, h) in enumerate([(1280, 720), (640, 480), (480, 640)], start=1):
        data = _jpeg(w, h, seed=k)
        digest = hashlib.sha256(data).hexdigest()
        caption = (f"照片 {digest[:8]}", f"2026年3月9日 9时0{k}分 {k}号窗口", f"SHA-256 {digest}")
        photos.append(AppendixPhoto(data, caption))
    return photos


def _chars_by_line(chars: list[dict[str, Any]]) -> list[str]:
    """Text of each printed line, top to bottom (chars grouped by their top)."""
    lines: dict[float, list[dict[str, Any]]] = {}
    for ch in chars:
        lines.setdefault(round(float(ch["top"]), 1), []).append(ch)
    return [
        "".join(str(c["text"]) for c in sorted(row, key=lambda c: float(c["x0"])))
        for _top, row in sorted(lines.items())
    ]


def _assert_in_block(ch: dict[str, Any]) -> None:
    """The character lies inside the 156 × 225 mm text block (1 mm tolerance)."""
    assert float(ch["x0"]) >= BLOCK[0] - TOL, ch
    assert float(ch["x1"]) <= BLOCK[2] + TOL, ch
    assert float(ch["top"]) >= BLOCK[1] - TOL, ch
    assert float(ch["bottom"]) <= BLOCK[3] + TOL, ch


@pytest.fixture(scope="module")
def appendix_pdf() -> bytes:
    return render_letter(_letter(appendix=_photos()), draft=False)


def test_letter_pdf_appendix_pages_hold_photos_then_receipt(appendix_pdf: bytes) -> None:
    texts = [t.replace(" ", "") for t in _pages_text(appendix_pdf)]
    first_photo = next(k for k, t in enumerate(texts) if t.startswith("附件：现场照片"))
    body_pages, appendix = texts[:first_photo], texts[first_photo:-2]
    colophon, receipt = texts[-2], texts[-1]
    assert len(appendix) == 2  # three photos, two to a page
    assert "送达回执" in receipt
    assert "附件：现场照片" in body_pages[-1]  # 附件说明 under the body
    assert "市政务服务管理局" in body_pages[-1]  # the signer stays with the body
    # GB/T 9704: the 附件 come before the 版记, which closes the document.
    assert not any("抄送" in t for t in [*body_pages, *appendix])
    assert "抄送" in colophon
    assert "印发" in colophon
    for number, text in enumerate(appendix, start=len(body_pages) + 1):
        assert text.startswith("附件：现场照片")
        assert f"—{number}—" in text
    assert f"—{len(texts) - 1}—" in colophon
    with pdfplumber.open(io.BytesIO(appendix_pdf)) as doc:
        pages = doc.pages[first_photo:-2]
        assert [len(p.images) for p in pages] == [2, 1]
        assert all(not p.images for p in [*doc.pages[:first_photo], *doc.pages[-2:]])
        for page in pages:
            for image in page.images:
                assert image["x0"] >= BLOCK[0] - 0.5
                assert image["top"] >= BLOCK[1] - 0.5
                assert image["x1"] <= BLOCK[2] + 0.5
                assert image["bottom"] <= BLOCK[3] + 0.5
                w, h = image["srcsize"]
                drawn = (image["x1"] - image["x0"]) / (image["bottom"] - image["top"])
                assert drawn == pytest.approx(w / h, rel=0.01)
            for ch in page.chars:
                if ch["top"] < BLOCK[3] and ch["text"].strip():
                    _assert_in_block(ch)
        # The portrait photo sits alone, its caption under it.
        last = pages[-1]
        (portrait,) = last.images
        assert portrait["srcsize"] == (480, 640)
        caption = [c for c in last.chars if c["size"] == pytest.approx(12, abs=0.1)]
        assert min(c["top"] for c in caption) >= portrait["bottom"]


def test_letter_pdf_appendix_captions_and_jpeg_bytes_kept(appendix_pdf: bytes) -> None:
    photos = _photos()
    text = "".join(_pages_text(appendix_pdf)).replace(" ", "").replace("\n", "")
    for photo in photos:
        for line in photo.caption:
            assert line.replace(" ", "") in text
    # DCT passthrough: the PDF carries each JPEG unchanged, so its hash is the caption's.
    embedded = set()
    for page in pypdf.PdfReader(io.BytesIO(appendix_pdf)).pages:
        xobjects = page["/Resources"].get("/XObject", {})
        for ref in xobjects.values():
            obj = ref.get_object()
            if obj["/Subtype"] == "/Image":
                assert "/DCTDecode" in obj["/Filter"]
                embedded.add(hashlib.sha256(obj.get_data()).hexdigest())
    assert embedded == {hashlib.sha256(p.jpeg).hexdigest() for p in photos}


def test_letter_pdf_appendix_reprint_is_byte_identical(appendix_pdf: bytes) -> None:
    assert render_letter(_letter(appendix=_photos()), draft=False) == appendix_pdf
    script = (
        "import sys, tests.core.test_letter_pdf as t\n"
        "from hallwatch.letters.render import render_letter\n"
        "sys.stdout.buffer.write(render_letter(t._letter(appendix=t._photos()), draft=False))\n"
    )
    root = Path(__file__).resolve().parents[2]
    out = subprocess.run(
        [str(root / ".venv/bin/python"), "-c", script], cwd=root, capture_output=True, check=True
    ).stdout
    assert out == appendix_pdf


@pytest.mark.parametrize(
    ("index", "damage", "code"),
    [
        (0, "garbage", "bad_image"),
        (1, "truncated", "bad_image"),
        (0, "png", "not_jpeg"),
    ],
)
def test_letter_pdf_bad_photo_is_a_field_error(index: int, damage: str, code: str) -> None:
    photos = _photos()
    good = photos[index].jpeg
    data = {
        "garbage": b"not a jpeg at all",
        "truncated": good[: len(good) // 2],
        "png": cv2.imencode(".png", np.zeros((8, 8, 3), np.uint8))[1].tobytes(),
    }[damage]
    photos[index] = AppendixPhoto(data, photos[index].caption)
    with pytest.raises(FieldError) as info:
        render_letter(_letter(appendix=photos), draft=False)
    assert info.value.field == f"appendix[{index + 1}]"
    assert info.value.code == code
    assert f"appendix[{index + 1}]" in str(info.value)


def test_letter_pdf_caption_outside_font_names_the_photo() -> None:
    photos = _photos()
    photos[1] = AppendixPhoto(photos[1].jpeg, ("照片", "窗口😀"))
    with pytest.raises(LetterTextError) as info:
        render_letter(_letter(appendix=photos), draft=False)
    assert info.value.field == "appendix[2]"


def test_letter_layout_caption_too_long_is_a_field_error() -> None:
    photos = _photos()
    photos[0] = AppendixPhoto(photos[0].jpeg, tuple(f"第{k}行说明" for k in range(20)))
    with pytest.raises(FieldError) as info:
        render_letter(_letter(appendix=photos), draft=True)
    assert info.value.field == "appendix[1]"
    assert info.value.code == "caption_too_long"


def test_letter_pdf_ascii_word_moves_whole_to_next_line() -> None:
    # 24 CJK characters leave room for part of "ZW-03" on the 26-character first line.
    facts = "窗" * 24 + "ZW-03号窗口依据GB/T 9704-2012排版，" + "核" * 20 + "9704-2012。"
    data = render_letter(_letter(paragraphs=[(0, facts)]), draft=False)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        chars = [c for c in doc.pages[0].chars if c["size"] == pytest.approx(16, abs=0.1)]
    lines = _chars_by_line(chars)
    start = next(k for k, line in enumerate(lines) if line.startswith("窗窗"))
    assert lines[start] == "窗" * 24
    assert lines[start + 1].startswith("ZW-03号窗口")
    joined = "".join(lines[start:])
    assert "GB/T9704-2012" in joined.replace(" ", "")
    for word in ("ZW-03", "9704-2012"):
        for line in lines[start:]:
            # A word is on one line or absent; never a tail at a line start.
            assert not any(line.startswith(word[k:]) for k in range(1, len(word) - 1)), line


def test_letter_layout_wrap_keeps_ascii_words_and_breaks_overlong_ones() -> None:
    def measure(ch: str, role: FontRole, size: float) -> float:
        return size if ord(ch) > 127 else size / 2

    def wrap(text: str) -> list[str]:
        return L.wrap(text, FontRole.FANGSONG, 16, 0, measure, 10 * 16, 10 * 16)

    assert wrap("一二三四五六七八GB/T 9704-2012标准") == ["一二三四五六七八GB/T", "9704-2012标准"]
    # Kinsoku still holds: the full stop goes with the word to the next line.
    assert wrap("一二三四五六七八九ZW-03。") == ["一二三四五六七八九", "ZW-03。"]
    # A word longer than a line is broken where the line ends, not moved first.
    url = "https://example.gov.cn/verify/L-2026-0007"
    lines = wrap("核验：" + url)
    assert lines[0].startswith("核验：https")
    assert "".join(lines) == "核验：" + url
    assert all(len(line) <= 20 for line in lines)
    # CJK alone still fills every line.
    assert wrap("一" * 25) == ["一" * 10, "一" * 10, "一" * 5]


def test_letter_pdf_receipt_wraps_long_values_inside_cells() -> None:
    title = (
        "关于对市民中心政务服务大厅不动产登记综合受理窗口工作人员"
        "张某某同志在岗期间擅自离岗问题的效能告诫书"
    )
    addressee = (
        "某某市某某区市民中心政务服务大厅不动产登记、税务、公积金"
        "综合受理第三窗口工作人员张某某（工号A0315）"
    )
    data = render_letter(_letter(title=title, addressee=addressee), draft=False)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        page = doc.pages[-1]
        rules = sorted({round(e["top"], 1) for e in page.horizontal_edges if e["width"] > 100 * MM})
        verticals = sorted({round(e["x0"], 1) for e in page.vertical_edges})
        chars = [c for c in page.chars if c["size"] == pytest.approx(14, abs=0.1)]
    left, right = verticals[1], verticals[-1]  # the value column
    assert right == pytest.approx(BLOCK[2], abs=0.5)
    values = [c for c in chars if c["x0"] > left]
    for ch in values:
        assert left < ch["x0"], ch
        assert ch["x1"] <= right, ch
    for text, row in ((title, 0), (addressee, 2)):
        top, bottom = rules[row], rules[row + 1]
        cell = [c for c in values if top < c["top"] and c["bottom"] < bottom]
        assert "".join(c["text"] for c in cell) == text
        assert len({round(c["top"], 1) for c in cell}) >= 2  # wrapped: the row grew


def test_letter_pdf_long_body_paginates_with_page_numbers() -> None:
    sentence = (
        "窗口工作人员在岗期间不得擅自离岗，不得从事与工作无关的活动，"
        "叫号系统ZW-03记录显示等候时间超过30分钟。"
    )
    facts = sentence * 55
    data = render_letter(_letter(paragraphs=[(0, facts)]), draft=False)
    with pdfplumber.open(io.BytesIO(data)) as doc:
        letter_pages = doc.pages[:-1]
        assert len(letter_pages) >= 6
        body = ""
        for number, page in enumerate(letter_pages, start=1):
            below = [c for c in page.chars if c["top"] > BLOCK[3] + TOL]
            assert "".join(c["text"] for c in below).replace(" ", "") == f"—{number}—"
            x0, x1 = min(c["x0"] for c in below), max(c["x1"] for c in below)
            if number % 2:
                assert x1 == pytest.approx(BLOCK[2] - 14, abs=1)  # odd: right, one char in
            else:
                assert x0 == pytest.approx(BLOCK[0] + 14, abs=1)  # even: left, one char in
            assert min(c["top"] for c in below) == pytest.approx(BLOCK[3] + 7 * MM, abs=2)
            for ch in page.chars:
                if ch in below or not ch["text"].strip():
                    continue
                _assert_in_block(ch)
            body += "".join(c["text"] for c in page.chars if c["size"] == pytest.approx(16, 0.01))
    assert facts in body.replace(" ", "")
    assert "抄送" in "".join(_pages_text(data)[len(letter_pages) - 1])


def test_letter_layout_signer_never_alone_and_colophon_fits() -> None:
    """Whatever the body's length, the signer and date share a page with body text,
    and the 版记 sits on the last letter page (a page of its own when no room is left)."""
    for rows in range(1, 40):
        letter = _letter(paragraphs=[(0, "窗口工作人员离岗。")] * rows, receipt=False)
        pages = letter_pages(letter, draft=False)
        texts = [[op.text for op in p.ops if isinstance(op, L.TextOp)] for p in pages]
        signer_page = next(k for k, t in enumerate(texts) if "2026年3月9日" in t)
        assert "窗口工作人员离岗。" in texts[signer_page], rows
        colophon = [k for k, t in enumerate(texts) if "2026年3月9日印发" in t]
        assert colophon == [len(pages) - 1], rows
        assert colophon[0] - signer_page <= 1, rows


def test_letter_pdf_supervision_notice_carries_its_feedback_form() -> None:
    notice = _letter(kind=LetterKind.SUPERVISION, title="督办通知书", addressee="市不动产登记中心")
    texts = [t.replace(" ", "") for t in _pages_text(render_letter(notice, draft=False))]
    assert "督办事项反馈表" in texts[-2]
    assert "送达回执" in texts[-1]  # the receipt stays last
    form = texts[-2]
    for label in ("督办文号", "某政务效告〔2026〕7号", "承办单位", "市不动产登记中心", "办理情况"):
        assert label in form
    assert "— " not in form  # a slip: no page number
    with pdfplumber.open(io.BytesIO(render_letter(notice, draft=False))) as doc:
        for ch in doc.pages[-2].chars:
            if ch["text"].strip():
                _assert_in_block(ch)
    # Other kinds have no such form.
    warning = [t.replace(" ", "") for t in _pages_text(render_letter(_letter(), draft=False))]
    assert not any("督办事项反馈表" in t for t in warning)


def test_letter_layout_heading_never_ends_a_page() -> None:
    for rows in range(1, 30):
        paragraphs = [(0, "窗口工作人员离岗。")] * rows + [(1, "一、整改事项"), (0, "整改到位。")]
        pages = letter_pages(_letter(paragraphs=paragraphs, receipt=False), draft=False)
        for page in pages:
            body = [op for op in page.ops if isinstance(op, L.TextOp) and op.size == 16]
            last = max(body, key=lambda op: op.baseline, default=None)
            assert last is None or last.text != "一、整改事项", rows

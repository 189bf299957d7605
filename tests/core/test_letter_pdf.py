"""Letters rendered to real PDFs, read back with pypdf and pdfplumber."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path

import cv2
import pdfplumber
import pypdf
import pytest

from hallwatch.letters import (
    FontRole,
    LetterContent,
    LetterKind,
    LetterTextError,
    font_map,
    render_letter,
)
from hallwatch.letters import layout as L

MM = 72 / 25.4
TOL = 1 * MM
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
    data, _points, _ = cv2.QRCodeDetector().detectAndDecode(image)
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
        "from hallwatch.letters import render_letter\n"
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

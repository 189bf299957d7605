"""The letter font map on a machine without Chinese fonts: the shipped font serves every role."""

from __future__ import annotations

import dataclasses
import datetime as dt
import io
import shutil
import subprocess
from pathlib import Path

import cv2
import pdfplumber
import pypdf
import pytest

from hallwatch.domain.enums import LetterKind
from hallwatch.letters import fonts as fonts_module
from hallwatch.letters.fonts import FontRole, LetterFontError, LetterTextError, font_map
from hallwatch.letters.render import LetterContent, render_letter

RESOURCES = Path(__file__).resolve().parents[2] / "resources"
SHIPPED = RESOURCES / "fonts" / fonts_module.SHIPPED_FONT


def _letter(**changes: object) -> LetterContent:
    letter = LetterContent(
        kind=LetterKind.WARNING,
        issuing_body="某市政务服务管理局",
        code="某政务效告",
        year=2026,
        number=7,
        title="关于对王堃同志的效能告诫书",
        addressee="市民中心第三窗口工作人员王堃、李喆",
        paragraphs=[
            (0, "经查，你于2026年3月9日9时05分离开岗位，期间有4名办事群众等候。"),
            (1, "一、整改要求"),
            (2, "（一）提交书面报告"),
            (0, "请你于收到本告诫书之日起5个工作日内提交书面整改报告。"),
        ],
        signer_body="某市政务服务管理局",
        date=dt.date(2026, 3, 9),
        copied_to="市民中心管理办公室",
        printed_by="某市政务服务管理局办公室",
        printed_date=dt.date(2026, 3, 9),
        verify_url="https://hallwatch.example.gov.cn/verify/L-2026-0007?h=3f5a9c21",
        receipt=True,
    )
    return dataclasses.replace(letter, **changes)  # type: ignore[arg-type]


@pytest.fixture
def no_system_fonts(monkeypatch: pytest.MonkeyPatch) -> None:
    """A clean machine: no font files by name, no fontconfig, no last-resort font."""
    monkeypatch.setattr(fonts_module, "_FONT_DIRS", ())
    monkeypatch.setattr(fonts_module, "_fc_match", lambda family: None)
    monkeypatch.setattr(fonts_module, "_LAST_RESORT", ())
    # The process-wide map may hold the machine's fonts from an earlier test.
    monkeypatch.setattr(fonts_module, "_default_map", None)


@pytest.fixture
def shipped_only(no_system_fonts: None, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("HALLWATCH_RESOURCES", str(RESOURCES))


def test_letter_fonts_shipped_font_is_single_truetype_face() -> None:
    data = SHIPPED.read_bytes()
    assert data[:4] == b"\x00\x01\x00\x00"  # TrueType outlines; not 'OTTO' (CFF) nor 'ttcf'
    assert (RESOURCES / "fonts" / "ARPHICPL.TXT").is_file()


@pytest.mark.usefixtures("shipped_only")
def test_letter_fonts_shipped_font_serves_every_role() -> None:
    fonts = font_map()
    assert {role: f.path for role, f in fonts.items()} == dict.fromkeys(FontRole, SHIPPED)
    body = fonts[FontRole.FANGSONG]
    for ch in "堃喆〔〕—①⑳（），。：；“”《》A0":
        assert body.covers(ch), ch
    assert 0 < body.ascent < 1
    assert -1 < body.descent < 0
    assert font_map() is fonts  # resolved once, so a warm render does no lookups


@pytest.mark.usefixtures("shipped_only")
def test_letter_fonts_shipped_font_embedded_and_draws_rare_name(tmp_path: Path) -> None:
    pdf = render_letter(_letter(), draft=False)
    reader = pypdf.PdfReader(io.BytesIO(pdf))
    seen = 0
    for page in reader.pages:
        for ref in page["/Resources"]["/Font"].values():
            font = ref.get_object()
            for desc_ref in font.get("/DescendantFonts", [font]):
                desc = desc_ref.get_object()
                assert str(desc["/BaseFont"]).endswith("+UMingCN"), desc
                assert "/FontFile2" in desc["/FontDescriptor"].get_object()
                seen += 1
    assert seen > 0
    assert "王堃、李喆" in (reader.pages[0].extract_text() or "").replace(" ", "")

    if shutil.which("pdftoppm") is None:
        return
    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        page = doc.pages[0]
        rare = [c for c in page.chars if c["text"] in "堃喆"]
        scale = 100 / 72
    assert len(rare) >= 3  # title and addressee
    path = tmp_path / "letter.pdf"
    path.write_bytes(pdf)
    cmd = ["pdftoppm", "-png", "-r", "100", "-f", "1", "-l", "1", "-singlefile"]
    subprocess.run([*cmd, str(path), str(tmp_path / "p1")], check=True)
    image = cv2.imread(str(tmp_path / "p1.png"), cv2.IMREAD_GRAYSCALE)
    for c in rare:
        box = image[
            int(c["top"] * scale) : int(c["bottom"] * scale) + 1,
            int(c["x0"] * scale) : int(c["x1"] * scale) + 1,
        ]
        # A drawn ideograph inks a good part of its box; an empty glyph inks nothing.
        assert (box < 128).mean() > 0.08, c["text"]


@pytest.mark.usefixtures("shipped_only")
def test_letter_fonts_emoji_refused_naming_field() -> None:
    letter = _letter(paragraphs=[(0, "正文"), (0, "事实😀")])
    with pytest.raises(LetterTextError) as info:
        render_letter(letter, draft=False)
    assert info.value.field == "paragraphs[2]"
    assert "paragraphs[2]" in str(info.value)
    assert "U+1F600" in str(info.value)
    assert fonts_module.SHIPPED_FONT in str(info.value)


@pytest.mark.usefixtures("no_system_fonts")
def test_letter_fonts_missing_shipped_font_names_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    empty = tmp_path / "resources"
    (empty / "fonts").mkdir(parents=True)
    monkeypatch.setenv("HALLWATCH_RESOURCES", str(empty))
    with pytest.raises(LetterFontError) as info:
        font_map()
    message = str(info.value)
    assert str(empty / "fonts" / fonts_module.SHIPPED_FONT) in message
    assert "is missing" in message
    assert "reinstall HallWatch" in message


@pytest.mark.usefixtures("shipped_only")
def test_letter_fonts_installed_role_font_beats_shipped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    # A machine with 仿宋 by its Windows file name; the other roles have nothing installed.
    installed = tmp_path / "fonts" / "win"
    installed.mkdir(parents=True)
    shutil.copyfile(SHIPPED, installed / "SIMFANG.TTF")
    monkeypatch.setattr(fonts_module, "_FONT_DIRS", (tmp_path / "fonts",))
    fonts = font_map()
    assert fonts[FontRole.FANGSONG].path == installed / "SIMFANG.TTF"
    assert all(fonts[role].path == SHIPPED for role in FontRole if role != FontRole.FANGSONG)


@pytest.mark.skipif(shutil.which("fc-match") is None, reason="needs fontconfig")
def test_letter_fonts_fontconfig_substitute_not_taken_for_role() -> None:
    # fc-match names some font for any family; a stand-in must not displace the shipped font.
    assert fonts_module._fc_match("HallWatch No Such Family") is None

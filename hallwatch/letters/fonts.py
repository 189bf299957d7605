"""Font map for official letters: five roles, each an embedded TrueType font.

GB/T 9704 names 仿宋 (body), 小标宋 (title, issuing-body mark), 黑体 and 楷体
(headings) and 宋体 (page numbers). The commercial fonts are used where the
machine has them; otherwise every role falls back to the free WenQuanYi Zen Hei
(fonts-wqy-zenhei). ReportLab embeds TrueType subsets but refuses CFF-based
OpenType (fonts-noto-cjk), so such files are skipped.
"""

from __future__ import annotations

import enum
import os
import shutil
import subprocess
import threading
from dataclasses import dataclass
from pathlib import Path

from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFError, TTFont

from hallwatch.domain.errors import FieldError, HallWatchError

FALLBACK_FONT = Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc")
FALLBACK_PACKAGE = "fonts-wqy-zenhei"


class FontRole(enum.StrEnum):
    FANGSONG = "仿宋"
    XIAOBIAOSONG = "小标宋"
    HEITI = "黑体"
    KAITI = "楷体"
    SONGTI = "宋体"


# File names of the fonts that office machines carry, best first.
_CANDIDATE_FILES: dict[FontRole, tuple[str, ...]] = {
    FontRole.FANGSONG: ("FangSong_GB2312.ttf", "simfang.ttf", "SIMFANG.TTF"),
    FontRole.XIAOBIAOSONG: ("FZXBSJW.TTF", "FZXBSJW--GB1-0.ttf", "方正小标宋简体.ttf"),
    FontRole.HEITI: ("simhei.ttf", "SIMHEI.TTF"),
    FontRole.KAITI: ("KaiTi_GB2312.ttf", "simkai.ttf", "SIMKAI.TTF"),
    FontRole.SONGTI: ("simsun.ttc", "SIMSUN.TTC", "simsun.ttf"),
}
# fontconfig family names tried when no file above is found.
_FC_FAMILIES: dict[FontRole, tuple[str, ...]] = {
    FontRole.FANGSONG: ("FangSong", "FangSong_GB2312", "AR PL UKai CN"),
    FontRole.XIAOBIAOSONG: ("FZXiaoBiaoSong-B05S", "SimSun", "AR PL UMing CN"),
    FontRole.HEITI: ("SimHei", "WenQuanYi Zen Hei"),
    FontRole.KAITI: ("KaiTi", "AR PL UKai CN"),
    FontRole.SONGTI: ("SimSun", "AR PL UMing CN"),
}
_FONT_DIRS = (
    Path("/usr/share/fonts"),
    Path("/usr/local/share/fonts"),
    Path.home() / ".local/share/fonts",
    Path.home() / ".fonts",
    Path("C:/Windows/Fonts"),
)
_PROBE = "仿宋公文"  # a font lacking these is no CJK font


class LetterFontError(HallWatchError):
    """No usable CJK TrueType font for a role."""


class LetterTextError(FieldError):
    """A field holds a character that the letter's fonts cannot print."""


@dataclass(frozen=True)
class LetterFont:
    """One registered font: the ReportLab name and the characters it can draw."""

    name: str
    path: Path
    index: int
    ascent: float  # per 1 pt of size
    descent: float  # negative
    cmap: frozenset[int]

    def covers(self, ch: str) -> bool:
        return ord(ch) in self.cmap


FontMap = dict[FontRole, LetterFont]

_lock = threading.Lock()
_by_file: dict[tuple[Path, int], LetterFont | None] = {}
_default_map: FontMap | None = None


def _load(path: Path, index: int) -> LetterFont | None:
    """Register the file with ReportLab once per process; None if unusable."""
    key = (path, index)
    if key in _by_file:
        return _by_file[key]
    font: LetterFont | None = None
    name = f"hw{len(_by_file)}-{path.stem}-{index}"
    try:
        tt = TTFont(name, str(path), subfontIndex=index)
    except (TTFError, OSError, ValueError):
        tt = None
    if tt is not None:
        cmap = frozenset(tt.face.charToGlyph)
        if all(ord(c) in cmap for c in _PROBE):
            pdfmetrics.registerFont(tt)
            font = LetterFont(
                name=name,
                path=path,
                index=index,
                ascent=tt.face.ascent / 1000,
                descent=tt.face.descent / 1000,
                cmap=cmap,
            )
    _by_file[key] = font
    return font


def _find_file(names: tuple[str, ...]) -> Path | None:
    wanted = {n.lower() for n in names}
    for folder in _FONT_DIRS:
        if not folder.is_dir():
            continue
        for root, _dirs, files in os.walk(folder):
            for f in files:
                if f.lower() in wanted:
                    return Path(root) / f
    return None


def _fc_match(family: str) -> tuple[Path, int] | None:
    exe = shutil.which("fc-match")
    if exe is None:
        return None
    try:
        out = subprocess.run(
            [exe, "-f", "%{file}|%{index}|%{fontformat}", f"{family}:lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("|")
    if len(parts) != 3 or parts[2].strip() != "TrueType":
        return None
    try:
        return Path(parts[0]), int(parts[1] or 0)
    except ValueError:
        return None


def resolve_role(role: FontRole, override: Path | None = None) -> LetterFont:
    """Find and register the font for one role: override, known files, fontconfig, fallback."""
    tried: list[tuple[Path, int]] = []
    if override is not None:
        tried.append((override, 0))
    found = _find_file(_CANDIDATE_FILES[role])
    if found is not None:
        tried.append((found, 0))
    for family in _FC_FAMILIES[role]:
        match = _fc_match(family)
        if match is not None:
            tried.append(match)
    tried.append((FALLBACK_FONT, 0))
    with _lock:
        for path, index in tried:
            if path.is_file():
                font = _load(path, index)
                if font is not None:
                    return font
    raise LetterFontError(
        f"No Chinese TrueType font for {role.value} ({role.name.lower()}): "
        f"tried {', '.join(str(p) for p, _ in tried)}",
        f"install the package {FALLBACK_PACKAGE} (apt-get install {FALLBACK_PACKAGE}) "
        "or set the letter font map",
    )


def font_map(overrides: dict[FontRole, Path] | None = None) -> FontMap:
    """The font for every role, resolved and registered once per process."""
    global _default_map
    if not overrides and _default_map is not None:
        return _default_map
    fonts = {role: resolve_role(role, (overrides or {}).get(role)) for role in FontRole}
    if not overrides:
        _default_map = fonts
    return fonts


def check_text(field: str, text: str, font: LetterFont) -> None:
    """Refuse a character the font cannot draw, naming it and the field."""
    for pos, ch in enumerate(text):
        if ch in "\n\r\t" or font.covers(ch):
            continue
        raise LetterTextError(
            field,
            f"{field}: the character {ch!r} (U+{ord(ch):04X}) at position {pos + 1} "
            f"is not in the font {font.path.name} and would print as an empty box",
            "replace it (for a rare character in a name, write it as 某 or a common "
            "variant and note it) or install a font that has it",
            code="char_not_in_font",
            params=(ch, f"U+{ord(ch):04X}", pos + 1),
        )

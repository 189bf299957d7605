"""Font map for official letters: five roles, each an embedded TrueType font.

GB/T 9704 names 仿宋 (body), 小标宋 (title, issuing-body mark), 黑体 and 楷体
(headings) and 宋体 (page numbers). A role uses the font the machine has for it
(the commercial files by name, then fontconfig families); otherwise the free
AR PL UMing CN subset shipped in resources/fonts/, so a clean machine prints
letters too. ReportLab embeds TrueType subsets but refuses CFF-based OpenType
(fonts-noto-cjk), so such files are skipped.
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

from hallwatch.domain.errors import LetterFontError, LetterTextError
from hallwatch.resources import resources_dir

# In resources/fonts/, made by scripts/make_letter_font.py.
SHIPPED_FONT = "ARPLUMingCN-HallWatch.ttf"
FALLBACK_PACKAGE = "fonts-wqy-zenhei"
# Tried for any role after the shipped font: what older setups installed (FALLBACK_PACKAGE).
_LAST_RESORT: tuple[Path, ...] = (Path("/usr/share/fonts/truetype/wqy/wqy-zenhei.ttc"),)


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
            [exe, "-f", "%{file}|%{index}|%{fontformat}|%{family}", f"{family}:lang=zh-cn"],
            capture_output=True,
            text=True,
            timeout=5,
            check=False,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return None
    parts = out.split("|")
    if len(parts) != 4 or parts[2].strip() != "TrueType":
        return None
    # fc-match always answers with its best substitute; only the family asked for is that
    # role's font, anything else (a Hei for 仿宋) must not win over the shipped font.
    if _family_key(family) not in {_family_key(f) for f in parts[3].split(",")}:
        return None
    try:
        return Path(parts[0]), int(parts[1] or 0)
    except ValueError:
        return None


def _family_key(family: str) -> str:
    return family.replace(" ", "").casefold()


def _installed(role: FontRole) -> list[tuple[Path, int]]:
    """The machine's own fonts for a role, best first: known file names, then fontconfig."""
    found: list[tuple[Path, int]] = []
    path = _find_file(_CANDIDATE_FILES[role])
    if path is not None:
        found.append((path, 0))
    for family in _FC_FAMILIES[role]:
        match = _fc_match(family)
        if match is not None:
            found.append(match)
    return found


def shipped_font() -> Path:
    """The free font in the resources folder that every role falls back to."""
    return resources_dir() / "fonts" / SHIPPED_FONT


def resolve_role(role: FontRole, override: Path | None = None) -> LetterFont:
    """Find and register the font for one role: override, installed, shipped, last resort."""
    shipped = shipped_font()
    tried: list[tuple[Path, int]] = [] if override is None else [(override, 0)]
    tried += _installed(role)
    tried.append((shipped, 0))
    tried += [(path, 0) for path in _LAST_RESORT]
    with _lock:
        for path, index in tried:
            if path.is_file():
                font = _load(path, index)
                if font is not None:
                    return font
    problem = "is missing" if not shipped.is_file() else "is not a Chinese TrueType font"
    others = [str(p) for p, _ in tried if p != shipped]
    elsewhere = f"none of {', '.join(others)} could be used" if others else "nothing else was found"
    raise LetterFontError(
        f"No Chinese TrueType font for {role.value} ({role.name.lower()}): the shipped font "
        f"{shipped} {problem} and {elsewhere}",
        f"reinstall HallWatch to restore {SHIPPED_FONT} (or point HALLWATCH_RESOURCES at a "
        f"resources folder that has fonts/{SHIPPED_FONT}), or install a Chinese TrueType font "
        f"such as {FALLBACK_PACKAGE} (apt-get install {FALLBACK_PACKAGE})",
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

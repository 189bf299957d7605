"""Rebuild resources/fonts/ARPLUMingCN-HallWatch.ttf, the letter font shipped in the repo.

The source is face 0 ("AR PL UMing CN", simplified-Chinese flavour) of uming.ttc
from the Debian package fonts-arphic-uming 0.2.20080216.2-11 (bookworm), Arphic
Public License. Get it without installing it system-wide:

    apt-get download fonts-arphic-uming && dpkg-deb -x fonts-arphic-uming_*.deb /tmp/uming
    python3 -m venv /tmp/ftvenv && /tmp/ftvenv/bin/pip install fonttools
    /tmp/ftvenv/bin/python scripts/make_letter_font.py \\
        --source /tmp/uming/usr/share/fonts/truetype/arphic/uming.ttc

fontTools is a build-time tool here, not a HallWatch dependency. The output is a
single-face TrueType (glyf) font that ReportLab can embed: the ranges below, no
OpenType layout, vertical metrics or embedded bitmaps (ReportLab uses none of
them), and a notice of the change in the name table as the licence asks.
"""

from __future__ import annotations

import argparse
import datetime as dt
import hashlib
import os
import sys
from pathlib import Path

from fontTools import subset
from fontTools.ttLib import TTFont

ROOT = Path(__file__).resolve().parents[1]
DEFAULT_SOURCE = Path("/usr/share/fonts/truetype/arphic/uming.ttc")
OUTPUT = ROOT / "resources" / "fonts" / "ARPLUMingCN-HallWatch.ttf"
FACE_INDEX = 0  # AR PL UMing CN
SOURCE_SHA256 = "fe952e55617275142d9cefd4d79eade4df446517b0478b2567d9bc7df49f70e2"
# Letters print people's names, so every ideograph the font has is kept, not only GB 2312.
# Extension A (U+3400-U+4DBF) is left out: UMing has only 762 of its 6 592 characters,
# and they would add 0.3 MiB.
RANGES: tuple[tuple[int, int, str], ...] = (
    (0x0020, 0x007E, "ASCII"),
    (0x00A0, 0x00FF, "Latin-1"),
    (0x2000, 0x206F, "general punctuation (— in page numbers)"),
    (0x2100, 0x214F, "letterlike symbols (℃ №)"),
    (0x2150, 0x218F, "number forms (Ⅰ Ⅱ)"),
    (0x2460, 0x24FF, "enclosed alphanumerics (① … ⑳)"),
    (0x25A0, 0x25FF, "geometric shapes (□ ■ ○ ●)"),
    (0x3000, 0x303F, "CJK symbols and punctuation (〔 〕 《 》)"),
    (0x3200, 0x32FF, "enclosed CJK letters (㈠ ㈡)"),
    (0x4E00, 0x9FFF, "CJK unified ideographs"),
    (0xFF00, 0xFFEF, "full-width forms"),
)
# Tables ReportLab never reads: OpenType layout, vertical metrics, and screen bitmaps
# (EBDT/EBLC/BDF), which alone would add megabytes.
DROP_TABLES = ("GSUB", "GPOS", "GDEF", "BASE", "vhea", "vmtx", "VORG")
DROP_TABLES += ("EBDT", "EBLC", "EBSC", "BDF ", "FFTM", "mort", "morx")


def sha256(path: Path) -> str:
    """Hex SHA-256 of a file."""
    return hashlib.sha256(path.read_bytes()).hexdigest()


def build(source: Path, output: Path, when: dt.date) -> TTFont:
    """Subset face FACE_INDEX of source into output and return the saved font."""
    font = TTFont(str(source), fontNumber=FACE_INDEX, recalcTimestamp=False)
    for tag in DROP_TABLES:
        if tag in font:
            del font[tag]
    cmap = font.getBestCmap()
    unicodes = [cp for lo, hi, _ in RANGES for cp in range(lo, hi + 1) if cp in cmap]
    options = subset.Options()
    options.layout_features = []
    options.hinting = False
    options.notdef_glyph = True
    options.notdef_outline = True
    options.glyph_names = False
    options.name_IDs = ["*"]
    options.name_languages = ["*"]
    subsetter = subset.Subsetter(options)
    subsetter.populate(unicodes=unicodes)
    subsetter.subset(font)

    # Arphic Public License 2a: a prominent notice of how and when the file changed.
    notice = (
        f"Modified {when.isoformat()} by HallWatch scripts/make_letter_font.py: subset of "
        f"uming.ttc face {FACE_INDEX} to {len(unicodes)} characters "
        "(Latin, punctuation, CJK ideographs and symbols), OpenType layout, vertical "
        "metrics and bitmaps removed. Arphic Public License, see ARPHICPL.TXT."
    )
    name = font["name"]
    version = name.getDebugName(5) or ""
    name.setName(f"{version}; HallWatch subset {when.isoformat()}", 5, 3, 1, 0x409)
    name.setName(notice, 10, 3, 1, 0x409)
    name.setName(f"AR PL UMing CN HallWatch subset {when.isoformat()}", 3, 3, 1, 0x409)
    epoch = dt.datetime(1904, 1, 1, tzinfo=dt.UTC)
    stamp = dt.datetime.combine(when, dt.time(), tzinfo=dt.UTC)
    font["head"].modified = int((stamp - epoch).total_seconds())
    output.parent.mkdir(parents=True, exist_ok=True)
    font.save(str(output))
    return font


def check(output: Path) -> None:
    """Fail unless the output is one TrueType face with the characters letters need."""
    font = TTFont(str(output))
    if "glyf" not in font or "CFF " in font:
        sys.exit(f"{output}: not TrueType outlines")
    cmap = font.getBestCmap()
    for ch in "仿宋公文〔〕—①⑳堃喆（），。：；“”A1":
        if ord(ch) not in cmap:
            sys.exit(f"{output}: lacks {ch!r} U+{ord(ch):04X}")
    if any(cp > 0xFFFF for cp in cmap):
        sys.exit(f"{output}: has characters outside the BMP")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--source", type=Path, default=DEFAULT_SOURCE, help="uming.ttc")
    parser.add_argument("--output", type=Path, default=OUTPUT)
    args = parser.parse_args(argv)
    if not args.source.is_file():
        sys.exit(f"{args.source} not found: see the top of {Path(__file__).name} for how to get it")
    digest = sha256(args.source)
    if digest != SOURCE_SHA256:
        print(f"warning: {args.source} is not the pinned source (sha256 {digest})")
    # SOURCE_DATE_EPOCH keeps a rebuild byte-identical; otherwise the notice carries today.
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    when = dt.datetime.fromtimestamp(int(epoch), dt.UTC).date() if epoch else dt.date.today()
    font = build(args.source, args.output, when)
    check(args.output)
    size = args.output.stat().st_size
    print(f"{args.output}: {len(font.getBestCmap())} characters, {size / 2**20:.1f} MiB")
    print(f"sha256 {sha256(args.output)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

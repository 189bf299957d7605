"""Render a sample 效能告诫书 to PDF and PNG so a person can look at it.

Usage: python scripts/render_letter.py OUT.png [--draft] [--appendix [N]] [--long]
Writes OUT.pdf next to OUT.png; the PNG is page 1 at 150 dpi (pdftoppm), and
each further page as OUT-<n>.png. --appendix adds N generated camera-like JPEGs
(default 3, one of them portrait) as 附件 pages; --long repeats the facts so
the body runs over several pages.
"""

from __future__ import annotations

import argparse
import dataclasses
import datetime as dt
import hashlib
import subprocess
import sys
import time
from pathlib import Path

import cv2
import numpy as np

from hallwatch.domain.enums import LetterKind
from hallwatch.letters.render import AppendixPhoto, LetterContent, render_letter


def sample_letter() -> LetterContent:
    """A realistic warning letter with headings, long facts and a 版记."""
    return LetterContent(
        kind=LetterKind.WARNING,
        issuing_body="某市政务服务管理局",
        code="某政务效告",
        year=2026,
        number=7,
        title="关于对张某某同志的效能告诫书",
        addressee="市民中心第三窗口工作人员张某某（工号A0315）",
        paragraphs=[
            (
                0,
                "根据《某市政务服务大厅窗口效能监察办法》，市政务服务管理局效能监察组于"
                "2026年3月9日9时05分对市民中心政务服务大厅进行现场检查，发现你存在以下问题。",
            ),
            (1, "一、基本事实"),
            (
                0,
                "2026年3月9日9时05分至9时40分，你在第三窗口当班期间离开岗位，未放置"
                "“暂停服务”提示牌，期间有4名办事群众在窗口等候，平均等候时间为23分钟。"
                "现场照片编号P-20260309-0012至P-20260309-0015、叫号系统记录及考勤记录在案。",
            ),
            (1, "二、处理依据"),
            (
                0,
                "上述行为违反了《某市政务服务大厅工作人员管理规定》第十二条“窗口工作人员"
                "在岗期间不得擅自离岗”的规定。",
            ),
            (1, "三、告诫决定及整改要求"),
            (2, "（一）告诫决定"),
            (0, "经研究，决定对你予以效能告诫。"),
            (2, "（二）整改要求"),
            (
                0,
                "请你于收到本告诫书之日起5个工作日内，向市政务服务管理局效能监察组提交书面"
                "整改报告，说明原因并提出整改措施。对本告诫有异议的，可在收到本告诫书之日起"
                "5个工作日内提出书面申辩。",
            ),
        ],
        signer_body="某市政务服务管理局",
        date=dt.date(2026, 3, 9),
        copied_to="市民中心管理办公室，市政务服务管理局综合科",
        printed_by="某市政务服务管理局办公室",
        printed_date=dt.date(2026, 3, 9),
        verify_url="https://hallwatch.example.gov.cn/verify/L-2026-0007?h=3f5a9c21",
        receipt=True,
    )


def sample_photos(count: int) -> list[AppendixPhoto]:
    """Camera-like JPEGs (a hall scene drawn with cv2, with noise) and their captions."""
    rng = np.random.default_rng(9)
    photos = []
    for k in range(count):
        w, h = (1080, 1440) if k % 3 == 2 else (1920, 1080)
        img = np.full((h, w, 3), (200, 190, 180), np.uint8)
        cv2.rectangle(img, (0, int(h * 0.62)), (w, h), (120, 130, 140), -1)  # counter
        for x in range(0, w, w // 4):
            cv2.rectangle(
                img, (x + 20, int(h * 0.2)), (x + w // 4 - 20, int(h * 0.6)), (90, 60, 30), 4
            )
        cv2.putText(
            img,
            f"WINDOW {k + 3}  2026-03-09 09:{5 + k:02d}",
            (40, 80),
            cv2.FONT_HERSHEY_SIMPLEX,
            2.0,
            (255, 255, 255),
            4,
        )
        noisy = img.astype(np.int16) + rng.normal(0, 6, img.shape).astype(np.int16)
        ok, buf = cv2.imencode(
            ".jpg", np.clip(noisy, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 90]
        )
        assert ok
        data = buf.tobytes()
        digest = hashlib.sha256(data).hexdigest()
        photos.append(
            AppendixPhoto(
                data,
                (
                    f"照片 {digest[:8]}（P-20260309-{12 + k:04d}）",
                    f"2026年3月9日 9时{5 + k:02d}分 {k + 3}号窗口 市民中心政务服务大厅",
                    f"SHA-256 {digest}",
                ),
            )
        )
    return photos


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, help="PNG file to write (page 1)")
    parser.add_argument("--draft", action="store_true", help="render as a draft")
    parser.add_argument("--dpi", type=int, default=150)
    parser.add_argument(
        "--appendix",
        type=int,
        nargs="?",
        const=3,
        default=0,
        metavar="N",
        help="add N generated photos as 附件 pages (default 3)",
    )
    parser.add_argument("--long", action="store_true", help="a body of several pages")
    args = parser.parse_args(argv)
    letter = sample_letter()
    if args.long:
        facts = list(letter.paragraphs)
        facts[2:3] = [facts[2]] * 12
        letter = dataclasses.replace(letter, paragraphs=facts)
    if args.appendix:
        letter = dataclasses.replace(letter, appendix=sample_photos(args.appendix))
    render_letter(letter, draft=args.draft)  # warm: fonts registered
    start = time.perf_counter()
    pdf = render_letter(letter, draft=args.draft)
    elapsed = time.perf_counter() - start
    pdf_path = args.out.with_suffix(".pdf")
    pdf_path.write_bytes(pdf)
    stem = args.out.with_suffix("")
    subprocess.run(["pdftoppm", "-png", "-r", str(args.dpi), str(pdf_path), str(stem)], check=True)
    pages = sorted(stem.parent.glob(f"{stem.name}-*.png"))
    if pages:
        pages[0].replace(args.out)
    print(f"{pdf_path} ({len(pdf)} bytes, rendered in {elapsed * 1000:.0f} ms warm)")
    print(f"{args.out} and {len(pages) - 1} more page(s) as {stem.name}-<n>.png")
    return 0


if __name__ == "__main__":
    sys.exit(main())

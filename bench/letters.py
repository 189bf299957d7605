"""letters: GB/T 9704 warning letters to PDF vs a raw ReportLab canvas (issue 6).

Ours is render_letter: check the fields against the fonts, lay the letter out on
the grid (wrapping, kinsoku, pagination, 版记, QR code, 送达回执) and draw it into a
deterministic PDF with the CJK fonts embedded. The raw limit, in the same run, is a
plain ReportLab canvas that draws the same text (the TextOps of our layout, same
fonts, sizes, positions and character spacing) with drawString, page by page, and
saves: the font subsetting and PDF writing that any ReportLab letter pays, without
our checks, layout, rules and QR code.

Figures: one letter rendered warm (after a first render registered the fonts),
median of 15, target under 150 ms; a batch of distinct letters (100 at S, 20 at
tiny) against the raw canvas drawing the same letters' text, target within 3× raw;
and a letter with four 1920×1080 evidence photos in its 附件 against the raw canvas
drawing its text and the same JPEGs with drawImage, target within 2× raw; and
issuing one letter in the app's data folder (number, render, fsynced PDF, commit)
against rendering it again, target under 150 ms.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import hashlib
import io
import statistics
import time
from collections.abc import Callable, Iterator, Sequence

import cv2
import numpy as np
from reportlab.lib.utils import ImageReader
from reportlab.pdfgen import canvas

from bench.runner import Context, Figure
from hallwatch.domain.enums import LetterKind
from hallwatch.letters import layout as L
from hallwatch.letters.fonts import FontRole, font_map
from hallwatch.letters.render import AppendixPhoto, LetterContent, letter_pages, render_letter

RUNS = 15
BATCH = {"tiny": 20, "S": 100}
APPENDIX_RUNS = {"tiny": 3, "S": 7}  # each render decodes and embeds four photos
PHOTOS = 4
TARGET_MS = 150.0
TARGET_BATCH_RATIO = 3.0
TARGET_APPENDIX_RATIO = 2.0

_FACTS = (
    "{date}9时05分至9时40分，你在第{window}窗口当班期间离开岗位，未放置“暂停服务”提示牌，"
    "期间有{waiting}名办事群众在窗口等候，平均等候时间为{minutes}分钟。现场照片编号"
    "P-20260309-{photo:04d}至P-20260309-{last:04d}、叫号系统ZW-{window:02d}记录及考勤记录在案。"
)


def sample_letter(n: int) -> LetterContent:
    """The n-th of a set of distinct, realistic two-page warning letters."""
    date = dt.date(2026, 3, 1) + dt.timedelta(days=n % 28)
    date_text = f"{date.year}年{date.month}月{date.day}日"
    window = n % 60 + 1
    facts = _FACTS.format(
        date=date_text,
        window=window,
        waiting=n % 7 + 2,
        minutes=n % 30 + 10,
        photo=n * 4 + 12,
        last=n * 4 + 15,
    )
    return LetterContent(
        kind=LetterKind.WARNING,
        issuing_body="某市政务服务管理局",
        code="某政务效告",
        year=2026,
        number=n + 1,
        title=f"关于对工号A{n:04d}同志的效能告诫书",
        addressee=f"市民中心第{window}窗口工作人员（工号A{n:04d}）",
        paragraphs=[
            (
                0,
                "根据《某市政务服务大厅窗口效能监察办法》，市政务服务管理局效能监察组于"
                f"{date_text}9时05分对市民中心政务服务大厅进行现场检查，发现你存在以下问题。",
            ),
            (1, "一、基本事实"),
            (0, facts),
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
        date=date,
        copied_to="市民中心管理办公室，市政务服务管理局综合科",
        printed_by="某市政务服务管理局办公室",
        printed_date=date,
        verify_url=f"https://hallwatch.example.gov.cn/verify/L-2026-{n + 1:04d}?h={n:08x}",
    )


def photos(count: int) -> list[AppendixPhoto]:
    """Camera-like 1920×1080 JPEGs (quality 90, with sensor noise) and their captions."""
    rng = np.random.default_rng(6)
    out = []
    for k in range(count):
        img = np.full((1080, 1920, 3), (200, 190, 180), np.uint8)
        cv2.rectangle(img, (0, 700), (1920, 1080), (120, 130, 140), -1)
        noisy = img.astype(np.int16) + rng.normal(0, 6, img.shape).astype(np.int16)
        ok, buf = cv2.imencode(
            ".jpg", np.clip(noisy, 0, 255).astype(np.uint8), [cv2.IMWRITE_JPEG_QUALITY, 90]
        )
        assert ok
        data = buf.tobytes()
        digest = hashlib.sha256(data).hexdigest()
        caption = (f"照片 {digest[:8]}", f"2026年3月9日 9时0{k + 5}分 3号窗口", f"SHA-256 {digest}")
        out.append(AppendixPhoto(data, caption))
    return out


def raw_canvas(pages: Sequence[L.Page], jpegs: Sequence[bytes] = ()) -> bytes:
    """The raw limit: the same text (and photos) drawn on a plain canvas, no layout."""
    fonts = font_map()
    buf = io.BytesIO()
    c = canvas.Canvas(
        buf,
        pagesize=(L.PAGE_W, L.PAGE_H),
        invariant=1,
        initialFontName=fonts[FontRole.FANGSONG].name,
    )
    readers = [ImageReader(io.BytesIO(data)) for data in jpegs]
    for page in pages:
        for op in page.ops:
            if isinstance(op, L.TextOp):
                c.setFont(fonts[op.role].name, op.size)
                c.drawString(op.x, L.PAGE_H - op.baseline, op.text, charSpace=op.char_space)
            elif isinstance(op, L.ImageOp):
                y = L.PAGE_H - op.top - op.height
                c.drawImage(readers[op.index], op.x, y, op.width, op.height)
        c.showPage()
    c.save()
    return buf.getvalue()


def _median_ms(fn: Callable[[], object], runs: int) -> float:
    fn()  # the first call registers fonts and fills caches; it does not count
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000


def run(context: Context) -> Iterator[Figure]:
    letter = sample_letter(0)
    pages = letter_pages(letter, draft=False)
    our_ms = _median_ms(lambda: render_letter(letter, draft=False), RUNS)
    raw_ms = _median_ms(lambda: raw_canvas(pages), RUNS)
    yield Figure(
        "letters.one_warm_ms",
        our_ms,
        "ms",
        raw_ms,
        our_ms / raw_ms,
        f"< {TARGET_MS:.0f} ms",
        our_ms < TARGET_MS,
    )

    count = BATCH.get(context.scale, BATCH["tiny"])
    letters = [sample_letter(n) for n in range(count)]
    laid_out = [letter_pages(one, draft=False) for one in letters]
    started = time.perf_counter()
    for one in letters:
        render_letter(one, draft=False)
    ours_s = time.perf_counter() - started
    started = time.perf_counter()
    for one_pages in laid_out:
        raw_canvas(one_pages)
    raw_s = time.perf_counter() - started
    ratio = ours_s / raw_s
    yield Figure(
        f"letters.batch_{count}_s",
        ours_s,
        "s",
        raw_s,
        ratio,
        f"≤ {TARGET_BATCH_RATIO:g}× raw",
        ratio <= TARGET_BATCH_RATIO,
    )

    with_photos = dataclasses.replace(letter, appendix=photos(PHOTOS))
    jpegs = [photo.jpeg for photo in with_photos.appendix]
    photo_pages = letter_pages(with_photos, draft=False)
    runs = APPENDIX_RUNS.get(context.scale, APPENDIX_RUNS["tiny"])
    our_ms = _median_ms(lambda: render_letter(with_photos, draft=False), runs)
    raw_ms = _median_ms(lambda: raw_canvas(photo_pages, jpegs), runs)
    ratio = our_ms / raw_ms
    yield Figure(
        f"letters.appendix_{PHOTOS}_ms",
        our_ms,
        "ms",
        raw_ms,
        ratio,
        f"≤ {TARGET_APPENDIX_RATIO:g}× raw",
        ratio <= TARGET_APPENDIX_RATIO,
    )

    yield _issue_figure(context)


def _issue_figure(context: Context) -> Figure:
    """Issuing from the app's data folder: number, render, PDF fsynced, one commit.

    Raw limit: rendering the same letter again from what it froze (what issuing cannot
    avoid).
    Target: under 150 ms, the same as one letter rendered.
    """
    from datetime import date, datetime, timedelta
    from zoneinfo import ZoneInfo

    from hallwatch.demo.generator import generate_demo
    from hallwatch.services.checks.spot_checks import add_finding
    from hallwatch.services.letters import lifecycle as service
    from hallwatch.storage.blobs import BlobStore
    from hallwatch.storage.database import Database, DataFolder

    folder = DataFolder(context.scratch("letters-issue") / "data")
    zone = ZoneInfo("Asia/Shanghai")
    start = datetime(2026, 3, 10, 9, tzinfo=zone)
    with Database.open(folder) as db:
        hall_id = generate_demo(db, scale="tiny", until=date(2026, 3, 31)).hall_id
        drafts = []
        for k in range(RUNS + 1):
            moment = start + timedelta(minutes=k)
            with db.write("finding.add") as session:
                finding = add_finding(
                    session, hall_id, window_no="A01", category="behaviour.phone",
                    description="低头玩手机", observed_at=moment, now=moment,
                )  # fmt: skip
                drafts.append(service.draft_from_findings(session, hall_id, [finding.id]))
        blobs = BlobStore(folder.blobs_dir)
        issued_at = datetime(2026, 3, 12, 15, tzinfo=zone)
        times = []
        for letter_id in drafts:
            started = time.perf_counter()
            with db.write("letter.issue") as session:
                service.issue_letter(session, letter_id, blobs, now=issued_at)
            times.append(time.perf_counter() - started)
        our_ms = statistics.median(times[1:]) * 1000  # the first one warms the caches
        with db.read() as session:
            raw_ms = _median_ms(lambda: service.rerender_issued(session, drafts[-1], blobs), RUNS)
    return Figure(
        "letters.issue_ms",
        our_ms,
        "ms",
        raw_ms,
        our_ms / raw_ms,
        f"< {TARGET_MS:.0f} ms",
        our_ms < TARGET_MS,
    )

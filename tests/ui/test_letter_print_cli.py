"""`hallwatch letter print` and `hallwatch printers` against a real CUPS scheduler.

The set-up starts its own cupsd (own ServerRoot, spool, logs and a unix socket in a
temporary folder; CUPS_SERVER points the client at it) with one queue. cups-pdf cannot
be pointed at a temporary folder (it reads /etc/cups/cups-pdf-<queue>.conf and writes
under the job owner's home), so the queue's device is a small backend in the test's
own ServerBin that keeps each job's document as CUPS hands it over. The command runs
in a child process as a user would run it, with QT_QPA_PLATFORM=offscreen.
"""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from pypdf import PdfReader

from hallwatch.domain.enums import LetterKind
from hallwatch.services.letters.lifecycle import KIND_WORDS

QUEUE = "HallWatchPDF"
A4_MM = (210.0, 297.0)
START_SECONDS = 20
JOB_SECONDS = 60

BACKEND = """#!/bin/sh
# Keep each job's document as CUPS hands it over (argv: job user title copies options [file]).
if [ $# -eq 0 ]; then echo 'direct hwpdf "Unknown" "HallWatch test PDF"'; exit 0; fi
out="${DEVICE_URI#hwpdf:}"
if [ $# -ge 6 ]; then cp "$6" "$out/job-$1.partial"; else cat > "$out/job-$1.partial"; fi
printf '%s\\n' "$4" > "$out/job-$1.copies"
mv "$out/job-$1.partial" "$out/job-$1.pdf"
"""


@dataclass
class Cups:
    root: Path
    out: Path
    env: dict[str, str]

    def lpadmin(self, *args: str) -> None:
        result = subprocess.run(
            ["lpadmin", *args], env=self.env, capture_output=True, text=True, timeout=30
        )
        assert result.returncode == 0, result.stderr

    def jobs(self) -> list[Path]:
        return sorted(self.out.glob("job-*.pdf"))


def _tools() -> dict[str, str]:
    found = {
        name: shutil.which(name) or shutil.which(name, path="/usr/sbin")
        for name in ("cupsd", "lpadmin", "lpstat")
    }
    missing = [name for name, path in found.items() if path is None]
    if missing or not Path("/usr/lib/cups").is_dir():
        what = ", ".join(missing) or "/usr/lib/cups"
        message = f"CUPS is not installed ({what} missing); scripts/setup.sh installs it"
        if os.environ.get("CI") == "true":
            pytest.fail(message)
        pytest.skip(message)
    return {name: str(path) for name, path in found.items()}


@pytest.fixture
def cups() -> Iterator[Cups]:
    tools = _tools()
    # A unix socket path must stay short (108 bytes): not under pytest's tmp_path.
    root = Path(tempfile.mkdtemp(prefix="hwcups-", dir="/tmp"))
    for name in ("etc", "spool", "tmp", "cache", "state", "log", "out", "bin/backend"):
        (root / name).mkdir(parents=True)
    # ServerBin: the system's filters and backends, and ours.
    for entry in Path("/usr/lib/cups").iterdir():
        if entry.name != "backend":
            (root / "bin" / entry.name).symlink_to(entry)
    for entry in Path("/usr/lib/cups/backend").iterdir():
        (root / "bin/backend" / entry.name).symlink_to(entry)
    backend = root / "bin/backend/hwpdf"
    backend.write_text(BACKEND)
    backend.chmod(0o700)  # a backend only its owner may run is run as that owner
    socket = root / "cups.sock"
    (root / "etc/cupsd.conf").write_text(
        f"Listen {socket}\nLogLevel debug\nWebInterface No\nBrowsing Off\n"
        "DefaultAuthType None\nDefaultEncryption Never\n"
        "<Location />\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Location /admin>\n  Order allow,deny\n  Allow all\n</Location>\n"
        "<Policy default>\n  <Limit All>\n    Order deny,allow\n    Allow all\n  </Limit>\n"
        "</Policy>\n"
    )
    (root / "etc/cups-files.conf").write_text(
        f"ServerRoot {root}/etc\nRequestRoot {root}/spool\nTempDir {root}/tmp\n"
        f"CacheDir {root}/cache\nStateDir {root}/state\nServerBin {root}/bin\n"
        "DataDir /usr/share/cups\n"
        f"AccessLog {root}/log/access_log\nErrorLog {root}/log/error_log\n"
        f"PageLog {root}/log/page_log\nSandboxing Relaxed\nSystemGroup root\n"
    )
    env = {**os.environ, "CUPS_SERVER": str(socket), "QT_QPA_PLATFORM": "offscreen"}
    daemon = subprocess.Popen(
        [
            tools["cupsd"],
            "-f",
            "-c",
            str(root / "etc/cupsd.conf"),
            "-s",
            str(root / "etc/cups-files.conf"),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        env=env,
    )
    try:
        deadline = time.monotonic() + START_SECONDS
        while True:
            ready = subprocess.run(
                [tools["lpstat"], "-r"], env=env, capture_output=True, text=True, timeout=10
            )
            if "is running" in ready.stdout:
                break
            if daemon.poll() is not None or time.monotonic() > deadline:
                log = (
                    (root / "log/error_log").read_text(errors="replace")[-2000:]
                    if (root / "log/error_log").exists()
                    else ""
                )
                said = daemon.stderr.read().decode(errors="replace") if daemon.stderr else ""
                pytest.fail(f"cupsd did not start: {said} {log}")
            time.sleep(0.2)
        server = Cups(root, root / "out", env)
        # A raw queue: the document arrives as the print path made it.
        server.lpadmin(
            "-p", QUEUE, "-E", "-v", f"hwpdf:{server.out}", "-m", "raw",
            "-D", "HallWatch test PDF", "-L", "监察室",
        )  # fmt: skip
        server.lpadmin("-d", QUEUE)
        yield server
    finally:
        daemon.send_signal(signal.SIGTERM)
        try:
            daemon.wait(timeout=10)
        except subprocess.TimeoutExpired:
            daemon.kill()
            daemon.wait()
        shutil.rmtree(root, ignore_errors=True)


def hallwatch(data: Path, env: dict[str, str], *args: str) -> tuple[int, str, str]:
    result = subprocess.run(
        [
            sys.executable,
            "-c",
            "from ui.launcher import main; main()",
            "--data-dir",
            str(data),
            *args,
        ],
        capture_output=True,
        text=True,
        timeout=180,
        env=env,
        stdin=subprocess.DEVNULL,
    )
    return result.returncode, result.stdout, result.stderr


def _wait_for_job(cups: Cups, count: int) -> Path:
    deadline = time.monotonic() + JOB_SECONDS
    while len(cups.jobs()) < count:
        assert time.monotonic() < deadline, "the job never reached the printer's device"
        time.sleep(0.2)
    return cups.jobs()[count - 1]


def _assert_a4(path: Path, pages: int) -> None:
    reader = PdfReader(path)
    assert len(reader.pages) == pages
    for page in reader.pages:
        box = page.mediabox
        size = (float(box.width) * 25.4 / 72, float(box.height) * 25.4 / 72)
        assert abs(size[0] - A4_MM[0]) <= 1.0, size
        assert abs(size[1] - A4_MM[1]) <= 1.0, size


def test_letter_print_sends_the_frozen_pdf_to_a_cups_queue(cups: Cups, tmp_path: Path) -> None:
    data = tmp_path / "data"
    code, _out, err = hallwatch(data, cups.env, "demo", "--scale", "tiny")
    assert code == 0, err
    code, out, err = hallwatch(data, cups.env, "letter", "list", "--json")
    letters = json.loads(out)
    issued = next(r for r in letters if r["doc_no"] and r["status"] != "revoked")
    draft = next(r for r in letters if r["status"] == "draft")
    frozen = tmp_path / "frozen.pdf"
    assert hallwatch(data, cups.env, "letter", "render", issued["id"], "--out", str(frozen))[0] == 0
    pages = len(PdfReader(frozen).pages)
    assert pages >= 2  # the letter and its receipt slip (送达回执)

    code, out, err = hallwatch(data, cups.env, "printers")
    assert (code, out) == (0, f"* {QUEUE}  HallWatch test PDF  监察室\n"), err
    code, out, _err = hallwatch(data, cups.env, "printers", "--json")
    assert [(p["name"], p["default"]) for p in json.loads(out)] == [(QUEUE, True)]

    # By its 文号, two copies: one job of N pages, the copies left to CUPS.
    code, out, err = hallwatch(
        data, cups.env, "letter", "print", issued["doc_no"], "--printer", QUEUE, "--copies", "2"
    )
    assert code == 0, err
    kind = KIND_WORDS[LetterKind(issued["kind"])]
    assert out == f"printed {issued['doc_no']} {kind}: {pages} pages × 2 copies on {QUEUE}\n"
    job = _wait_for_job(cups, 1)
    _assert_a4(job, pages)
    assert job.with_suffix(".copies").read_text().strip() == "2"

    # A draft is refused without --draft; with it, it prints (on the default printer).
    code, out, err = hallwatch(data, cups.env, "letter", "print", draft["id"])
    assert code == 1
    assert out == ""
    assert "is a draft, not an issued letter" in err
    assert "--draft" in err
    assert len(err.strip().splitlines()) == 1
    assert len(cups.jobs()) == 1
    draft_pdf = tmp_path / "draft.pdf"
    assert (
        hallwatch(data, cups.env, "letter", "render", draft["id"], "--out", str(draft_pdf))[0] == 0
    )
    code, out, err = hallwatch(data, cups.env, "letter", "print", draft["id"], "--draft")
    assert code == 0, err
    assert out.startswith("printed 草稿 ")
    _assert_a4(_wait_for_job(cups, 2), len(PdfReader(draft_pdf).pages))


def test_letter_print_errors_are_one_line(cups: Cups, tmp_path: Path) -> None:
    data = tmp_path / "data"
    assert hallwatch(data, cups.env, "demo", "--scale", "tiny")[0] == 0
    code, out, _err = hallwatch(data, cups.env, "letter", "list", "--json")
    doc_no = next(r["doc_no"] for r in json.loads(out) if r["doc_no"] and r["status"] != "revoked")
    for args, words in [
        (["--printer", "Nope"], f"no printer named 'Nope'; the printers are: {QUEUE} (default)"),
        (["--copies", "0"], "--copies '0' is not a number of copies; give 1–99"),
    ]:
        code, out, err = hallwatch(data, cups.env, "letter", "print", doc_no, *args)
        assert code != 0
        assert out == ""
        assert err.strip() == f"hallwatch: {words}"
    code, _out, err = hallwatch(data, cups.env, "letter", "print", "效告〔2099〕9号")
    assert code == 1
    assert err.strip() == "hallwatch: no letter '效告〔2099〕9号'; see 'hallwatch letter list'"
    # With the queue gone the system has no printer at all.
    cups.lpadmin("-x", QUEUE)
    code, out, err = hallwatch(data, cups.env, "printers")
    assert (code, out) == (0, "no printers: add one in the system's printer settings (CUPS)\n")
    code, out, err = hallwatch(data, cups.env, "letter", "print", doc_no)
    assert code == 1
    assert err.strip() == (
        "hallwatch: no printer to print on; this computer has no printer: "
        "add one in the system's printer settings (CUPS)"
    )
    assert cups.jobs() == []

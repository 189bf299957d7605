"""Run benchmarks and print their figures, one line each (or one JSON object per line).

A benchmark is a module in this package with `run(context) -> Iterable[Figure]`. Every figure
is compared with a raw limit measured in the same run on the same machine, so the ratio
means something on a laptop and on a CI runner alike. A target that fails is reported,
not fatal: the exit status is non-zero only when a benchmark itself crashes.
"""

from __future__ import annotations

import argparse
import importlib
import json
import shutil
import sys
import tempfile
import traceback
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SCALES = ("tiny", "S")
# Name -> module under bench/; run in this order when no name is given.
BENCHMARKS = {
    "demo": "bench.demo",
    "open": "bench.open",
    "imports": "bench.imports",
    "queue_import": "bench.queue_import",
    "board": "bench.board",
    "attendance": "bench.attendance",
    "stats": "bench.stats",
    "startup": "bench.startup",
    "cases_view": "bench.cases_view",
    "preview": "bench.preview",
    "capture": "bench.capture",
    "letters": "bench.letters",
}


@dataclass(frozen=True, slots=True)
class Figure:
    """One measured figure next to its raw limit and target."""

    name: str
    value: float
    unit: str
    raw: float | None
    ratio: float | None
    target: str
    holds: bool


@dataclass(slots=True)
class Context:
    """What a benchmark gets: the scale, a scratch folder, and what earlier ones left."""

    scale: str
    workdir: Path
    # Results that later benchmarks may reuse (e.g. the demo data folder), by key.
    shared: dict[str, Any] = field(default_factory=dict)

    def scratch(self, name: str) -> Path:
        """Return a fresh, empty folder under the run's scratch folder."""
        path = Path(tempfile.mkdtemp(prefix=f"{name}-", dir=self.workdir))
        return path


Benchmark = Callable[[Context], Iterable[Figure]]


def load(name: str) -> Benchmark:
    module = importlib.import_module(BENCHMARKS[name])
    run: Benchmark = module.run
    return run


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    if abs(value) >= 100:
        return f"{value:,.0f}"
    if abs(value) >= 1:
        return f"{value:.2f}"
    return f"{value:.4g}"


# Fixed widths, so that lines from different benchmarks line up as they stream out.
_WIDTHS = (20, 20, 24, 12, 18)


def format_text(figures: Sequence[Figure]) -> list[str]:
    """Return one aligned line per figure."""
    lines = []
    for figure in figures:
        raw = f"raw {_number(figure.raw)} {figure.unit}" if figure.raw is not None else "raw -"
        cells = (
            figure.name.ljust(_WIDTHS[0]),
            f"{_number(figure.value)} {figure.unit}".rjust(_WIDTHS[1]),
            raw.rjust(_WIDTHS[2]),
            f"ratio {_number(figure.ratio)}".ljust(_WIDTHS[3]),
            f"target {figure.target}".ljust(_WIDTHS[4]),
            "holds" if figure.holds else "FAILS",
        )
        lines.append("  ".join(cells))
    return lines


def as_json(figure: Figure, scale: str) -> str:
    return json.dumps(
        {
            "name": figure.name,
            "value": figure.value,
            "unit": figure.unit,
            "raw": figure.raw,
            "ratio": figure.ratio,
            "target": figure.target,
            "holds": figure.holds,
            "scale": scale,
        },
        ensure_ascii=False,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("names", nargs="*", metavar="NAME", help=", ".join(BENCHMARKS))
    parser.add_argument("--scale", choices=SCALES, default="tiny")
    parser.add_argument("--json", action="store_true", help="one JSON object per figure")
    args = parser.parse_args(argv)
    unknown = [name for name in args.names if name not in BENCHMARKS]
    if unknown:
        parser.error(f"unknown benchmark {', '.join(unknown)}; choose from {', '.join(BENCHMARKS)}")
    names = args.names or list(BENCHMARKS)
    crashed: list[str] = []
    workdir = Path(tempfile.mkdtemp(prefix="hallwatch-bench-"))
    try:
        context = Context(args.scale, workdir)
        for name in names:
            try:
                figures = list(load(name)(context))
            except Exception:
                crashed.append(name)
                print(f"bench {name}: crashed", file=sys.stderr)
                traceback.print_exc()
                continue
            if args.json:
                for figure in figures:
                    print(as_json(figure, args.scale), flush=True)
            else:
                for line in format_text(figures):
                    print(f"[{args.scale}] {line}", flush=True)
    finally:
        shutil.rmtree(workdir, ignore_errors=True)
    if crashed:
        print(f"bench: {', '.join(crashed)} crashed", file=sys.stderr)
        return 1
    return 0

"""The benchmark runner reports every figure beside its raw limit (not a timing test)."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_bench_json_lines_carry_raw_ratio_and_target() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "--scale", "tiny", "--json"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    figures = [json.loads(line) for line in result.stdout.splitlines() if line.strip()]
    names = {figure["name"] for figure in figures}
    assert {"demo.rows_per_s", "open.median_ms"} <= names
    for figure in figures:
        assert set(figure) >= {"name", "value", "unit", "raw", "ratio", "target", "holds", "scale"}
        assert figure["scale"] == "tiny"
        assert figure["value"] > 0
        assert figure["raw"] > 0
        assert isinstance(figure["holds"], bool)
        assert figure["target"]


def test_bench_unknown_name_is_refused() -> None:
    result = subprocess.run(
        [sys.executable, "-m", "bench", "nosuch", "--scale", "tiny"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 2
    assert "nosuch" in result.stderr

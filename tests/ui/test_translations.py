"""zh_CN ships complete: every visible source string has a Chinese translation."""

from __future__ import annotations

import ast
import xml.etree.ElementTree as ET
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def _source_strings() -> set[tuple[str, str]]:
    found: set[tuple[str, str]] = set()
    for path in (ROOT / "ui").rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for cls in (node for node in ast.walk(tree) if isinstance(node, ast.ClassDef)):
            for call in (node for node in ast.walk(cls) if isinstance(node, ast.Call)):
                func = call.func
                if (
                    isinstance(func, ast.Attribute)
                    and func.attr == "tr"
                    and call.args
                    and isinstance(call.args[0], ast.Constant)
                ):
                    found.add((cls.name, call.args[0].value))
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            func = call.func
            if isinstance(func, ast.Attribute) and func.attr == "translate" and len(call.args) >= 2:
                context, text = call.args[0], call.args[1]
                if isinstance(context, ast.Constant) and isinstance(text, ast.Constant):
                    found.add((context.value, text.value))
    return found


def _translations() -> dict[tuple[str, str], str]:
    table: dict[tuple[str, str], str] = {}
    contexts = [
        context
        for path in sorted((ROOT / "resources" / "translations").glob("*_zh_CN.ts"))
        for context in ET.parse(path).getroot().iter("context")
    ]
    for context in contexts:
        name = context.findtext("name") or ""
        for message in context.iter("message"):
            table[(name, message.findtext("source") or "")] = message.findtext("translation") or ""
    return table


def test_translations_zh_cn_complete() -> None:
    sources = _source_strings()
    assert len(sources) > 10  # the scan itself works
    table = _translations()
    missing = sorted(key for key in sources if not table.get(key))
    assert missing == []


def test_translations_zh_cn_has_no_stale_entries() -> None:
    # A source string changed or removed leaves its old translation behind: a reader of
    # the .ts file (or Qt Linguist) would take it for live wording.
    sources = _source_strings()
    stale = sorted(key for key in _translations() if key not in sources)
    assert stale == []

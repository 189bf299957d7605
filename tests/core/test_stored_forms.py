"""Only hallwatch/storage knows how values are stored: no SQL text, hex keys or read_uuid elsewhere.

Issue 12 item 1: the stored form of keys and times lives in storage.convert and the
plain-SQL reads in storage.queries; services and screens deal in UUIDs, aware
datetimes and dataclasses (a service that matches stored text for speed gets it
from storage.convert.key, never by formatting it).
"""

from __future__ import annotations

import ast
import functools
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

# SQL statements as a string constant or f-string holds them (docstrings aside).
SQL = re.compile(
    r"\b(SELECT\b[\s\S]+\bFROM|INSERT\s+(OR\s+\w+\s+)?INTO|UPDATE\s+\w+\s+SET|DELETE\s+FROM"
    r"|CREATE\s+(TABLE|INDEX|TRIGGER)|PRAGMA\s+\w+)\b"
)


def offences(source: str) -> list[str]:
    """Return what in this module's source knows a stored form: SQL text, .hex, read_uuid."""
    tree = ast.parse(source)
    docstrings = {
        id(node.body[0].value)
        for node in ast.walk(tree)
        if isinstance(node, ast.Module | ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
        and node.body
        and isinstance(node.body[0], ast.Expr)
        and isinstance(node.body[0].value, ast.Constant)
    }
    found = []
    for node in ast.walk(tree):
        text = None
        if isinstance(node, ast.Constant) and isinstance(node.value, str):
            text = None if id(node) in docstrings else node.value
        elif isinstance(node, ast.JoinedStr):
            text = "".join(
                part.value if isinstance(part, ast.Constant) else " ? " for part in node.values
            )
        if text is not None and SQL.search(text):
            found.append(f"line {node.lineno}: SQL text")
        if isinstance(node, ast.Attribute) and node.attr == "hex":
            found.append(f"line {node.lineno}: .hex (the stored form of a key)")
        if isinstance(node, ast.Name) and node.id == "read_uuid":
            found.append(f"line {node.lineno}: read_uuid")
        if isinstance(node, ast.keyword) and node.arg == "hex":
            found.append(f"line {node.value.lineno}: UUID(hex=…)")
    return found


@functools.cache
def _modules() -> dict[str, list[str]]:
    found = {}
    for base in ("hallwatch", "ui"):
        for path in sorted((ROOT / base).rglob("*.py")):
            name = path.relative_to(ROOT).as_posix()
            if name.startswith("hallwatch/storage/"):
                continue
            found[name] = offences(path.read_text(encoding="utf-8"))
    return found


def test_no_stored_forms_outside_storage() -> None:
    modules = _modules()
    assert len(modules) > 50  # the walk covered the tree
    stray = {name: lines for name, lines in modules.items() if lines}
    assert stray == {}, "move this SQL into hallwatch/storage/queries, keys through storage.convert"


def test_the_scan_sees_what_it_forbids() -> None:
    source = (
        '"""SELECT a FROM b in a docstring is prose."""\n'
        'rows = conn.execute("SELECT id FROM halls WHERE code = ?", (code,))\n'
        "text = hall.id.hex\n"
        "hall = read_uuid(text)\n"
        "same = uuid.UUID(hex=text)\n"
        'fine = f"{table} has {count} rows"\n'
    )
    assert sorted(line.split(":")[0] for line in offences(source)) == [
        "line 2",
        "line 3",
        "line 4",
        "line 5",
    ]

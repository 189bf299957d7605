"""Every error code the core raises has Chinese words in the UI's one registry (ErrorText).

The codes are found by reading hallwatch/ itself: every call of an error class (a
subclass of HallWatchError, or an import's RowProblem / RowError) that passes a code,
by keyword or in the code's position of the class's signature. A code added anywhere
in the core without a template fails here, naming the file and line.
"""

from __future__ import annotations

import ast
import re
from dataclasses import dataclass
from pathlib import Path

import pytest

from hallwatch.camera.sources import CameraError
from hallwatch.domain.errors import FieldError
from hallwatch.services.imports.report import ImportFileError, RowError
from ui.letters.letter_error_text import LetterErrorText
from ui.settings.error_text import ErrorText

ROOT = Path(__file__).resolve().parents[2]
CORE = ROOT / "hallwatch"

# Codes computed at the raise site: the expression as written → the codes it can give.
# An empty set: the code of another error passed on (it is checked where it is raised).
DYNAMIC: dict[str, set[str]] = {
    "f\"{name.removesuffix('_at')}_before_{_CODE[what]}\"": {
        "called_before_taken",
        "accepted_before_taken",
        "accepted_before_called",
        "finished_before_taken",
        "finished_before_called",
        "finished_before_accepted",
        "rated_before_taken",
        "rated_before_called",
        "rated_before_accepted",
    },
    "f'bad_{what}'": {"bad_time", "bad_date"},
    "self.code": set(),
    "error.code": set(),
    "problem.code": set(),
    "twice.code": set(),
    "stream_error.code": set(),
    "first.code": set(),
}
# Words that stay as they are in a Chinese sentence: names, formats, examples.
KEPT = {
    "HallWatch", "CSV", "JPEG", "GB", "Excel", "WPS", "UTF", "GB18030", "xlsx", "xls", "ods",
    "ZKTeco", "attlog", "rtsp", "http", "service", "attitude", "MM", "DD", "SZ", "Asia",
    "Shanghai",
}  # fmt: skip
ENGLISH_WORD = re.compile(r"[A-Za-z]{2,}")
URL = re.compile(r"\S*://\S*")
CJK = re.compile(r"[\u3400-\u9fff]")
# Param values that are neither English nor placeholders.
PARAMS = ("甲", "7", "9", "乙", "丙")
FILE_NAME = "打卡.csv"


@dataclass(frozen=True, slots=True)
class Raised:
    family: str  # field, camera, file or row
    cls: str
    code: str
    where: str


def _trees() -> dict[Path, ast.Module]:
    return {path: ast.parse(path.read_text(encoding="utf-8")) for path in CORE.rglob("*.py")}


def _name(node: ast.expr) -> str:
    if isinstance(node, ast.Attribute):
        return node.attr
    return node.id if isinstance(node, ast.Name) else ""


def _error_classes(trees: dict[Path, ast.Module]) -> dict[str, ast.ClassDef]:
    classes = {
        node.name: node
        for tree in trees.values()
        for node in ast.walk(tree)
        if isinstance(node, ast.ClassDef)
    }

    def is_error(name: str, seen: frozenset[str] = frozenset()) -> bool:
        if name in ("HallWatchError", "RowProblem", "RowError"):
            return True
        node = classes.get(name)
        return node is not None and any(
            is_error(_name(base), seen | {name}) for base in node.bases if _name(base) not in seen
        )

    return {name: node for name, node in classes.items() if is_error(name)}


def _code_position(node: ast.ClassDef, classes: dict[str, ast.ClassDef]) -> int | None:
    """Where `code` sits among a class's positional arguments (None: keyword only)."""
    for item in node.body:
        if isinstance(item, ast.FunctionDef) and item.name == "__init__":
            names = [arg.arg for arg in item.args.args[1:]]
            return names.index("code") if "code" in names else None
    fields = [
        item.target.id
        for item in node.body
        if isinstance(item, ast.AnnAssign) and isinstance(item.target, ast.Name)
    ]
    if fields:  # a dataclass: its fields in order
        return fields.index("code") if "code" in fields else None
    for base in node.bases:  # no signature of its own: its base's
        parent = classes.get(_name(base))
        if parent is not None:
            return _code_position(parent, classes)
    return None


def _family(name: str, classes: dict[str, ast.ClassDef]) -> str:
    while name:
        if name == "CameraError":
            return "camera"
        if name == "ImportFileError":
            return "file"
        if name in ("RowProblem", "RowError"):
            return "row"
        node = classes.get(name)
        name = _name(node.bases[0]) if node is not None and node.bases else ""
    return "field"


def raised_codes() -> tuple[list[Raised], list[str]]:
    """Return every code passed to an error class in hallwatch/, and unknown expressions."""
    trees = _trees()
    classes = _error_classes(trees)
    positions = {name: _code_position(node, classes) for name, node in classes.items()}
    found: list[Raised] = []
    unknown: list[str] = []
    for path, tree in trees.items():
        # A class that always carries one code says so in its body: `code = "disk_full"`.
        for node in (n for n in ast.walk(tree) if isinstance(n, ast.ClassDef)):
            for item in node.body if node.name in classes else ():
                target = item.targets[0] if isinstance(item, ast.Assign) else None
                value = item.value if isinstance(item, ast.Assign) else None
                if (
                    isinstance(target, ast.Name)
                    and target.id == "code"
                    and isinstance(value, ast.Constant)
                    and isinstance(value.value, str)
                ):
                    where = f"{path.relative_to(ROOT)}:{item.lineno}"
                    found.append(Raised(_family(node.name, classes), node.name, value.value, where))
        for call in (node for node in ast.walk(tree) if isinstance(node, ast.Call)):
            cls = _name(call.func)
            if cls not in classes:
                continue
            expr = next((k.value for k in call.keywords if k.arg == "code"), None)
            position = positions[cls]
            if expr is None and position is not None and len(call.args) > position:
                expr = call.args[position]
            if expr is None:
                continue
            where = f"{path.relative_to(ROOT)}:{call.lineno}"
            family = _family(cls, classes)
            if isinstance(expr, ast.Constant) and isinstance(expr.value, str):
                found.append(Raised(family, cls, expr.value, where))
            elif ast.unparse(expr) in DYNAMIC:
                found += [Raised(family, cls, c, where) for c in DYNAMIC[ast.unparse(expr)]]
            else:
                unknown.append(f"{where}: {cls}(code={ast.unparse(expr)})")
    return found, unknown


def _english_left(text: str) -> list[str]:
    # The file's name is data, not words.
    text = URL.sub("", text.replace(FILE_NAME, ""))
    return [word for word in ENGLISH_WORD.findall(text) if word not in KEPT]


def _said(raised: Raised, errors: ErrorText, letters: LetterErrorText) -> list[str]:
    """What the screens say for this code (each describer a screen uses for its family)."""
    if raised.family == "camera":
        if raised.code not in errors.camera_templates():  # not the words for any failure
            return [f"no template for camera code {raised.code}"]
        return [errors.describe(CameraError("camera CAM-1 failed badly", code=raised.code))]
    if raised.family == "file":
        error = ImportFileError(
            raised.code,
            "the file cannot be imported",
            file=FILE_NAME,
            row=7,
            column=3,
            header="工号",
            columns=["B", "D"],
            field="pin",
            missing=["pin"],
            headers=["姓名"],
        )
        return [errors.describe(error)]
    if raised.family == "row":
        row = RowError(7, "工号", "甲乙", "the row is wrong somehow", raised.code)
        return [errors.row_reason(row)]
    error = FieldError("some_field", "the value is wrong somehow", code=raised.code, params=PARAMS)
    return [errors.describe(error), letters.describe(error)]


def test_error_code_scan_finds_the_codes_of_every_family() -> None:
    found, unknown = raised_codes()
    assert unknown == [], "add the expression's codes to DYNAMIC"
    codes = {(r.family, r.code) for r in found}
    # The scan itself works: known codes of each family, raised in each way.
    assert {
        ("field", "finding_in_letter"),  # InUseError, keyword
        ("field", "code_taken"),  # FieldError in the domain
        ("field", "checklist_empty"),
        ("field", "category_changed"),  # FieldError in a service
        ("field", "own_appeal"),  # FollowUpRefused
        ("field", "char_not_in_font"),  # LetterTextError
        ("camera", "timeout"),
        ("file", "no_rows"),  # ImportFileError, first positional argument
        ("row", "unknown_pin"),  # RowProblem, fourth positional argument
        ("row", "duplicate_pin"),  # RowError (a dataclass), fifth
        ("row", "bad_date"),  # an f-string, expanded
        ("field", "disk_full"),  # a class's own code
    } <= codes
    assert len(codes) > 150


@pytest.mark.parametrize("family", ["field", "camera", "file", "row"])
def test_every_raised_code_is_said_in_chinese(family: str) -> None:
    errors, letters = ErrorText(), LetterErrorText()
    found, _unknown = raised_codes()
    missing: list[str] = []
    for raised in sorted({r for r in found if r.family == family}, key=lambda r: r.code):
        for text in _said(raised, errors, letters):
            if not CJK.search(text) or _english_left(text) or re.search(r"%\d", text):
                missing.append(f"{raised.where} {raised.cls} {raised.code!r}: {text}")
    assert missing == [], "\n".join(missing)


def test_error_text_fills_params_and_names_the_file() -> None:
    errors = ErrorText()
    taken = FieldError(
        "code", "checklist code x.y is already used", code="code_taken", params=["x.y"]
    )
    assert errors.describe(taken) == "检查项编码 x.y 已被使用：编码一经使用含义不变，请另选一个。"
    csv = ImportFileError("bad_csv", "line 12 cannot be read", file="排队.csv", row=12)
    assert errors.describe(csv) == (
        "排队.csv 的第 12 行无法按 CSV 读取。请打开文件检查该行，重新另存为 CSV 后再导入。"
    )
    twice = ImportFileError(
        "duplicate_column",
        "two columns",
        file="a.csv",
        header="工号",
        columns=["B", "E"],
        field="pin",
    )
    assert errors.file_text(twice.code, twice.params, "a.csv", {"pin": "考勤号"}.get) == (
        "有两列的标题都是“工号”（B、E）：无法判断哪一列是“考勤号”。"
        "请删除或重命名其中一列，或保存指定其中一列的列对应关系。"
    )
    # One code, two meanings: the field tells which.
    ended = FieldError("now", "a spot check cannot end before it started", code="time_order")
    assert errors.describe(ended) == "检查的结束时间不能早于开始时间。"
    # A camera's code is its own: not_jpeg of a camera is not a letter photo's not_jpeg.
    assert errors.describe(CameraError("no picture", code="not_jpeg")).startswith("摄像头")
    # A code this release does not know yet: the core's sentence, never nothing.
    row = RowError(3, "", "x", "a brand new problem", "brand_new")
    assert errors.row_reason(row) == "a brand new problem"


def test_error_text_says_errors_without_a_code_by_their_class() -> None:
    from hallwatch.services.letters.numbering import NoNumberLeftError
    from hallwatch.storage.space import DiskFullError

    errors = ErrorText()
    full = DiskFullError("/data/hallwatch")
    assert (
        errors.describe(full) == "/data/hallwatch 所在的磁盘已满：请腾出空间后重试。未做任何更改。"
    )
    assert errors.describe(NoNumberLeftError("no number left")).startswith("没有可用的文号")

"""The import use cases: preview a file, import it."""

from __future__ import annotations

import os
import uuid
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hallwatch.domain.errors import InputError
from hallwatch.services.imports import attlog, casefile, queue
from hallwatch.services.imports.caserows import CaseTable, import_rows
from hallwatch.services.imports.mapping import (
    ColumnMapping,
    FieldSpec,
    apply_mapping,
    detect_columns,
    duplicate_column,
    field_specs,
    find_header_row,
    footer_text,
    load_mapping,
    mapping_kind,
    missing_fields,
)
from hallwatch.services.imports.punches import Cancelled, Progress, PunchTable, import_punches
from hallwatch.services.imports.reading import (
    ENCODING_NAMES,
    SourceInfo,
    TableReader,
    cell_text,
    inspect_file,
)
from hallwatch.services.imports.report import ImportFileError, ImportReport, RowError, RowProblem
from hallwatch.services.imports.roster import import_roster
from hallwatch.services.imports.values import text_value
from hallwatch.storage.database import Database

KINDS = ("roster", "attlog", "punches", "queue", "cases")
# Kinds named by DESIGN §9 that this release does not import yet (none left).
LATER_KINDS: tuple[str, ...] = ()


def _no_progress(_fraction: float, _text: str) -> None:
    return None


def _never() -> bool:
    return False


def check_kind(kind: str) -> str:
    """Return a known import kind, or say which ones there are."""
    kind = kind.strip().lower()
    if kind in KINDS:
        return kind
    if kind in LATER_KINDS:
        raise ImportFileError(
            "kind_later",
            f"importing {kind} comes with a later release of HallWatch",
            f"this version imports {', '.join(KINDS)}",
            kind=kind,
        )
    raise ImportFileError(
        "unknown_kind",
        f"unknown import kind {kind!r}",
        f"choose one of: {', '.join(KINDS)}",
        kind=kind,
    )


def import_file(
    db: Database,
    hall_id: uuid.UUID,
    kind: str,
    path: str | os.PathLike[str],
    *,
    mapping: str | ColumnMapping | None = None,
    dry_run: bool = False,
    keep_good_rows: bool = False,
    source: str | None = None,
    progress: Progress = _no_progress,
    cancelled: Cancelled = _never,
) -> ImportReport:
    """Import a roster, attlog, punch, queue or case file into a hall; all or nothing unless told.

    mapping is the name of a saved column mapping, or a mapping built on the spot.
    With row errors and keep_good_rows False, nothing is written and the report
    lists the errors; dry_run checks everything and writes nothing. source names the
    system a queue or case export comes from, whose rating scale applies
    (ratings.py); it defaults to the mapping's name, else to the kind.
    """
    kind = check_kind(kind)
    file = Path(path)
    info = inspect_file(file)
    column_mapping = _resolve_mapping(db, hall_id, kind, mapping)
    name = column_mapping.name if column_mapping else ""
    options: dict[str, Any] = {
        "file_name": file.name,
        "mapping_name": name,
        "dry_run": dry_run,
        "keep_good_rows": keep_good_rows,
        "progress": progress,
        "cancelled": cancelled,
    }
    if kind == "attlog":
        _check_attlog(info)
        report = import_punches(db, hall_id, attlog.AttlogSource(info), **options)
    elif kind == "punches":
        report = import_punches(db, hall_id, PunchTable(info, column_mapping), **options)
    elif kind in ("queue", "cases"):
        module = queue if kind == "queue" else casefile
        checker = queue.QueueChecker if kind == "queue" else casefile.CaseChecker
        match = queue.match_queue if kind == "queue" else casefile.match_cases
        report = import_rows(
            db,
            hall_id,
            CaseTable(info, kind, column_mapping),
            checker,
            match,
            source=(source or "").strip() or name or kind,
            row_source=module.ROW_SOURCE,
            **options,
        )
    else:
        report = import_roster(db, hall_id, info, column_mapping, **options)
    progress(1.0, "done")
    return report


def _resolve_mapping(
    db: Database, hall_id: uuid.UUID, kind: str, mapping: str | ColumnMapping | None
) -> ColumnMapping | None:
    if mapping is None or (isinstance(mapping, str) and not mapping.strip()):
        return None
    if kind == "attlog":
        raise InputError(
            "attlog files have a fixed layout and take no column mapping",
            "leave out --mapping, or import a CSV/Excel export as 'punches'",
        )
    if isinstance(mapping, str):
        with db.read() as session:
            mapping = load_mapping(session, hall_id, mapping)
    wanted = mapping_kind(kind)
    if mapping.kind and mapping.kind != wanted:
        raise InputError(
            f"the mapping {mapping.name!r} is for {mapping.kind} files, not {kind}",
            f"choose a mapping saved for {kind}",
        )
    return mapping


def _check_attlog(info: SourceInfo) -> None:
    if info.workbook:
        raise ImportFileError(
            "attlog_workbook",
            f"{info.path.name} is a workbook ({info.encoding_label}), not a ZKTeco attlog file",
            "import it as punches",
            file=info.path.name,
        )


# --- preview -----------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Preview:
    """The first rows of a file and how they would be read: for the mapping step."""

    kind: str
    file: str
    format: str  # attlog, text (CSV), or a workbook: xlsx, xls, ods
    encoding: str  # as shown to people: UTF-8, UTF-8 (BOM), GB18030, Excel (.xlsx) …
    headers: list[str]
    # Field → column index, as detected (and as the given mapping changes it).
    columns: dict[str, int]
    rows: list[list[str]]
    # Fields the kind reads, for a choice per field; empty for the fixed attlog layout.
    fields: list[FieldSpec] = field(default_factory=list)
    # What would stop the import or some rows: a missing column (row 0), sample rows
    # that cannot be read (with their numbers).
    problems: list[RowError] = field(default_factory=list)
    header_row: int = 0
    # The sample's file row numbers, parallel to rows.
    row_numbers: list[int] = field(default_factory=list)

    @property
    def missing(self) -> list[str]:
        """Return the required fields no column holds."""
        return [p.column for p in self.problems if p.code == "missing_column"]


def preview(
    path: str | os.PathLike[str],
    kind: str,
    mapping: ColumnMapping | None = None,
    rows: int = 20,
) -> Preview:
    """Read the first rows of a file and say how they would be imported."""
    kind = check_kind(kind)
    file = Path(path)
    info = inspect_file(file)
    if kind == "attlog":
        _check_attlog(info)
        return _preview_attlog(info, rows)
    return _preview_table(info, kind, mapping, rows)


def _preview_attlog(info: SourceInfo, rows: int) -> Preview:
    source = attlog.AttlogSource(info)
    problems: list[RowError] = []
    sample: list[list[str]] = []
    numbers: list[int] = []
    for number, text, decoded, payload in source.records():
        sample.append(attlog.split_line(text))
        numbers.append(number)
        if not decoded:
            problems.append(RowError(number, "", text[:80], "the line is not valid text", "decode"))
        else:
            try:
                attlog.parse_line(payload)
            except RowProblem as problem:
                problems.append(problem.at(number))
        if len(sample) >= rows:
            break
    if not sample:
        raise ImportFileError("no_rows", f"{info.path.name} has no punches", "export it again")
    width = max(len(row) for row in sample)
    headers = [*attlog.COLUMNS, *(f"Column {i + 1}" for i in range(len(attlog.COLUMNS), width))]
    return Preview(
        kind="attlog",
        file=info.path.name,
        format="attlog",
        encoding=info.encoding_label,
        headers=headers[: max(width, len(attlog.COLUMNS))],
        columns={"pin": 0, "datetime": 1, "device": 2},
        rows=[row + [""] * (width - len(row)) for row in sample],
        problems=problems,
        row_numbers=numbers,
    )


def _preview_table(
    info: SourceInfo, kind: str, mapping: ColumnMapping | None, rows: int
) -> Preview:
    reader = TableReader(info)
    head = []
    for row in reader:
        head.append(row)
        if len(head) >= max(rows, 10) + 30:
            break
    if not head:
        raise ImportFileError("no_rows", f"{info.path.name} has no rows", "export it again")
    table_kind = mapping_kind(kind)
    index = find_header_row([row.cells for row in head], table_kind, mapping)
    headers = [text_value(cell) for cell in head[index].cells]
    data = [row for row in head[index + 1 :] if any(row.cells)][:rows]
    samples = [row.cells for row in data]
    problems: list[RowError] = []
    columns = detect_columns(table_kind, headers, samples)
    if mapping is not None:
        try:
            columns = apply_mapping(columns, headers, mapping)
        except ImportFileError as error:
            problems.append(
                RowError(0, str(error.params.get("field", "")), "", error.message, error.code)
            )
    specs = {spec.name: spec for spec in field_specs(table_kind)}
    for name in missing_fields(table_kind, columns):
        problems.append(
            RowError(0, name, "", f"no column holds the {specs[name].label}", "missing_column")
        )
    twice = duplicate_column(table_kind, headers, columns, mapping)
    if twice is not None:
        problems.append(
            RowError(0, str(twice.params.get("field", "")), "", twice.message, twice.code)
        )
    if table_kind == "punches" and not problems:
        table = PunchTable(info, mapping)
        table.prepare(headers, columns)
        for row in data:
            if footer_text(row.cells):
                continue  # skipped by the import too, with a warning
            for which in table.times_of(row.cells):
                try:
                    table.parse((row.cells, which))
                except RowProblem as problem:
                    problems.append(problem.at(row.number))
    width = max([len(headers), *(len(row.cells) for row in data)])
    return Preview(
        kind=kind,
        file=info.path.name,
        format=info.format,
        encoding=info.encoding_label if info.workbook else _label(reader, info),
        headers=headers + [""] * (width - len(headers)),
        columns=columns,
        rows=[[cell_text(c) for c in row.cells] + [""] * (width - len(row.cells)) for row in data],
        fields=list(field_specs(table_kind)),
        problems=problems,
        header_row=head[index].number,
        row_numbers=[row.number for row in data],
    )


def _label(reader: TableReader, info: SourceInfo) -> str:
    return ENCODING_NAMES.get(reader.encoding, reader.encoding) or info.encoding_label

"""Imports: staff rosters, ZKTeco attlog files, punch, queue and case exports.

`preview` shows how a file would be read (encoding, header row, which column
holds what); `import_file` checks every row and then writes all of it, or
nothing, in one transaction (DESIGN §10), with an ImportBatch row, its audit
entry and the outbox mutations. Named column mappings and rating scales are saved
per source as hall settings.
"""

from __future__ import annotations

from hallwatch.services.imports.importer import (
    KINDS,
    LATER_KINDS,
    Preview,
    check_kind,
    import_file,
    preview,
)
from hallwatch.services.imports.mapping import (
    ColumnMapping,
    FieldSpec,
    field_specs,
    list_mappings,
    load_mapping,
    mapping_kind,
    save_mapping,
)
from hallwatch.services.imports.ratings import (
    RatingScale,
    list_rating_scales,
    load_rating_scale,
    save_rating_scale,
)
from hallwatch.services.imports.report import (
    MAX_KEPT_ERRORS,
    ImportCancelled,
    ImportFileError,
    ImportReport,
    RowError,
)

__all__ = [
    "KINDS",
    "LATER_KINDS",
    "MAX_KEPT_ERRORS",
    "ColumnMapping",
    "FieldSpec",
    "ImportCancelled",
    "ImportFileError",
    "ImportReport",
    "Preview",
    "RatingScale",
    "RowError",
    "check_kind",
    "field_specs",
    "import_file",
    "list_mappings",
    "list_rating_scales",
    "load_mapping",
    "load_rating_scale",
    "mapping_kind",
    "preview",
    "save_mapping",
    "save_rating_scale",
]

"""The Frictionless Data Package (datapackage.json) describing an export, written from the same
ViewSpecs that render the views' `COMMENT ON` and docs/data_dictionary.md, so a column's
meaning is declared once (STYLE.md: schema as code).

A BI tool or `frictionless validate` reads the file's fields, types and descriptions; DuckDB
types map to Table Schema types, and a list or struct column is an `array` (JSON in CSV). A
type with no mapping raises: a new column type is noticed here, not exported untyped.
"""

from __future__ import annotations

import json
from datetime import datetime, timezone
from pathlib import Path

from chiso.warehouse.views import ViewSpec

# DuckDB type → Table Schema type (https://datapackage.org/standard/table-schema/#field-types).
_TYPES = {"VARCHAR": "string", "DOUBLE": "number", "INTEGER": "integer", "BIGINT": "integer", "DATE": "date", "BOOLEAN": "boolean"}


def field_type(duckdb_type: str) -> str:
    """Table Schema type of a DuckDB column type; lists and lists of structs are arrays."""
    if duckdb_type.endswith("[]"):
        return "array"
    if duckdb_type not in _TYPES:
        raise ValueError(f"no Table Schema type for the DuckDB type {duckdb_type}")
    return _TYPES[duckdb_type]


def describe_resource(view: ViewSpec, paths: list[str], file_format: str, partitioned: bool = False) -> dict[str, object]:
    """One resource: the view's files (relative, '/'-separated), format and Table Schema.

    A partitioned resource's files hold every column but index_family, whose value, like the
    year of period_start, is the name of the folders (`index_family=sipas/year=2021`), as
    Hive-partitioned readers (DuckDB, pyarrow, pandas, Spark) expect. Its schema is what each
    file holds; `partitions` names and describes the two folder keys.
    """
    fields = [{"name": c.name, "type": field_type(c.type), "description": c.description} for c in view.columns]
    resource: dict[str, object] = {
        "name": view.name,
        "type": "table",
        "path": paths[0] if len(paths) == 1 else paths,
        "format": file_format,
        "mediatype": "text/csv" if file_format == "csv" else "application/vnd.apache.parquet",
        **({"encoding": "utf-8"} if file_format == "csv" else {}),
        "description": view.description,
    }
    if partitioned:
        resource["partitions"] = [next(f for f in fields if f["name"] == "index_family"),
                                  {"name": "year", "type": "integer", "description": "Year of period_start."}]
        fields = [f for f in fields if f["name"] != "index_family"]
    resource["schema"] = {"fields": fields}
    return resource


def write_datapackage(out_dir: Path, resources: list[dict[str, object]]) -> Path:
    path = out_dir / "datapackage.json"
    package = {
        "$schema": "https://datapackage.org/profiles/2.0/datapackage.json",
        "name": "chiso",
        "title": "chiso: Vietnamese public-administration index letters as trusted figures",
        "description": "Views of a chiso warehouse (docs/data_dictionary.md): every published number with its provenance (facts), "
                       "one trusted value per key (figures), the scorecard, units and their lineage, indicators and the checks run.",
        "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
        "resources": resources,
    }
    path.write_text(json.dumps(package, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return path

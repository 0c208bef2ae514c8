"""Load the shared, cited tables in data/ as pandas DataFrames.

Each table is described in data/datapackage.json (Frictionless Data Package). Tables are read
once and cached; every load is checked against the schema, and a broken table raises
TableError naming the file, the CSV line and the column.
"""

from __future__ import annotations

import csv
import functools
import json
import os
import re
from pathlib import Path

import pandas as pd

__all__ = ["TableError", "data_dir", "load_table", "source_label", "table_names", "table_schema"]


class TableError(ValueError):
    """A data table is missing or does not match its schema."""


def data_dir() -> Path:
    """The data folder: $CRPS_LESSONS_DATA if set, else data/ beside the package."""
    override = os.environ.get("CRPS_LESSONS_DATA")
    if override:
        return Path(override)
    return Path(__file__).resolve().parent.parent / "data"


@functools.lru_cache(maxsize=4)
def _package(folder: str) -> dict:
    path = Path(folder) / "datapackage.json"
    if not path.is_file():
        raise TableError(f"{path}: the data package descriptor is missing")
    with path.open(encoding="utf-8") as fh:
        return json.load(fh)


def _resources() -> dict[str, dict]:
    return {res["name"]: res for res in _package(str(data_dir()))["resources"]}


def table_names() -> list[str]:
    """Names of every table in data/datapackage.json, in descriptor order."""
    return list(_resources())


def table_schema(name: str) -> dict:
    """The Table Schema (fields, primaryKey, foreignKeys) of one table."""
    resources = _resources()
    if name not in resources:
        raise TableError(f"no table named {name!r}; tables are: {', '.join(resources)}")
    return resources[name]["schema"]


def _check_value(value: str, field: dict, where: str) -> None:
    c = field.get("constraints", {})
    kind = field.get("type", "string")
    if value == "":
        if c.get("required"):
            raise TableError(f"{where}: required value is empty")
        return
    if kind in ("integer", "year"):
        if not re.fullmatch(r"-?\d+", value):
            raise TableError(f"{where}: {value!r} is not a whole number")
    elif kind == "number":
        try:
            float(value)
        except ValueError:
            raise TableError(f"{where}: {value!r} is not a number") from None
    elif kind == "boolean" and value not in ("true", "false"):
        raise TableError(f"{where}: {value!r} is not a boolean (write true or false)")
    if "enum" in c and value not in c["enum"]:
        raise TableError(f"{where}: {value!r} is not one of {c['enum']}")
    if "pattern" in c and not re.fullmatch(c["pattern"], value):
        raise TableError(f"{where}: {value!r} does not match the pattern {c['pattern']}")
    if kind in ("integer", "number", "year"):
        number = float(value)
        if "minimum" in c and number < c["minimum"]:
            raise TableError(f"{where}: {value} is below the minimum {c['minimum']}")
        if "maximum" in c and number > c["maximum"]:
            raise TableError(f"{where}: {value} is above the maximum {c['maximum']}")


def _read_checked(name: str) -> pd.DataFrame:
    resource = _resources().get(name)
    if resource is None:
        raise TableError(f"no table named {name!r}; tables are: {', '.join(_resources())}")
    path = data_dir() / resource["path"]
    if not path.is_file():
        raise TableError(f"{path}: table {name!r} is missing")
    schema = resource["schema"]
    fields = schema["fields"]
    names = [f["name"] for f in fields]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    if not rows or rows[0] != names:
        raise TableError(f"{path}, line 1: header {rows[0] if rows else []} != schema fields {names}")
    key = schema.get("primaryKey", [])
    key = [key] if isinstance(key, str) else key
    seen: dict[tuple, int] = {}
    for line_no, row in enumerate(rows[1:], start=2):
        if len(row) != len(names):
            raise TableError(f"{path}, line {line_no}: {len(row)} values, expected {len(names)}")
        for value, field in zip(row, fields, strict=True):
            _check_value(value, field, f"{path}, line {line_no}, column {field['name']!r}")
        if key:
            k = tuple(row[names.index(col)] for col in key)
            if k in seen:
                raise TableError(
                    f"{path}, line {line_no}, column {'+'.join(key)!r}: duplicate key {k} (first on line {seen[k]})"
                )
            seen[k] = line_no
    columns = {}
    for i, f in enumerate(fields):
        values = [row[i] for row in rows[1:]]
        columns[f["name"]] = _typed(values, f.get("type", "string"))
    return pd.DataFrame(columns, columns=names)


_DTYPES = {"integer": "Int64", "year": "Int64", "number": "Float64", "boolean": "boolean"}


def _typed(values: list[str], kind: str) -> pd.Series:
    """A column with the schema's type; an empty cell is pd.NA (never "", NaN or None)."""
    if kind == "boolean":
        parsed = [pd.NA if v == "" else v == "true" for v in values]
    elif kind in ("integer", "year"):
        parsed = [pd.NA if v == "" else int(v) for v in values]
    elif kind == "number":
        parsed = [pd.NA if v == "" else float(v) for v in values]
    else:
        parsed = [pd.NA if v == "" else v for v in values]
    return pd.Series(parsed, dtype=_DTYPES.get(kind, "string"))


@functools.cache
def _cached(name: str, folder: str) -> pd.DataFrame:
    return _read_checked(name)


def load_table(name: str) -> pd.DataFrame:
    """Return table `name` (e.g. "sources") as a DataFrame; read once, then served from cache.

    Empty cells are missing values (<NA>). A copy is returned so callers cannot alter the cache.
    """
    return _cached(name, str(data_dir())).copy()


def source_label(source_id: str) -> str:
    """The name a reader meets for a source: its ``label`` (e.g. "Dr Chopra's talk"), else
    "Sigtermans et al. 2009" built from the authors and year. The one place names come from."""
    labels = _labels(str(data_dir()))
    if source_id not in labels:
        raise KeyError(f"unknown source id {source_id!r}; see data/sources.csv")
    return labels[source_id]


@functools.lru_cache(maxsize=4)
def _labels(folder: str) -> dict[str, str]:
    # Built once per data folder: explorers name sources on every control change.
    return {row.source_id: _label(row) for row in _cached("sources", folder).itertuples(index=False)}


def _label(row) -> str:
    if not pd.isna(row.label):
        return str(row.label)
    names = [a.strip() for a in ("" if pd.isna(row.authors) else str(row.authors)).split(",") if a.strip()]
    year = "" if pd.isna(row.year) else f" {row.year}"
    if not names:
        return f"{row.title}{year}"

    def surname(author: str) -> str:
        # "de Mos M" -> "de Mos": everything but the trailing initials.
        words = author.split()
        return " ".join(words[:-1]) if len(words) > 1 else author

    if len(names) == 1:
        return f"{surname(names[0])}{year}"
    if len(names) == 2 and names[1] != "et al.":
        return f"{surname(names[0])} & {surname(names[1])}{year}"
    return f"{surname(names[0])} et al.{year}"

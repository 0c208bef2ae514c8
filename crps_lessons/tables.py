"""A data table shown in a lesson: chosen columns, a caption, headers in words, sources by their labels.

A plain DataFrame display gives the index an empty header cell, has no caption and shows source ids;
a screen reader then announces an unnamed column and a table with no name.
"""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from .data import load_table, source_label, table_names

__all__ = ["show_table"]


def _header(column: str) -> str:
    if column == "source_id":
        return "Source"
    words = column.removesuffix("_text").replace("_", " ")
    return words[:1].upper() + words[1:]


def _cell(column: str, value) -> str:
    if pd.isna(value):
        return ""
    if column == "source_id":
        return html.escape(source_label(value))
    return html.escape(str(value))


def show_table(table: str | pd.DataFrame, columns: list[str] | None = None, *, caption: str) -> HTML:
    """Rows of ``data/<table>.csv`` (a table name) or of a DataFrame a lesson computed, with these
    columns in this order (default: all), under this caption."""
    if isinstance(table, str):
        if table not in table_names():
            raise ValueError(f"no data table {table!r}; the tables are {sorted(table_names())}")
        frame, where = load_table(table), f" (data/{table}.csv)"
    elif isinstance(table, pd.DataFrame):
        frame, where = table, ""
    else:
        raise TypeError(f"table must be a data table's name or a DataFrame; got {type(table).__name__}")
    columns = list(frame.columns) if columns is None else columns
    unknown = [c for c in columns if c not in frame.columns]
    if unknown or not columns:
        raise ValueError(f"columns {unknown or columns} are not in the table; it has {list(frame.columns)}")
    if not caption.strip():
        raise ValueError("caption must say what the table holds")
    head = "".join(f'<th scope="col">{html.escape(_header(c))}</th>' for c in columns)
    body = "".join(
        "<tr>" + "".join(f"<td>{_cell(c, v)}</td>" for c, v in zip(columns, row, strict=True)) + "</tr>"
        for row in frame[columns].itertuples(index=False)
    )
    return HTML(
        f'<table class="crps-table"><caption>{html.escape(caption)}{where}</caption>'
        f"<thead><tr>{head}</tr></thead><tbody>{body}</tbody></table>"
    )

"""Citations in notebooks: inline as [@source_id] in markdown, listed by ``references([...])``."""

from __future__ import annotations

import html

from IPython.display import HTML

from .data import load_table

__all__ = ["format_reference", "references"]


def format_reference(source_id: str) -> str:
    """One source as plain text: authors (year). title. venue. doi/url."""
    table = load_table("sources").set_index("source_id")
    if source_id not in table.index:
        raise ValueError(f"unknown source id {source_id!r}; add it to data/sources.csv first")
    row = table.loc[source_id].fillna("")
    parts = []
    if row["authors"]:
        parts.append(f"{row['authors']} ({row['year']}).")
    parts.append(f"{row['title']}.")
    if row["venue"]:
        parts.append(f"{row['venue']}.")
    if row["doi"]:
        parts.append(f"doi:{row['doi']}")
    elif row["url"]:
        parts.append(row["url"])
    return " ".join(str(p) for p in parts)


def references(source_ids: list[str]) -> HTML:
    """The reference list of a lesson, from data/sources.csv, in the order given."""
    if not source_ids:
        raise ValueError("references: give at least one source id")
    items = "".join(f"<li><code>[@{html.escape(s)}]</code> {html.escape(format_reference(s))}</li>" for s in source_ids)
    return HTML(f'<ol class="crps-references">{items}</ol>')

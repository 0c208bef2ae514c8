"""The glossary (data/glossary.csv) shown in a lesson: a definition list, no table index."""

from __future__ import annotations

import html

import pandas as pd
from IPython.display import HTML

from .data import load_table, source_label

__all__ = ["show_glossary", "terms_and_aliases"]


def terms_and_aliases() -> dict[str, str]:
    """Every term and alias, lower-cased, mapped to its glossary term."""
    out = {}
    for row in load_table("glossary").itertuples(index=False):
        out[row.term.lower()] = row.term
        if not pd.isna(row.aliases):
            for alias in row.aliases.split(";"):
                if alias.strip():
                    out[alias.strip().lower()] = row.term
    return out


def _used_in(table: pd.DataFrame, notebook: str) -> pd.Series:
    also = table["also_in"].fillna("").str.split(";")
    return (table["notebook"] == notebook) | also.apply(lambda stems: notebook in stems)


def show_glossary(notebook: str | None = None) -> HTML:
    """The terms a lesson introduces or sets in bold (every term when ``notebook`` is None), with sources."""
    table = load_table("glossary")
    if notebook is not None:
        used = _used_in(table, notebook)
        if not used.any():
            raise ValueError(
                f"no glossary terms for {notebook!r}; lessons with terms: {', '.join(sorted(set(table['notebook'])))}"
            )
        table = table[used]
    items = "".join(
        f"<dt><b>{html.escape(r.term)}</b></dt><dd>{html.escape(r.definition)} "
        f"<i>(Source: {html.escape(source_label(r.source_id))})</i></dd>"
        for r in table.sort_values("term", key=lambda s: s.str.lower()).itertuples(index=False)
    )
    return HTML(f'<dl class="crps-glossary">{items}</dl>')

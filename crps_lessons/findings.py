"""What the evidence found (data/findings.csv), shown in a lesson: benefit, certainty and harms together.

Certainty words follow GRADE (Balshem et al. 2011, J Clin Epidemiol 64:401-406, source
``balshem2011``): high, we are very confident the true effect lies close to the estimate; moderate,
it is likely close but may be substantially different; low, it may be substantially different;
very low, it is likely to be substantially different. The plain labels below say the same in
simpler words.
"""

from __future__ import annotations

import functools
import html

import pandas as pd
from IPython.display import HTML

from .data import data_dir, load_table, source_label

__all__ = [
    "CERTAINTY_ORDER",
    "PLAIN_CERTAINTY",
    "certainty_label",
    "finding_row_html",
    "findings_for",
    "findings_table_html",
    "show_findings",
]

CERTAINTY_ORDER = ["high", "moderate", "low", "very low", "not graded"]
PLAIN_CERTAINTY = {
    "high": "we can be confident the true effect is close to this",
    "moderate": "probably close to the true effect, but it could be quite different",
    "low": "the true effect may be quite different",
    "very low": "very uncertain: the true effect is likely to be quite different",
    "not graded": "the reason is given with the finding",
}


def certainty_label(level: str) -> str:
    """'low' -> 'low certainty (the true effect may be quite different)'."""
    if level not in PLAIN_CERTAINTY:
        raise ValueError(f"certainty must be one of {CERTAINTY_ORDER}; got {level!r}")
    word = "not graded" if level == "not graded" else f"{level} certainty"
    return f"{word} ({PLAIN_CERTAINTY[level]})"


def findings_for(treatment_ids: list[str] | None = None) -> pd.DataFrame:
    """Findings rows (all, or for these treatments, in the order given), joined with the treatment name."""
    findings = _named(str(data_dir()))
    if treatment_ids is None:
        return findings.copy()
    unknown = sorted(set(treatment_ids) - _known_treatments(str(data_dir())))
    if unknown:
        raise ValueError(f"unknown treatment ids {unknown}; see data/treatments.csv")
    order = {t: i for i, t in enumerate(treatment_ids)}
    picked = findings[findings["treatment_id"].isin(order)]
    return picked.sort_values("treatment_id", key=lambda s: s.map(order), kind="stable").reset_index(drop=True)


@functools.lru_cache(maxsize=4)
def _named(folder: str) -> pd.DataFrame:
    # Joined once per data folder: the evidence explorer shows a findings table on every change.
    treatments = load_table("treatments")
    return load_table("findings").merge(treatments[["treatment_id", "name"]], on="treatment_id")


@functools.lru_cache(maxsize=4)
def _known_treatments(folder: str) -> frozenset[str]:
    # Kept apart from the frame: pandas deep-copies DataFrame.attrs on every operation on it.
    return frozenset(load_table("treatments")["treatment_id"])


def _cell(value) -> str:
    return "" if pd.isna(value) else html.escape(str(value))


def finding_row_html(r) -> str:
    """One findings row (a row of :func:`findings_for`, as a named tuple) as a table row of :func:`show_findings`."""
    size = ", ".join(
        p
        for p in [
            f"{r.n_studies} studies" if not pd.isna(r.n_studies) and r.n_studies > 1 else "",
            f"{r.n_participants} people" if not pd.isna(r.n_participants) else "",
        ]
        if p
    )
    return (
        f'<tr><th scope="row">{_cell(r.name)}</th><td>{_cell(r.outcome)}<br><small>{_cell(r.population)}; '
        f"vs {_cell(r.comparison)}{'; ' + _cell(r.timepoint) if not pd.isna(r.timepoint) else ''}</small></td>"
        f"<td>{_cell(r.design)}{'<br><small>' + html.escape(size) + '</small>' if size else ''}</td>"
        f"<td><b>{_cell(r.direction)}</b>: {_cell(r.effect)}</td>"
        f"<td>{html.escape(certainty_label(r.certainty))}<br><small>{_cell(r.certainty_from)}</small></td>"
        f"<td>{_cell(r.harms)}</td><td>{html.escape(source_label(r.source_id))}</td></tr>"
    )


def findings_table_html(rows_html: list[str], caption: str | None = None) -> str:
    """The table of :func:`show_findings` around rows made by :func:`finding_row_html`."""
    caption = caption or "What the evidence found: benefit, certainty and harms together."
    return (
        '<table class="crps-findings">'
        f"<caption>{html.escape(caption)}</caption><thead><tr>"
        + "".join(
            f'<th scope="col">{h}</th>'
            for h in ["Treatment", "Outcome", "Evidence", "What was found", "Certainty", "Harms", "Source"]
        )
        + f"</tr></thead><tbody>{''.join(rows_html)}</tbody></table>"
    )


def show_findings(treatment_ids: list[str], caption: str | None = None) -> HTML:
    """A table of what the evidence found for these treatments: outcome, design and size, effect,
    certainty in words, harms, source."""
    rows = findings_for(treatment_ids)
    if rows.empty:
        raise ValueError(f"no findings recorded for {treatment_ids}; add rows to data/findings.csv")
    return HTML(findings_table_html([finding_row_html(r) for r in rows.itertuples(index=False)], caption))

"""Effect sizes from a trial's counts: absolute and relative risk, number needed to treat (lesson 12).

What it computes
----------------
For an outcome that a person either has or does not have (CRPS after a wrist fracture, a side
effect), a trial reports ``a`` events among ``n1`` people given the treatment and ``c`` among
``n0`` given the comparison. Then:

- risk with treatment ``p1 = a / n1`` and with the comparison ``p0 = c / n0`` (proportions);
- **absolute risk difference** ``ARD = p0 - p1`` (positive: fewer events with the treatment), with
  the Wald 95% confidence interval ``ARD ± 1.96 * sqrt(p1 (1 - p1) / n1 + p0 (1 - p0) / n0)``;
- **relative risk** ``RR = p1 / p0`` with the usual log-scale 95% interval
  ``exp(ln RR ± 1.96 * sqrt(1/a - 1/n1 + 1/c - 1/n0))`` (Katz et al. 1978), and the relative risk
  reduction ``RRR = 1 - RR``;
- **number needed to treat** ``NNT = 1 / ARD`` for a benefit (or the number needed to harm,
  ``NNH = 1 / -ARD``, when the treatment adds events, e.g. side effects); rounded up to a whole
  person, the usual convention.

These are the textbook formulas; the tests check them against the figures the trials published
(Zollinger et al. 1999: 7% vs 22%, difference 15%, 95% CI 2-26; Zollinger et al. 2007: relative
risks 0.41 (0.13-1.27), 0.17 (0.04-0.77) and 0.17 (0.04-0.75) for its three vitamin C arms).

The counts come from ``data/event_counts.csv``, each row as the trial's abstract reports it, with
its unit (people, wrists or fractures). Nothing here applies to a person: an NNT describes a group
in a trial, under that trial's conditions.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

import pandas as pd

from ..data import load_table, source_label
from ..validate import check_number

__all__ = [
    "RiskComparison",
    "compare_proportions",
    "compare_risks",
    "comparison",
    "comparison_ids",
    "effect_table",
    "nnt_at_baseline",
    "pain_difference",
]

Z95 = 1.959963984540054  # the 97.5th centile of the standard normal distribution


@dataclass(frozen=True)
class RiskComparison:
    """Risks in two arms and the effect measures computed from them (risks as proportions, 0-1)."""

    risk_treatment: float
    risk_control: float
    n_treatment: int
    n_control: int
    events_treatment: int | None = None
    events_control: int | None = None

    @property
    def risk_difference(self) -> float:
        """Absolute risk difference, control minus treatment (positive: fewer events with treatment)."""
        return self.risk_control - self.risk_treatment

    @property
    def risk_difference_ci(self) -> tuple[float, float]:
        """Wald 95% confidence interval of :attr:`risk_difference`."""
        p1, p0 = self.risk_treatment, self.risk_control
        se = math.sqrt(p1 * (1 - p1) / self.n_treatment + p0 * (1 - p0) / self.n_control)
        return (self.risk_difference - Z95 * se, self.risk_difference + Z95 * se)

    @property
    def relative_risk(self) -> float:
        """Risk with treatment divided by risk with the comparison (below 1: fewer events)."""
        if self.risk_control == 0:
            raise ValueError("the relative risk is undefined when the comparison arm has no events")
        return self.risk_treatment / self.risk_control

    @property
    def relative_risk_ci(self) -> tuple[float, float] | None:
        """Log-scale 95% interval of :attr:`relative_risk`; None when it needs counts that were not
        reported, or when an arm has no events."""
        a, c = self.events_treatment, self.events_control
        if a is None or c is None or a == 0 or c == 0:
            return None
        se = math.sqrt(1 / a - 1 / self.n_treatment + 1 / c - 1 / self.n_control)
        log_rr = math.log(self.relative_risk)
        return (math.exp(log_rr - Z95 * se), math.exp(log_rr + Z95 * se))

    @property
    def relative_risk_reduction(self) -> float:
        """1 - RR (0.5: the treatment halves the risk; negative: it raises it)."""
        return 1 - self.relative_risk

    @property
    def number_needed(self) -> float:
        """1 / |ARD|: people treated for one event fewer (benefit) or one event more (harm)."""
        if self.risk_difference == 0:
            return math.inf
        return 1 / abs(self.risk_difference)

    @property
    def number_needed_rounded(self) -> int | None:
        """:attr:`number_needed` rounded up to a whole person (None when there is no difference)."""
        if math.isinf(self.number_needed):
            return None
        return math.ceil(self.number_needed - 1e-9)

    @property
    def kind(self) -> str:
        """'NNT' when the treatment arm has fewer events, 'NNH' when it has more, 'none' when equal."""
        if self.risk_difference > 0:
            return "NNT"
        if self.risk_difference < 0:
            return "NNH"
        return "none"


def compare_risks(events_treatment, total_treatment, events_control, total_control) -> RiskComparison:
    """Effect measures from the counts of two arms (events and totals, whole numbers)."""
    n1 = check_number("total_treatment", total_treatment, 1, unit="people", integer=True)
    n0 = check_number("total_control", total_control, 1, unit="people", integer=True)
    a = check_number("events_treatment", events_treatment, 0, n1, unit="people", integer=True)
    c = check_number("events_control", events_control, 0, n0, unit="people", integer=True)
    return RiskComparison(a / n1, c / n0, n1, n0, a, c)


def compare_proportions(percent_treatment, percent_control, total_treatment, total_control) -> RiskComparison:
    """Effect measures when a trial reports percentages rather than counts (percent, 0-100)."""
    p1 = check_number("percent_treatment", percent_treatment, 0, 100, unit="%")
    p0 = check_number("percent_control", percent_control, 0, 100, unit="%")
    n1 = check_number("total_treatment", total_treatment, 1, unit="people", integer=True)
    n0 = check_number("total_control", total_control, 1, unit="people", integer=True)
    return RiskComparison(p1 / 100, p0 / 100, n1, n0)


def nnt_at_baseline(relative_risk, baseline_risk_percent) -> float:
    """NNT for a relative risk applied to a baseline risk (percent): ``1 / (p0 * (1 - RR))``.

    The same relative effect gives very different NNTs when the event is common or rare.
    """
    rr = check_number("relative_risk", relative_risk, 0, 1, unit="(ratio, below 1 for a benefit)", low_open=False)
    p0 = check_number("baseline_risk_percent", baseline_risk_percent, 0, 100, unit="%", low_open=True)
    if rr == 1:
        return math.inf
    return 1 / (p0 / 100 * (1 - rr))


def pain_difference(mean_treatment, mean_control, scale_max=10) -> dict:
    """Difference between two groups' mean pain (points on a 0-``scale_max`` scale) and in percent of
    the comparison group's mean."""
    top = check_number("scale_max", scale_max, 1, 100, unit="points")
    mt = check_number("mean_treatment", mean_treatment, 0, top, unit="points")
    mc = check_number("mean_control", mean_control, 0, top, unit="points", low_open=True)
    return {"points": mc - mt, "percent_of_control": 100 * (mc - mt) / mc}


def _counts() -> pd.DataFrame:
    return load_table("event_counts").set_index("comparison_id")


def comparison_ids() -> list[str]:
    """Ids of the comparisons in data/event_counts.csv, in file order."""
    return list(_counts().index)


def comparison(comparison_id: str) -> RiskComparison:
    """The effect measures of one row of data/event_counts.csv (from counts, else from percentages)."""
    table = _counts()
    if comparison_id not in table.index:
        raise ValueError(f"comparison_id must be one of {', '.join(map(repr, table.index))}; got {comparison_id!r}")
    row = table.loc[comparison_id]
    if not pd.isna(row["treatment_events"]) and not pd.isna(row["control_events"]):
        return compare_risks(
            int(row["treatment_events"]),
            int(row["treatment_total"]),
            int(row["control_events"]),
            int(row["control_total"]),
        )
    return compare_proportions(
        float(row["treatment_percent"]),
        float(row["control_percent"]),
        int(row["treatment_total"]),
        int(row["control_total"]),
    )


def _percent(x: float) -> str:
    return f"{100 * x:.1f}%"


def effect_table(comparison_ids_: list[str] | None = None) -> pd.DataFrame:
    """One row per comparison: risks, absolute difference (with 95% CI), relative risk (with 95% CI),
    NNT or NNH, beside what the source itself reported."""
    table = load_table("event_counts")
    if comparison_ids_ is not None:
        unknown = [c for c in comparison_ids_ if c not in set(table["comparison_id"])]
        if unknown:
            raise ValueError(f"unknown comparison ids {unknown}; see data/event_counts.csv")
        table = table.set_index("comparison_id").loc[comparison_ids_].reset_index()
    rows = []
    for r in table.itertuples(index=False):
        cmp = comparison(r.comparison_id)
        low, high = cmp.risk_difference_ci
        rr_ci = cmp.relative_risk_ci
        counted = cmp.events_treatment is not None
        rows.append(
            {
                "trial": source_label(r.source_id),
                "comparison": f"{r.treatment_arm} vs {r.control_arm}",
                "outcome": f"{r.outcome} (counted in {r.unit})",
                "treatment arm": (f"{cmp.events_treatment}/{cmp.n_treatment} " if counted else "")
                + f"({_percent(cmp.risk_treatment)})",
                "comparison arm": (f"{cmp.events_control}/{cmp.n_control} " if counted else "")
                + f"({_percent(cmp.risk_control)})",
                "absolute difference (95% CI)": f"{100 * cmp.risk_difference:.1f} points "
                f"({100 * low:.1f} to {100 * high:.1f})",
                "relative risk (95% CI)": f"{cmp.relative_risk:.2f}"
                + (f" ({rr_ci[0]:.2f} to {rr_ci[1]:.2f})" if rr_ci else ""),
                "NNT or NNH": f"{cmp.kind} {cmp.number_needed_rounded}" if cmp.kind != "none" else "no difference",
                "the source reported": r.reported,
            }
        )
    return pd.DataFrame(rows)

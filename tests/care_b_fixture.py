"""A small synthetic copy of data/ for the care-lesson explorer tests (lessons 07 and 08).

The real treatments.csv and source_statements.csv grow while the lessons are written; these tests
pin the explorers' behaviour on a known table instead, including a paraphrase with "<script>".
"""

import csv
import shutil
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

TREATMENTS = [
    # treatment_id, name, kind, drug_class, examples, target_mechanism, route, phases, note
    ["t_gaba", "Gabapentin", "medication", "gabapentinoid", "", "neuropathic pain", "oral", "1;2", ""],
    [
        "t_ldn",
        "Low-dose naltrexone",
        "medication",
        "opioid antagonist (low dose)",
        "",
        "glia and immune",
        "oral",
        "",
        "",
    ],
    [
        "t_ket_iv",
        "Ketamine, intravenous",
        "medication",
        "NMDA antagonist",
        "",
        "NMDA and central sensitization",
        "intravenous",
        "3",
        "",
    ],
    ["t_desens", "Desensitization", "therapy", "rehabilitation", "", "rehabilitation", "", "1", ""],
    ["t_scs", "Spinal cord stimulation", "procedure", "neuromodulation", "", "neuromodulation", "implanted", "3", ""],
]
STATEMENTS = [
    # source_id, treatment_id, stance, dose_reported, schedule_reported, paraphrase
    ["chopra_talk", "t_gaba", "recommends", "", "", "Listed among the commonly used medicines."],
    ["clinic_article", "t_gaba", "describes", "", "", "Placed early, for nerve-related pain."],
    [
        "chopra_talk",
        "t_ldn",
        "worth trying",
        "1.75 mg to 4.5 mg",
        "once a day; trial of at least 6 months",
        "Called disease modifying; <script>alert(1)</script> & more.",
    ],
    ["chopra_talk", "t_ket_iv", "recommends", "", "4-5 h infusions over 10 days", "Blocks NMDA receptors."],
    ["chopra_talk", "t_desens", "harmful", "", "", "Said to worsen central sensitization."],
    ["clinic_article", "t_desens", "recommends", "", "", "Part of early gentle therapy."],
    ["chopra_talk", "t_scs", "not helpful", "", "", "No great benefit after a few years."],
    ["kemler2000", "t_scs", "describes", "", "", "Less pain at six months than physical therapy alone."],
]


def make_data(tmp_path: Path) -> Path:
    """Copy data/ to tmp_path/data and replace treatments and statements with the rows above."""
    folder = tmp_path / "data"
    shutil.copytree(ROOT / "data", folder)
    for name, header, rows in [
        (
            "treatments",
            ["treatment_id", "name", "kind", "drug_class", "examples", "target_mechanism", "route", "phases", "note"],
            TREATMENTS,
        ),
        (
            "source_statements",
            ["source_id", "treatment_id", "stance", "dose_reported", "schedule_reported", "paraphrase"],
            STATEMENTS,
        ),
    ]:
        with (folder / f"{name}.csv").open("w", newline="", encoding="utf-8") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            writer.writerow(header)
            writer.writerows(rows)
    return folder

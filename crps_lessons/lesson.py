"""Everything a lesson notebook needs, in one import line::

from crps_lessons.lesson import explore, show_quiz, show_glossary, show_findings, show_table, references
"""

from . import DISCLAIMER
from .cite import references
from .data import load_table, source_label
from .findings import show_findings
from .glossary import show_glossary
from .quiz import show_quiz
from .tables import show_table
from .widgets import EXPLORERS, explore

__all__ = [
    "DISCLAIMER",
    "EXPLORERS",
    "explore",
    "load_table",
    "references",
    "show_findings",
    "show_glossary",
    "show_quiz",
    "show_table",
    "source_label",
]

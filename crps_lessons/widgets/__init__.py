"""The explorers. Every module in this package registers its explorers in EXPLORERS on import.

Usage in a notebook::

    from crps_lessons.widgets import explore
    explore("windup")          # shows the wind-up explorer
"""

import importlib
import pkgutil

from .base import EXPLORERS, Explorer, explore, register

__all__ = ["EXPLORERS", "Explorer", "explore", "register"]

for _module in pkgutil.iter_modules(__path__):
    if _module.name != "base":
        importlib.import_module(f"{__name__}.{_module.name}")

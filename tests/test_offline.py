"""The package opens no network connection: build everything with sockets blocked."""

import subprocess
import sys

from conftest import ROOT

SCRIPT = r"""
import socket
def refuse(*args, **kwargs):
    raise RuntimeError("network access attempted: %r" % (args,))
socket.socket.connect = refuse
socket.socket.connect_ex = refuse
socket.create_connection = refuse
socket.getaddrinfo = refuse
import crps_lessons
from crps_lessons.data import load_table, table_names
from crps_lessons.widgets import EXPLORERS, explore
from crps_lessons.quiz import show_quiz
for name in table_names():
    load_table(name)
for name in EXPLORERS:
    ex = explore(name)
    for control in ex.controls.values():
        if hasattr(control, "max"):
            control.value = control.max
notebooks = sorted(set(load_table("quiz")["notebook"]))
for nb in notebooks:
    show_quiz(nb)
print("offline ok", len(EXPLORERS), len(notebooks))
"""


def test_package_works_with_sockets_blocked():
    result = subprocess.run([sys.executable, "-c", SCRIPT], capture_output=True, text=True, cwd=ROOT, timeout=300)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "offline ok" in result.stdout

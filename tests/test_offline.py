"""The lessons work without a network: the package never opens a connection beyond this machine.

The notebooks themselves run with the same guard (tools/build_html.refuse_network) in the session's
one execution (tests/test_notebooks_execute.py).
"""

import subprocess
import sys

from conftest import ROOT

GUARD = (
    f"import sys; sys.path.insert(0, {str(ROOT)!r})\nfrom tools.build_html import refuse_network\nrefuse_network()\n"
)

EVERYTHING = (
    GUARD
    + r"""
import importlib, pkgutil
import crps_lessons
from benchmarks.kernel_bench import drag_values
from crps_lessons import progress
from crps_lessons.data import load_table, table_names
from crps_lessons.quiz import show_quiz
from crps_lessons.widgets import EXPLORERS, explore

for module in pkgutil.walk_packages(crps_lessons.__path__, "crps_lessons."):
    importlib.import_module(module.name)
for name in table_names():
    load_table(name)
moves = 0
for name in EXPLORERS:
    ex = explore(name)
    for control in ex.controls.values():
        for value in drag_values(control, 6):
            control.value = value
            moves += 1
quizzes = sorted(set(load_table("quiz")["notebook"]))
for nb in quizzes:
    if nb == progress.INVENTORY:
        show_quiz(nb, attempt="before"), show_quiz(nb, attempt="after")
    else:
        show_quiz(nb)
print("offline ok", len(EXPLORERS), moves, len(quizzes))
"""
)


def _run(code, tmp_path):
    env = {"PATH": "/usr/bin:/bin", "HOME": str(tmp_path), "CRPS_LESSONS_PROGRESS": str(tmp_path / "p.json")}
    return subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=300, env=env)


def test_the_guard_refuses_the_network_and_allows_this_machine(tmp_path):
    code = GUARD + (
        "import socket\n"
        "server = socket.socket(); server.bind(('127.0.0.1', 0)); server.listen()\n"
        "socket.create_connection(server.getsockname()).close()\n"
        "print('loopback ok')\n"
        "for attempt in (lambda: socket.create_connection(('192.0.2.1', 80), timeout=1),\n"
        "                lambda: socket.getaddrinfo('example.org', 443)):\n"
        "    try:\n"
        "        attempt()\n"
        "    except OSError as exc:\n"
        "        print('refused:', exc)\n"
    )
    result = _run(code, tmp_path)
    assert result.returncode == 0, result.stderr[-2000:]
    assert result.stdout.count("refused: a lesson tried to reach the network") == 2, result.stdout
    assert "loopback ok" in result.stdout


def test_the_package_works_with_the_network_refused(tmp_path):
    result = _run(EVERYTHING, tmp_path)
    assert result.returncode == 0, result.stderr[-3000:]
    assert "offline ok" in result.stdout

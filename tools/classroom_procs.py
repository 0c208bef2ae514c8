"""The processes of one class run, found by a marker in their environment, measured and stopped by pid.

Every process a run starts (hub, proxy, single-user servers, kernels, the browser) carries
``CRPS_CLASSROOM_RUN=<marker>`` in its environment, so the run finds exactly its own processes
even after one of them re-parents to init, and stops only those. Linux only (reads ``/proc``).
"""

from __future__ import annotations

import os
import signal
import time
from dataclasses import dataclass
from pathlib import Path

MARKER_VAR = "CRPS_CLASSROOM_RUN"
_PROC = Path("/proc")


@dataclass(frozen=True)
class Proc:
    pid: int
    start: int  # start time in clock ticks since boot: tells a reused pid apart
    user: str | None  # JUPYTERHUB_USER from the environment (None for hub, proxy, browser)
    name: str  # the executable's name, e.g. "python3.11", "node", "chromium"


def _environ(pid: int) -> dict[str, str]:
    raw = (_PROC / str(pid) / "environ").read_bytes()
    out = {}
    for item in raw.split(b"\0"):
        key, sep, value = item.partition(b"=")
        if sep:
            out[key.decode(errors="replace")] = value.decode(errors="replace")
    return out


def _start_time(pid: int) -> int:
    stat = (_PROC / str(pid) / "stat").read_text()
    # Field 22 (starttime); the command name (field 2) may contain spaces, so split after its ")".
    return int(stat.rsplit(")", 1)[1].split()[19])


def marked(marker: str) -> list[Proc]:
    """Every live process whose environment carries this run's marker."""
    found = []
    for entry in _PROC.iterdir():
        if not entry.name.isdigit():
            continue
        pid = int(entry.name)
        try:
            env = _environ(pid)
            if env.get(MARKER_VAR) != marker:
                continue
            found.append(Proc(pid, _start_time(pid), env.get("JUPYTERHUB_USER"), (entry / "comm").read_text().strip()))
        except (FileNotFoundError, ProcessLookupError, PermissionError):
            continue  # gone meanwhile, or not ours to read
    return found


def _alive(p: Proc) -> bool:
    try:
        return _start_time(p.pid) == p.start and (_PROC / str(p.pid) / "stat").read_text().split(") ")[1][0] != "Z"
    except (FileNotFoundError, ProcessLookupError, IndexError):
        return False


def rss_kib(pid: int) -> int:
    """Resident memory of one process (VmRSS), in KiB; 0 if it is gone."""
    try:
        for line in (_PROC / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except (FileNotFoundError, ProcessLookupError):
        pass
    return 0


def stop(procs: list[Proc], grace: float = 10.0) -> list[Proc]:
    """SIGTERM each process (by pid, if it is still the same process), SIGKILL what is left after
    ``grace`` seconds; return the processes still alive after that (normally none)."""
    procs = [p for p in procs if _alive(p)]
    for p in procs:
        _signal(p, signal.SIGTERM)
    deadline = time.monotonic() + grace
    while time.monotonic() < deadline and any(_alive(p) for p in procs):
        time.sleep(0.1)
    left = [p for p in procs if _alive(p)]
    for p in left:
        _signal(p, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while time.monotonic() < deadline and any(_alive(p) for p in left):
        time.sleep(0.1)
    return [p for p in left if _alive(p)]


def _signal(p: Proc, sig: int) -> None:
    try:
        if _start_time(p.pid) == p.start:
            os.kill(p.pid, sig)
    except (FileNotFoundError, ProcessLookupError):
        pass

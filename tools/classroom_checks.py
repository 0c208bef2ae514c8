"""Checks made before a class hub starts: each problem is one message saying what is wrong and how to fix it.

Nothing here starts a process that keeps running; a failed check leaves nothing behind.
"""

from __future__ import annotations

import errno
import os
import shutil
import socket
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PROXY = ROOT / "node_modules" / ".bin" / "configurable-http-proxy"
MAX_STUDENTS = 60  # one machine; a bigger class belongs on Zero to JupyterHub (docs/teaching.md)


class SetupError(Exception):
    """A problem the user can fix; the message names it and the fix."""


def student_count(text: str | int) -> int:
    """``text`` as a class size: a whole number from 1 to MAX_STUDENTS."""
    raw = str(text).strip()
    if not raw.isdigit() or int(raw) < 1:
        raise SetupError(
            f"STUDENTS must be a positive whole number (1, 2, 3, ...), got {str(text)!r}: "
            f"run e.g. `make classroom STUDENTS=3`"
        )
    n = int(raw)
    if n > MAX_STUDENTS:
        raise SetupError(
            f"STUDENTS={n} is more than one machine should hold here (at most {MAX_STUDENTS}); "
            f"for a bigger class use the Zero to JupyterHub recipe in deploy/z2jh/"
        )
    return n


def port_number(text: str | int) -> int:
    """``text`` as a TCP port from 1024 to 65535."""
    raw = str(text).strip()
    if not raw.isdigit() or not 1024 <= int(raw) <= 65535:
        raise SetupError(
            f"PORT must be a whole number from 1024 to 65535, got {str(text)!r}: run e.g. `make classroom PORT=8765`"
        )
    return int(raw)


def check_port_free(port: int) -> None:
    """Fail unless nothing listens on 127.0.0.1:``port`` (the hub's public port)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        # As the proxy will: connections of an earlier run still closing (TIME_WAIT) do not count.
        s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            s.bind(("127.0.0.1", port))
        except OSError as exc:
            if exc.errno != errno.EADDRINUSE:
                raise
            raise SetupError(
                f"port {port} on 127.0.0.1 is already in use by another program: "
                f"choose a free one, e.g. `make classroom PORT={port + 1}`"
            ) from None


def free_port() -> int:
    """A port nothing listens on now (for the hub's internal API and the proxy's API)."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def find_proxy(proxy: str | os.PathLike | None = None) -> Path:
    """configurable-http-proxy as installed by ``npm ci`` (package-lock.json), and node to run it."""
    path = Path(proxy) if proxy else PROXY
    if not path.exists():
        raise SetupError(
            f"configurable-http-proxy is missing ({path}): install the npm packages with "
            f"`make node_modules/.installed` (runs `npm ci`; needs npm: `apt-get install npm`)"
        )
    if shutil.which("node") is None:
        raise SetupError(
            "node is missing (configurable-http-proxy runs on Node.js): "
            "install it with `apt-get install nodejs` (Node.js 20 or newer)"
        )
    return path


def find_browser(chromium: str | os.PathLike | None = None) -> str:
    """Debian's chromium: ``chromium`` if given, else $CHROMIUM, else chromium on PATH."""
    candidates = (
        [chromium]
        if chromium
        else [
            os.environ.get("CHROMIUM"),
            shutil.which("chromium"),
            shutil.which("chromium-browser"),
            "/usr/bin/chromium",
        ]
    )
    for c in candidates:
        if c and Path(c).is_file() and os.access(c, os.X_OK):
            return str(c)
    where = f" at {chromium}" if chromium else ""
    raise SetupError(
        f"chromium not found{where}: install Debian's chromium (`sudo apt-get install chromium`) "
        f"or point CHROMIUM=/path/to/chromium at one (never `playwright install`)"
    )


def find_hub_commands() -> dict[str, Path]:
    """jupyterhub, jupyterhub-singleuser and git (nbgitpuller runs git)."""
    bin_dir = Path(sys.executable).parent
    found = {name: bin_dir / name for name in ("jupyterhub", "jupyterhub-singleuser")}
    missing = [str(p) for p in found.values() if not p.exists()]
    if missing:
        raise SetupError(
            f"missing {', '.join(missing)}: install the lock into the venv with `make .venv/.installed` "
            f"(the `hub` extra pins jupyterhub and nbgitpuller)"
        )
    git = shutil.which("git")
    if git is None:
        raise SetupError("git is missing (nbgitpuller clones with git): install it with `apt-get install git`")
    found["git"] = Path(git)
    return found

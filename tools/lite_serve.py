"""Serve a built site on 127.0.0.1 the way the README tells learners to: ``python3 -m http.server``.

``StaticServer(folder)`` starts the server in its own process group on a free loopback port,
waits until it answers, and keeps its request log; ``stop()`` ends it by its process id. It is a
context manager.
"""

from __future__ import annotations

import os
import re
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

__all__ = ["StaticServer"]


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class StaticServer:
    """``python3 -m http.server`` over ``folder``, on 127.0.0.1 only."""

    def __init__(self, folder: str | os.PathLike, startup_timeout: float = 20):
        self.folder = Path(folder).resolve()
        if not (self.folder / "index.html").is_file():
            raise FileNotFoundError(f"{self.folder}: no index.html (build the site first: make lite)")
        self.startup_timeout = startup_timeout
        self.port = 0
        self.process: subprocess.Popen | None = None
        self._log = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    def start(self) -> StaticServer:
        self.port = _free_port()
        # Kept open for the server's lifetime (its request log); closed and removed by stop().
        self._log = tempfile.NamedTemporaryFile(prefix="crps-lite-serve-", suffix=".log", delete=False)  # noqa: SIM115
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "http.server",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--directory",
                str(self.folder),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
            stdin=subprocess.DEVNULL,
            start_new_session=True,
        )
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"http.server exited with code {self.process.returncode}: {self.log()[-2000:]}")
            try:
                with urllib.request.urlopen(self.base_url + "/jupyter-lite.json", timeout=2):
                    return self
            except (urllib.error.URLError, ConnectionError, OSError):
                time.sleep(0.1)
        self.stop()
        raise TimeoutError(f"http.server did not answer on {self.base_url} within {self.startup_timeout} s")

    def log(self) -> str:
        try:
            return Path(self._log.name).read_text(errors="replace") if self._log else ""
        except OSError:
            return ""

    def requests(self) -> list[tuple[str, int]]:
        """``(path, status)`` of every request the server answered, in order."""
        return [(path, int(code)) for path, code in re.findall(r'"(?:GET|HEAD) (\S+) HTTP/[\d.]+" (\d{3})', self.log())]

    def bytes_served(self, since: int = 0) -> int:
        """Bytes of the files served with status 200 (requests from index ``since`` on)."""
        total = 0
        for path, code in self.requests()[since:]:
            file = self.folder / urllib.parse.unquote(path.split("?", 1)[0]).lstrip("/")
            file = file / "index.html" if file.is_dir() else file
            if code == 200 and file.is_file():
                total += file.stat().st_size
        return total

    def stop(self) -> None:
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            try:
                os.killpg(proc.pid, signal.SIGTERM)
                proc.wait(timeout=10)
            except ProcessLookupError:
                pass
            except subprocess.TimeoutExpired:
                os.killpg(proc.pid, signal.SIGKILL)
                proc.wait(timeout=10)
        if self._log is not None:
            self._log.close()
            Path(self._log.name).unlink(missing_ok=True)
            self._log = None

    def __enter__(self) -> StaticServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

"""A real JupyterHub for one class on this machine, on 127.0.0.1 only.

Student accounts ``student01`` ... log in with one generated password (JupyterHub's own
``SharedPasswordAuthenticator``); JupyterHub's ``SimpleLocalProcessSpawner`` runs every student's
server locally, each in a separate home folder; configurable-http-proxy comes from ``npm ci``.
Everything lives in one temporary folder; ``stop()`` stops every process of the run by pid and
removes that folder.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

from tools import classroom_procs as procs
from tools.classroom_checks import free_port
from tools.classroom_repo import TARGET

_CONFIG = """\
# Written by tools/classroom_hub.py for one class run; removed with the run's folder.
import os

c = get_config()  # noqa: F821
c.JupyterHub.ip = "127.0.0.1"
c.JupyterHub.port = {port}
c.JupyterHub.hub_ip = "127.0.0.1"
c.JupyterHub.hub_port = {hub_port}
c.ConfigurableHTTPProxy.api_url = "http://127.0.0.1:{proxy_api_port}"
c.ConfigurableHTTPProxy.command = [{proxy!r}]
c.ConfigurableHTTPProxy.pid_file = {proxy_pid!r}
c.JupyterHub.db_url = {db_url!r}
c.JupyterHub.cookie_secret_file = {cookie_secret!r}
c.JupyterHub.pid_file = {hub_pid!r}
c.JupyterHub.cleanup_servers = True
c.JupyterHub.cleanup_proxy = True

c.JupyterHub.authenticator_class = "shared-password"
c.SharedPasswordAuthenticator.user_password = {password!r}
c.Authenticator.allowed_users = set({students!r})

c.JupyterHub.spawner_class = "simple"
c.SimpleLocalProcessSpawner.home_dir_template = {homes!r} + "/{{username}}"
c.Spawner.cmd = [{singleuser!r}]
c.Spawner.args = {args!r}
c.Spawner.default_url = "/lab"
c.Spawner.ip = "127.0.0.1"
c.Spawner.start_timeout = {timeout}
c.Spawner.http_timeout = {timeout}


def _lessons(spawner):
    # The lessons import crps_lessons from the copy nbgitpuller pulled, so package and lessons are
    # always the same commit (as in the Zero to JupyterHub recipe).
    return os.path.join(spawner.home_dir, {target!r})


c.Spawner.environment = {{{marker_var!r}: {marker!r}, "PYTHONPATH": _lessons}}
"""


class ClassHub:
    """JupyterHub + proxy for ``students`` (user names), public on 127.0.0.1:``port``."""

    def __init__(
        self,
        students: list[str],
        port: int,
        proxy: Path,
        commands: dict[str, Path],
        workdir: Path,
        marker: str,
        spawn_timeout: int = 300,
        startup_timeout: float = 60,
    ):
        self.students = list(students)
        self.port = port
        self.proxy = Path(proxy)
        self.commands = commands
        self.workdir = Path(workdir)
        self.marker = marker
        self.spawn_timeout = spawn_timeout
        self.startup_timeout = startup_timeout
        self.password = secrets.token_urlsafe(12)
        self.homes = self.workdir / "homes"
        self.hub_dir = self.workdir / "hub"
        self.process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def home(self, student: str) -> Path:
        return self.homes / student

    def log(self) -> str:
        try:
            return (self.hub_dir / "jupyterhub.log").read_text(errors="replace")
        except OSError:
            return ""

    def start(self) -> ClassHub:
        self.homes.mkdir(parents=True)
        self.hub_dir.mkdir(parents=True)
        args = ["--LabApp.expose_app_in_browser=True"]  # window.jupyterapp, for the browser sessions
        if os.geteuid() == 0:
            args.append("--allow-root")  # this machine runs everything as root
        config = _CONFIG.format(
            port=self.port,
            hub_port=free_port(),
            proxy_api_port=free_port(),
            proxy=str(self.proxy),
            proxy_pid=str(self.hub_dir / "proxy.pid"),
            db_url=f"sqlite:///{self.hub_dir / 'jupyterhub.sqlite'}",
            cookie_secret=str(self.hub_dir / "cookie_secret"),
            hub_pid=str(self.hub_dir / "jupyterhub.pid"),
            password=self.password,
            students=sorted(self.students),
            homes=str(self.homes),
            singleuser=str(self.commands["jupyterhub-singleuser"]),
            args=args,
            timeout=self.spawn_timeout,
            target=TARGET,
            marker_var=procs.MARKER_VAR,
            marker=self.marker,
        )
        (self.hub_dir / "jupyterhub_config.py").write_text(config)
        env = dict(os.environ, **{procs.MARKER_VAR: self.marker})
        with open(self.hub_dir / "jupyterhub.log", "wb") as log:
            self.process = subprocess.Popen(
                [str(self.commands["jupyterhub"]), "-f", str(self.hub_dir / "jupyterhub_config.py")],
                cwd=self.hub_dir,
                env=env,
                stdin=subprocess.DEVNULL,
                stdout=log,
                stderr=subprocess.STDOUT,
                start_new_session=True,
            )
        self._wait_ready()
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterHub exited with code {self.process.returncode}:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(f"{self.base_url}/hub/api/", timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                pass
            time.sleep(0.25)
        raise TimeoutError(f"JupyterHub did not answer within {self.startup_timeout} s:\n{self.log()[-3000:]}")

    def version(self) -> str:
        with urllib.request.urlopen(f"{self.base_url}/hub/api/", timeout=10) as response:
            return json.loads(response.read())["version"]

    def memory_mib(self) -> dict:
        """Resident memory now: ``{"students": {name: MiB of server + kernels}, "hub_and_proxy": MiB}``."""
        per_student: dict[str, int] = {s: 0 for s in self.students}
        for p in procs.marked(self.marker):
            if p.user in per_student:  # the student's server and the kernels it started
                per_student[p.user] += procs.rss_kib(p.pid)
        hub_and_proxy = procs.rss_kib(self.process.pid) if self.process else 0
        with contextlib.suppress(OSError, ValueError):
            hub_and_proxy += procs.rss_kib(int((self.hub_dir / "proxy.pid").read_text().strip()))
        return {
            "students": {k: round(v / 1024, 1) for k, v in per_student.items()},
            "hub_and_proxy": round(hub_and_proxy / 1024, 1),
        }

    def stop(self) -> list[procs.Proc]:
        """Stop the hub (it stops the servers and the proxy), then every process left with this run's
        marker, by pid; remove the run's folder. Returns processes that survived (normally none)."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            # Let JupyterHub shut the single-user servers and the proxy down itself first.
            procs.stop([p for p in procs.marked(self.marker) if p.pid == proc.pid], grace=30)
            proc.wait(timeout=10)
        left = procs.stop(procs.marked(self.marker))
        shutil.rmtree(self.workdir, ignore_errors=True)
        return left


def new_workdir() -> Path:
    """The run's temporary folder (everything of the run lives under it)."""
    return Path(tempfile.mkdtemp(prefix="crps-classroom-"))


def tool_versions(proxy: Path) -> dict:
    """Versions of the hub, proxy and nbgitpuller that this run uses."""
    from importlib.metadata import version

    chp = subprocess.run([str(proxy), "--version"], capture_output=True, text=True, timeout=30).stdout.strip()
    return {
        "jupyterhub": version("jupyterhub"),
        "configurable_http_proxy": chp,
        "nbgitpuller": version("nbgitpuller"),
        "jupyterlab": version("jupyterlab"),
        "python": sys.version.split()[0],
    }

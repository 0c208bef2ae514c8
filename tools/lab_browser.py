"""Drive the lesson notebooks in a real JupyterLab, in Debian's headless Chromium, with Playwright.

Used by ``tests/test_browser.py`` (through pytest-playwright) and by ``benchmarks/`` (with a plain
``sync_playwright()``). Nothing here downloads a browser: Chromium is Debian's ``/usr/bin/chromium``;
never run ``playwright install``.

Every wait here is on a signal of the page itself (JupyterLab's kernel status, the command's own
promise, the output DOM, plotly's ``plotly_afterplot`` event), with a time limit after which the
caller gets an ``AssertionError`` or ``TimeoutError`` saying what was still missing. Nothing sleeps
for a fixed time and nothing is tried twice: a lost key press or a plot that stays blank fails.

Server
------
``LabServer(notebooks_dir)``: a JupyterLab over a *temporary copy* of the folder (autosave off, so
outputs never reach the repository), with temporary config, data, runtime, settings and workspace
folders, the news announcements off, ``windowingMode: none`` (every cell stays in the DOM), quiz
progress (``CRPS_LESSONS_PROGRESS``) in the temporary folder, and ``window.jupyterapp`` exposed.
``start()``/``stop()`` (by process group id) or use it as a context manager.

Page
----
``Lab(page, server).load()`` opens JupyterLab once; ``lab.open(name)`` opens a notebook with
JupyterLab's own ``docmanager:open`` command and returns a :class:`Notebook`, whose ``close()``
shuts its kernel down and closes the tab, so one page serves many lessons. ``lab.load_at(name)``
instead opens a fresh page straight at a notebook, as a Binder link does.

``busy_machine(3)``: three CPU-bound processes for the length of a ``with`` block, stopped by pid.

Explorer checks
---------------
``plot_problems(explorer)``: why an explorer's plot is not drawn ([] when it is); ``move_first_control``:
one key press on the explorer's first keyboard-operable control, then wait for the control to change
and for the plot to be redrawn differently; ``answer_quiz``: pick a choice and press "Check answer";
``axe_violations``: axe-core in the page, each violation split into our content and JupyterLab's.
"""

from __future__ import annotations

import contextlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
AXE_JS = ROOT / "node_modules" / "axe-core" / "axe.min.js"

__all__ = [
    "AXE_JS",
    "CHROMIUM_ARGS",
    "OURS",
    "Lab",
    "LabServer",
    "Notebook",
    "answer_quiz",
    "axe_violations",
    "busy_machine",
    "find_chromium",
    "launch_chromium",
    "launch_options",
    "move_first_control",
    "plot_problems",
    "plot_signature",
    "time_control_to_redraw",
]

CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-dev-shm-usage",
]
# Where the collection's own content lives in JupyterLab's DOM: rendered markdown, cell outputs and
# the boxes our widgets mark with a crps-* class. Everything else on the page is JupyterLab's.
OURS = '.jp-RenderedHTMLCommon, .jp-OutputArea-output, [class*="crps-"]'
# Violations inside our outputs that come from a library's own markup, which we cannot change through
# its public API: (axe rule, CSS selector, why). Listed with the reason, never counted as ours.
UPSTREAM_AXE = [
    (
        "aria-input-field-name",
        ".widget-slider .noUi-handle",
        "ipywidgets 8.1 builds its slider with noUiSlider.create() and no handleAttributes, so the handle "
        "has no accessible name (leongersen/noUiSlider#1223); the slider's visible description and "
        "text readout carry its name",
    ),
]


# --------------------------------------------------------------------------- server


def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _jupyter_lab() -> list[str]:
    exe = Path(sys.executable).with_name("jupyter-lab")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "jupyterlab"]


def _write_setting(settings_dir: Path, package: str, plugin: str, values: dict) -> None:
    folder = settings_dir / package
    folder.mkdir(parents=True, exist_ok=True)
    (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))


class LabServer:
    """A throw-away JupyterLab server over a temporary copy of ``notebooks_dir`` (see module doc)."""

    def __init__(
        self, notebooks_dir: str | os.PathLike = "notebooks", *, env: dict | None = None, startup_timeout: float = 90
    ):
        self.source = Path(notebooks_dir)
        if not self.source.is_absolute():
            self.source = ROOT / self.source
        if not self.source.is_dir():
            raise ValueError(f"LabServer: notebooks_dir {str(self.source)!r} is not a directory")
        self.extra_env = dict(env or {})
        self.startup_timeout = startup_timeout
        self.process: subprocess.Popen | None = None
        self.tmp: Path | None = None
        self.port = 0
        self.token = ""
        self.root_dir: Path | None = None
        self.log_path: Path | None = None

    def start(self) -> LabServer:
        if self.process is not None:
            raise RuntimeError("LabServer: already started")
        self.tmp = Path(tempfile.mkdtemp(prefix="crps-lab-"))
        self.root_dir = self.tmp / "notebooks"
        shutil.copytree(self.source, self.root_dir, ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        dirs = {name: self.tmp / name for name in ("config", "data", "runtime", "settings", "workspaces")}
        for d in dirs.values():
            d.mkdir()
        (dirs["config"] / "labconfig").mkdir()
        (dirs["config"] / "labconfig" / "page_config.json").write_text(
            json.dumps({"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}})
        )
        settings = dirs["settings"]
        _write_setting(
            settings, "@jupyterlab/apputils-extension", "notification", {"fetchNews": "false", "checkForUpdates": False}
        )
        _write_setting(settings, "@jupyterlab/notebook-extension", "tracker", {"windowingMode": "none"})
        # A lesson is opened again for the busy run: it must come back without the outputs of the first run.
        _write_setting(settings, "@jupyterlab/docmanager-extension", "plugin", {"autosave": False})
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        env = dict(os.environ)
        env.update(
            {
                "JUPYTER_CONFIG_DIR": str(dirs["config"]),
                "JUPYTER_DATA_DIR": str(dirs["data"]),
                "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
                "JUPYTERLAB_SETTINGS_DIR": str(settings),
                "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
                "CRPS_LESSONS_PROGRESS": str(self.tmp / "progress.json"),
                "JUPYTER_PLATFORM_DIRS": "1",
            }
        )
        env.update(self.extra_env)
        cmd = [
            *_jupyter_lab(),
            "--no-browser",
            "--ip=127.0.0.1",
            f"--port={self.port}",
            "--port-retries=0",
            f"--IdentityProvider.token={self.token}",
            f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.expose_app_in_browser=True",
            f"--LabApp.workspaces_dir={dirs['workspaces']}",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log_path = self.tmp / "jupyter.log"
        with open(self.log_path, "wb") as log:
            # Its own session: stop() signals exactly this process group (server and kernels).
            self.process = subprocess.Popen(
                cmd,
                env=env,
                cwd=self.root_dir,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    def _wait_ready(self) -> None:
        deadline = time.monotonic() + self.startup_timeout
        url = f"{self.base_url}/api/status?token={self.token}"
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"JupyterLab exited with code {self.process.returncode}:\n{self.log()[-3000:]}")
            try:
                with urllib.request.urlopen(url, timeout=2) as response:
                    if response.status == 200:
                        return
            except (urllib.error.URLError, ConnectionError, TimeoutError, OSError):
                time.sleep(0.2)  # not listening yet: poll the port again
        raise TimeoutError(f"JupyterLab did not answer within {self.startup_timeout} s:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        """Stop the server and its kernels by process group id, then remove the temporary folder."""
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
        if proc is not None:
            with contextlib.suppress(ProcessLookupError):  # kernels may outlive the server by a moment
                os.killpg(proc.pid, signal.SIGKILL)
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def __enter__(self) -> LabServer:
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def lab_url(self) -> str:
        return f"{self.base_url}/lab?reset&token={self.token}"

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace") if self.log_path else ""
        except OSError:
            return ""


@contextlib.contextmanager
def busy_machine(processes: int = 3):
    """``processes`` CPU-bound Python processes for the length of the block (issue 10's busy machine:
    three on two cores, like a shared Binder or class hub). Yields their pids; each is stopped by its
    pid when the block ends, however it ends."""
    hogs: list[subprocess.Popen] = []
    try:
        for _ in range(processes):
            hogs.append(subprocess.Popen([sys.executable, "-c", "while True: pass"], stdin=subprocess.DEVNULL))
        yield [h.pid for h in hogs]
    finally:
        for hog in hogs:
            hog.kill()
        for hog in hogs:
            hog.wait()


# --------------------------------------------------------------------------- browser


def find_chromium() -> str | None:
    """Debian's chromium: env CHROMIUM, else ``chromium`` / ``chromium-browser`` on PATH."""
    for c in (
        os.environ.get("CHROMIUM"),
        shutil.which("chromium"),
        shutil.which("chromium-browser"),
        "/usr/bin/chromium",
    ):
        if c and Path(c).exists() and os.access(c, os.X_OK):
            return c
    return None


def launch_options(executable_path: str | None = None, headless: bool = True) -> dict:
    """Keyword arguments for Playwright's ``chromium.launch`` (also pytest-playwright's launch args)."""
    path = executable_path or find_chromium()
    if path is None:
        raise FileNotFoundError(
            "chromium not found: install Debian's chromium (apt-get install chromium); never `playwright install`"
        )
    return {
        "executable_path": path,
        "headless": headless,
        "args": [a for a in CHROMIUM_ARGS if headless or a != "--headless"],
    }


def launch_chromium(playwright, executable_path: str | None = None, headless: bool = True):
    """Launch Debian's Chromium through Playwright with the flags that work in a container."""
    return playwright.chromium.launch(**launch_options(executable_path, headless))


# --------------------------------------------------------------------------- JavaScript

# JupyterLab's panel for an id, kept by lab.open() (the shell API has no lookup by id).
_PANEL = "window.__crpsPanels[id]"

_KERNEL_IDLE_JS = f"""(id) => {{
  const w = {_PANEL};
  const sc = w && w.sessionContext;
  const k = sc && sc.session && sc.session.kernel;
  return !!(sc && sc.isReady && k && k.connectionStatus === 'connected' && k.status === 'idle' && !sc.pendingInput);
}}"""

# Why a plotly graph div is not drawn ('' when it is). The busy-machine failure was empty default
# axes (no traces, no title) from a FigureWidget that missed its state. An explorer's plot must show
# its traces with points, its title and (with ``roles``) a role on every trace; another plot (a
# trainer's chart may start with no points) must just not be the empty default axes.
_DRAWN_FN = """const notDrawn = (gd, explorer, roles) => {
  if (!gd.querySelector('svg.main-svg')) return 'no SVG';
  const data = gd.data || [];
  const title = gd.layout && gd.layout.title;
  const titled = !!(typeof title === 'string' ? title : title && title.text);
  if (!data.length) return titled ? 'no traces' : 'no traces (empty default axes)';
  if (!explorer) return '';
  if (!data.some(t => (t.x && t.x.length) || (t.y && t.y.length))) return 'traces without points';
  if (!gd.querySelector('g.trace')) return 'no trace drawn';
  if (!titled) return 'no title';
  if (roles && !data.every(t => t.meta && t.meta.role)) return 'a trace without meta.role';
  return '';
};"""

_OUTPUTS_JS = f"""([id, roles]) => {{
  {_DRAWN_FN}
  const w = {_PANEL};
  const report = [];
  w.content.widgets.forEach((cell, ci) => {{
    if (cell.model.type !== 'code') return;
    const outputs = cell.model.outputs;
    const views = cell.outputArea ? cell.outputArea.widgets : [];
    for (let i = 0; i < outputs.length; i++) {{
      const out = outputs.get(i), json = out.toJSON(), data = out.data || {{}};
      const node = views[i] ? views[i].node : null;
      const text = node ? node.innerText.slice(0, 1500) : '';
      let kind = 'other', problem = '';
      if (out.type === 'error') {{
        kind = 'error'; problem = (json.ename || '') + ': ' + (json.evalue || '');
      }} else if (out.type === 'stream' && json.name === 'stderr' && /Traceback|Error:/.test(String(json.text))) {{
        kind = 'error'; problem = String(json.text).slice(0, 1500);
      }} else if (data['application/vnd.jupyter.widget-view+json']) {{
        kind = 'widget';
        if (!node) problem = 'no view';
        else if (/Error displaying widget|model not found/i.test(text)) problem = text.slice(0, 300);
        else if (/Loading widget/i.test(text) || !node.querySelector('.jupyter-widgets, .widget-box, .widget-html'))
          problem = 'widget view not drawn yet';
        else {{
          for (const ex of node.querySelectorAll('.crps-explorer')) {{
            const plots = ex.querySelectorAll('.js-plotly-plot');
            if (plots.length !== 1) {{ problem = 'explorer with ' + plots.length + ' plotly plots'; break; }}
          }}
          for (const gd of (problem ? [] : node.querySelectorAll('.js-plotly-plot'))) {{
            const why = notDrawn(gd, !!gd.closest('.crps-explorer'), roles);
            if (why) {{ problem = 'plot ' + why; break; }}
          }}
        }}
      }} else if (data['application/vnd.plotly.v1+json']) {{
        kind = 'plotly';
        const gd = node && node.querySelector('.js-plotly-plot');
        problem = gd ? notDrawn(gd, false, false) : 'no plot';
      }}
      report.push({{cell: ci, index: i, kind: kind, problem: problem, text: text.slice(0, 300)}});
    }}
  }});
  return report;
}}"""

_PLOT_PROBLEMS_JS = f"""([root, roles]) => {{
  {_DRAWN_FN}
  const plots = Array.from(root.querySelectorAll('.js-plotly-plot'));
  if (plots.length !== 1) return ['explorer with ' + plots.length + ' plotly plots'];
  return plots.map(gd => notDrawn(gd, true, roles)).filter(Boolean);
}}"""

_SIGNATURE_JS = """(root) => Array.from(root.querySelectorAll('.js-plotly-plot')).map(p =>
  Array.from(p.querySelectorAll('svg path, svg text'))
    .map(e => e.tagName === 'path' ? (e.getAttribute('d') || '') : e.textContent).join('|')).join('||')"""

_CONTROL_STATE_JS = """e => {
  if (e.classList.contains('noUi-handle')) return 'slider=' + e.getAttribute('aria-valuenow');
  if (e.tagName === 'SELECT') return 'select=' + e.selectedIndex;
  if (e.type === 'checkbox') return 'checkbox=' + e.checked;
  if (e.type === 'radio') { const box = e.closest('.widget-radio-box') || e.parentElement.parentElement;
    const on = box.querySelector('input:checked'); return 'radio=' + (on ? on.value : ''); }
  if (e.tagName === 'BUTTON') return 'buttons=' + Array.from(e.parentElement.querySelectorAll('button'))
    .map(b => b.classList.contains('mod-active')).join(',');
  return 'value=' + e.value;
}"""

_AXE_JS = """async ({ours, upstream}) => {
  const result = await axe.run(document, {resultTypes: ['violations']});
  return result.violations.map(v => ({
    id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,
    nodes: v.nodes.map(n => {
      // A target inside a shadow root or frame is a nested array: not our DOM.
      const sel = n.target.length === 1 && typeof n.target[0] === 'string' ? n.target[0] : null;
      const el = sel ? document.querySelector(sel) : null;
      const heading = el && el.closest('.jp-Cell') ? el.closest('.jp-Cell') : null;
      const known = el ? upstream.find(([rule, where]) => rule === v.id && el.matches(where)) : null;
      return {target: JSON.stringify(n.target), html: n.html.slice(0, 300), ours: !!(el && el.closest(ours)),
              upstream: known ? known[2] : null,
              cell: heading ? Array.from(heading.parentElement.children).indexOf(heading) : null,
              summary: (n.failureSummary || '').slice(0, 300)};
    })}));
}"""


# --------------------------------------------------------------------------- page


class Lab:
    """One JupyterLab page that opens, runs and closes notebooks (see module doc)."""

    def __init__(self, page, server: LabServer):
        self.page = page
        self.server = server
        self.console_errors: list[str] = []
        page.on("console", lambda msg: self.console_errors.append(msg.text) if msg.type == "error" else None)
        page.on("pageerror", lambda exc: self.console_errors.append(f"pageerror: {exc}"))

    def load(self, timeout: float = 90) -> Lab:
        """Open JupyterLab and wait until its shell is restored."""
        self.page.goto(self.server.lab_url(), wait_until="domcontentloaded", timeout=timeout * 1000)
        self.page.wait_for_function(
            "() => !!(window.jupyterapp && window.jupyterapp.restored)", timeout=timeout * 1000, polling=100
        )
        self.page.evaluate("async () => { await window.jupyterapp.restored; window.__crpsPanels = {}; }")
        return self

    def load_at(self, name: str, timeout: float = 90) -> Notebook:
        """Open JupyterLab straight at a notebook, as a Binder link does for a new user; wait for its kernel."""
        url = f"{self.server.base_url}/lab/tree/{name}?reset&token={self.server.token}"
        self.page.goto(url, wait_until="domcontentloaded", timeout=timeout * 1000)
        self.page.wait_for_function(
            """(name) => { const app = window.jupyterapp; const w = app && app.shell && app.shell.currentWidget;
                          return !!(w && w.context && w.context.path.endsWith(name) && w.context.isReady); }""",
            arg=name,
            timeout=timeout * 1000,
            polling=100,
        )
        panel_id = self.page.evaluate(
            "() => { const w = window.jupyterapp.shell.currentWidget;"
            " window.__crpsPanels = window.__crpsPanels || {}; window.__crpsPanels[w.id] = w; return w.id; }"
        )
        notebook = Notebook(self, name, panel_id)
        notebook.wait_kernel_idle(timeout)
        return notebook

    def inject_axe(self, path: str | os.PathLike = AXE_JS) -> None:
        """Load axe-core into the page (once; it checks whatever the DOM holds when run)."""
        path = Path(path)
        if not path.is_file():
            raise FileNotFoundError(f"{path} is missing: run `make` (npm ci installs axe-core from package-lock.json)")
        self.page.add_script_tag(path=str(path))

    def open(self, name: str, timeout: float = 90) -> Notebook:
        """Open ``name`` (relative to the server root) with a python3 kernel; wait until the kernel is idle."""
        # A session of this notebook still shutting down (closed a moment ago, in this page or another)
        # would be handed to the new tab: wait until the server has let it go.
        gone = self.page.evaluate(
            """async ([path, ms]) => {
              const sessions = window.jupyterapp.serviceManager.sessions, deadline = Date.now() + ms;
              for (;;) {
                await sessions.refreshRunning();
                if (!Array.from(sessions.running()).some(s => s.path === path)) return true;
                if (Date.now() > deadline) return false;
                await new Promise(resolve => setTimeout(resolve, 100));  // the server's list, asked again
              }
            }""",
            [name, timeout * 1000],
        )
        if not gone:
            raise TimeoutError(f"{name}: its previous kernel session was still running after {timeout} s")
        panel_id = self.page.evaluate(
            """async (path) => {
              const w = await window.jupyterapp.commands.execute('docmanager:open',
                  {path: path, factory: 'Notebook', kernel: {name: 'python3'}});
              await w.context.ready;
              window.jupyterapp.shell.activateById(w.id);
              window.__crpsPanels[w.id] = w;
              return w.id;
            }""",
            name,
        )
        notebook = Notebook(self, name, panel_id)
        notebook.wait_kernel_idle(timeout)
        return notebook


class Notebook:
    """A notebook open in a :class:`Lab` page."""

    def __init__(self, lab: Lab, name: str, panel_id: str):
        self.lab, self.page, self.name, self.id = lab, lab.page, name, panel_id
        self.panel = self.page.locator(f"[id='{panel_id}']")

    def wait_kernel_idle(self, timeout: float = 60) -> None:
        try:
            self.page.wait_for_function(_KERNEL_IDLE_JS, arg=self.id, timeout=timeout * 1000, polling=100)
        except Exception as exc:
            raise TimeoutError(f"{self.name}: the kernel was not connected and idle within {timeout} s") from exc

    def run_all(self, timeout: float = 180) -> None:
        """Run every cell with JupyterLab's ``notebook:run-all-cells``; returns once all have run."""
        self.start_run_all()
        self.wait_run_all(timeout)

    def start_run_all(self) -> None:
        """Start ``notebook:run-all-cells`` and return at once (the command's promise is kept in the page)."""
        self.page.evaluate(
            f"""(id) => {{
              const w = {_PANEL};
              window.__crpsRuns = window.__crpsRuns || {{}};
              window.jupyterapp.shell.activateById(id);
              window.__crpsRuns[id] = 'running';
              window.jupyterapp.commands.execute('notebook:run-all-cells').then(
                  () => {{ window.__crpsRuns[id] = 'done'; }}, e => {{ window.__crpsRuns[id] = 'failed: ' + e; }});
            }}""",
            self.id,
        )

    def wait_run_all(self, timeout: float = 180) -> None:
        """Wait until the command started by :meth:`start_run_all` has run every cell and the kernel is idle."""
        try:
            self.page.wait_for_function(
                "(id) => window.__crpsRuns[id] !== 'running'", arg=self.id, timeout=timeout * 1000, polling=100
            )
        except Exception:
            raise TimeoutError(f"{self.name}: the cells had not all run after {timeout} s") from None
        outcome = self.page.evaluate("(id) => window.__crpsRuns[id]", self.id)
        if outcome != "done":
            raise AssertionError(f"{self.name}: Run All ended with {outcome}")
        self.wait_kernel_idle(timeout)

    def output_report(self, roles: bool = True) -> list[dict]:
        """One entry per output of every code cell: ``cell``, ``index``, ``kind`` (error, widget,
        plotly, other), ``problem`` ('' when rendered) and the start of its ``text``. ``roles``: an
        explorer trace without ``meta.role`` counts as a problem (the explorers' contract)."""
        return self.page.evaluate(_OUTPUTS_JS, [self.id, roles])

    def errors(self) -> list[str]:
        return [f"cell {r['cell']}: {r['problem']}" for r in self.output_report() if r["kind"] == "error"]

    def wait_rendered(self, timeout: float = 30, roles: bool = True) -> list[dict]:
        """Wait until every widget and plotly output has rendered; raise AssertionError naming those that
        have not after ``timeout`` s. Returns the output report."""
        js = f"(arg) => ({_OUTPUTS_JS})(arg).every(r => r.kind === 'error' || !r.problem)"
        try:
            self.page.wait_for_function(js, arg=[self.id, roles], timeout=timeout * 1000, polling=100)
        except Exception:
            broken = [
                f"cell {r['cell']} output {r['index']} ({r['kind']}): {r['problem']}"
                for r in self.output_report(roles)
                if r["problem"] and r["kind"] != "error"
            ]
            raise AssertionError(
                f"{self.name}: after {timeout} s these outputs had not rendered:\n"
                + "\n".join(broken)
                + f"\nconsole errors: {self.lab.console_errors[-10:]}"
            ) from None
        return self.output_report(roles)

    def explorers(self):
        return self.panel.locator(".crps-explorer")

    def close(self, timeout: float = 60) -> None:
        """Shut the kernel down and close the tab without saving."""
        self.page.evaluate(
            f"""async (id) => {{
              const w = {_PANEL};
              delete window.__crpsPanels[id];
              if (!w || w.isDisposed) return;
              const session = w.sessionContext.session;
              w.context.model.dirty = false;   // nothing to save: close without the "Save changes?" dialog
              w.close();
              // After the views are gone (they would try to sync with a dead kernel). Not awaited: open()
              // waits for it only if the same notebook is opened again.
              if (session) window.jupyterapp.serviceManager.sessions.shutdown(session.id).catch(() => {{}});
            }}""",
            self.id,
        )
        self.panel.wait_for(state="detached", timeout=timeout * 1000)


# --------------------------------------------------------------------------- explorers


def plot_problems(explorer, roles: bool = True) -> list[str]:
    """Why the explorer's plot is not drawn with its traces ([] when it is)."""
    return explorer.page.evaluate(_PLOT_PROBLEMS_JS, [explorer.element_handle(), roles])


def plot_signature(locator) -> str:
    """A string that changes whenever any plot inside ``locator`` is drawn differently."""
    return locator.evaluate(_SIGNATURE_JS)


# One round trip picks the explorer's first keyboard-operable control as a learner would meet it, says
# which keys move it, marks it (data-crps-target), notes the plot's drawing and starts counting
# plotly_afterplot events; focusing it is the only other step before the key press.
_CONTROLS = (
    ".widget-slider .noUi-handle, select, input[type=checkbox], input[type=radio], "
    ".widget-toggle-buttons button, input[type=number]"
)
_PREPARE_MOVE_JS = f"""(root) => {{
  const visible = e => e.getClientRects().length > 0 && getComputedStyle(e).visibility !== 'hidden';
  const state = {_CONTROL_STATE_JS};
  const found = Array.from(root.querySelectorAll({json.dumps(_CONTROLS)})).filter(visible);
  if (!found.length) return null;
  let e = found[0], keys, what;
  if (e.classList.contains('noUi-handle')) {{
    what = 'slider';
    const atMax = Number(e.getAttribute('aria-valuenow')) >= Number(e.getAttribute('aria-valuemax'));
    keys = [atMax ? 'ArrowLeft' : 'ArrowRight'];
  }} else if (e.tagName === 'SELECT') {{
    const arrow = e.selectedIndex >= e.options.length - 1 ? 'ArrowUp' : 'ArrowDown';
    // In JupyterLab's command mode a bare arrow on a closed dropdown moves the active cell (a Lab
    // shortcut); a keyboard user opens the list with Space, moves, and picks with Enter.
    [what, keys] = (e.multiple || e.size > 1) ? ['list box', [arrow]] : ['dropdown', ['Space', arrow, 'Enter']];
  }} else if (e.type === 'checkbox') {{
    [what, keys] = ['checkbox', ['Space']];
  }} else if (e.type === 'radio') {{
    const box = e.closest('.widget-radio-box') || e.parentElement.parentElement;
    e = Array.from(box.querySelectorAll('input[type=radio]:not(:checked)')).filter(visible)[0] || e;
    [what, keys] = ['radio button', ['Space']];
  }} else if (e.tagName === 'BUTTON') {{
    e = Array.from(e.parentElement.querySelectorAll('button:not(.mod-active)')).filter(visible)[0] || e;
    [what, keys] = ['toggle button', ['Space']];
  }} else {{
    [what, keys] = ['number box', ['ArrowUp']];
  }}
  const holder = e.closest('.widget-inline-hbox, .widget-box, .jupyter-widgets');
  const label = holder && holder.querySelector('label, .widget-label');
  document.querySelectorAll('[data-crps-target]').forEach(x => x.removeAttribute('data-crps-target'));
  e.setAttribute('data-crps-target', '');
  const gd = root.querySelector('.js-plotly-plot');
  const counter = {{n: 0}};
  gd.on('plotly_afterplot', () => {{ counter.n++; }});
  window.__crpsMove = {{root: root, control: e, state: state(e), drawing: ({_SIGNATURE_JS})(root), counter: counter}};
  return {{what: what, keys: keys, label: label ? label.textContent.trim() : '', state: window.__crpsMove.state}};
}}"""
_MOVE_STATE_JS = f"""() => {{
  const m = window.__crpsMove;
  return {{changed: ({_CONTROL_STATE_JS})(m.control) !== m.state, afterplots: m.counter.n,
          redrawn: m.counter.n > 0 && ({_SIGNATURE_JS})(m.root) !== m.drawing}};
}}"""
_FOCUS_JS = """(e) => { e.scrollIntoView({block: 'center'}); e.focus(); return document.activeElement === e; }"""


def _focus(page, target: str, timeout: float) -> None:
    """Scroll the element matching ``target`` into view and give it the keyboard focus."""
    handle = page.locator(target).element_handle(timeout=timeout * 1000)
    if not handle.evaluate(_FOCUS_JS):
        try:
            page.wait_for_function("e => document.activeElement === e", arg=handle, timeout=timeout * 1000, polling=50)
        except Exception:
            raise AssertionError(f"{target} did not take the keyboard focus within {timeout} s") from None


def move_first_control(explorer, timeout: float = 30) -> str:
    """One key press on the explorer's first control, as a learner would; wait for the control to
    change and for its plot to be redrawn differently (plotly_afterplot and a changed drawing).

    Raises AssertionError when the press is lost or the plot does not answer within ``timeout`` s;
    returns what was pressed.
    """
    page = explorer.page
    move = explorer.evaluate(_PREPARE_MOVE_JS)
    if move is None:
        raise LookupError("the explorer has no keyboard-operable control")
    described = f"{move['what']} {move['label']!r} ({'+'.join(move['keys'])})"
    _focus(page, "[data-crps-target]", timeout)
    for key in move["keys"]:
        page.keyboard.press(key)
    try:
        page.wait_for_function(
            f"() => {{ const s = ({_MOVE_STATE_JS})(); return s.changed && s.redrawn; }}",
            timeout=timeout * 1000,
            polling=30,
        )
    except Exception:
        now = page.evaluate(_MOVE_STATE_JS)
        if not now["changed"]:
            raise AssertionError(
                f"{described}: the control did not change (state {move['state']}) within "
                f"{timeout} s: the key press was lost"
            ) from None
        raise AssertionError(
            f"{described}: the control changed but the plot was not redrawn differently within "
            f"{timeout} s ({now['afterplots']} plotly_afterplot events)"
        ) from None
    return described


_PICK_CHOICE_JS = r"""([box, wanted]) => {
  const norm = t => t.split(/\s+/).filter(Boolean).join(' ');
  const labels = Array.from(box.querySelectorAll('.widget-radio-box label'));
  const label = labels.find(l => norm(l.innerText) === wanted);
  const feedback = box.querySelector('.crps-quiz-feedback');
  const button = Array.from(box.querySelectorAll('button')).find(b => norm(b.innerText) === 'Check answer');
  document.querySelectorAll('[data-crps-target], [data-crps-check]').forEach(x => {
    x.removeAttribute('data-crps-target'); x.removeAttribute('data-crps-check'); });
  if (!label || !button || !feedback) return {choices: labels.map(l => norm(l.innerText)), button: !!button};
  const radio = label.querySelector('input[type=radio]');
  radio.setAttribute('data-crps-target', '');
  button.setAttribute('data-crps-check', '');
  window.__crpsQuiz = {radio: radio, feedback: feedback, before: feedback.innerText};
  return {checked: radio.checked, before: feedback.innerText};
}"""


def answer_quiz(question, choice_text: str, timeout: float = 30) -> str:
    """Pick the choice labelled ``choice_text`` with the keyboard, press "Check answer", and return the
    feedback text once it changes."""
    page = question.page
    wanted = " ".join(choice_text.split())
    pick = page.evaluate(_PICK_CHOICE_JS, [question.element_handle(), wanted])
    if "checked" not in pick:
        raise AssertionError(
            f"no choice {wanted!r} among {pick['choices']} (a 'Check answer' button: {pick['button']})"
        )
    if not pick["checked"]:
        _focus(page, "[data-crps-target]", timeout)
        page.keyboard.press("Space")
        try:
            page.wait_for_function("() => window.__crpsQuiz.radio.checked", timeout=timeout * 1000, polling=30)
        except Exception:
            raise AssertionError(f"Space on the choice {wanted!r} did not select it within {timeout} s") from None
    _focus(page, "[data-crps-check]", timeout)
    page.keyboard.press("Space")
    try:
        page.wait_for_function(
            "() => { const q = window.__crpsQuiz; const t = q.feedback.innerText;"
            " return t !== q.before && t.trim() !== ''; }",
            timeout=timeout * 1000,
            polling=30,
        )
    except Exception:
        raise AssertionError(
            f"'Check answer' gave no new feedback within {timeout} s (still {pick['before']!r})"
        ) from None
    return page.evaluate("() => window.__crpsQuiz.feedback.innerText.trim()")


def axe_violations(page, ours: str = OURS, upstream=tuple(UPSTREAM_AXE)) -> list[dict]:
    """Run axe-core (injected with :meth:`Lab.inject_axe`) on the whole page. One entry per violation
    (``id``, ``impact``, ``help``, ``helpUrl``, ``nodes``); each node says whether it is ``ours``
    (inside an element matching ``ours``), its notebook ``cell`` index, and, when an ``upstream``
    entry (rule, selector, why) matches it, that entry's ``why`` (else None)."""
    return page.evaluate(_AXE_JS, {"ours": ours, "upstream": [list(u) for u in upstream]})


# --------------------------------------------------------------------------- benchmarks

_ARM_TIMER_JS = """(root) => {
  const gd = root.querySelector('.js-plotly-plot');
  if (!gd || !gd.on) throw new Error('no plotly plot in this element');
  const t = {keydown: null, redraw: null};
  window.__crpsRedrawTimer = t;
  document.addEventListener('keydown', () => { if (t.keydown === null) t.keydown = performance.now(); },
                            {capture: true, once: true});
  gd.on('plotly_afterplot', () => { if (t.keydown !== null && t.redraw === null) t.redraw = performance.now(); });
  return true;
}"""


def time_control_to_redraw(explorer, control=None, key: str = "ArrowRight", timeout: float = 15) -> float:
    """Milliseconds from a key press on a control (default: the first slider handle) to the next
    ``plotly_afterplot`` of the explorer's plot, both timed with ``performance.now()`` in the page."""
    control = control if control is not None else explorer.locator(".widget-slider .noUi-handle").first
    explorer.evaluate(_ARM_TIMER_JS)
    control.element_handle(timeout=timeout * 1000).evaluate(_FOCUS_JS)
    control.page.keyboard.press(key)
    done = control.page.wait_for_function(
        "() => window.__crpsRedrawTimer.redraw !== null", timeout=timeout * 1000, polling=10
    )
    done.dispose()
    t = control.page.evaluate("() => window.__crpsRedrawTimer")
    return t["redraw"] - t["keydown"]

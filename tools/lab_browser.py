"""Drive the lesson notebooks in a real JupyterLab, in Debian's headless Chromium, with Playwright.

Used by ``tests/test_browser.py`` (``make test-browser``) and meant to be imported by anything
else that needs a real front end (for instance a benchmark that times slider-to-redraw).
Nothing here downloads a browser: Chromium is Debian's ``/usr/bin/chromium`` (``.ci/run``
installs it); never run ``playwright install``.

API
===

Server
------
``LabServer(notebooks_dir="notebooks", *, env=None, startup_timeout=90)``
    A JupyterLab server for a *temporary copy* of ``notebooks_dir`` (autosave never writes into
    the repository). ``start()`` picks a free loopback port and a random token, points
    ``JUPYTER_CONFIG_DIR``, ``JUPYTER_DATA_DIR``, ``JUPYTER_RUNTIME_DIR``,
    ``JUPYTERLAB_SETTINGS_DIR`` and ``JUPYTERLAB_WORKSPACES_DIR`` at temporary folders, switches the
    news announcements off, uses ``windowingMode: none`` (every cell stays in the DOM, so widgets
    render without scrolling) and starts ``jupyter lab --LabApp.expose_app_in_browser=True``.
    ``CRPS_LESSONS_PROGRESS`` points into the temporary folder, so quiz progress never reaches the
    tester's home. ``stop()`` stops the server by its process id (SIGTERM, then SIGKILL) and
    removes the temporary folder. It is also a context manager.
    Attributes: ``port``, ``token``, ``base_url``, ``root_dir`` (the copy), ``pid``, ``log_path``.
    ``notebook_url(name)`` -> ``http://127.0.0.1:PORT/lab/tree/NAME?reset&token=...``.

Browser
-------
``find_chromium() -> str | None``          the Chromium executable (env ``CHROMIUM``, else PATH).
``launch_chromium(playwright, executable_path=None, headless=True)`` -> a Playwright ``Browser``
    with the flags that work in a container (``--no-sandbox`` etc.).
``new_page(browser, width=1400, height=1000)`` -> a ``Page`` with console errors collected in
    ``page.console_errors`` (a list of strings).

Notebook (all take the Playwright ``page``; timeouts are in seconds)
--------
``open_notebook(page, server, name, timeout=60)``   navigate with ``?reset``, wait for the
    panel, fold the left sidebar away, and wait for the kernel to be connected and idle
    (:func:`wait_kernel_idle`).
``wait_kernel_idle(page, timeout=60)``   ``window.jupyterapp``: session ready, kernel connected,
    status idle.
``run_all(page, timeout=120)``   ``notebook:run-all-cells``, then :func:`wait_until_executed`.
``wait_until_executed(page, timeout=120, render_timeout=30)``   every code cell has run (no
    pending ``[*]``), the kernel is idle, and every widget/plotly output has finished rendering
    (see :func:`output_report`), waiting at most ``render_timeout`` s after the last cell ran for
    the rendering; returns the report.
``output_report(page)`` -> list of dicts, one per output of every code cell:
    ``{"cell", "index", "kind", "ok", "text"}``; ``kind`` is ``"error"`` (an error output, or a
    stderr stream with a traceback), ``"widget"`` (a widget view), ``"plotly"`` (a plotly
    figure output) or ``"other"``; ``ok`` says whether a widget/plotly output has rendered (a
    ``.js-plotly-plot`` with an SVG for plotly; a widget view with no "Error displaying widget"
    or "Loading widget" text for a widget; every FigureWidget inside it drawn with its traces or
    title, not the empty default axes a FigureWidget draws when it missed its initial state).
``cell_errors(page)`` -> the ``text`` of every ``"error"`` output (empty when all is well).
``explorers(page)`` -> Locator of the explorers (``.crps-explorer``) in the open notebook.
``plots(page)`` -> Locator of every plotly plot (``.js-plotly-plot``) in the open notebook.
``plot_signature(locator)`` -> a string that changes whenever the drawn plot changes (SVG path
    ``d`` attributes and SVG text of every plot inside ``locator``).
``move_first_control(explorer_locator)`` -> a short description of what it did: focuses the
    explorer's first keyboard-operable control and presses a key, as a learner would
    (slider handle: ArrowRight, or ArrowLeft at its maximum; dropdown: Space to open the list,
    ArrowDown/ArrowUp, Enter; checkbox: Space; radio: Space on an unselected button; toggle
    buttons: Space on an unselected one; number box: ArrowUp), and checks that the control's state
    changed. Raises ``LookupError`` if the explorer has no such control. Note: in JupyterLab's
    command mode a bare ArrowUp/ArrowDown on a focused dropdown or radio group moves the active
    cell instead (a JupyterLab shortcut), hence Space first.
``move_slider(slider_locator, key="ArrowRight", presses=1)``   focus a ``.widget-slider``'s
    handle and press ``key``.
``wait_plot_change(locator, before, timeout=15)`` -> the new signature once it differs from
    ``before`` (raises ``TimeoutError``).
``time_control_to_redraw(explorer, control=None, key="ArrowRight", timeout=15)`` -> milliseconds
    from the key press to the next redraw of the explorer's plot, timed inside the page
    (``performance.now()`` at keydown and at plotly's ``plotly_afterplot``): the number a
    benchmark wants, free of Playwright's polling latency.
``screenshot(page, path, locator=None)``   save a PNG (scrolls ``locator`` into view first).

Example (time slider-to-redraw in the browser)::

    from playwright.sync_api import sync_playwright
    from tools import lab_browser as lb
    with lb.LabServer("notebooks") as server, sync_playwright() as p:
        browser = lb.launch_chromium(p)
        page = lb.new_page(browser)
        lb.open_notebook(page, server, "03_central_sensitization.ipynb")
        lb.run_all(page)
        ex = lb.explorers(page).first
        times_ms = []
        for _ in range(10):
            times_ms.append(lb.time_control_to_redraw(ex))   # ArrowRight on the first slider
            lb.wait_kernel_idle(page)
        print(sorted(times_ms)[len(times_ms) // 2], "ms median")
        browser.close()

(The tools folder is a package: run from the repository root, or put the root on ``sys.path``.)
"""

from __future__ import annotations

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

__all__ = [
    "LabServer", "find_chromium", "launch_chromium", "new_page", "open_notebook", "wait_kernel_idle",
    "run_all", "wait_until_executed", "output_report", "cell_errors", "explorers", "plots",
    "plot_signature", "move_first_control", "move_slider", "wait_plot_change", "time_control_to_redraw",
    "screenshot",
    "CHROMIUM_ARGS", "PANEL",
]

CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--disable-sync", "--no-first-run",
                 "--disable-dev-shm-usage"]
# The visible notebook panel (hidden tabs keep their DOM).
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


# --------------------------------------------------------------------------- server

def _free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _jupyter_executable() -> list[str]:
    exe = Path(sys.executable).with_name("jupyter-lab")
    return [str(exe)] if exe.exists() else [sys.executable, "-m", "jupyterlab"]


class LabServer:
    """A throw-away JupyterLab server over a temporary copy of the notebooks (see module doc)."""

    def __init__(self, notebooks_dir: str | os.PathLike = "notebooks", *, env: dict | None = None,
                 startup_timeout: float = 90):
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

    # -- lifecycle
    def start(self) -> "LabServer":
        if self.process is not None:
            raise RuntimeError("LabServer: already started")
        self.tmp = Path(tempfile.mkdtemp(prefix="crps-lab-"))
        self.root_dir = self.tmp / "notebooks"
        shutil.copytree(self.source, self.root_dir,
                        ignore=shutil.ignore_patterns(".ipynb_checkpoints", "__pycache__"))
        dirs = {name: self.tmp / name for name in ("config", "data", "runtime", "settings", "workspaces")}
        for d in dirs.values():
            d.mkdir()
        # News/update announcements off, and every cell kept in the DOM.
        (dirs["config"] / "labconfig").mkdir()
        (dirs["config"] / "labconfig" / "page_config.json").write_text(json.dumps(
            {"disabledExtensions": {"@jupyterlab/apputils-extension:announcements": True}}))
        self._write_setting(dirs["settings"], "@jupyterlab/apputils-extension", "notification",
                            {"fetchNews": "false", "checkForUpdates": False})
        self._write_setting(dirs["settings"], "@jupyterlab/notebook-extension", "tracker",
                            {"windowingMode": "none"})
        self.port = _free_port()
        self.token = secrets.token_hex(16)
        env = dict(os.environ)
        env.update({
            "JUPYTER_CONFIG_DIR": str(dirs["config"]),
            "JUPYTER_DATA_DIR": str(dirs["data"]),
            "JUPYTER_RUNTIME_DIR": str(dirs["runtime"]),
            "JUPYTERLAB_SETTINGS_DIR": str(dirs["settings"]),
            "JUPYTERLAB_WORKSPACES_DIR": str(dirs["workspaces"]),
            "CRPS_LESSONS_PROGRESS": str(self.tmp / "progress.json"),
            "JUPYTER_PLATFORM_DIRS": "1",
        })
        env.update(self.extra_env)
        cmd = _jupyter_executable() + [
            "--no-browser", "--ip=127.0.0.1", f"--port={self.port}", "--port-retries=0",
            f"--IdentityProvider.token={self.token}", f"--ServerApp.root_dir={self.root_dir}",
            "--LabApp.expose_app_in_browser=True", f"--LabApp.workspaces_dir={dirs['workspaces']}",
            "--ServerApp.disable_check_xsrf=False",
        ]
        if hasattr(os, "geteuid") and os.geteuid() == 0:
            cmd.append("--allow-root")
        self.log_path = self.tmp / "jupyter.log"
        log = open(self.log_path, "wb")
        self.process = subprocess.Popen(cmd, env=env, cwd=self.root_dir, stdout=log, stderr=subprocess.STDOUT,
                                        stdin=subprocess.DEVNULL, start_new_session=True)
        log.close()
        try:
            self._wait_ready()
        except BaseException:
            self.stop()
            raise
        return self

    @staticmethod
    def _write_setting(settings_dir: Path, package: str, plugin: str, values: dict) -> None:
        folder = settings_dir / package
        folder.mkdir(parents=True, exist_ok=True)
        (folder / f"{plugin}.jupyterlab-settings").write_text(json.dumps(values))

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
                pass
            time.sleep(0.25)
        raise TimeoutError(f"JupyterLab did not answer within {self.startup_timeout} s:\n{self.log()[-3000:]}")

    def stop(self) -> None:
        """Stop the server (and its kernels) by process id, then remove the temporary folder."""
        proc, self.process = self.process, None
        if proc is not None and proc.poll() is None:
            # The server was started in its own session: signal exactly that process group,
            # which holds the server and the kernels it started.
            try:
                os.killpg(proc.pid, signal.SIGTERM)
            except ProcessLookupError:
                pass
            try:
                proc.wait(timeout=10)
            except subprocess.TimeoutExpired:
                try:
                    os.killpg(proc.pid, signal.SIGKILL)
                except ProcessLookupError:
                    pass
                proc.wait(timeout=10)
            # Kernels may outlive the server by a moment; kill what is left of its group.
            try:
                os.killpg(proc.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass
        if self.tmp is not None:
            shutil.rmtree(self.tmp, ignore_errors=True)
            self.tmp = None

    def __enter__(self) -> "LabServer":
        return self.start()

    def __exit__(self, *exc) -> None:
        self.stop()

    # -- info
    @property
    def pid(self) -> int | None:
        return self.process.pid if self.process else None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def notebook_url(self, name: str) -> str:
        return f"{self.base_url}/lab/tree/{name}?reset&token={self.token}"

    def log(self) -> str:
        try:
            return self.log_path.read_text(errors="replace") if self.log_path else ""
        except OSError:
            return ""


# --------------------------------------------------------------------------- browser

def find_chromium() -> str | None:
    """Debian's chromium: env CHROMIUM, else ``chromium`` / ``chromium-browser`` on PATH."""
    candidates = [os.environ.get("CHROMIUM"), shutil.which("chromium"), shutil.which("chromium-browser"),
                  "/usr/bin/chromium"]
    for c in candidates:
        if c and Path(c).exists() and os.access(c, os.X_OK):
            return c
    return None


def launch_chromium(playwright, executable_path: str | None = None, headless: bool = True):
    """Launch Chromium through Playwright with container-safe flags (never downloads a browser)."""
    path = executable_path or find_chromium()
    if path is None:
        raise FileNotFoundError("chromium not found: install Debian's chromium (apt-get install chromium)")
    args = [a for a in CHROMIUM_ARGS if headless or a != "--headless"]
    return playwright.chromium.launch(executable_path=path, headless=headless, args=args)


def new_page(browser, width: int = 1400, height: int = 1000):
    """A fresh page in a fresh context; console errors are collected in ``page.console_errors``."""
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()
    page.console_errors = []
    page.on("console", lambda msg: page.console_errors.append(msg.text) if msg.type == "error" else None)
    page.on("pageerror", lambda exc: page.console_errors.append(f"pageerror: {exc}"))
    return page


# --------------------------------------------------------------------------- notebook

_KERNEL_STATE_JS = """() => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return {ready: false, why: 'no window.jupyterapp'};
  const w = app.shell.currentWidget;
  if (!w || !w.sessionContext) return {ready: false, why: 'no notebook panel'};
  const sc = w.sessionContext;
  const k = sc.session && sc.session.kernel;
  if (!sc.isReady || !k) return {ready: false, why: 'session not ready'};
  return {ready: k.connectionStatus === 'connected' && k.status === 'idle' && !sc.pendingInput,
          why: 'kernel ' + k.connectionStatus + '/' + k.status};
}"""


def _poll(fn, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        ok, last = fn()
        if ok:
            return last
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout} s waiting for {what} (last state: {last})")


def wait_kernel_idle(page, timeout: float = 60) -> None:
    """Wait until the open notebook's session is ready and its kernel is connected and idle."""
    def check():
        state = page.evaluate(_KERNEL_STATE_JS)
        return state["ready"], state["why"]
    _poll(check, timeout, "the kernel to be connected and idle")


def open_notebook(page, server: LabServer, name: str, timeout: float = 60) -> None:
    """Open ``name`` (relative to the server root) with ``?reset`` and wait for an idle kernel."""
    page.goto(server.notebook_url(name), wait_until="domcontentloaded", timeout=timeout * 1000)
    page.wait_for_selector(f"{PANEL} .jp-Notebook", timeout=timeout * 1000)
    page.wait_for_function(
        "(n) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return !!(w && w.context && w.context.path.endsWith(n)); }",
        arg=name.rsplit("/", 1)[-1], timeout=timeout * 1000)
    # More room for the notebook (and the screenshot): fold the file browser away.
    page.evaluate("() => { try { window.jupyterapp.shell.collapseLeft(); } catch (e) {} }")
    wait_kernel_idle(page, timeout)


_OUTPUTS_JS = r"""() => {
  const w = window.jupyterapp.shell.currentWidget;
  const report = [];
  let pending = 0;
  const filled = f => !!f.querySelector('svg.main-svg') &&
      ((f.data && f.data.length > 0) || !!(f.layout && f.layout.title && f.layout.title.text));
  const cells = w.content.widgets;
  cells.forEach((cell, ci) => {
    if (cell.model.type !== 'code') return;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    if (cell.model.executionCount === null || (prompt && prompt.textContent.includes('*'))) pending++;
    const outputs = cell.model.outputs;
    const views = cell.outputArea ? cell.outputArea.widgets : [];
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs.get(i);
      const node = views[i] ? views[i].node : null;
      const data = out.data || {};
      const text = node ? node.innerText.slice(0, 2000) : '';
      let kind = 'other', ok = true;
      if (out.type === 'error') {
        kind = 'error'; ok = false;
      } else if (out.type === 'stream' && out.toJSON().name === 'stderr' && /Traceback|Error:/.test(String(out.toJSON().text))) {
        kind = 'error'; ok = false;
      } else if (data['application/vnd.jupyter.widget-view+json']) {
        kind = 'widget';
        const bad = /Error displaying widget|Loading widget|model not found/i.test(text);
        const view = node && node.querySelector('.jupyter-widgets, .widget-box, .lm-Widget.jp-RenderedHTMLCommon');
        // Every plotly figure inside the widget (FigureWidget) must have drawn its SVG with its
        // traces or title: a FigureWidget that missed its initial state draws empty default axes.
        const figs = node ? Array.from(node.querySelectorAll('.js-plotly-plot')) : [];
        const drawn = figs.every(filled);
        // A FigureWidget placeholder that never drew has no .js-plotly-plot at all.
        const anyw = node ? node.querySelectorAll('.anywidget, [class*="anywidget"]').length : 0;
        ok = !!view && !bad && drawn && (anyw === 0 || figs.length > 0);
      } else if (data['application/vnd.plotly.v1+json']) {
        kind = 'plotly';
        const fig = node && node.querySelector('.js-plotly-plot');
        ok = !!fig && filled(fig);
      }
      report.push({cell: ci, index: i, kind: kind, ok: ok, text: text});
    }
  });
  return {pending: pending, report: report};
}"""


def output_report(page) -> list[dict]:
    """One entry per output of every code cell in the open notebook (see module doc)."""
    return page.evaluate(_OUTPUTS_JS)["report"]


def wait_until_executed(page, timeout: float = 120, render_timeout: float = 30) -> list[dict]:
    """Wait until every code cell ran, the kernel is idle and widget/plotly outputs have rendered.

    Returns the final :func:`output_report`. Rendering is given ``render_timeout`` seconds after the
    last cell ran; outputs that still have not rendered then are left with ``ok: False`` in the
    report for the caller to assert.
    """
    deadline = time.monotonic() + timeout
    wait_kernel_idle(page, timeout)

    def executed():
        state = page.evaluate(_OUTPUTS_JS)
        kernel = page.evaluate(_KERNEL_STATE_JS)
        return state["pending"] == 0 and kernel["ready"], state

    _poll(executed, max(1.0, deadline - time.monotonic()), "every cell to finish running")
    deadline = min(deadline, time.monotonic() + render_timeout)
    stable, last = 0, None
    while time.monotonic() < deadline:
        report = output_report(page)
        rendered = all(r["ok"] for r in report if r["kind"] in ("widget", "plotly"))
        if rendered:
            stable += 1
            if stable >= 2:
                return report
        else:
            stable = 0
        last = report
        time.sleep(0.15)
    return last if last is not None else output_report(page)


def run_all(page, timeout: float = 120) -> list[dict]:
    """Run every cell of the open notebook and wait until all ran and rendered (returns the report)."""
    wait_kernel_idle(page, timeout)
    # Do not await the command: its promise only settles when every cell has run.
    page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); return true; }")
    # Give the front end a moment to queue the cells before polling for completion.
    page.wait_for_function(
        "() => { const w = window.jupyterapp.shell.currentWidget;"
        " return w.content.widgets.some(c => c.model.type === 'code' &&"
        " ((c.node.querySelector('.jp-InputPrompt') || {}).textContent || '').match(/\\[[\\d*]+\\]/)); }",
        timeout=timeout * 1000)
    return wait_until_executed(page, timeout)


def cell_errors(page) -> list[str]:
    """Text of every error output (or stderr traceback) in the open notebook."""
    return [f"cell {r['cell']}: {r['text']}" for r in output_report(page) if r["kind"] == "error"]


def explorers(page):
    """Locator: every explorer (``.crps-explorer``) in the visible notebook."""
    return page.locator(f"{PANEL} .crps-explorer")


def plots(page):
    """Locator: every plotly plot in the visible notebook."""
    return page.locator(f"{PANEL} .js-plotly-plot")


_SIGNATURE_JS = """(root) => {
  const plots = root.classList.contains('js-plotly-plot') ? [root] : Array.from(root.querySelectorAll('.js-plotly-plot'));
  return plots.map(p => Array.from(p.querySelectorAll('svg path, svg text'))
      .map(e => e.tagName === 'path' ? (e.getAttribute('d') || '') : e.textContent).join('|')).join('||');
}"""


def plot_signature(locator) -> str:
    """A string that changes whenever any plot inside ``locator`` is redrawn differently."""
    return locator.evaluate(_SIGNATURE_JS)


def wait_plot_change(locator, before: str, timeout: float = 15) -> str:
    """Wait until :func:`plot_signature` of ``locator`` differs from ``before``; return it."""
    def changed():
        now = plot_signature(locator)
        return now != before, now[:200]
    _poll(changed, timeout, "the plot to change", interval=0.05)
    return plot_signature(locator)


def move_slider(slider, key: str = "ArrowRight", presses: int = 1) -> None:
    """Focus a ``.widget-slider``'s handle and press ``key`` ``presses`` times."""
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    handle.focus()
    for _ in range(presses):
        handle.press(key)


def _visible(locator):
    return [locator.nth(i) for i in range(locator.count()) if locator.nth(i).is_visible()]


_CONTROL_STATE_JS = """e => {
  if (e.classList.contains('noUi-handle')) return 'slider=' + e.getAttribute('aria-valuenow');
  if (e.tagName === 'SELECT') return 'select=' + e.selectedIndex;
  if (e.type === 'checkbox') return 'checkbox=' + e.checked;
  if (e.type === 'radio') { const c = e.closest('.widget-radio-box') || e.parentElement.parentElement;
    const on = c.querySelector('input:checked'); return 'radio=' + (on ? on.value : ''); }
  if (e.tagName === 'BUTTON') return 'buttons=' + Array.from(e.parentElement.querySelectorAll('button'))
    .map(b => b.classList.contains('mod-active')).join(',');
  return 'value=' + e.value;
}"""


def _press_and_confirm(control, keys: str | list[str], tries: int = 3) -> None:
    """Focus ``control`` and press ``keys`` (one key or a sequence) until its state changes (a press
    can be lost while the front end is still settling); raises ``AssertionError`` if it never does."""
    keys = [keys] if isinstance(keys, str) else list(keys)
    page = control.page
    before = control.evaluate(_CONTROL_STATE_JS)
    for _ in range(tries):
        control.focus()
        for key in keys:
            page.keyboard.press(key)
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if control.evaluate(_CONTROL_STATE_JS) != before:
                return
            time.sleep(0.05)
    raise AssertionError(f"pressing {'+'.join(keys)} on the control did not change it (state {before})")


def move_first_control(explorer) -> str:
    """Operate the explorer's first keyboard-operable control with the keyboard (see module doc)."""
    controls = _visible(explorer.locator(
        ".widget-slider .noUi-handle, select, input[type=checkbox], input[type=radio], "
        ".widget-toggle-buttons button, input[type=number]"))
    if not controls:
        raise LookupError("the explorer has no keyboard-operable control")
    control = controls[0]
    control.scroll_into_view_if_needed()
    tag = control.evaluate("e => e.tagName.toLowerCase() + ':' + (e.type || '') + ':' + e.className")
    if "noUi-handle" in tag:
        at_max = control.evaluate(
            "e => e.getAttribute('aria-valuenow') !== null && "
            "Number(e.getAttribute('aria-valuenow')) >= Number(e.getAttribute('aria-valuemax'))")
        key, what = ("ArrowLeft" if at_max else "ArrowRight"), "slider"
    elif tag.startswith("select"):
        # JupyterLab's command-mode shortcuts take a bare ArrowUp/ArrowDown (they move the active
        # cell), so do what works for a keyboard user: Space opens the list, arrow, Enter picks.
        last = control.evaluate("e => e.selectedIndex >= e.options.length - 1")
        key, what = ["Space", "ArrowUp" if last else "ArrowDown", "Enter"], "dropdown"
        if control.evaluate("e => e.multiple || e.size > 1"):
            key, what = ("ArrowUp" if last else "ArrowDown"), "list box"
    elif tag.startswith("input:checkbox"):
        key, what = "Space", "checkbox"
    elif tag.startswith("input:radio"):
        # Space on a radio button that is not selected (arrow keys move notebook cells in Lab).
        unchecked = _visible(control.locator("xpath=ancestor::*[contains(@class,'widget-radio-box')][1]")
                             .locator("input[type=radio]:not(:checked)"))
        control = unchecked[0] if unchecked else control
        key, what = "Space", "radio button"
    elif tag.startswith("button"):
        buttons = _visible(control.locator("xpath=..").locator("button:not(.mod-active)"))
        control = buttons[0] if buttons else control
        key, what = "Space", "toggle button"
    else:
        key, what = "ArrowUp", "number box"
    label = control.evaluate(
        "e => { const w = e.closest('.widget-inline-hbox, .widget-box, .jupyter-widgets');"
        " const l = w && w.querySelector('label, .widget-label'); return l ? l.textContent.trim() : ''; }")
    _press_and_confirm(control, key)
    return f"{what} {label!r}: {key if isinstance(key, str) else '+'.join(key)}"


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
    """Milliseconds from a key press on a control to the next redraw of the explorer's first plot.

    Measured inside the page (``performance.now()`` at the keydown and at plotly's
    ``plotly_afterplot`` event), so it includes the round trip to the kernel, the model update,
    the message back and plotly's redraw, but not Playwright's own latency. ``control`` defaults
    to the explorer's first slider handle; wait for the kernel to be idle between calls.
    """
    control = control if control is not None else explorer.locator(".widget-slider .noUi-handle").first
    explorer.evaluate(_ARM_TIMER_JS)
    control.focus()
    control.page.keyboard.press(key)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        t = control.page.evaluate("() => window.__crpsRedrawTimer")
        if t and t["redraw"] is not None:
            return t["redraw"] - t["keydown"]
        time.sleep(0.02)
    raise TimeoutError(f"no redraw within {timeout} s of pressing {key}")


def screenshot(page, path: str | os.PathLike, locator=None) -> Path:
    """Save a PNG of the page (after scrolling ``locator`` into view, when given)."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    if locator is not None:
        locator.scroll_into_view_if_needed()
        page.wait_for_timeout(200)
    page.screenshot(path=str(path))
    return path

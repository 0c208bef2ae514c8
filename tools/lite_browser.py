"""Drive the in-browser edition (build/lite) in Debian's headless Chromium with Playwright.

Self-contained (the JupyterLab harness, tools/lab_browser.py, is rewritten separately); used by
tests/test_lite_site.py and benchmarks/lite_bench.py. Nothing here downloads a browser.

``launch(playwright, netlog=None)``  Chromium with container-safe flags and every host but
    127.0.0.1 unresolvable; with ``netlog`` a Chromium NetLog (every request of the page, its
    workers and its service worker) is written there for :func:`netlog_hosts`.
``LitePage(browser, base_url)``  one browser context (its IndexedDB is the learner's saved work)
    and one page; records every request URL and every console error.
    ``open(name)`` opens a lesson and waits for its kernel (returns the seconds it took);
    ``reload()`` loads the lesson's page again and waits for the new kernel; ``run_all()`` runs every cell and
    waits until all ran and every widget/plot rendered (returns seconds); ``run_cells(indices)``;
    ``outputs()`` one report entry per output (``kind`` error/widget/plotly/other, ``ok``);
    ``explorers()``, ``quizzes()`` locators; ``kernel_state()``; ``kernel_stdout(code)`` runs code
    in the kernel outside the notebook and returns what it printed.
``move_first_slider(explorer)``  ArrowRight (ArrowLeft at the maximum) on the explorer's first
    slider handle; waits until the plot is drawn differently; returns milliseconds from the keydown
    to plotly's next ``plotly_afterplot`` (measured in the page).
``answer_first_question(quiz)``  picks the first choice of the quiz's first question, presses
    "Check answer" and returns the feedback text (which starts "✔ Correct" or "✘ Not quite").
``netlog_traffic(path, site)``  from a NetLog: what the site requested elsewhere, and every TCP
    connection not to 127.0.0.1.
"""

from __future__ import annotations

import json
import shutil
import time
from pathlib import Path

__all__ = [
    "CHROMIUM_ARGS",
    "OFFLINE_RULE",
    "PANEL",
    "LitePage",
    "answer_first_question",
    "find_chromium",
    "first_question",
    "launch",
    "move_first_slider",
    "netlog_traffic",
    "plot_problems",
    "plot_signature",
    "reveal",
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
    "--disable-extensions",
    "--disable-default-apps",
    "--no-pings",
    "--disable-domain-reliability",
    "--disable-features=AutofillServerCommunication,OptimizationHints,Translate,MediaRouter",
]
# No host but 127.0.0.1 resolves: a request that would leave the machine fails instead.
OFFLINE_RULE = "--host-resolver-rules=MAP * ~NOTFOUND , EXCLUDE 127.0.0.1"
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"


def find_chromium() -> str:
    """Debian's Chromium (``/usr/bin/chromium`` or ``chromium`` on PATH); FileNotFoundError if absent."""
    for candidate in ("/usr/bin/chromium", shutil.which("chromium")):
        if candidate and Path(candidate).exists():
            return candidate
    raise FileNotFoundError(
        "chromium not found: install Debian's chromium (apt-get install chromium); never `playwright install`"
    )


def launch(playwright, netlog: Path | None = None):
    """Headless Chromium, offline but for 127.0.0.1, optionally writing a NetLog to ``netlog``."""
    args = [*CHROMIUM_ARGS, OFFLINE_RULE]
    if netlog is not None:
        args.append(f"--log-net-log={netlog}")
    return playwright.chromium.launch(executable_path=find_chromium(), args=args)


def _poll(fn, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        ok, last = fn()
        if ok:
            return last
        time.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what} (last state: {last})")


_KERNEL_JS = """() => {
  const app = window.jupyterapp;
  if (!app || !app.shell) return {ready: false, why: 'no window.jupyterapp'};
  const w = app.shell.currentWidget;
  if (!w || !w.sessionContext) return {ready: false, why: 'no notebook panel'};
  const sc = w.sessionContext;
  const k = sc.session && sc.session.kernel;
  if (!sc.isReady || !k) return {ready: false, why: 'session not ready'};
  return {ready: k.connectionStatus === 'connected' && k.status === 'idle', why: k.connectionStatus + '/' + k.status};
}"""

# One entry per output of every code cell; widget and plotly outputs say whether they rendered.
_OUTPUTS_JS = r"""(only) => {
  const w = window.jupyterapp.shell.currentWidget;
  const report = [];
  let pending = 0;
  const notRun = [];
  const drawn = f => !!f.querySelector('svg.main-svg') && !!(f.data && f.data.length > 0);
  w.content.widgets.forEach((cell, ci) => {
    if (cell.model.type !== 'code' || (only && !only.includes(ci))) return;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    // Queued or running: '[*]'. Never run (e.g. after an earlier cell failed): no execution count.
    if (prompt && prompt.textContent.includes('*')) pending++;
    else if (cell.model.executionCount === null) notRun.push(ci);
    const outputs = cell.model.outputs;
    const views = cell.outputArea ? cell.outputArea.widgets : [];
    for (let i = 0; i < outputs.length; i++) {
      const out = outputs.get(i).toJSON();
      const node = views[i] ? views[i].node : null;
      const data = out.data || {};
      const text = node ? node.innerText.slice(0, 1500) : '';
      let kind = 'other', ok = true;
      if (out.output_type === 'error') { kind = 'error'; ok = false; }
      else if (out.output_type === 'stream' && out.name === 'stderr') { kind = 'error'; ok = false; }
      else if (data['application/vnd.jupyter.widget-view+json']) {
        kind = 'widget';
        const figs = node ? Array.from(node.querySelectorAll('.js-plotly-plot')) : [];
        ok = !!node && !/Error displaying widget|Loading widget|model not found/i.test(text) &&
             !!node.querySelector('.jupyter-widgets, .widget-box, .widget-html, .lm-Widget') && figs.every(drawn);
      } else if (data['application/vnd.plotly.v1+json']) {
        kind = 'plotly';
        const fig = node && node.querySelector('.js-plotly-plot');
        ok = !!fig && !!fig.querySelector('svg.main-svg');
      }
      report.push({cell: ci, kind: kind, ok: ok, text: text});
    }
  });
  return {pending: pending, notRun: notRun, report: report};
}"""


# Run a JupyterLab command (on the cell at index ``cell`` if given); reject after ``ms``.
_WITHIN_JS = """async ([command, cell, ms]) => {
  const app = window.jupyterapp;
  if (cell !== null) { const nb = app.shell.currentWidget.content; nb.activeCellIndex = cell; nb.deselectAll(); }
  let timer;
  const late = new Promise((_, reject) => {
    timer = setTimeout(() => reject(new Error(command + ' did not finish within ' + ms / 1000 + ' s')), ms);
  });
  try { return await Promise.race([app.commands.execute(command), late]); } finally { clearTimeout(timer); }
}"""


class LitePage:
    """A page of the in-browser edition in its own browser context (see module doc)."""

    def __init__(self, browser, base_url: str, width: int = 1400, height: int = 1000):
        self.base_url = base_url.rstrip("/")
        self.context = browser.new_context(viewport={"width": width, "height": height})
        self.requests: list[str] = []
        self.console_errors: list[str] = []
        self.context.on("request", lambda r: self.requests.append(r.url))
        self.page = self.context.new_page()
        self.page.on("console", lambda m: self.console_errors.append(m.text) if m.type == "error" else None)
        self.page.on("pageerror", lambda e: self.console_errors.append(f"pageerror: {e}"))
        # Leaving a lesson with unsaved changes asks "leave the page?": a learner would say yes.
        self.page.on("dialog", lambda d: d.accept())
        self.name: str | None = None

    def close(self) -> None:
        self.context.close()

    # -- navigation
    def url(self, name: str) -> str:
        return f"{self.base_url}/lab/index.html?path={name}"

    def open(self, name: str, timeout: float = 240) -> float:
        """Open lesson ``name``; wait until its kernel is idle; return the seconds from navigation."""
        self.name = name
        start = time.monotonic()
        self.page.goto(self.url(name), wait_until="domcontentloaded", timeout=timeout * 1000)
        self._wait_notebook(name, timeout)
        self.wait_kernel_idle(max(1.0, timeout - (time.monotonic() - start)))
        return time.monotonic() - start

    def reload(self, timeout: float = 240) -> float:
        """Load the lesson's page again (a new page and kernel; the browser's storage stays) and wait
        for its kernel; returns seconds. JupyterLite drops ``?path=`` from the address once the
        notebook is open, so this loads the lesson's address rather than the current one."""
        return self.open(self.name, timeout)

    def _wait_notebook(self, name: str, timeout: float) -> None:
        self.page.wait_for_function(
            "(n) => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
            " return !!(w && w.context && w.context.path.endsWith(n) && w.content && w.content.widgets.length); }",
            arg=name,
            timeout=timeout * 1000,
        )
        self.page.wait_for_selector(f"{PANEL} .jp-Notebook", timeout=timeout * 1000)

    def kernel_state(self) -> dict:
        return self.page.evaluate(_KERNEL_JS)

    def wait_kernel_idle(self, timeout: float = 240) -> None:
        def check():
            state = self.kernel_state()
            return state["ready"], state["why"]

        _poll(check, timeout, "the Pyodide kernel to be ready and idle", interval=0.2)

    # -- running
    def _report(self, cells: list[int] | None = None) -> dict:
        return self.page.evaluate(_OUTPUTS_JS, cells)

    def cells_not_run(self, cells: list[int] | None = None) -> list[int]:
        """Indices of code cells (of all, or of ``cells``) that have no execution count."""
        return self._report(cells)["notRun"]

    def outputs(self, cells: list[int] | None = None) -> list[dict]:
        """The output report of every code cell, or of the cells at ``cells``."""
        return self._report(cells)["report"]

    def _wait_ran(self, timeout: float, cells: list[int] | None = None, render_timeout: float = 60) -> list[dict]:
        start = time.monotonic()

        def done():
            state = self._report(cells)
            return state["pending"] == 0 and self.kernel_state()["ready"], state["pending"]

        _poll(done, timeout, "every cell to finish running", interval=0.25)
        # Widgets draw after their cell has run: give them a bounded time, then report as they are.
        deadline = time.monotonic() + min(render_timeout, max(1.0, timeout - (time.monotonic() - start)))
        while True:
            report = self.outputs(cells)
            if all(r["ok"] for r in report if r["kind"] in ("widget", "plotly")) or time.monotonic() > deadline:
                return report
            time.sleep(0.2)

    def run_all(self, timeout: float = 600) -> float:
        """Run every cell; wait until all ran and rendered; return the seconds it took."""
        self.wait_kernel_idle(timeout)
        start = time.monotonic()
        # The command's promise settles once every cell has run (or one failed).
        self.page.evaluate(_WITHIN_JS, ["notebook:run-all-cells", None, timeout * 1000])
        self._wait_ran(max(1.0, timeout - (time.monotonic() - start)))
        return time.monotonic() - start

    def code_cells(self) -> list[int]:
        return self.page.evaluate(
            "() => window.jupyterapp.shell.currentWidget.content.widgets"
            ".map((c, i) => c.model.type === 'code' ? i : -1).filter(i => i >= 0)"
        )

    def run_cells(self, indices: list[int], timeout: float = 300) -> None:
        """Run the cells at ``indices`` one after another (each awaited) and wait for their outputs."""
        for index in indices:
            self.wait_kernel_idle(timeout)
            self.page.evaluate(_WITHIN_JS, ["notebook:run-cell", index, timeout * 1000])
        self._wait_ran(timeout, cells=list(indices))

    def cell_of(self, locator) -> int:
        """Index of the notebook cell holding the element ``locator`` points at."""
        return locator.evaluate(
            "e => { const cells = Array.from(window.jupyterapp.shell.currentWidget.content.widgets);"
            " return cells.findIndex(c => c.node.contains(e)); }"
        )

    def kernel_stdout(self, code: str, timeout: float = 60) -> str:
        """Run ``code`` in the open lesson's kernel (not in a cell) and return what it printed."""
        return self.page.evaluate(
            """async ([code, ms]) => {
              const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
              let out = '';
              const future = kernel.requestExecute({code: code, silent: false, store_history: false});
              future.onIOPub = msg => {
                if (msg.header.msg_type === 'stream') out += msg.content.text;
                if (msg.header.msg_type === 'error') out += msg.content.ename + ': ' + msg.content.evalue;
              };
              let timer;
              const late = new Promise((_, reject) => {
                timer = setTimeout(() => reject(new Error('no reply within ' + ms / 1000 + ' s')), ms);
              });
              try { await Promise.race([future.done, late]); } finally { clearTimeout(timer); }
              return out;
            }""",
            [code, timeout * 1000],
        )

    # -- what is on the page
    def explorers(self):
        return self.page.locator(f"{PANEL} .crps-explorer")

    def quizzes(self):
        """The lesson's own checked questions (the concept inventory, which gives no feedback before the
        lessons, is left out)."""
        return self.page.locator(f"{PANEL} .crps-quiz:not(.crps-quiz-inventory)")


_SIGNATURE_JS = """(root) => Array.from(root.querySelectorAll('.js-plotly-plot')).map(p =>
  Array.from(p.querySelectorAll('svg path, svg text')).map(e => e.tagName === 'path' ?
  (e.getAttribute('d') || '') : e.textContent).join('|')).join('||')"""


def plot_signature(locator) -> str:
    """A string that changes whenever a plot inside ``locator`` is drawn differently."""
    return locator.evaluate(_SIGNATURE_JS)


_ARM_JS = """(root) => {
  const gd = root.querySelector('.js-plotly-plot');
  if (!gd || !gd.on) throw new Error('no plotly plot in this explorer');
  const t = {keydown: null, redraw: null};
  window.__crpsLiteTimer = t;
  document.addEventListener('keydown', () => { if (t.keydown === null) t.keydown = performance.now(); },
                            {capture: true, once: true});
  gd.on('plotly_afterplot', () => { if (t.keydown !== null && t.redraw === null) t.redraw = performance.now(); });
}"""


def reveal(locator, timeout: float = 30) -> None:
    """Scroll the notebook to the cell holding ``locator`` and wait until the element is visible.

    JupyterLab's windowed notebook hides cells out of view (``display: none``), so an element
    there cannot be seen or operated until its cell is scrolled to (``Notebook.scrollToItem``).
    """
    locator.evaluate(
        """async e => { const nb = window.jupyterapp.shell.currentWidget.content;
        const i = nb.widgets.findIndex(c => c.node.contains(e));
        if (i >= 0) await nb.scrollToItem(i, 'center');
        e.scrollIntoView({block: 'center'}); }"""
    )
    locator.wait_for(state="visible", timeout=timeout * 1000)


def move_first_slider(explorer, timeout: float = 60, back: bool = False) -> float:
    """One key press on the explorer's first slider; wait for the redraw; return keydown-to-redraw ms.

    Raises LookupError when the explorer has no slider, TimeoutError when the plot does not change.
    """
    handles = explorer.locator(".widget-slider .noUi-handle")
    if handles.count() == 0:
        raise LookupError("the explorer has no slider")
    handle = handles.first
    reveal(explorer)
    reveal(handle)
    at_max = handle.evaluate("e => Number(e.getAttribute('aria-valuenow')) >= Number(e.getAttribute('aria-valuemax'))")
    before = plot_signature(explorer)
    explorer.evaluate(_ARM_JS)
    handle.focus()
    # ``back``: the other way (a benchmark alternates, so the slider stays where the plot changes).
    explorer.page.keyboard.press("ArrowLeft" if at_max != back else "ArrowRight")

    def redrawn():
        t = explorer.page.evaluate("() => window.__crpsLiteTimer")
        changed = plot_signature(explorer) != before
        return changed and t["redraw"] is not None, t

    t = _poll(redrawn, timeout, "the plot to redraw after the slider moved", interval=0.05)
    return t["redraw"] - t["keydown"]


_DRAWN_JS = """(root) => {
  const plots = Array.from(root.querySelectorAll('.js-plotly-plot'));
  if (plots.length === 0) return ['no plotly plot'];
  const problems = [];
  plots.forEach((p, i) => {
    if (!p.querySelector('svg.main-svg')) problems.push('plot ' + i + ': no SVG');
    else if (!(p.data && p.data.length)) problems.push('plot ' + i + ': no traces');
    else if (!p.querySelector('.plot .trace, .plot path, .barlayer path, .scatterlayer path'))
      problems.push('plot ' + i + ': traces not drawn');
  });
  return problems;
}"""


def plot_problems(explorer) -> list[str]:
    """Why the explorer's plot is not drawn with its traces ([] when it is)."""
    return explorer.evaluate(_DRAWN_JS)


def answer_first_question(quiz, timeout: float = 60) -> str:
    """Pick the first choice of the first question, press "Check answer", return the feedback text."""
    question = quiz.locator(".crps-quiz-question").first
    reveal(question)
    feedback = question.locator(".crps-quiz-feedback")
    before = feedback.inner_text() if feedback.count() else ""
    question.locator(".widget-radio-box input[type=radio]").first.check()
    question.get_by_role("button", name="Check answer").click()

    def checked():
        text = feedback.inner_text().strip()
        return text != before.strip() and text.startswith(("✔ Correct", "✘ Not quite")), text

    return _poll(checked, timeout, "the quiz feedback")


def first_question(quiz) -> dict:
    """``{"question", "feedback"}``: the text of the quiz's first question and of its feedback."""
    question = quiz.locator(".crps-quiz-question").first
    reveal(question)
    return {
        "question": question.inner_text().split("\n")[0],
        "feedback": question.locator(".crps-quiz-feedback").inner_text().strip(),
    }


def _netlog_events(path: Path):
    text = Path(path).read_text(encoding="utf-8", errors="replace")
    try:
        log = json.loads(text)
    except ValueError:  # a NetLog whose browser did not close cleanly lacks its closing brackets
        log = json.loads(text.rstrip().rstrip(",") + "]}")
    names = {v: k for k, v in log["constants"]["logEventTypes"].items()}
    for event in log.get("events", []):
        yield names.get(event["type"], "?"), event.get("params", {})


def netlog_traffic(path: Path, site: str) -> dict:
    """What Chromium's NetLog at ``path`` says about network use, for the site at origin ``site``.

    ``site_elsewhere``: URLs the site's pages and workers requested from any other origin;
    ``site_requests``: how many requests they made; ``tcp_remote``: every address a TCP connection
    was opened to that is not 127.0.0.1; ``browser_own``: URLs Chromium's own services asked for
    (sign-in, updates, autofill; initiator "not an origin"), which the host rule leaves unresolved.
    """
    site = site.rstrip("/")
    out = {"site_elsewhere": [], "site_requests": 0, "tcp_remote": set(), "browser_own": []}
    for name, params in _netlog_events(path):
        if name == "URL_REQUEST_START_JOB" and "url" in params:
            url, initiator = params["url"], str(params.get("initiator", ""))
            if initiator.startswith(site) or url.startswith(site + "/"):
                out["site_requests"] += 1
                if not url.startswith((site + "/", "blob:", "data:")):
                    out["site_elsewhere"].append(url)
            else:
                out["browser_own"].append(url)
        elif (
            name == "TCP_CONNECT"
            and "remote_address" in params
            and not params["remote_address"].startswith("127.0.0.1:")
        ):
            out["tcp_remote"].add(params["remote_address"])
    return out

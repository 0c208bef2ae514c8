"""Slider-to-redraw in a real JupyterLab (headless Chromium), explorers versus a naive ``interact``.

Uses ``tools/lab_browser.py`` (server, browser, notebook helpers) unchanged. A temporary notebook
(never in ``notebooks/``) shows, in one kernel and one page:

* ``explore("windup")`` and ``explore("glial_loop")`` (in-place explorers with sliders; the
  ketamine explorer has none: it shows the reported schedules only);
* a naive wind-up: ``ipywidgets.interactive`` over observer-free copies of the wind-up controls,
  whose callback builds a new plain ``go.Figure`` from the figure the explorer's builder made,
  fills it with the explorer's same ``update()`` and calls ``fig.show()``: the usual ``interact`` +
  re-render pattern (``benchmarks.kernel_bench.naive_explorer`` / ``naive_render``).

One measurement: page JavaScript records ``performance.now()`` when the keydown reaches the
document (capture phase), then a ``MutationObserver`` on the explorer (or on the interact widget,
whose output is replaced) records ``performance.now()`` at the first mutation after which the
drawn plot (SVG path data and SVG text of every ``.js-plotly-plot`` in it) differs from before
the key press. Between presses the kernel is let go idle. The slider is the first slider of each
explorer, moved one step with ArrowRight (ArrowLeft on the way back from the maximum), like a
learner using the keyboard.

The kernel messages seen by the page split each measurement into phases (medians reported):
key press to the comm message sent, sent to the first comm message back (server + kernel: the
observer, model and update), first to last message back (comm or display), and last message to the redraw
(plotly.js in the page).
"""

from __future__ import annotations

import statistics
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

NAIVE_CELL = r'''
import sys
sys.path.insert(0, {root!r})
import ipywidgets as w
from crps_lessons.lesson import EXPLORERS
from benchmarks.kernel_bench import naive_explorer, naive_render

_naive = naive_explorer(EXPLORERS["windup"])   # its model and its builder's figure; controls without observers

def naive_windup(**values):
    """interact + re-render: a new figure on every move, built and sent whole."""
    naive_render(_naive).show()

naive = w.interactive(naive_windup, **_naive.controls)
naive.add_class("bench-naive-windup")
naive
'''

ARM_JS = r"""(root) => {
  const sig = () => Array.from(root.querySelectorAll('.js-plotly-plot')).map(p =>
      p.querySelector('svg.main-svg') ? Array.from(p.querySelectorAll('svg path, svg text'))
        .map(e => e.tagName === 'path' ? (e.getAttribute('d') || '') : e.textContent).join('|') : '')
      .join('||');
  const before = sig();
  const st = {t0: null, t1: null, callbacks: 0, sent: null, firstComm: null, lastCommBeforeDraw: null,
              busy: null, idle: null};
  window.__crpsBench = st;
  // Kernel messages, to split the time: front end -> kernel -> front end -> plotly redraw.
  const kernel = window.jupyterapp.shell.currentWidget.sessionContext.session.kernel;
  if (kernel && window.__crpsBenchKernel !== kernel) {
    window.__crpsBenchKernel = kernel;
    kernel.anyMessage.connect((_, args) => {
      const b = window.__crpsBench;
      if (!b || b.t0 === null || b.t1 !== null) return;
      const now = performance.now(), type = args.msg.header.msg_type;
      if (args.direction === 'send' && type === 'comm_msg' && b.sent === null) b.sent = now;
      if (args.direction === 'recv' && b.sent !== null) {
        if (type === 'status' && args.msg.content.execution_state === 'busy' && b.busy === null) b.busy = now;
        if (type === 'status' && args.msg.content.execution_state === 'idle' && b.idle === null) b.idle = now;
        if (['comm_msg', 'display_data', 'clear_output', 'update_display_data'].includes(type)) {
          if (b.firstComm === null) b.firstComm = now;
          b.lastCommBeforeDraw = now;
        }
      }
    });
  }
  document.addEventListener('keydown', () => { if (st.t0 === null) st.t0 = performance.now(); },
                            {capture: true, once: true});
  const obs = new MutationObserver(() => {
    st.callbacks++;
    if (st.t0 === null || st.t1 !== null) return;
    const now = sig();
    if (now && now !== before) { st.t1 = performance.now(); obs.disconnect(); }
  });
  obs.observe(root, {subtree: true, childList: true, attributes: true, characterData: true});
  st.disconnect = () => obs.disconnect();
  return before.length;
}"""


def _write_notebook(folder: Path) -> str:
    import nbformat

    nb = nbformat.v4.new_notebook()
    nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3", "language": "python"}
    nb.cells = [
        nbformat.v4.new_code_cell("from crps_lessons.lesson import explore"),
        nbformat.v4.new_code_cell('explore("windup")'),
        nbformat.v4.new_code_cell('explore("glial_loop")'),
        nbformat.v4.new_code_cell(NAIVE_CELL.format(root=str(ROOT)).strip()),
    ]
    name = "bench_slider_redraw.ipynb"
    nbformat.write(nb, folder / name)
    return name


def _measure(page, notebook, root, repeats: int, timeout_s: float = 20) -> dict:
    """``repeats`` key presses on the first slider inside ``root``; ms from keydown to redrawn plot."""
    slider = root.locator(".widget-slider").first
    label = slider.locator("label").first.inner_text() if slider.locator("label").count() else ""
    handle = slider.locator(".noUi-handle").first
    handle.scroll_into_view_if_needed()
    direction = "ArrowRight"
    times, failures, phases = [], 0, []
    for _ in range(repeats):
        now, vmax, vmin = handle.evaluate(
            "e => [e.getAttribute('aria-valuenow'), e.getAttribute('aria-valuemax'), e.getAttribute('aria-valuemin')]"
        )
        if now is not None and now == vmax:
            direction = "ArrowLeft"
        elif now is not None and now == vmin:
            direction = "ArrowRight"
        root.evaluate(ARM_JS)
        handle.focus()
        handle.press(direction)
        deadline = time.monotonic() + timeout_s
        st = None
        while time.monotonic() < deadline:
            st = page.evaluate(
                "() => { const b = window.__crpsBench; return {t0: b.t0, t1: b.t1, sent: b.sent,"
                " firstComm: b.firstComm, last: b.lastCommBeforeDraw, busy: b.busy, idle: b.idle}; }"
            )
            if st["t1"] is not None:
                break
            time.sleep(0.01)
        page.evaluate("() => window.__crpsBench.disconnect()")
        if st and st["t1"] is not None and st["t0"] is not None:
            times.append(st["t1"] - st["t0"])
            if None not in (st["sent"], st["firstComm"], st["last"]):
                phases.append(
                    {
                        "key_to_send": st["sent"] - st["t0"],
                        "send_to_first_reply": st["firstComm"] - st["sent"],
                        "first_to_last_reply": st["last"] - st["firstComm"],
                        "last_reply_to_redraw": st["t1"] - st["last"],
                    }
                )
        else:
            failures += 1
        notebook.wait_kernel_idle(30)
        page.wait_for_timeout(250)  # let the redraw finish before the next press
    return {
        "slider": label.strip(),
        "n": len(times),
        "failures": failures,
        "median_ms": round(statistics.median(times), 1) if times else None,
        "p95_ms": round(sorted(times)[max(0, round(0.95 * (len(times) - 1)))], 1) if times else None,
        "min_ms": round(min(times), 1) if times else None,
        "all_ms": [round(t, 1) for t in times],
        "phases_median_ms": (
            {k: round(statistics.median(p[k] for p in phases), 1) for k in phases[0]} if phases else None
        ),
    }


def run_browser(repeats: int = 20) -> dict:
    """Start a throw-away JupyterLab, open the temporary notebook, time the three sliders."""
    import sys

    from playwright.sync_api import sync_playwright

    sys.path.insert(0, str(ROOT))
    from tools import lab_browser as lb

    if lb.find_chromium() is None:
        return {"skipped": "chromium not found (apt-get install chromium)"}
    with tempfile.TemporaryDirectory(prefix="crps-bench-lab-") as tmp:
        name = _write_notebook(Path(tmp))
        t_start = time.perf_counter()
        with lb.LabServer(tmp) as server, sync_playwright() as p:
            browser = lb.launch_chromium(p)
            try:
                page = browser.new_context(viewport={"width": 1400, "height": 1100}).new_page()
                lab = lb.Lab(page, server).load()
                notebook = lab.open(name)
                notebook.run_all(timeout=180)
                errors = notebook.errors()
                if errors:
                    raise RuntimeError(f"benchmark notebook failed in the lab: {errors}")
                notebook.wait_rendered(timeout=60)
                panel = notebook.panel
                targets = {
                    "windup": panel.locator(".crps-explorer-windup").first,
                    "glial_loop": panel.locator(".crps-explorer-glial_loop").first,
                    "naive_interact_windup": panel.locator(".bench-naive-windup").first,
                }
                # Warm-up: one press each (first messages, first plotly.react), not counted.
                for loc in targets.values():
                    _measure(page, notebook, loc, 1)
                results = {key: _measure(page, notebook, loc, repeats) for key, loc in targets.items()}
                console = [e for e in lab.console_errors if "favicon" not in e][:10]
            finally:
                browser.close()
        wall = time.perf_counter() - t_start
    fast, naive = results["windup"], results["naive_interact_windup"]
    ratio = round(fast["median_ms"] / naive["median_ms"], 2) if fast["median_ms"] and naive["median_ms"] else None
    return {
        "how": (
            "JupyterLab + headless Chromium (tools/lab_browser.py); first slider of each, one "
            "ArrowRight/ArrowLeft press per repetition; ms from keydown (page performance.now) to the "
            "first DOM mutation after which the drawn plot differs (MutationObserver); kernel idle "
            f"between presses; {repeats} repetitions after one warm-up"
        ),
        "results": results,
        "windup_over_naive_median": ratio,
        "console_errors": console,
        "wall_s": round(wall, 1),
    }

"""One student in headless Chromium (Playwright's async API): log in, follow the nbgitpuller link,
run a lesson, move its explorers, answer a quiz question.

The async API lets one process drive a whole class at once (one browser context per student, so
each has their own cookies). The page is found through JupyterLab's public front-end API
(``window.jupyterapp``, exposed with ``--LabApp.expose_app_in_browser``) and the lessons' DOM
contract: ``.crps-explorer`` (one ``.js-plotly-plot`` and its controls), ``.crps-quiz-question``
(radio buttons, a "Check answer" button, ``.crps-quiz-feedback``).
"""

from __future__ import annotations

import asyncio
import time
from urllib.parse import quote

PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"

_CURRENT_PATH_JS = """() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  return w && w.context ? w.context.path : null; }"""

_KERNEL_JS = """() => {
  const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;
  if (!w || !w.sessionContext) return 'no notebook';
  const sc = w.sessionContext, k = sc.session && sc.session.kernel;
  if (!sc.isReady || !k) return 'session starting';
  return (k.connectionStatus === 'connected' && k.status === 'idle' && !sc.pendingInput) ? 'idle'
    : k.connectionStatus + '/' + k.status;
}"""

# Code cells still to run (no execution count, or a [*] prompt) and error outputs, in the open notebook.
_CELLS_JS = """() => {
  const w = window.jupyterapp.shell.currentWidget;
  let pending = 0; const errors = [];
  w.content.widgets.forEach((cell, i) => {
    if (cell.model.type !== 'code') return;
    const prompt = cell.node.querySelector('.jp-InputPrompt');
    if (cell.model.executionCount === null || (prompt && prompt.textContent.includes('*'))) pending++;
    const outs = cell.model.outputs;
    for (let j = 0; j < outs.length; j++) {
      const o = outs.get(j).toJSON();
      if (o.output_type === 'error') errors.push('cell ' + i + ': ' + o.ename + ': ' + o.evalue);
    }
  });
  return {pending: pending, errors: errors};
}"""

_RENDERED_JS = """(e) => { const gd = e.querySelector('.js-plotly-plot');
  return !!gd && !!gd.querySelector('svg.main-svg') &&
    ((gd.data && gd.data.length > 0) || !!(gd.layout && gd.layout.title && gd.layout.title.text)); }"""

# Counts plotly redraws of the explorer's plot, and (timer) the first keydown after arming.
_ARM_JS = """(e) => { const gd = e.querySelector('.js-plotly-plot');
  const t = {keydown: null, redraw: null, redraws: 0};
  e.__crpsTimer = t;
  document.addEventListener('keydown', () => { if (t.keydown === null) t.keydown = performance.now(); },
                            {capture: true, once: true});
  if (!e.__crpsHooked) { e.__crpsHooked = true;
    gd.on('plotly_afterplot', () => { const c = e.__crpsTimer; c.redraws++;
      if (c.redraw === null) c.redraw = performance.now(); }); }
  return true; }"""

_TEXT_JS = "(e) => e.innerText"


async def _poll(fn, timeout: float, what: str, interval: float = 0.1):
    deadline = time.monotonic() + timeout
    last = None
    while time.monotonic() < deadline:
        ok, last = await fn()
        if ok:
            return last
        await asyncio.sleep(interval)
    raise TimeoutError(f"timed out after {timeout:.0f} s waiting for {what} (last: {str(last)[:300]})")


async def login_and_pull(page, base_url: str, name: str, password: str, link_path: str, timeout: float) -> str:
    """Log in through the hub's login form with the link as ``next``; wait until JupyterLab shows
    the notebook the link opens; return that notebook's path."""
    await page.goto(f"{base_url}/hub/login?next={quote(link_path, safe='')}", timeout=timeout * 1000)
    await page.fill("#username_input", name)
    await page.fill("#password_input", password)
    await page.click("#login_submit")
    # Spawn page, then nbgitpuller's progress page, then JupyterLab with the start lesson, loaded
    # (before its context is ready, the notebook shows but cannot be saved).
    await page.wait_for_function(
        "() => { const w = window.jupyterapp && window.jupyterapp.shell.currentWidget;"
        " return !!(w && w.context && w.context.isReady && w.context.path.endsWith('.ipynb')); }",
        timeout=timeout * 1000,
        polling=250,
    )
    return await page.evaluate(_CURRENT_PATH_JS)


async def wait_kernel_idle(page, timeout: float) -> None:
    async def idle():
        state = await page.evaluate(_KERNEL_JS)
        return state == "idle", state

    await _poll(idle, timeout, "the kernel to be connected and idle", interval=0.1)


async def close_current(page) -> None:
    """Shut down the open notebook's kernel and close its tab (as "Close and Shut Down Notebook")."""
    # dispose(), not close(): opening a notebook can mark it changed (kernel metadata), and close()
    # would then wait on a "save your work?" dialog.
    await page.evaluate("""async () => { const w = window.jupyterapp.shell.currentWidget;
      await w.sessionContext.shutdown(); w.dispose(); }""")


async def open_notebook(page, path: str, timeout: float) -> None:
    await page.evaluate("(p) => { window.jupyterapp.commands.execute('docmanager:open', {path: p}); }", path)
    await page.wait_for_function(
        "(p) => { const w = window.jupyterapp.shell.currentWidget;"
        " return !!(w && w.context && w.context.isReady && w.context.path === p); }",
        arg=path,
        timeout=timeout * 1000,
        polling=200,
    )
    await page.wait_for_selector(f"{PANEL} .jp-Notebook", timeout=timeout * 1000)
    await wait_kernel_idle(page, timeout)


async def run_all(page, timeout: float) -> list[str]:
    """Run every cell; wait until all ran (or one failed) and the kernel is idle; return error outputs."""
    await wait_kernel_idle(page, timeout)
    await page.evaluate("() => { window.jupyterapp.commands.execute('notebook:run-all-cells'); }")

    async def done():
        cells = await page.evaluate(_CELLS_JS)
        idle = await page.evaluate(_KERNEL_JS) == "idle"
        # After an error JupyterLab stops running the cells below it: they stay pending.
        return idle and (cells["pending"] == 0 or bool(cells["errors"])), cells

    await asyncio.sleep(0.5)  # let the front end queue the cells before polling
    return (await _poll(done, timeout, "every cell to run", interval=0.25))["errors"]


def explorers(page):
    return page.locator(f"{PANEL} .crps-explorer")


async def wait_rendered(explorer, timeout: float) -> bool:
    """Scroll the explorer into view and wait until its plot is drawn with its traces or title."""
    await explorer.scroll_into_view_if_needed(timeout=timeout * 1000)
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if await explorer.evaluate(_RENDERED_JS):
            return True
        await asyncio.sleep(0.2)
    return False


async def time_slider(explorer, timeout: float) -> float:
    """Milliseconds from a key press on the explorer's first slider to the redraw of its plot,
    timed in the page (``performance.now()`` at keydown and at plotly's ``plotly_afterplot``)."""
    handle = explorer.locator(".widget-slider .noUi-handle").first
    await handle.scroll_into_view_if_needed()
    at_max = await handle.evaluate(
        "(e) => Number(e.getAttribute('aria-valuenow')) >= Number(e.getAttribute('aria-valuemax'))"
    )
    await explorer.evaluate(_ARM_JS)
    await handle.focus()
    await handle.press("ArrowLeft" if at_max else "ArrowRight")

    async def redrawn():
        # What a failure report needs: the timer, whether the page is visible, what has the focus.
        t = await explorer.evaluate(
            "(e) => Object.assign({}, e.__crpsTimer, {visible: document.visibilityState,"
            " focus: (document.activeElement || {}).className, value: e.querySelector('.noUi-handle')"
            ".getAttribute('aria-valuenow')})"
        )
        return t["redraw"] is not None and t["keydown"] is not None, t

    t = await _poll(redrawn, timeout, "the plot to redraw after a slider key press", interval=0.02)
    return t["redraw"] - t["keydown"]


async def move_first_control(explorer, timeout: float) -> str:
    """Operate the explorer's first control as a learner would (slider: arrow key; dropdown: pick the
    next option; checkbox, radio or toggle button: click another one; number: arrow up) and wait
    until the explorer answers (its plot redraws or its text changes). Returns what it did."""
    text_before = await explorer.evaluate(_TEXT_JS)
    await explorer.evaluate(_ARM_JS)
    control = explorer.locator(
        ".widget-slider .noUi-handle, select, input[type=checkbox], "
        ".widget-radio-box input[type=radio]:not(:checked), "
        ".widget-toggle-buttons button:not(.mod-active), input[type=number]"
    ).first
    await control.scroll_into_view_if_needed()
    kind = await control.evaluate(
        "(e) => e.classList.contains('noUi-handle') ? 'slider' : e.tagName === 'SELECT' ?"
        " 'dropdown' : e.tagName === 'BUTTON' ? 'toggle' : e.type"
    )
    if kind == "slider":
        at_max = await control.evaluate(
            "(e) => Number(e.getAttribute('aria-valuenow')) >= Number(e.getAttribute('aria-valuemax'))"
        )
        await control.focus()
        await control.press("ArrowLeft" if at_max else "ArrowRight")
    elif kind == "dropdown":
        count = await control.evaluate("(e) => e.options.length")
        index = await control.evaluate("(e) => e.selectedIndex")
        await control.select_option(index=(index + 1) % count)
    elif kind == "number":
        await control.focus()
        await control.press("ArrowUp")
    else:  # checkbox, radio, toggle button
        await control.click()

    async def answered():
        t = await explorer.evaluate("(e) => e.__crpsTimer")
        changed = t["redraws"] > 0 or await explorer.evaluate(_TEXT_JS) != text_before
        return changed, t

    await _poll(answered, timeout, f"the explorer to answer its {kind}", interval=0.05)
    return kind


async def answer_first_question(page, timeout: float) -> str:
    """Pick the first choice of the lesson's first quiz question, press "Check answer", return the feedback."""
    question = page.locator(f"{PANEL} .crps-quiz-question").first
    await question.scroll_into_view_if_needed(timeout=timeout * 1000)
    await question.locator(".widget-radio-box input[type=radio]").first.click()
    await question.locator("button", has_text="Check answer").click()
    feedback = question.locator(".crps-quiz-feedback")

    async def shown():
        text = (await feedback.inner_text()).strip()
        return text.startswith(("✔ Correct", "✘ Not quite")), text

    return await _poll(shown, timeout, "the quiz feedback", interval=0.1)

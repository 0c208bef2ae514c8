"""Run the kernel-side benchmark inside a real, fresh ipykernel (python3 kernelspec).

Inside a kernel every FigureWidget update is serialised and sent as a comm message on the iopub
channel, as it is when a learner drags a slider; there is just no front end listening.
"""

from __future__ import annotations

import json
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def run_in_kernel(
    names: list[str] | None,
    steps: int,
    naive: bool = True,
    naive_steps: int | None = 20,
    timeout_s: float = 1800,
    registry_expr: str = "None",
) -> dict:
    """Start a fresh python3 kernel, run ``run_kernel_bench`` in it, return its result.

    ``registry_expr``: Python expression evaluated in the kernel for the registry (default: EXPLORERS).
    """
    from jupyter_client.manager import start_new_kernel

    with tempfile.TemporaryDirectory(prefix="crps-bench-") as tmp:
        out_path = Path(tmp) / "kernel.json"
        code = (
            "import sys, json\n"
            f"sys.path.insert(0, {str(ROOT)!r})\n"
            "from benchmarks.kernel_bench import run_kernel_bench\n"
            f"_r = run_kernel_bench({names!r}, steps={steps!r}, naive={naive!r}, naive_steps={naive_steps!r}, "
            f"registry={registry_expr})\n"
            f"open({str(out_path)!r}, 'w').write(json.dumps(_r))\n"
        )
        km, kc = start_new_kernel(kernel_name="python3", cwd=str(ROOT))
        errors: list[str] = []

        def hook(msg):
            if msg["header"]["msg_type"] == "error":
                errors.append("\n".join(msg["content"].get("traceback", [])))
            elif msg["header"]["msg_type"] == "stream" and msg["content"].get("name") == "stderr":
                errors.append(msg["content"].get("text", ""))

        try:
            t0 = time.perf_counter()
            reply = kc.execute_interactive(code, timeout=timeout_s, output_hook=hook)
            wall = time.perf_counter() - t0
        finally:
            kc.stop_channels()
            km.shutdown_kernel(now=True)
        if reply["content"]["status"] != "ok" or not out_path.exists():
            raise RuntimeError("kernel benchmark failed:\n" + "\n".join(errors)[-4000:])
        result = json.loads(out_path.read_text())
        result["wall_s"] = round(wall, 1)
        if errors:
            result["stderr"] = "".join(errors)[-2000:]
        return result

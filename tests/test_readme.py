"""What the README promises works: its commands, its links, its Binder link and its lesson map."""

import re

import pytest
from conftest import NOTEBOOKS, ROOT, notebook_json
from doc_checks import broken_launch_links, broken_local_links, launch_links, make_targets, unknown_make_targets

README = ROOT / "README.md"


def _time_in_notebook(path):
    text = "".join("".join(c["source"]) for c in notebook_json(path)["cells"][:3])
    m = re.search(r"Time:?\**\s*(?:about\s+)?(\d+)\s*min", text, re.I)
    assert m, f"{path.name}: no 'Time: about NN min' near the top"
    return int(m.group(1))


def _map_rows(text: str) -> dict[str, list[str]]:
    """Rows of the Markdown tables that link a notebook: notebook file name -> the row's cells."""
    rows = {}
    for line in text.splitlines():
        m = re.search(r"\]\((?:notebooks/)?(\d\d_[\w-]+\.ipynb)\)", line)
        if line.lstrip().startswith("|") and m:
            rows[m.group(1)] = [c.strip() for c in line.strip().strip("|").split("|")]
    return rows


def test_the_two_commands_and_the_other_targets_run():
    targets = make_targets(README)
    assert {"lab", "test"} <= set(targets), f"README gives {targets}; `make lab` and `make test` are its two commands"
    assert not unknown_make_targets(README)


def test_every_local_link_opens_a_file():
    assert not broken_local_links(README)


def test_binder_link_opens_the_start_notebook_of_this_repository():
    links = launch_links(README)
    assert links, "README has no Binder link"
    assert not broken_launch_links(README)
    assert all(opened == "notebooks/00_start_here.ipynb" for _, _, opened in links)


@pytest.mark.parametrize(
    ("doc", "prefix"),
    [(README, "notebooks/"), (ROOT / "notebooks" / "00_start_here.ipynb", "")],
    ids=["README", "00_start_here"],
)
def test_lesson_map_lists_every_lesson_with_its_time(doc, prefix):
    if doc.suffix == ".ipynb":
        text = "\n".join("".join(c["source"]) for c in notebook_json(doc)["cells"] if c["cell_type"] == "markdown")
    else:
        text = doc.read_text(encoding="utf-8")
    rows = _map_rows(text)
    lessons = [p for p in NOTEBOOKS if p != doc]
    missing = [p.name for p in lessons if p.name not in rows]
    assert not missing, f"{doc.name}: the lesson map lacks {missing}"
    for path in lessons:
        times = [int(m) for c in rows[path.name] for m in re.findall(r"^(\d+) min$", c)]
        assert times == [_time_in_notebook(path)], f"{doc.name}: {path.name} is listed with {times} min"
    unknown = set(rows) - {p.name for p in NOTEBOOKS}
    assert not unknown, f"{doc.name}: the lesson map lists notebooks that do not exist: {sorted(unknown)}"


def test_ci_installs_chromium_when_missing_and_runs_the_readme_test_command(tmp_path):
    """Run .ci/run with stand-ins for make, apt-get and chromium that record what they are asked."""
    import os
    import shutil
    import subprocess

    bin_dir, calls = tmp_path / "bin", tmp_path / "calls"
    bin_dir.mkdir()
    for tool in ("bash", "dirname", "id", "cat", "chmod", "env"):
        os.symlink(shutil.which(tool), bin_dir / tool)
    record = f'#!{shutil.which("bash")}\necho "$(basename "$0") $*" >> {calls}\n'
    installs_chromium = (
        record + f'printf "%s\\n" "#!{shutil.which("bash")}" "echo \\"chromium \\$*\\" >> {calls}" '
        f"> {bin_dir}/chromium\n{shutil.which('chmod')} +x {bin_dir}/chromium\n"
    )
    for tool, body in {
        "make": record,
        "apt-get": installs_chromium,
        "sudo": record + '"$@"\n',
        "basename": f'#!{shutil.which("bash")}\necho "${{1##*/}}"\n',
    }.items():
        (bin_dir / tool).write_text(body)
        (bin_dir / tool).chmod(0o755)
    result = subprocess.run(
        [str(bin_dir / "bash"), str(ROOT / ".ci" / "run")],
        capture_output=True,
        text=True,
        env={"PATH": str(bin_dir), "HOME": str(tmp_path)},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    lines = calls.read_text().splitlines()
    assert any(line.startswith("apt-get install") and "chromium" in line for line in lines), lines
    assert "make test" in lines, lines
    assert "chromium --version" in lines[: lines.index("make test")], "chromium is not ready before `make test`"

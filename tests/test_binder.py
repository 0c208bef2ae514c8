"""Binder builds what CI tests: repo2docker's dry run on a fresh copy of the repository installs the lock.

``repo2docker --no-build --debug`` needs no Docker engine: it prints the Dockerfile it would build.
"""

import re
import shutil
import subprocess
import sys
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from conftest import ROOT

REPO2DOCKER = Path(sys.executable).with_name("repo2docker")
PIP_LINE = 'RUN ${KERNEL_PYTHON_PREFIX}/bin/pip install --no-cache-dir -r "binder/requirements.txt"'


def _fresh_copy(dest: Path) -> Path:
    """What a clone of the next commit holds: the files git tracks or would track, nothing ignored.

    (A ``git clone`` would hold only what is already committed; this copy lets the test check the
    working tree, and is the same as a clone in CI.)
    """
    listed = (
        subprocess.run(
            ["git", "ls-files", "--cached", "--others", "--exclude-standard", "-z"],
            cwd=ROOT,
            capture_output=True,
            check=True,
        )
        .stdout.decode()
        .split("\0")
    )
    for rel in filter(None, listed):
        src = ROOT / rel
        if src.is_file():  # a tracked file someone deleted is not in the next commit either
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    return dest


@pytest.fixture(scope="module")
def dry_run(tmp_path_factory):
    if not REPO2DOCKER.exists():
        pytest.fail(f"{REPO2DOCKER} is missing: install the lock (make .venv/.installed); it pins jupyter-repo2docker")
    repo = _fresh_copy(tmp_path_factory.mktemp("clone"))
    done = subprocess.run(
        [str(REPO2DOCKER), "--no-build", "--debug", "--user-name", "jovyan", "--user-id", "1000", str(repo)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    # The Dockerfile goes to stdout, repo2docker's log to stderr.
    assert done.returncode == 0, f"repo2docker dry run failed ({done.returncode}):\n{done.stderr[-3000:]}"
    assert done.stdout.lstrip().startswith("FROM "), f"no Dockerfile on repo2docker's stdout:\n{done.stdout[:2000]}"
    return {"log": done.stderr, "dockerfile": done.stdout, "repo": repo}


@pytest.mark.slow_tools
def test_binder_builds_python_3_11_from_the_binder_folder(dry_run):
    assert "Building conda environment for python=3.11" in dry_run["log"], dry_run["log"][-2000:]
    dockerfile = dry_run["dockerfile"]
    # The top-level environment.yml is for conda users; Binder must not solve it.
    assert "environment.yml" not in dockerfile
    assert not re.search(r"(mamba|conda|micromamba) (env )?(update|install).*-f \S*environment", dockerfile)


@pytest.mark.slow_tools
def test_binder_installs_the_lock_with_pip_after_copying_the_repository(dry_run):
    lines = dry_run["dockerfile"].splitlines()
    pip_installs = [i for i, line in enumerate(lines) if re.search(r"/pip install .*-r ", line)]
    assert [lines[i] for i in pip_installs] == [PIP_LINE], (
        "the Dockerfile should pip-install binder/requirements.txt once"
    )
    # binder/requirements.txt refers to ../requirements.txt, so the whole repository must be there first.
    copy_all = lines.index("COPY --chown=1000:1000 src/ ${REPO_DIR}/")
    assert copy_all < pip_installs[0]
    assert lines.index("RUN ./binder/postBuild") > pip_installs[0]


def test_binder_requirements_are_exactly_the_lock():
    binder = ROOT / "binder" / "requirements.txt"
    entries = [line.strip() for line in binder.read_text().splitlines() if line.strip() and not line.startswith("#")]
    assert entries == ["--require-hashes", "-r ../requirements.txt"], entries
    assert (binder.parent / "../requirements.txt").resolve() == (ROOT / "requirements.txt").resolve()
    assert (ROOT / "binder" / "runtime.txt").read_text().strip() == "python-3.11"
    assert "pip install --no-deps -e ." in (ROOT / "binder" / "postBuild").read_text()
    assert not (ROOT / "postBuild").exists(), "Binder reads binder/ only: a top-level postBuild would be ignored"


def test_every_locked_package_has_a_hash():
    text = (ROOT / "requirements.txt").read_text()
    blocks = re.split(r"\n(?=[A-Za-z0-9])", text.split("\n", 2)[-1])
    unhashed = [b.split()[0] for b in blocks if b.strip() and not b.startswith("#") and "--hash=sha256:" not in b]
    assert not unhashed, (
        f"requirements.txt entries without a hash (pip's --require-hashes would refuse them): {unhashed}"
    )


@pytest.mark.parametrize("doc", ["README.md", "docs/teaching.md"])
def test_binder_badge_opens_the_start_lesson_in_jupyterlab(doc):
    text = (ROOT / doc).read_text(encoding="utf-8")
    links = re.findall(r"https://mybinder\.org/v2/gh/[^\s)\]]+", text)
    assert links, f"{doc} has no Binder link"
    for link in links:
        query = parse_qs(urlparse(link).query)
        assert query.get("urlpath") == ["lab/tree/notebooks/00_start_here.ipynb"], f"{doc}: {link}"
    assert (ROOT / "notebooks" / "00_start_here.ipynb").is_file()

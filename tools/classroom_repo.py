"""The teacher's side of an nbgitpuller hand-out: a local clone to pull from, the link, and checks on a
student's copy."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path
from urllib.parse import quote, urlencode

BRANCH = "main"
TARGET = "crps-lessons"  # the folder the collection lands in, in every student's home
START_LESSON = "notebooks/00_start_here.ipynb"


def _git(*args: str, cwd: Path | None = None) -> str:
    done = subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True)
    if done.returncode != 0:
        raise RuntimeError(f"git {' '.join(args)} failed: {done.stderr.strip()[-1500:]}")
    return done.stdout.strip()


def snapshot_repo(source: Path, dest: Path) -> Path:
    """A one-commit repository at ``dest`` holding what the next commit of ``source`` would: the files
    git tracks or would track (not ignored), as they are in the working tree. Lets the tests hand
    out the working tree; in CI it equals HEAD."""
    listed = _git("ls-files", "--cached", "--others", "--exclude-standard", "-z", cwd=source).split("\0")
    for rel in filter(None, listed):
        src = source / rel
        if src.is_file():  # a tracked file deleted in the working tree is not in the next commit either
            (dest / rel).parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(src, dest / rel)
    _git("init", "--quiet", "-b", BRANCH, cwd=dest)
    _git("add", "--all", cwd=dest)
    _git(
        "-c",
        "user.name=Snapshot",
        "-c",
        "user.email=snapshot@example.invalid",
        "commit",
        "--quiet",
        "-m",
        "working tree",
        cwd=dest,
    )
    return dest


def make_teacher_repo(source: Path, ref: str, dest: Path) -> dict:
    """Clone ``source`` at ``ref`` into ``dest`` on branch ``main``: the repository the students pull.

    Returns ``{"path", "url", "branch", "commit"}``; ``url`` is a ``file://`` URL, which git (and so
    nbgitpuller's shallow clone) treats like any remote.
    """
    _git("clone", "--quiet", "--no-hardlinks", str(source), str(dest))
    _git("checkout", "--quiet", "-B", BRANCH, ref, cwd=dest)
    _git("config", "user.name", "Teacher", cwd=dest)
    _git("config", "user.email", "teacher@example.invalid", cwd=dest)
    return {
        "path": dest,
        "url": dest.resolve().as_uri(),
        "branch": BRANCH,
        "commit": _git("rev-parse", "HEAD", cwd=dest),
    }


def teacher_commit(repo: Path, message: str) -> str:
    """Commit every change in the teacher's clone; returns the new commit."""
    _git("add", "--all", cwd=repo)
    _git("commit", "--quiet", "-m", message, cwd=repo)
    return _git("rev-parse", "HEAD", cwd=repo)


def pull_link_path(repo_url: str, branch: str = BRANCH, open_path: str = START_LESSON) -> str:
    """The nbgitpuller link a teacher hands out, as a path on the hub (``/hub/user-redirect/git-pull?...``).

    It clones (first click) or merges (later clicks) the repository into ``~/crps-lessons`` and
    opens ``open_path`` of it in JupyterLab.
    """
    query = urlencode(
        {"repo": repo_url, "branch": branch, "targetpath": TARGET, "urlpath": f"lab/tree/{TARGET}/{open_path}"},
        quote_via=quote,
    )
    return f"/hub/user-redirect/git-pull?{query}"


def student_copy(home: Path, repo_url: str) -> dict:
    """What a student's home holds: ``{"pulled", "origin", "commit"}``; ``pulled`` is true when
    ``~/crps-lessons`` is a git checkout whose origin is the teacher's repository."""
    folder = home / TARGET
    if not (folder / ".git").is_dir():
        return {"pulled": False, "origin": None, "commit": None}
    origin = _git("remote", "get-url", "origin", cwd=folder)
    return {
        "pulled": origin == repo_url and (folder / START_LESSON).is_file(),
        "origin": origin,
        "commit": _git("rev-parse", "HEAD", cwd=folder),
    }

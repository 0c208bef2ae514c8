"""What a reader of a Markdown document can do with it: the files it links, the ``make`` commands it
gives, and the Binder and nbgitpuller links it hands out. Shared by the README and guide tests."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path
from urllib.parse import parse_qs, unquote, urlparse

ROOT = Path(__file__).resolve().parent.parent
LINK = re.compile(r"\]\(([^)\s]+)\)")
URL = re.compile(r"https?://[^\s)<>\]`\"']+")
MAKE = re.compile(r"(?:^|`|\n)\s*make ([a-z][\w-]*)")


def repository_url() -> str:
    """The repository's public address, from CITATION.cff (``repository-code``)."""
    m = re.search(r'^repository-code:\s*"?([^"\s]+)"?', (ROOT / "CITATION.cff").read_text(encoding="utf-8"), re.M)
    assert m, "CITATION.cff has no repository-code"
    return m.group(1).rstrip("/")


def broken_local_links(doc: Path) -> list[str]:
    """Relative links whose target does not exist (anchors and web addresses are left alone)."""
    text = doc.read_text(encoding="utf-8")
    broken = []
    for target in LINK.findall(text):
        if re.match(r"[a-z]+:", target) or target.startswith("#"):
            continue
        path = (doc.parent / unquote(target.split("#")[0])).resolve()
        if not path.exists():
            broken.append(target)
    return broken


def make_targets(doc: Path) -> list[str]:
    return sorted(set(MAKE.findall(doc.read_text(encoding="utf-8"))))


def unknown_make_targets(doc: Path) -> list[str]:
    """``make X`` commands in ``doc`` that make cannot run (checked with a dry run, ``make -n X``)."""
    bad = []
    for target in make_targets(doc):
        result = subprocess.run(["make", "-n", target], cwd=ROOT, capture_output=True, text=True, timeout=60)
        if result.returncode != 0:
            bad.append(f"make {target}: {result.stderr.strip()[:200]}")
    return bad


def launch_links(doc: Path) -> list[tuple[str, str, str]]:
    """(address, repository URL it opens, file it opens) for every Binder and nbgitpuller link."""
    found = []
    for url in URL.findall(doc.read_text(encoding="utf-8")):
        parsed = urlparse(url)
        query = parse_qs(parsed.query)
        if parsed.netloc == "mybinder.org" and parsed.path.startswith("/v2/gh/"):
            owner, name = parsed.path.split("/")[3:5]
            opened = query.get("urlpath", [""])[0].removeprefix("lab/tree/")
            found.append((url, f"https://github.com/{owner}/{name}", opened))
        elif parsed.path.endswith("/git-pull") and "repo" in query and "<" not in url:
            repo = query["repo"][0].rstrip("/")
            # nbgitpuller clones into a folder named after the repository: lab/tree/<name>/<path>
            opened = unquote(query.get("urlpath", [""])[0]).removeprefix("lab/tree/")
            opened = opened.removeprefix(repo.rsplit("/", 1)[-1] + "/")
            found.append((url, repo, opened))
    return found


def broken_launch_links(doc: Path) -> list[str]:
    """Binder and nbgitpuller links that point at another repository or open a file that does not exist."""
    repo = repository_url()
    bad = []
    for url, target_repo, opened in launch_links(doc):
        if target_repo.lower() != repo.lower():
            bad.append(f"{url}: opens {target_repo}, not {repo}")
        if not opened or not (ROOT / opened).is_file():
            bad.append(f"{url}: opens {opened!r}, which is not a file of the repository")
    return bad

"""One environment everywhere: pyproject.toml's direct requirements, the lock requirements.txt (every
package pinned and hashed, `make lock`), the packages this venv really has, and environment.yml
(conda users), which installs that same lock. (Binder's build from binder/ is tests/test_binder.py's.)
"""

import re
import sys
import tomllib
from importlib.metadata import distributions
from pathlib import Path

import yaml
from conftest import ROOT
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

LOCK = ROOT / "requirements.txt"
# Installed by venv/pip themselves, and the project (installed from the working tree, not the lock).
NOT_LOCKED = {"pip", "setuptools", "crps-lessons"}


def lock_entries(path: Path = LOCK) -> dict[str, tuple[Requirement, list[str]]]:
    """name -> (requirement, its hashes), from a pip requirements file with continuation lines."""
    text = re.sub(r"\\\n", " ", path.read_text(encoding="utf-8"))
    entries = {}
    for line in text.splitlines():
        line = line.split(" #")[0].strip()
        if not line or line.startswith("#"):
            continue
        hashes = re.findall(r"--hash=(\S+)", line)
        spec = re.sub(r"--hash=\S+", "", line).strip()
        assert not spec.startswith("-"), f"{path.name}: an option other than --hash: {line[:80]!r}"
        req = Requirement(spec)
        entries[canonicalize_name(req.name)] = (req, hashes)
    return entries


def direct_requirements() -> list[Requirement]:
    project = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]
    extras = project.get("optional-dependencies", {}).values()
    return [Requirement(r) for r in [*project["dependencies"], *(r for group in extras for r in group)]]


def _pinned_version(req: Requirement) -> str:
    (spec,) = req.specifier
    return spec.version


def test_every_lock_entry_is_pinned_exactly_and_hashed():
    entries = lock_entries()
    assert entries
    loose = [name for name, (req, _) in entries.items() if [s.operator for s in req.specifier] != ["=="]]
    unhashed = [name for name, (_, hashes) in entries.items() if not hashes]
    assert not loose, f"not pinned with ==: {loose}"
    assert not unhashed, f"no --hash: {unhashed}"


def test_every_direct_requirement_is_locked_within_its_range():
    entries = lock_entries()
    for req in direct_requirements():
        name = canonicalize_name(req.name)
        assert name in entries, f"{req} (pyproject.toml) is not in requirements.txt: run `make lock`"
        version = _pinned_version(entries[name][0])
        assert req.specifier.contains(version, prereleases=True), (
            f"{req} (pyproject.toml) but the lock pins {version}: run `make lock`"
        )


def test_this_environment_is_exactly_the_lock():
    locked = {
        name: _pinned_version(req)
        for name, (req, _) in lock_entries().items()
        if name not in NOT_LOCKED and (req.marker is None or req.marker.evaluate())
    }
    installed = {canonicalize_name(d.metadata["Name"]): d.version for d in distributions()}
    installed = {n: v for n, v in installed.items() if n not in NOT_LOCKED}
    missing = {n: v for n, v in locked.items() if n not in installed}
    extra = {n: v for n, v in installed.items() if n not in locked}
    different = {n: (v, installed[n]) for n, v in locked.items() if n in installed and installed[n] != v}
    assert not (missing or extra or different), (
        f"{sys.prefix} differs from requirements.txt (reinstall with `make`): missing {missing}, "
        f"not in the lock {extra}, lock vs installed {different}"
    )


def test_environment_yml_installs_the_lock():
    path = ROOT / "environment.yml"
    env = yaml.safe_load(path.read_text(encoding="utf-8"))
    conda = [d for d in env["dependencies"] if isinstance(d, str)]
    pip = [arg for d in env["dependencies"] if isinstance(d, dict) for arg in d.get("pip", [])]
    names = {re.split(r"[=<>! ]", d)[0] for d in conda}
    assert names == {"python", "pip"}, f"conda installs {sorted(names - {'python', 'pip'})} beside the lock"
    python = next(d for d in conda if d.startswith("python"))
    assert python.split("=")[-1] == f"{sys.version_info.major}.{sys.version_info.minor}", (
        f"environment.yml asks for {python}; the lock is tested with Python {sys.version.split()[0]}"
    )
    files = [(path.parent / a.split(None, 1)[1]).resolve() for a in pip if a.startswith("-r ")]
    others = [a for a in pip if not a.startswith("-r ")]
    assert files == [LOCK.resolve()], f"environment.yml's pip section reads {files}, not the lock"
    assert not others, f"environment.yml pins packages outside the lock: {others}"

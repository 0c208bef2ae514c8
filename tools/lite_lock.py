"""Build the site's pyodide-lock.json: the official lock trimmed to the files the site ships, plus
the wheels taken from PyPI and the collection's own wheel.

A wheel at the version the official lock already has keeps that entry's ``depends`` and
``imports`` with its own sha256 (Pyodide repacks pure wheels, so PyPI's file has another hash).
Any other wheel gets an entry from its metadata (``Requires-Dist`` evaluated for Pyodide,
top-level modules as ``imports``). Every dependency must resolve to an entry at a version that
satisfies the requirement, else :class:`LockError` names the package.
"""

from __future__ import annotations

import zipfile
from email.parser import Parser
from pathlib import Path

from packaging.requirements import Requirement
from packaging.utils import canonicalize_name
from packaging.version import Version

from tools.lite_fetch import sha256_of

__all__ = ["PYODIDE_ENV", "LockError", "build_lock", "check_lock_files", "marker_env", "wheel_metadata"]

# The marker environment of Pyodide (Emscripten, wasm32); the Python version comes from the lock.
PYODIDE_ENV = {
    "sys_platform": "emscripten",
    "platform_system": "Emscripten",
    "os_name": "posix",
    "platform_machine": "wasm32",
    "implementation_name": "cpython",
    "platform_python_implementation": "CPython",
    "extra": "",
}


def marker_env(python: str) -> dict:
    """PYODIDE_ENV for the Python version ``python`` (the official lock's ``info.python``)."""
    return {**PYODIDE_ENV, "python_full_version": python, "python_version": ".".join(python.split(".")[:2])}


class LockError(ValueError):
    """The lock cannot be built: a dependency is missing or at a version that does not fit."""


def _top_level(z: zipfile.ZipFile) -> list[str]:
    tops = set()
    for name in z.namelist():
        first = name.split("/", 1)[0]
        if first.endswith((".dist-info", ".data")):
            continue
        if "/" in name or first.endswith(".py"):
            tops.add(first.removesuffix(".py"))
    return sorted(t for t in tops if t.isidentifier())


def wheel_metadata(path: Path, python: str = "3.12.7") -> dict:
    """``{"name", "version", "requires": [Requirement], "imports": [str]}`` of a wheel file; requirements
    whose markers do not hold in Pyodide with Python ``python`` are left out."""
    with zipfile.ZipFile(path) as z:
        metas = [n for n in z.namelist() if n.count("/") == 1 and n.endswith(".dist-info/METADATA")]
        if len(metas) != 1:
            raise LockError(f"{path.name}: not a wheel (no single .dist-info/METADATA)")
        meta = Parser().parsestr(z.read(metas[0]).decode("utf-8"))
        imports = _top_level(z)
    requires = [Requirement(r) for r in meta.get_all("Requires-Dist") or []]
    env = marker_env(python)
    requires = [r for r in requires if r.marker is None or r.marker.evaluate(env)]
    return {"name": meta["Name"], "version": meta["Version"], "requires": requires, "imports": imports}


def build_lock(
    official: dict,
    carried: list[str],
    wheels: list[Path],
    *,
    skip: dict | None = None,
    extra_depends: dict | None = None,
    waive_version: dict | None = None,
) -> dict:
    """The lock for the site (see module doc).

    ``carried``: names of official entries whose files the site ships as they are; ``wheels``: the
    other wheel files; ``skip``: requirement names not loaded in the page (name -> reason);
    ``extra_depends``: name -> extra dependency names; ``waive_version``: requirement names whose
    version range is not checked (name -> reason).
    """
    skip = {canonicalize_name(k) for k in (skip or {})}
    waive = {canonicalize_name(k) for k in (waive_version or {})}
    extra = {canonicalize_name(k): [canonicalize_name(d) for d in v] for k, v in (extra_depends or {}).items()}
    by_name = {canonicalize_name(k): v for k, v in official["packages"].items()}
    packages: dict[str, dict] = {}
    for name in carried:
        key = canonicalize_name(name)
        if key not in by_name:
            raise LockError(f"{name}: not in the official pyodide-lock.json")
        packages[key] = dict(by_name[key])
    requirements: dict[str, list[Requirement]] = {}
    for path in wheels:
        meta = wheel_metadata(path, official["info"].get("python", "3.12.7"))
        key = canonicalize_name(meta["name"])
        if key in packages:
            raise LockError(f"{path.name}: {key} is in the lock twice")
        known = by_name.get(key)
        if known is not None and Version(known["version"]) == Version(meta["version"]):
            entry = dict(known)
            entry["depends"] = list(known["depends"]) + extra.get(key, [])
        else:
            deps = [canonicalize_name(r.name) for r in meta["requires"] if canonicalize_name(r.name) not in skip]
            entry = {
                "name": key,
                "version": meta["version"],
                "install_dir": "site",
                "package_type": "package",
                "imports": meta["imports"],
                "depends": sorted(set(deps + extra.get(key, []))),
                "unvendored_tests": False,
                "shared_library": False,
            }
            requirements[key] = meta["requires"]
        entry["file_name"] = path.name
        entry["sha256"] = sha256_of(path)
        packages[key] = entry
    for key, entry in packages.items():
        for dep in entry["depends"]:
            if canonicalize_name(dep) not in packages:
                raise LockError(f"{key} {entry['version']} depends on {dep}, which the site does not ship")
        for req in requirements.get(key, []):
            dep = canonicalize_name(req.name)
            if dep in skip or dep in waive or not req.specifier:
                continue
            have = packages[dep]["version"]
            if not req.specifier.contains(have, prereleases=True):
                raise LockError(f"{key} {entry['version']} needs {req}, but the site ships {dep} {have}")
    return {"info": dict(official["info"]), "packages": dict(sorted(packages.items()))}


def check_lock_files(lock: dict, folder: Path) -> None:
    """Raise LockError unless every lock entry's file is in ``folder`` with the lock's sha256."""
    for key, entry in lock["packages"].items():
        path = folder / entry["file_name"]
        if not path.is_file():
            raise LockError(f"{path}: missing (lock entry {key})")
        if sha256_of(path) != entry["sha256"]:
            raise LockError(f"{path}: sha256 differs from its lock entry {key}")

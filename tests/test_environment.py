"""pyproject.toml and the lock file (requirements.txt) agree on runtime pins; environment.yml installs the lock."""

import re
import tomllib

import yaml
from conftest import ROOT


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        # Hash lines ("--hash=...") continue the requirement above them.
        line = line.split("#")[0].strip().rstrip("\\").strip()
        if line and not line.startswith("--"):
            name, sep, version = line.partition("==")
            assert sep, f"requirements.txt: {line!r} is not pinned with =="
            pins[_norm(name)] = version
    return pins


def _runtime():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [_norm(re.split(r"[<>=!~ ;\[]", d)[0]) for d in project["dependencies"]]


def test_every_runtime_dependency_is_pinned_in_the_lock():
    lock = _lock()
    for name in _runtime():
        assert name in lock, f"{name} is a runtime dependency but not pinned in requirements.txt"


def test_environment_yml_installs_the_lock_with_pip():
    # Conda provides Python 3.11 and pip only; every package comes from the lock (tests/test_binder.py
    # checks the same for Binder).
    env = yaml.safe_load((ROOT / "environment.yml").read_text())
    assert env["dependencies"] == ["python=3.11", "pip", {"pip": ["-r requirements.txt"]}], env["dependencies"]


def test_postbuild_installs_the_package_without_deps():
    assert "pip install --no-deps -e ." in (ROOT / "binder" / "postBuild").read_text()

"""pyproject.toml, the lock file (requirements.txt) and environment.yml agree on runtime pins."""

import re
import tomllib

from conftest import ROOT


def _norm(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def _lock():
    pins = {}
    for line in (ROOT / "requirements.txt").read_text().splitlines():
        line = line.split("#")[0].strip()
        if line:
            name, sep, version = line.partition("==")
            assert sep, f"requirements.txt: {line!r} is not pinned with =="
            pins[_norm(name)] = version
    return pins


def _conda():
    pins = {}
    for line in (ROOT / "environment.yml").read_text().splitlines():
        m = re.match(r"\s*-\s*([A-Za-z0-9_.-]+)\s*=\s*([^=\s]+)\s*$", line)
        if m:
            pins[_norm(m.group(1))] = m.group(2)
    return pins


def _runtime():
    project = tomllib.loads((ROOT / "pyproject.toml").read_text())["project"]
    return [_norm(re.split(r"[<>=!~ ;\[]", d)[0]) for d in project["dependencies"]]


def test_every_runtime_dependency_is_pinned_identically_in_lock_and_environment():
    lock, conda = _lock(), _conda()
    for name in _runtime():
        assert name in lock, f"{name} is a runtime dependency but not pinned in requirements.txt"
        assert name in conda, f"{name} is a runtime dependency but missing from environment.yml"
        assert lock[name] == conda[name], f"{name}: requirements.txt {lock[name]} != environment.yml {conda[name]}"


def test_environment_has_no_package_the_project_does_not_declare():
    extra = set(_conda()) - set(_runtime()) - {"python"}
    assert not extra, f"environment.yml pins packages pyproject.toml does not declare: {sorted(extra)}"


def test_postbuild_installs_the_package_without_deps():
    assert "pip install --no-deps -e ." in (ROOT / "postBuild").read_text()

"""`make lite` on bad input, offline: a hash mismatch or a failed download stops the build with the
file's name and leaves the output folder as it was; the lock builder refuses a missing or too-old
dependency; the pinned manifests are complete. (The built site itself: tests/test_lite_site.py.)"""

from __future__ import annotations

import hashlib
import io
import json
import sys
import tarfile
import tomllib
import zipfile
from pathlib import Path

import pytest
from packaging.requirements import Requirement
from packaging.utils import canonicalize_name

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.build_lite import BuildError, build  # noqa: E402
from tools.lite_fetch import Download, FetchError, fetch, load_sources  # noqa: E402
from tools.lite_lock import LockError, build_lock  # noqa: E402

SOURCES = ROOT / "lite" / "sources.toml"


def _sha(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _wheel(folder: Path, name: str, version: str, requires: list[str] = (), module: str | None = None) -> Path:
    dist = f"{name.replace('-', '_')}-{version}"
    path = folder / f"{dist}-py3-none-any.whl"
    meta = f"Metadata-Version: 2.1\nName: {name}\nVersion: {version}\n" + "".join(
        f"Requires-Dist: {r}\n" for r in requires
    )
    with zipfile.ZipFile(path, "w") as z:
        z.writestr(f"{module or name.replace('-', '_')}/__init__.py", "")
        z.writestr(f"{dist}.dist-info/METADATA", meta)
    return path


def _manifest(path: Path, pyodide: tuple[str, str], carrier: tuple[str, str]) -> Path:
    path.write_text(
        f"""
wheel = []
[pyodide]
npm = "pyodide@0.0.0"
file = "{pyodide[0]}"
sha256 = "{pyodide[1]}"
core = ["pyodide.js"]
[carrier]
pypi = "carrier==0"
file = "{carrier[0]}"
sha256 = "{carrier[1]}"
packages = []
[lock]
preload = []
""",
        encoding="utf-8",
    )
    return path


@pytest.fixture
def site_before(tmp_path) -> Path:
    out = tmp_path / "build" / "lite"
    out.mkdir(parents=True)
    (out / "index.html").write_text("the previous site")
    return out


def _unchanged(out: Path) -> None:
    assert (out / "index.html").read_text() == "the previous site"
    assert sorted(p.name for p in out.parent.iterdir()) == ["lite"], "a half-built folder was left behind"


def test_hash_mismatch_in_the_cache_names_the_file(tmp_path, site_before):
    cache = tmp_path / "cache"
    cache.mkdir()
    (cache / "pyodide-0.0.0.tgz").write_bytes(b"not what was pinned")
    manifest = _manifest(tmp_path / "sources.toml", ("pyodide-0.0.0.tgz", "0" * 64), ("c.whl", "1" * 64))
    with pytest.raises(BuildError, match=r"pyodide-0\.0\.0\.tgz: sha256 mismatch: expected 0{64}"):
        build(site_before, cache, sources_path=manifest)
    _unchanged(site_before)


def test_failed_download_names_the_file(tmp_path):
    item = Download("pypi", "crps-lessons-no-such-package==0.0.0", "crps_lessons_no_such_package-0.0.0.whl", "0" * 64)
    empty = tmp_path / "no-index"
    empty.mkdir()
    with pytest.raises(FetchError, match=r"download of crps_lessons_no_such_package-0\.0\.0\.whl failed"):
        fetch(item, tmp_path / "cache", pip_args=["--no-index", "--find-links", str(empty)])
    assert not list((tmp_path / "cache").iterdir()), "nothing may enter the cache from a failed download"


def test_failure_after_layout_started_leaves_nothing_half_built(tmp_path, site_before):
    cache = tmp_path / "cache"
    cache.mkdir()
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w:gz") as tar:  # a Pyodide package without its core files
        info = tarfile.TarInfo("package/README.md")
        info.size = 2
        tar.addfile(info, io.BytesIO(b"hi"))
    (cache / "pyodide-0.0.0.tgz").write_bytes(buf.getvalue())
    carrier = _wheel(cache, "carrier", "0")
    manifest = _manifest(
        tmp_path / "sources.toml",
        ("pyodide-0.0.0.tgz", _sha(buf.getvalue())),
        (carrier.name, _sha(carrier.read_bytes())),
    )
    with pytest.raises(BuildError, match=r"pyodide-0\.0\.0\.tgz: has no pyodide\.js"):
        build(site_before, cache, sources_path=manifest)
    _unchanged(site_before)


OFFICIAL = {
    "info": {"version": "0.27.7"},
    "packages": {
        "numpy": {
            "name": "numpy",
            "version": "2.0.2",
            "file_name": "numpy.whl",
            "sha256": "a" * 64,
            "depends": [],
            "imports": ["numpy"],
            "install_dir": "site",
            "package_type": "package",
        },
        "six": {
            "name": "six",
            "version": "1.16.0",
            "file_name": "six-1.16.0-py2.py3-none-any.whl",
            "sha256": "b" * 64,
            "depends": [],
            "imports": ["six"],
            "install_dir": "site",
            "package_type": "package",
        },
    },
}


def test_lock_keeps_official_entries_and_rehashes_wheels(tmp_path):
    six = _wheel(tmp_path, "six", "1.16.0")
    app = _wheel(tmp_path, "demo-app", "1.0", ["numpy>=2", "six", "jupyterlab", 'pytest; extra == "test"'])
    lock = build_lock(OFFICIAL, ["numpy"], [six, app], skip={"jupyterlab": "front end"})
    assert lock["packages"]["numpy"] == OFFICIAL["packages"]["numpy"]
    assert lock["packages"]["six"]["sha256"] == _sha(six.read_bytes()) != "b" * 64
    assert lock["packages"]["demo-app"]["depends"] == ["numpy", "six"]
    assert lock["packages"]["demo-app"]["imports"] == ["demo_app"]


def test_lock_refuses_a_missing_dependency(tmp_path):
    app = _wheel(tmp_path, "demo-app", "1.0", ["pandas"])
    with pytest.raises(LockError, match=r"demo-app 1\.0 depends on pandas, which the site does not ship"):
        build_lock(OFFICIAL, ["numpy"], [app])


def test_lock_refuses_a_version_out_of_range(tmp_path):
    app = _wheel(tmp_path, "demo-app", "1.0", ["numpy>=2.4"])
    with pytest.raises(LockError, match=r"demo-app 1.0 needs numpy>=2.4, but the site ships numpy 2.0.2"):
        build_lock(OFFICIAL, ["numpy"], [app])
    assert build_lock(OFFICIAL, ["numpy"], [app], waive_version={"numpy": "why"})["packages"]["demo-app"]


def test_manifest_pins_every_file():
    sources = load_sources(SOURCES)
    items = [sources["pyodide"], sources["carrier"], *sources["wheels"]]
    for item in items:
        assert len(item.sha256) == 64 and int(item.sha256, 16) >= 0, item
        sep = "@" if item.kind == "npm" else "=="
        name, _, version = item.spec.rpartition(sep)
        assert name and version, f"{item.spec}: not pinned to one version"
        assert item.file.lower().startswith(f"{name.replace('-', '_').lower()}-{version}"), item
    assert len({i.file for i in items}) == len(items), "a file is listed twice"


def test_every_dependency_of_the_collection_is_in_the_page_or_skipped_with_a_reason():
    sources = load_sources(SOURCES)
    shipped = {canonicalize_name(w.spec.split("==")[0]) for w in sources["wheels"]}
    shipped |= {canonicalize_name(n) for n in sources["carrier_packages"]}
    skipped = {canonicalize_name(k) for k, why in sources["lock"]["skip"].items() if why}
    deps = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["dependencies"]
    missing = [d for d in deps if canonicalize_name(Requirement(d).name) not in shipped | skipped]
    assert not missing, f"pyproject dependencies the in-browser edition does not ship: {missing} (lite/sources.toml)"


def test_build_requirements_are_pinned_and_hashed():
    text = (ROOT / "lite" / "requirements-build.txt").read_text(encoding="utf-8")
    blocks = [b for b in text.replace("\\\n", " ").splitlines() if b.strip() and not b.lstrip().startswith("#")]
    assert blocks
    for line in blocks:
        assert "==" in line and "--hash=sha256:" in line, line
    pinned = {canonicalize_name(b.split("==")[0].strip()): b.split("==")[1].split()[0] for b in blocks}
    for line in (ROOT / "lite" / "requirements-build.in").read_text(encoding="utf-8").splitlines():
        line = line.split("#")[0].strip()
        if line:
            req = Requirement(line)
            assert pinned.get(canonicalize_name(req.name)) in req.specifier, f"{line}: not what the lock pins"


def test_site_config_template():
    config = json.loads((ROOT / "lite" / "jupyter-lite.json").read_text(encoding="utf-8"))
    kernel = config["jupyter-config-data"]["litePluginSettings"]["@jupyterlite/pyodide-kernel-extension:kernel"]
    assert kernel["pyodideUrl"].startswith("./static/pyodide/")
    assert kernel["disablePyPIFallback"] is True
    env = kernel["loadPyodideOptions"]["env"]
    assert env["CRPS_LESSONS_DATA"] == "/drive/data"  # the site's files/data, seen by the kernel under /drive
    assert env["CRPS_LESSONS_PROGRESS"].startswith("/drive/")  # kept in the browser's storage

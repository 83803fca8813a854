"""Outputs: whole or untouched when a build is killed, the same bytes for the same input, no shared state.

These tests run `kg build` in child processes (the same checkout, through PYTHONPATH) so
that they can kill them, give them other hash seeds, and run two at once.
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
import rdflib

from kg.extract import tokens
from kg.model import BuildOptions
from kg.pipeline import build

from conftest import ROOT, SAMPLE

INPUTS = Path(__file__).parent / "data" / "inputs"
CLI = "from kg.cli import main; main()"
# Pause a build between staging its outputs and renaming them into place, and say so.
PAUSE_BEFORE_RENAME = """
import os, pathlib, time
_replace = os.replace
def _paused(src, dst):
    if pathlib.Path(dst).parent != pathlib.Path(os.environ["KG_TEST_OUT"]):
        return _replace(src, dst)  # a file of kg's own cache, not an output
    pathlib.Path(os.environ["KG_TEST_MARKER"]).touch()
    time.sleep(60)
    _replace(src, dst)
os.replace = _paused
"""


@pytest.fixture(scope="session")
def cache(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A cache folder (XDG_CACHE_HOME) shared by the child builds, warmed by the first."""
    return tmp_path_factory.mktemp("cache")


def _kg(cache: Path, *args: str, prelude: str = "", **env: str) -> subprocess.Popen[bytes]:
    """`kg build ARGS` in a child process of this checkout, with `cache` as XDG_CACHE_HOME."""
    child = {k: v for k, v in os.environ.items() if not k.startswith(("PYTHON", "XDG_"))}
    child.update(PYTHONPATH=str(ROOT), XDG_CACHE_HOME=str(cache), **env)
    return subprocess.Popen([sys.executable, "-c", prelude + CLI, "build", *args], env=child,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)


def _wait_for(path: Path, proc: subprocess.Popen[bytes], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not path.exists():
        assert proc.poll() is None, proc.communicate()
        assert time.monotonic() < deadline, "the build never reached the point to interrupt"
        time.sleep(0.01)


@pytest.fixture()
def previous(tmp_path: Path) -> tuple[Path, dict[str, bytes]]:
    """An output folder holding a finished build of the small report: (folder, its files' bytes)."""
    out = tmp_path / "out"
    assert build(BuildOptions(paths=(str(INPUTS / "report.txt"),), out_dir=str(out))).exit_code == 0
    return out, {p.name: p.read_bytes() for p in out.iterdir()}


def _outputs(out: Path) -> dict[str, bytes]:
    """The output files (not the store, a folder, nor the hidden cache)."""
    return {p.name: p.read_bytes() for p in out.iterdir() if not p.name.startswith(".") and p.is_file()}


def _paused_build(tmp_path: Path, cache, out: Path) -> subprocess.Popen:
    """A build of a second report into `out`, paused once all its new outputs are staged."""
    marker = tmp_path / "staged"
    proc = _kg(cache, str(INPUTS / "news.txt"), "--out", str(out), prelude=PAUSE_BEFORE_RENAME,
               KG_TEST_MARKER=str(marker), KG_TEST_OUT=str(out))
    _wait_for(marker, proc)
    return proc


def test_build_killed_before_rename_leaves_previous_outputs(tmp_path, cache, previous):
    out, before = previous
    proc = _paused_build(tmp_path, cache, out)
    staged = [p.name for p in out.iterdir() if p.name.endswith(".tmp")]
    proc.kill()
    proc.communicate()
    assert proc.returncode == -signal.SIGKILL
    assert len(staged) == 4  # all four new outputs (the store a folder) were complete beside the old ones
    assert _outputs(out) == before
    graph = rdflib.Graph().parse(out / "kg.ttl", format="turtle")
    assert len(graph) > 50


def test_build_killed_while_writing_leaves_whole_outputs(cache, previous, sample_build):
    out, before = previous
    _, sample_out = sample_build
    new = _outputs(sample_out)
    proc = _kg(cache, str(SAMPLE), "--out", str(out), "-q")
    deadline = time.monotonic() + 60
    # Kill as soon as the first temporary output appears: mid-write, before any rename.
    while proc.poll() is None and not any(p.name.endswith(".tmp") for p in out.iterdir()):
        assert time.monotonic() < deadline
        time.sleep(0.001)
    proc.kill()
    proc.communicate()
    after = _outputs(out)
    assert proc.returncode == -signal.SIGKILL, "the build ended before it was killed"
    for name in ("kg.ttl", "kg.trig", "graph.html"):
        assert after[name] in (before[name], new[name]), f"{name} is neither the previous nor the new one"
    rdflib.Graph().parse(out / "kg.ttl", format="turtle")


def test_build_terminated_exits_130_and_cleans_up(tmp_path, cache, previous):
    out, before = previous
    proc = _paused_build(tmp_path, cache, out)
    proc.send_signal(signal.SIGTERM)
    _, err = proc.communicate(timeout=30)
    assert proc.returncode == 130, err
    assert err.decode().splitlines()[-1] == "kg: interrupted; the previous outputs are left as they were"
    assert {p.name: p.read_bytes() for p in out.iterdir()} == before  # no .tmp left behind


def test_builds_are_byte_identical_across_seeds_orders_and_at_once(tmp_path):
    """Two child builds at the same time, from a cold cache, with other hash seeds and input
    orders, and one in this process (with pytest's own seed): the same bytes."""
    tmpdir = tmp_path / "tmp"
    tmpdir.mkdir()
    folder = tmp_path / "reports"
    folder.mkdir()
    for name in ("report.txt", "news.txt"):
        (folder / name).write_bytes((INPUTS / name).read_bytes())
    orders = {
        "out0": ((str(SAMPLE), str(folder / "report.txt"), str(folder / "news.txt")), "0"),
        "out1": ((str(folder / "news.txt"), str(folder), str(SAMPLE)), "4242"),
    }
    procs = [_kg(tmp_path / "cache", *paths, "--out", str(tmp_path / out), "-q", PYTHONHASHSEED=seed, TMPDIR=str(tmpdir))
             for out, (paths, seed) in orders.items()]
    here = build(BuildOptions(paths=(str(folder / "report.txt"), str(SAMPLE), str(folder / "news.txt")),
                              out_dir=str(tmp_path / "here")))
    assert here.exit_code == 0
    for proc in procs:
        _, err = proc.communicate(timeout=120)
        assert proc.returncode == 0, err.decode()
    first = _outputs(tmp_path / "here")
    assert set(first) == {"kg.ttl", "kg.trig", "graph.html"}
    for out in orders:
        other = _outputs(tmp_path / out)
        for name in first:
            assert other[name] == first[name], f"{name} of {out} differs"
    # jieba's cache went to the cache folder given; nothing was left in the temporary folder.
    assert (tmp_path / "cache" / "govreport-kg" / "jieba.cache").is_file()
    assert list(tmpdir.iterdir()) == []


def test_cache_dir_follows_xdg_and_is_private(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    path = tokens.cache_dir()
    assert path == tmp_path / "xdg" / "govreport-kg"
    assert path.stat().st_mode & 0o777 == 0o700


def test_cache_dir_ignores_a_relative_xdg_value(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", "relative/cache")
    monkeypatch.setenv("HOME", str(tmp_path / "home"))
    monkeypatch.chdir(tmp_path)
    assert tokens.cache_dir() == tmp_path / "home" / ".cache" / "govreport-kg"
    assert not (tmp_path / "relative").exists()


def test_cache_dir_that_cannot_be_made_falls_back_to_a_private_folder(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("", "utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocker))
    path = tokens.cache_dir()
    assert path.is_dir() and path.name.startswith("govreport-kg-")
    assert path.stat().st_mode & 0o777 == 0o700 and path.stat().st_uid == os.getuid()

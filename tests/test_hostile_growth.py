"""Hostile inputs grow the work of a build linearly: doubling one doubles the work, not more.

The generators are those of tests/benchmarks/bench_hostile.py (which prints times and memory up
to 1 MB). Here the work is counted, not timed: the Python calls a build makes (cProfile's count,
the same on every machine) and the peak of the memory it allocates (tracemalloc). A rule that
re-scans a list for every item, or a sentence copied into every mention, makes a doubling cost
four times as much; a linear build costs twice (or less, where a non-prose piece is skipped).
The shapes check every other test makes of a build is left out here: its work is not the build's.
"""

from __future__ import annotations

import cProfile
import importlib.util
import pstats
import tracemalloc
from pathlib import Path

import pytest

from kg.model import BuildOptions
from kg.pipeline import build

_BENCH = Path(__file__).parent / "benchmarks" / "bench_hostile.py"
_spec = importlib.util.spec_from_file_location("bench_hostile", _BENCH)
bench_hostile = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(bench_hostile)

GROWTH = 2.2  # per doubling; a square would show 4


def _work(folder: Path, text: str) -> tuple[int, int]:
    """(Python calls, peak bytes allocated) of building `text` as a report into `folder`."""
    folder.mkdir()
    report = folder / "report.txt"
    report.write_text(bench_hostile.TITLE + text, "utf-8")
    profile = cProfile.Profile()
    tracemalloc.start()
    try:
        profile.enable()
        result = build(BuildOptions(paths=(str(report),), out_dir=str(folder / "out"), html=False, jobs=1))
        profile.disable()
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code in (0, 1), result.skipped
    return pstats.Stats(profile).total_calls, peak


@pytest.mark.parametrize("name", sorted(bench_hostile.GENERATORS))
def test_doubling_a_hostile_input_at_most_doubles_the_work(tmp_path, name, unvalidated):
    make = bench_hostile.GENERATORS[name][1]
    _work(tmp_path / "warm", make(4 * 1024))  # the first build fills the caches of the rules it meets
    calls, peak = _work(tmp_path / "once", make(8 * 1024))
    calls2, peak2 = _work(tmp_path / "twice", make(16 * 1024))
    assert calls2 <= GROWTH * calls, f"{name}: {calls} calls at 8 KB, {calls2} at 16 KB"
    assert peak2 <= GROWTH * peak, f"{name}: peak {peak} bytes at 8 KB, {peak2} at 16 KB"

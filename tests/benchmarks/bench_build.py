"""Benchmark, run by hand (not by pytest): the build's time per stage against jieba.lcut.

    .venv/bin/python tests/benchmarks/bench_build.py [--mb 5] [--runs 5] [--sample-only]

Prints, on the sample and on a ~5 MB text made by repeating it:
- a new `kg build --no-cache` process against a new process that only loads jieba and runs
  jieba.lcut on the same text (the target is a ratio of at most 1.5), run in turns (jieba,
  kg, jieba, kg …: a shared machine's load falls on both alike), medians and the best;
- the in-process build's time per stage against jieba.lcut over the same text,
  measured in the same run (target: at most 1.5), and the peak memory.
"""

from __future__ import annotations

import argparse
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "000_6734cc391de7877c.txt"
KG = Path(sys.executable).parent / "kg"


def _wall(cmd: list[str], repeat: int = 3) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run(cmd, check=True, capture_output=True)
        best = min(best, time.perf_counter() - t0)
    return best


def new_process(text_file: Path, out: Path, runs: int = 5) -> None:
    lcut = [sys.executable, "-c", f"import jieba; jieba.lcut(open({str(text_file)!r}, encoding='utf-8').read())"]
    # --no-cache: every run extracts (the cache of parts would make runs after the first a rebuild)
    build = [str(KG), "build", str(text_file), "--out", str(out), "-q", "--no-cache"]
    _wall(build, 1)  # the per-user caches (jieba's, the tokenizer's, the viewer's page) as a user has them
    jieba, kg = [], []
    for _ in range(runs):
        jieba.append(_wall(lcut, 1))
        kg.append(_wall(build, 1))
    t_jieba, t_build = statistics.median(jieba), statistics.median(kg)
    print(f"new process, {text_file.stat().st_size / 1e6:.2f} MB, median of {runs} alternating runs: "
          f"kg build {t_build:.2f}s   jieba load+lcut {t_jieba:.2f}s   ratio {t_build / t_jieba:.2f}   "
          f"(best: {min(kg):.2f}s / {min(jieba):.2f}s = {min(kg) / min(jieba):.2f}; "
          f"ratios by turn: {' '.join(f'{k / j:.2f}' for k, j in zip(kg, jieba))})")


def in_process(text_file: Path, out: Path) -> None:
    import jieba

    from kg.model import BuildOptions
    from kg.pipeline import build

    text = text_file.read_text("utf-8")
    jieba.lcut("预热")  # load the dictionary outside the measurement
    t0 = time.perf_counter()
    jieba.lcut(text)
    t_lcut = time.perf_counter() - t0
    t0 = time.perf_counter()
    result = build(BuildOptions(paths=(str(text_file),), out_dir=str(out)))
    t_build = time.perf_counter() - t0
    stages = "  ".join(f"{name} {secs:.2f}s" for name, secs in result.timings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    observations = sum(len(r.observations) for r in result.reports)
    print(f"in process, {len(text) / 1e6:.2f} M chars ({text_file.stat().st_size / 1e6:.2f} MB): "
          f"build {t_build:.2f}s   jieba.lcut {t_lcut:.2f}s   ratio {t_build / t_lcut:.2f}   "
          f"observations {observations}   peak RSS {peak:.0f} MB")
    print(f"  stages: {stages}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="size of the repeated text")
    parser.add_argument("--runs", type=int, default=5, help="alternating runs of the new processes")
    parser.add_argument("--sample-only", action="store_true", help="only the new processes on the sample")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        tmp_path = Path(tmp)
        new_process(SAMPLE, tmp_path / "small", args.runs)
        if args.sample_only:
            return
        big = tmp_path / "big.txt"
        data = SAMPLE.read_text("utf-8")
        copies = int(args.mb * 1e6 // len(data.encode("utf-8"))) + 1
        big.write_text(data * copies, "utf-8")
        in_process(big, tmp_path / "big")


if __name__ == "__main__":
    main()

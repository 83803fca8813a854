"""Benchmark, run by hand (not by pytest): peak memory of `kg build` on one large input.

    .venv/bin/python tests/benchmarks/bench_memory.py [--mb 50] [--no-html]

Makes a text of about MB megabytes by repeating the sample report, builds it with
`kg build` in a child process, and prints the child's peak resident memory, its wall time,
the sizes of the outputs and the build's own per-stage timings. The input is read whole
and the graph is made in memory, so the peak grows with the input; `kg build --max-mb`
(64 MB by default) skips larger files so that one huge file cannot exhaust the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SAMPLE = ROOT / "seeds" / "000_6734cc391de7877c.txt"


def make_input(path: Path, mb: float) -> None:
    """About `mb` megabytes (10**6 bytes) of UTF-8 text: the sample, repeated."""
    data = SAMPLE.read_bytes()
    copies = int(mb * 1e6 // len(data)) + 1
    with path.open("wb") as f:
        for _ in range(copies):
            f.write(data)


def measure(text_file: Path, out: Path, html: bool) -> None:
    cmd = [sys.executable, "-c", "from kg.cli import main; main()", "build", str(text_file), "--out", str(out),
           "--max-mb", "1000"]
    if not html:
        cmd.append("--no-html")
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    t0 = time.perf_counter()
    done = subprocess.run(cmd, env=env, capture_output=True, text=True)
    wall = time.perf_counter() - t0
    peak_mb = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024  # Linux: kilobytes
    size_mb = text_file.stat().st_size / 1e6
    print(f"input {size_mb:.1f} MB: exit {done.returncode}   wall {wall:.1f}s   peak RSS {peak_mb:.0f} MB "
          f"({peak_mb / size_mb:.0f} MB per MB of input)")
    for name in ("kg.ttl", "graph.html"):
        if (out / name).exists():
            print(f"  {name}: {(out / name).stat().st_size / 1e6:.1f} MB")
    for line in done.stdout.splitlines():
        if line.startswith(("reports:", "places:", "stages:")):
            print(f"  {line}")
    if done.returncode != 0:
        print(done.stderr[-2000:])


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=50.0, help="size of the input in megabytes")
    parser.add_argument("--no-html", action="store_true", help="write only kg.ttl")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        big = Path(tmp) / "big.txt"
        make_input(big, args.mb)
        measure(big, Path(tmp) / "out", html=not args.no_html)


if __name__ == "__main__":
    main()

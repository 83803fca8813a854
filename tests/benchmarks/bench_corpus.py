"""Build a corpus of N reports and print wall time, CPU, peak memory and the jieba floors.

    .venv/bin/python tests/benchmarks/bench_corpus.py 1000 [--jobs J]

The corpus is the real reports of tests/data/reports/ and the sample in seeds/, copied round
robin with a unique line each (so no two are the same report). Printed: `kg build` from cold
(--no-cache) and again with one report added (the cache), each with wall time, CPU seconds
(all processes), peak RSS summed over the build's processes (sampled every 0.1 s) and of its
largest process; then the floors: `jieba.lcut` over the same texts in one process and in two.
Not run by the tests: it takes minutes and its figures depend on the machine.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
SOURCES = sorted((ROOT / "tests" / "data" / "reports").glob("*.txt")) + sorted((ROOT / "seeds").glob("*.txt"))
KG = [sys.executable, "-c", "from kg.cli import main; main()"]


def make_corpus(folder: Path, n: int, first: int = 0) -> list[Path]:
    """N copies of the sources in `folder`, numbered from `first`, each with a line of its own."""
    folder.mkdir(parents=True, exist_ok=True)
    texts = [p.read_text("utf-8").splitlines(keepends=True) for p in SOURCES]
    paths = []
    for i in range(first, first + n):
        k = i % len(texts)
        lines = texts[k]
        unique = f"副本第{i}号：本行只为使本份与其他各份不同。\n"
        path = folder / f"{SOURCES[k].stem}-{i:05d}.txt"
        path.write_text("".join(lines[:40] + [unique] + lines[40:]), "utf-8")
        paths.append(path)
    return paths


def _tree_rss(pid: int) -> int:
    """RSS in bytes of a process and its descendants."""
    total, todo = 0, [pid]
    while todo:
        p = todo.pop()
        try:
            with open(f"/proc/{p}/status") as f:
                for line in f:
                    if line.startswith("VmRSS:"):
                        total += int(line.split()[1]) * 1024
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            pass
    return total


def run(cmd: list[str]) -> dict[str, float]:
    """Wall, CPU (user + system of the process and its descendants), peak summed RSS, peak single RSS."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    proc = subprocess.Popen(cmd, cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    peak = [0]

    def sample() -> None:
        while proc.poll() is None:
            peak[0] = max(peak[0], _tree_rss(proc.pid))
            time.sleep(0.1)

    sampler = threading.Thread(target=sample)
    sampler.start()
    out, _ = proc.communicate()
    wall = time.perf_counter() - t0
    sampler.join()
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    if proc.returncode not in (0, 1):
        sys.exit(f"{cmd} failed:\n{out.decode()}")
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return {"wall": wall, "cpu": cpu, "rss": peak[0] / 1e6, "single": after.ru_maxrss / 1e3, "out": out.decode()}


JIEBA = """
import sys, jieba, logging
jieba.setLogLevel(logging.WARNING)
jieba.initialize()
for path in sys.argv[1:]:
    jieba.lcut(open(path, encoding="utf-8").read())
"""


def jieba_floor(paths: list[Path], procs: int) -> float:
    t0 = time.perf_counter()
    share = [paths[i::procs] for i in range(procs)]
    running = [subprocess.Popen([sys.executable, "-c", JIEBA, *map(str, part)]) for part in share]
    for p in running:
        p.wait()
    return time.perf_counter() - t0


def _print(name: str, r: dict) -> None:
    print(f"{name}: wall {r['wall']:.1f} s, CPU {r['cpu']:.1f} s, peak RSS {r['rss']:.0f} MB "
          f"(all processes), {r['single']:.0f} MB (largest process)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int, nargs="?", default=100)
    parser.add_argument("--jobs", type=int, default=None)
    parser.add_argument("--cold-only", action="store_true",
                        help="only the cold build (for 3,000 reports; the floors grow with N)")
    args = parser.parse_args()
    jobs = ["--jobs", str(args.jobs)] if args.jobs else []
    with tempfile.TemporaryDirectory(prefix="kg-bench-corpus-") as tmp:
        folder = Path(tmp) / "corpus"
        folder.mkdir()
        paths = make_corpus(folder, args.n)
        size = sum(p.stat().st_size for p in paths) / 1e6
        out = Path(tmp) / "out"
        print(f"{args.n} reports, {size:.1f} MB, {os.cpu_count()} cores")
        cold = run([*KG, "build", str(folder), "--out", str(out), "--no-html", *jobs])
        ttl = (out / "kg.ttl").stat().st_size / 1e6
        stages = next((l for l in cold["out"].splitlines() if l.startswith("stages:")), "")
        if args.cold_only:
            _print("kg build, cold", cold)
            print(f"  {stages.strip()}\nkg.ttl {ttl:.0f} MB")
            return
        make_corpus(folder, 1, first=args.n)
        warm = run([*KG, "build", str(folder), "--out", str(out), "--no-html", *jobs])
        line = next((l for l in warm["out"].splitlines() if l.startswith("reports:")), "")
        one = jieba_floor(paths, 1)
        two = jieba_floor(paths, 2)
        _print("kg build, cold (--no-cache would be the same)", cold)
        print(f"  {stages.strip()}")
        _print("kg build, one report added", warm)
        print(f"  second build: {line.strip()}")
        print(f"kg.ttl {ttl:.0f} MB")
        print(f"jieba floor (load + lcut of every report): one process {one:.1f} s, two processes {two:.1f} s")
        print(f"cold wall / one-process floor: {cold['wall'] / one:.2f}")


if __name__ == "__main__":
    main()

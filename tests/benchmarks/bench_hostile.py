"""Hostile inputs: texts made to hurt a rule-based extractor, built at growing sizes.

Usage: .venv/bin/python tests/benchmarks/bench_hostile.py [MAX_KB] [GENERATOR ...]

Each generator writes one report of a given size (a title line, then one crafted sentence or
page repeated) and `kg build --no-html` builds it in a fresh process; the benchmark prints the
wall time and the peak resident memory of that process, size by size from 12 KB, and the
growth of each per doubling (linear work doubles: 2.0×; a square grows 4×). A process that
runs longer than 120 s is stopped and reported. Nothing is asserted: the figures are printed.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
# The child reports its own peak memory as it exits (RUSAGE_CHILDREN would give the peak of all).
KG = [sys.executable, "-c", "import atexit, resource, sys; atexit.register(lambda: sys.stderr.write("
      "f'\\nPEAK {resource.getrusage(resource.RUSAGE_SELF).ru_maxrss}\\n')); from kg.cli import main; main()"]
TITLE = "2021年湘潭市政府工作报告\n"

# name → (what it attacks, a function of the number of characters wanted → the text).
GENERATORS = {
    "bridges": ("one sentence: a verb and 大桥 repeated (a name walked back over every ending)",
                lambda n: "建设湘潭" + "大桥" * (n // 2) + "。"),
    "companies": ("one sentence: 有限公司 repeated (a company name with no start)",
                  lambda n: "引进" + "有限公司" * (n // 4) + "。"),
    "places": ("one sentence: an endless 、-list of divisions",
               lambda n: "、".join(["湘潭县", "湘乡市", "韶山市", "雨湖区", "岳塘区"] * (n // 20)) + "等地。"),
    "names": ("one sentence: an endless 、-list of distinct company-like names",
              lambda n: "、".join(f"华{chr(0x4e00 + i % 5000)}{chr(0x4e00 + i // 5000)}集团" for i in range(n // 6)) + "等企业。"),
    "digits": ("one sentence: a number of n digits with a unit", lambda n: "增长" + "1" * n + "%。"),
    "values": ("one sentence: values and 、 repeated (one run of n values)",
               lambda n: "地区生产总值分别增长" + "、".join(["8.2%"] * (n // 5)) + "。"),
    "quotes": ("nested quotes around a name", lambda n: "“" * (n // 2) + "大桥" + "”" * (n // 2) + "。"),
    "brackets": ("nested brackets around a name", lambda n: "（" * (n // 2) + "湘潭大桥" + "）" * (n // 2) + "。"),
    "sentences": ("many short sentences, each naming a work (a report's normal shape, for scale)",
                  lambda n: "建设湘潭大桥，全年地区生产总值增长7.5%。" * (n // 21)),
    "tags": ("a web page ending in an unclosed tag repeated", lambda n: "<html><body>报告" + "<a " * (n // 3)),
}


def run(path: Path, out: Path) -> tuple[float, int, str]:
    """Build `path` in a fresh process: (wall seconds, peak RSS in MB, how it ended)."""
    t0 = time.perf_counter()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    peak = 0
    try:
        proc = subprocess.run([*KG, "build", str(path), "--out", str(out), "--no-html", "-q"],
                              capture_output=True, timeout=120, env=env)
        status = "ok" if proc.returncode in (0, 1) else f"exit {proc.returncode}"
        lines = [line for line in proc.stderr.decode("utf-8", "replace").splitlines() if line.startswith("PEAK ")]
        peak = int(lines[-1].split()[1]) if lines else 0
    except subprocess.TimeoutExpired:
        status = "stopped after 120 s"
    return time.perf_counter() - t0, peak // 1024, status


def main() -> None:
    max_kb = int(sys.argv[1]) if len(sys.argv) > 1 else 1024
    chosen = sys.argv[2:] or list(GENERATORS)
    sizes = []
    kb = 12
    while kb <= max_kb:
        sizes.append(kb)
        kb *= 2
    if sizes[-1] != max_kb:
        sizes.append(max_kb)
    print(f"{'generator':10} {'size':>7} {'time':>8} {'peak RSS':>9}  growth (time, memory)")
    with tempfile.TemporaryDirectory() as tmp:
        for name in chosen:
            what, make = GENERATORS[name]
            print(f"# {name}: {what}")
            previous = None
            for kb in sizes:
                path = Path(tmp) / f"{name}-{kb}.{'html' if name == 'tags' else 'txt'}"
                body = make(kb * 1000 // 3)  # a CJK character is three bytes of UTF-8
                path.write_text(TITLE + body + "\n", "utf-8")
                wall, rss, status = run(path, Path(tmp) / "out")
                growth = ""
                if previous is not None:
                    growth = f"{wall / previous[0]:.2f}×, {rss / previous[1]:.2f}×"
                size = path.stat().st_size / 1000
                print(f"{name:10} {size:6.0f}K {wall:7.2f}s {rss:7d}MB  {growth} {'' if status == 'ok' else status}")
                previous = (wall, rss)
                if status != "ok":
                    break


if __name__ == "__main__":
    main()

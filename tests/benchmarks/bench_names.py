"""Benchmark, run by hand: build time against the number of distinct names.

    .venv/bin/python tests/benchmarks/bench_names.py [--mb 0.25 0.5 1]

bench_build.py repeats the sample, so its names stay few; a report collection holds many
distinct places, enterprises and projects, and a rule that compares every name with every
other grows with their square. This writes texts of growing size in which every sentence
names new towns, zones, enterprises and works (random two- and three-character names), builds
each in this process and prints the time per stage: the figures should grow in step with
the size.
"""

from __future__ import annotations

import argparse
import random
import tempfile
import time
from pathlib import Path

from kg.model import BuildOptions
from kg.pipeline import build

_CHARS = "安宝北昌成德东丰福富广海和河红华惠吉佳江金锦京靖康兰乐丽利林龙隆鲁茂美民明南宁平普千青庆泉仁荣瑞山胜盛石顺思泰天通万文武西祥新兴旭阳耀永裕元云长振正中洲卓"
_HEAD = "2023年某某市政府工作报告\n——2023年1月10日在某某市第十六届人民代表大会第三次会议上\n市长 周某\n各位代表：\n"


def _text(mb: float, seed: int = 1) -> str:
    rng = random.Random(seed)

    def name(k: int) -> str:
        return "".join(rng.choice(_CHARS) for _ in range(k))

    lines = [_HEAD]
    for _ in range(int(mb * 1e6 / 3 / 120)):
        lines.append(
            f"推进{name(2)}镇、{name(2)}镇、{name(2)}等镇街发展，{name(2)}区着力推进{name(3)}大道、{name(2)}片区建设，"
            f"支持{name(2)}集团、{name(3)}科技做大做强，建设{name(2)}年产{rng.randint(1, 99)}万吨{name(2)}项目、"
            f"{name(2)}高速{name(2)}段，落户{name(2)}高新区{name(2)}工业园，与{name(3)}集团签订合作协议。\n"
        )
    return "".join(lines)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, nargs="+", default=[0.25, 0.5, 1.0])
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        for mb in args.mb:
            path = Path(tmp) / f"names-{mb}.txt"
            path.write_text(_text(mb), encoding="utf-8")
            t0 = time.perf_counter()
            result = build(BuildOptions(paths=(str(path),), out_dir=str(Path(tmp) / f"out-{mb}"), html=False))
            total = time.perf_counter() - t0
            stages = "  ".join(f"{k} {v:.2f}s" for k, v in result.timings)
            print(f"{mb:>5} MB distinct names: {total:6.1f}s   {stages}", flush=True)


if __name__ == "__main__":
    main()

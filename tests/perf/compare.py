"""Print a Markdown table comparing two `make bench` result files: python tests/perf/compare.py BEFORE AFTER."""

import json
import sys

from bench import share  # the same ratio as the bench's own table


def pair(before: dict, after: dict, key: str, scale: float = 1.0, fmt: str = "{:.0f}") -> str:
    return f"{fmt.format(before[key] / scale)} → {fmt.format(after[key] / scale)}"


def main(before_path: str, after_path: str) -> None:
    with open(before_path) as b_file, open(after_path) as a_file:
        before, after = json.load(b_file), json.load(a_file)
    for size in after["sizes"]:
        b_rows, a_rows = before["sizes"][size]["rows"], after["sizes"][size]["rows"]
        print(f"\n{size}: load {before['load_before']} → {after['load_before']}\n")
        print("| page | req/s | % of trivial | p50 ms | p95 ms | p99 ms | queries |")
        print("|---|---|---|---|---|---|---|")
        for label, a in a_rows.items():
            b = b_rows.get(label)
            if b is None:
                continue
            ratio = f"{100 * share(b_rows, label):.1f} → {100 * share(a_rows, label):.1f}"
            print(
                f"| {label} | {pair(b, a, 'rps', fmt='{:.1f}')} | {ratio} | {pair(b, a, 'p50', 1000)} "
                f"| {pair(b, a, 'p95', 1000)} | {pair(b, a, 'p99', 1000)} | {b['queries']} → {a['queries']} |"
            )


if __name__ == "__main__":
    main(*sys.argv[1:3])

#!/usr/bin/env python3
"""Renders `gpuexec bench --json` files as the Markdown tables of docs/PERFORMANCE.md.

Usage: scripts/bench_markdown.py [--suite NAME] FILE.json [FILE.json ...]
Each table shows median (min - max) ms, elements/s, and the seed's published figure where one
exists, with the ratio seed / ours. `--suite e2e` shows `run` against its I/O floor instead.
"""
import json
import sys

# The seed's published figures ("Phase 14" Rust executor on its GPU), ms.
SEED = {
    ("persistent", "one-shot", 64, 1): 104.0,
    ("persistent", "persistent", 64, 1): 3.9,
    ("persistent", "persistent", 65536, 1): 17.0,
    ("batch", "pipelined", 16384, 4): 29.0,
    ("batch", "sequential", 16384, 4): 29.0 * 1.79,
    ("batch", "pipelined", 262144, 4): 217.0,
}


def rate(row):
    ms = row["median_ms"]
    if ms <= 0:
        return "-"
    per_s = row["elements"] * row["jobs"] / (ms / 1e3)
    for unit, scale in (("G", 1e9), ("M", 1e6), ("K", 1e3)):
        if per_s >= scale:
            return f"{per_s / scale:.2f} {unit}"
    return f"{per_s:.0f}"


def e2e_table(report):
    """bench e2e: each run beside the floor measured in the same rounds, and its peak RSS."""
    print("| op | elements | format | backend | median s (min - max) | I/O floor s | run / floor "
          "| peak RSS MB |")
    print("|---|---:|---|---|---|---:|---:|---:|")
    for r in report["results"]:
        if r["suite"] != "e2e" or "backend" not in r:
            continue
        print(f"| {r['op']} | {r['elements']} | {r['format']} | {r['backend']} | "
              f"{r['median_ms'] / 1e3:.3f} ({r['min_ms'] / 1e3:.3f} - {r['max_ms'] / 1e3:.3f}) | "
              f"{r['floor_median_ms'] / 1e3:.3f} | {r['ratio_to_floor']:.1f}x | "
              f"{r['peak_rss_kb'] / 1024:.0f} |")
    print()


def main(args):
    suite = None
    if len(args) >= 2 and args[0] == "--suite":
        suite, args = args[1], args[2:]
    for path in args:
        with open(path) as f:
            report = json.load(f)
        dev = report["device"]
        print(f"{dev.get('name')} ({dev.get('type')}), driver {dev.get('driver')}"
              f" - `{path}`\n")
        if suite == "e2e":
            e2e_table(report)
            continue
        print("| suite | variant | op | elements | jobs | median ms (min - max) | elements/s | "
              "verified | seed ms | seed / ours |")
        print("|---|---|---|---:|---:|---|---:|---|---:|---:|")
        for r in report["results"]:
            if suite and r["suite"] != suite:
                continue
            seed = SEED.get((r["suite"], r["variant"], r["elements"], r["jobs"]))
            seed_ms = f"{seed:g}" if seed else "-"
            ratio = f"{seed / r['median_ms']:.0f}x" if seed and r["median_ms"] > 0 else "-"
            print(f"| {r['suite']} | {r['variant']} | {r['op']} | {r['elements']} | {r['jobs']} | "
                  f"{r['median_ms']:.4f} ({r['min_ms']:.4f} - {r['max_ms']:.4f}) | {rate(r)} | "
                  f"{'yes' if r['verified'] else 'NO'} | {seed_ms} | {ratio} |")
        print()


if __name__ == "__main__":
    main(sys.argv[1:])

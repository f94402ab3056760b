"""Benchmark loclint.spark: records/s on local[1] and local[2], printed, never asserted.

    python benchmarks/spark_bench.py [FEED] [--runs N] [--times 10] [--partition-mb M]

For each master (local[1], local[2]) and each feed (FEED, and FEED TIMES over with each copy's
title and description marked "(copy N)" so no text repeats), a fresh process starts a
SparkSession and times, separately:
  startup   SparkSession.builder...getOrCreate(): the JVM and Spark's own start-up
  first     the first linting pass: Python workers start and compile the rules (once per worker)
  warm      the median of RUNS further passes (workers reused, rules compiled)
Each pass is `lint_json_lines` (the batch job's JSON Lines path: a counting pass, then the
linting pass) written to Spark's `noop` sink, so all of it runs and nothing is stored.
records/s is records / warm wall time; CPU is user + sys of the whole process tree (JVM and
Python workers, read from /proc), start-up and every pass included. On a shared machine compare medians.
FEED defaults to ../shared/corpus/listings-real.jsonl.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time

DEFAULT_FEED = os.path.join(os.path.dirname(__file__), "..", "..", "shared", "corpus", "listings-real.jsonl")
MASTERS = ("local[1]", "local[2]")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("feed", nargs="?", default=DEFAULT_FEED)
    parser.add_argument("--runs", type=int, default=3, help="warm passes per configuration (median reported)")
    parser.add_argument("--times", type=int, default=10, help="the larger feed is FEED this many times over")
    parser.add_argument("--partition-mb", type=float, default=None,
                        help="spark.sql.files.maxPartitionBytes in MB (default: Spark's 128 MB)")
    parser.add_argument("--worker", nargs=2, metavar=("MASTER", "FEED"), help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.worker:
        return worker(*args.worker, args.runs, args.partition_mb)
    feed = os.path.normpath(args.feed)
    print(f"feed: {feed}  python: {sys.version.split()[0]}  cores: {os.cpu_count()}  "
          f"load average: {' '.join(f'{x:.1f}' for x in os.getloadavg())}")
    with tempfile.TemporaryDirectory() as tmp:
        big = os.path.join(tmp, f"x{args.times}.jsonl")
        _copies(feed, big, args.times)
        rows = []
        for path, label in ((feed, "1x"), (big, f"{args.times}x")):
            for master in MASTERS:
                rows.append((label, master, measure(master, path, args)))
    print("\n| feed | master | records | partitions | startup s | first pass s | warm pass s (median) "
          "| records/s (warm) | CPU s (process tree) |")
    print("|---|---|---|---|---|---|---|---|---|")
    for label, master, r in rows:
        print(f"| {label} | {master} | {r['records']:,} | {r['partitions']} | {r['startup']:.1f} | {r['first']:.1f} "
              f"| {r['warm']:.2f} | {r['records'] / r['warm']:,.0f} | {r['cpu']:.1f} |")


def measure(master: str, feed: str, args) -> dict:
    """One configuration in a fresh process (a master is fixed for a session's life)."""
    command = [sys.executable, __file__, "--worker", master, feed, "--runs", str(args.runs)]
    if args.partition_mb:
        command += ["--partition-mb", str(args.partition_mb)]
    out = subprocess.run(command, check=True, capture_output=True, text=True).stdout
    return json.loads(out.strip().splitlines()[-1])


def tree_cpu() -> float:
    """user + sys seconds of this process and every process below it (the JVM, the Python
    workers it forks, and the children they reaped), read from /proc before Spark stops them:
    the JVM is not waited for as a child, so getrusage(RUSAGE_CHILDREN) would miss it."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    tick = os.sysconf("SC_CLK_TCK")
    for name in os.listdir("/proc"):
        if name.isdigit():
            try:
                fields = open(f"/proc/{name}/stat").read().rsplit(")", 1)[1].split()
            except OSError:
                continue
            parents[int(name)] = int(fields[1])
            times[int(name)] = sum(int(x) for x in fields[11:15]) / tick  # utime stime cutime cstime
    mine = {os.getpid()}
    grew = True
    while grew:
        below = {pid for pid, parent in parents.items() if parent in mine} - mine
        grew, mine = bool(below), mine | below
    return sum(times[pid] for pid in mine)


def worker(master: str, feed: str, runs: int, partition_mb) -> None:
    os.environ.setdefault("PYSPARK_PYTHON", sys.executable)
    from pyspark.sql import SparkSession

    from loclint.spark import lint_json_lines

    began = time.perf_counter()
    builder = (SparkSession.builder.master(master).config("spark.ui.enabled", "false")
               .config("spark.ui.showConsoleProgress", "false"))
    if partition_mb:
        builder = builder.config("spark.sql.files.maxPartitionBytes", str(int(partition_mb * 2**20)))
    spark = builder.getOrCreate()
    spark.sparkContext.setLogLevel("ERROR")
    startup = time.perf_counter() - began

    def one_pass() -> float:
        began = time.perf_counter()
        lint_json_lines(spark, feed).output.write.format("noop").mode("overwrite").save()
        return time.perf_counter() - began

    first = one_pass()
    warm = statistics.median(one_pass() for _ in range(runs))
    records = sum(1 for line in open(feed, "rb") if line.strip())
    partitions = spark.read.text(feed).rdd.getNumPartitions()
    cpu = tree_cpu()
    spark.stop()
    print(json.dumps({"startup": startup, "first": first, "warm": warm, "records": records, "partitions": partitions,
                      "cpu": cpu}))


def _copies(feed: str, out_path: str, times: int) -> None:
    with open(feed, encoding="utf-8") as src, open(out_path, "w", encoding="utf-8") as out:
        lines = [line for line in src if line.strip()]
        for copy in range(1, times + 1):
            for line in lines:
                record = json.loads(line)
                record["id"] = f"{record.get('id', '')}-{copy}"
                for key in ("title", "description"):
                    if isinstance(record.get(key), str):
                        record[key] += f" (copy {copy})"
                out.write(json.dumps(record, ensure_ascii=False) + "\n")


if __name__ == "__main__":
    main()

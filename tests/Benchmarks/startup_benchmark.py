#!/usr/bin/env python3
"""Startup and memory benchmark for `secretbroker run` with the file backend (issue: foundation).

Measures, for the JIT build and for a Native AOT publish:
  * time from process start to all N required secrets written (the ..data generation holds N files),
    median/min/max of R runs;
  * resident memory (VmRSS) one second after start, and peak (VmHWM).
Prints the figures as a Markdown block with the machine and date; --write-docs puts them into docs/benchmarks.md.
Duration: about 4 min with the defaults (the AOT publish is about 2 min of it; each run waits about 1.5 s).

Usage: python3 tests/Benchmarks/startup_benchmark.py [--runs 10] [--secrets 50] [--no-aot] [--write-docs | --output FILE]
A benchmark reports figures; it is not a test and has no pass/fail threshold.
"""
import argparse
import datetime
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import add_report_arguments, announce_duration, machine, report_path, sh, write_block

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SIDECAR = os.path.join(ROOT, "sidecar", "SecretBroker.Sidecar")
BEGIN, END = "<!-- startup-benchmark:begin -->", "<!-- startup-benchmark:end -->"




def build(work, aot):
    if aot:
        out = os.path.join(work, "aot")
        sh(["dotnet", "publish", SIDECAR, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
            "--artifacts-path", os.path.join(work, "aot-build"), "-o", out], stdout=subprocess.DEVNULL)
        return [os.path.join(out, "secretbroker")], os.path.getsize(os.path.join(out, "secretbroker"))
    out = os.path.join(work, "jit")
    sh(["dotnet", "publish", SIDECAR, "-c", "Release", "--artifacts-path", os.path.join(work, "jit-build"), "-o", out],
       stdout=subprocess.DEVNULL)
    return [os.path.join(out, "secretbroker")], None


def write_setup(work, count):
    src = os.path.join(work, "source")
    os.makedirs(src, exist_ok=True)
    names = [f"secret-{i:03d}" for i in range(count)]
    for i, n in enumerate(names):
        with open(os.path.join(src, n), "w") as f:
            f.write(f"value-{i:03d}-" + "x" * 64)
    out = tempfile.mkdtemp(prefix="sb-bench-", dir="/dev/shm")
    cfg = os.path.join(out, "secretbroker.yaml")
    lines = ["backends:", "  local:", "    type: file", f"    path: {src}", "secrets:"]
    for n in names:
        lines += [f"  - name: {n}", "    backend: local", f"    id: {n}", "    refresh: 5m"]
    lines += ["outputs:", "  files:", f"    dir: {os.path.join(out, 'secrets')}"]
    with open(cfg, "w") as f:
        f.write("\n".join(lines) + "\n")
    return cfg, os.path.join(out, "secrets"), out


def all_written(out_dir, count):
    try:
        target = os.readlink(os.path.join(out_dir, "..data"))
        return len(os.listdir(os.path.join(out_dir, target))) == count
    except OSError:
        return False


def rss_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def measure(cmd, cfg, out_dir, count, runs):
    times, rss, hwm = [], [], []
    for _ in range(runs):
        shutil.rmtree(out_dir, ignore_errors=True)
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd + ["run", "--config", cfg], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        while not all_written(out_dir, count):
            if p.poll() is not None:
                raise SystemExit(f"sidecar exited early ({p.returncode}): {p.stderr.read().decode()}")
            if time.perf_counter() - t0 > 30:
                p.kill()
                raise SystemExit("timed out waiting for the secrets")
            time.sleep(0.0002)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(1.0)  # settle: memory after start, not during it
        rss.append(rss_kib(p.pid, "VmRSS") / 1024)
        hwm.append(rss_kib(p.pid, "VmHWM") / 1024)
        p.send_signal(signal.SIGTERM)
        if p.wait(timeout=10) != 0:
            raise SystemExit(f"sidecar exited with {p.returncode} on SIGTERM")
    return times, rss, hwm




def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=10)
    ap.add_argument("--secrets", type=int, default=50)
    ap.add_argument("--no-aot", action="store_true")
    add_report_arguments(ap)
    a = ap.parse_args()
    builds = 1 if a.no_aot else 2
    announce_duration(builds * (a.runs + 1) * 1.5 + 30 + (0 if a.no_aot else 120), "startup benchmark")

    work = tempfile.mkdtemp(prefix="sb-bench-build-")
    cfg, out_dir, shm = write_setup(work, a.secrets)
    rows = []
    try:
        for name, aot in [("JIT (framework-dependent, Release)", False)] + ([] if a.no_aot else [("Native AOT (linux-x64)", True)]):
            cmd, size = build(work, aot)
            measure(cmd, cfg, out_dir, a.secrets, 1)  # warm the page cache once; not counted
            t, r, h = measure(cmd, cfg, out_dir, a.secrets, a.runs)
            rows.append((name, t, r, h, size))
            print(f"{name}: start→written median {statistics.median(t):.1f} ms; RSS median {statistics.median(r):.1f} MiB", flush=True)
    finally:
        shutil.rmtree(shm, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = [BEGIN, "## Startup and memory (`secretbroker run`, file backend)", "",
          f"Measured {now} on {machine()} by `python3 tests/Benchmarks/startup_benchmark.py` "
          f"({a.secrets} secrets, {a.runs} runs each, after one unmeasured warm-up run).", "",
          "| build | start → all secrets written, median (min–max) | RSS 1 s after start, median | peak RSS (VmHWM), median | binary |",
          "|---|---|---|---|---|"]
    for name, t, r, h, size in rows:
        md.append(f"| {name} | {statistics.median(t):.1f} ms ({min(t):.1f}–{max(t):.1f}) | {statistics.median(r):.1f} MiB | "
                  f"{statistics.median(h):.1f} MiB | {'%.1f MiB' % (size / 2**20) if size else 'needs the .NET runtime'} |")
    md += ["", "Goals (issue 2): AOT start → written ≤ 100 ms; AOT RSS ≤ 16 MiB (Vault Agent is observed at about 13 MiB).", END]
    write_block(report_path(a), BEGIN, END, md)


if __name__ == "__main__":
    main()

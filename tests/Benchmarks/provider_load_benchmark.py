#!/usr/bin/env python3
"""The direct provider (issue 9): 100 secrets from Secrets Manager through AddSecretBroker, against the sidecar provider.

100 secrets (`bench/secret-000`… = {"token": …}) in the standalone local cloud (tests/SecretBroker.Emulators),
read over IRSA. tests/Benchmarks/ProviderLoad builds a configuration root of them in a fresh process and reports:

- direct (`AddSecretBroker`), `refreshMode: batch` and `probe`: time to first load (the cold `Build()`), Secrets
  Manager and STS calls at start (the emulators' request counters around `Build()`), calls over --cycles whole refresh
  cycles (boundaries from the engine's own `secretbroker.refreshes` counter, read in-process with a MeterListener) with
  one secret rotated through the admin API every cycle, and the reloads those cycles fired;
- sidecar (`AddSecretBrokerSidecar`, socket mode) against a real `secretbroker run` on the same emulators: the
  sidecar's start (start → /readyz) and its calls at start, the provider's time to first load from the ready socket,
  and the sidecar's calls per refresh cycle (its /metrics, as backend_calls_benchmark.py measures them);
- managed memory: GC heap 3 s after the load (settled: the sidecar provider's long polls open, a few refresh cycles
  run) minus before it, each after a full blocking compacting GC; the same with one secret is the baseline
  (AddSecretBroker refuses zero secrets), so the cost per secret is (Δ100 − Δ1) / 99.

Every configuration runs --repeats times in fresh processes; the table gives medians (min–max for times).
Duration: about 4 min with the defaults (5 configurations × 3 repeats, each a process start, a load, 3 s to settle
and 5 refresh cycles of 1 s; plus builds).

Usage: python3 tests/Benchmarks/provider_load_benchmark.py [--repeats 3] [--cycles 5] [--refresh-ms 1000] [--no-build]
                                                          [--write-docs | --output FILE]
A benchmark reports figures; it is not a test and has no pass/fail threshold.
"""
import argparse
import datetime
import json
import os
import shutil
import statistics
import subprocess
import tempfile
import time

from backend_calls_benchmark import ROOT, SIDECAR_DLL, calls, measure, put_secret, start_local_cloud, start_sidecar, write_config
from benchlib import add_report_arguments, announce_duration, machine, report_path, sh, stop, write_block

PROVIDER_LOAD = os.path.join(ROOT, "tests", "Benchmarks", "ProviderLoad")
BEGIN, END = "<!-- provider-load-benchmark:begin -->", "<!-- provider-load-benchmark:end -->"
N = 100


def provider_load(load_dll, endpoints_file, extra):
    out = subprocess.run(["dotnet", load_dll, "--endpoints", endpoints_file] + extra, capture_output=True, text=True, timeout=300)
    if out.returncode != 0:
        raise SystemExit(f"providerload {' '.join(extra)} failed ({out.returncode}):\n{out.stdout}\n{out.stderr}")
    return json.loads(out.stdout.strip().splitlines()[-1])


def direct_run(load_dll, endpoints_file, n, mode, args):
    cycles = ["--cycles", str(args.cycles), "--rotate"] if n == N else []
    return provider_load(load_dll, endpoints_file, ["--provider", "direct", "--mode", mode, "--secrets", str(n),
                                                    "--refresh-ms", str(args.refresh_ms)] + cycles)


def sidecar_run(load_dll, endpoints_file, base, work, env, n, args):
    """A fresh sidecar on the same emulators (batch mode), then the provider over its socket."""
    out, cfg = write_config(work, n, "batch", args.refresh_ms)
    before = calls(base)
    started = time.monotonic()
    p, sock, port = start_sidecar(out, cfg, env)
    ready_ms = (time.monotonic() - started) * 1000
    try:
        start_calls = {op: c - before.get(op, 0) for op, c in calls(base).items() if c - before.get(op, 0)}
        load_args = ["--provider", "sidecar", "--socket", sock, "--secrets", str(n)]
        if n != N:
            row = provider_load(load_dll, endpoints_file, load_args)
        else:
            # The provider counts reloads while the sidecar's cycles are measured with one rotation each.
            watch_ms = (args.cycles + 3) * args.refresh_ms + 3000
            app = subprocess.Popen(["dotnet", load_dll, "--endpoints", endpoints_file, "--watch-ms", str(watch_ms)] + load_args,
                                   stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
            if app.stderr.readline().strip() != "watching":
                raise SystemExit("providerload (sidecar) did not load:\n" + app.stderr.read())
            rotation = iter(range(10**6))
            cycle_calls = measure(base, port, n, args.cycles, lambda: put_secret(base, "bench/secret-000", f"rotated-{next(rotation)}"))
            stdout, stderr = app.communicate(timeout=120)
            if app.returncode != 0:
                raise SystemExit(f"providerload (sidecar) failed ({app.returncode}):\n{stdout}\n{stderr}")
            row = json.loads(stdout.strip().splitlines()[-1])
            row.update(cycles=args.cycles, cycleCalls=cycle_calls)
        row.update(sidecarReadyMs=round(ready_ms, 1), startCalls=start_calls)
    finally:
        stop(p)
    return row


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeats", type=int, default=3, help="fresh processes per configuration")
    ap.add_argument("--cycles", type=int, default=5, help="refresh cycles measured per 100-secret run")
    ap.add_argument("--refresh-ms", type=int, default=1000)
    ap.add_argument("--no-build", action="store_true")
    add_report_arguments(ap)
    args = ap.parse_args()
    announce_duration(5 * args.repeats * (7 + (args.cycles + 2) * args.refresh_ms / 1000) + (0 if args.no_build else 90),
                      "provider load benchmark")

    work = tempfile.mkdtemp(prefix="sb-provider-", dir="/dev/shm")
    load_out = os.path.join(work, "providerload")
    if not args.no_build:
        sh(["dotnet", "build", os.path.join(ROOT, "tests", "SecretBroker.Emulators"), "-c", "Release", "-nologo", "-v", "q"])
        sh(["dotnet", "build", os.path.join(ROOT, "sidecar", "SecretBroker.Sidecar"), "-c", "Release", "-nologo", "-v", "q"])
    sh(["dotnet", "build", PROVIDER_LOAD, "-c", "Release", "-nologo", "-v", "q", "-o", load_out], stdout=subprocess.DEVNULL)
    load_dll = os.path.join(load_out, "providerload.dll")

    cloud, ep, env = start_local_cloud(work, N)
    endpoints_file = os.path.join(work, "cloud", "endpoints.json")
    base = ep["admin"]
    runs = {}
    load_average = os.getloadavg()[0]
    try:
        plan = [("direct", "batch", N), ("direct", "probe", N), ("direct", "batch", 1), ("sidecar", "batch", N), ("sidecar", "batch", 1)]
        for r in range(args.repeats):
            # Configurations interleaved round by round, so a burst of load on the machine hits them all alike.
            for provider, mode, n in plan:
                row = (direct_run(load_dll, endpoints_file, n, mode, args) if provider == "direct"
                       else sidecar_run(load_dll, endpoints_file, base, work, env, n, args))
                runs.setdefault((provider, mode, n), []).append(row)
                print(json.dumps(row), flush=True)
    finally:
        stop(cloud)
        shutil.rmtree(work, ignore_errors=True)

    write_report(args, runs, load_average)


def median_range(values, fmt="{:.0f}"):
    return f"{fmt.format(statistics.median(values))} ({fmt.format(min(values))}–{fmt.format(max(values))})"


def ops(delta, per=1):
    sm = {op.split(".", 1)[1]: c / per for op, c in sorted(delta.items()) if op.startswith(("secretsmanager.", "sts."))}
    total = sum(c for op, c in sm.items() if op != "AssumeRoleWithWebIdentity")
    return f"{total:g} ({', '.join(f'{op} {c:g}' for op, c in sm.items()) or 'none'})"


def heap_delta(rows):
    return statistics.median(r["heapSteady"] - r["heapBefore"] for r in rows)


def write_report(args, runs, load_average):
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    c = args.cycles
    md = [BEGIN, "## Direct provider (issue 9): 100 secrets through `AddSecretBroker` and through the sidecar", "",
          f"Measured {when} on {machine()} by `python3 tests/Benchmarks/provider_load_benchmark.py` ({args.repeats} "
          f"fresh process{'es' if args.repeats != 1 else ''} per row, interleaved; medians, min–max for times; IRSA against the standalone emulators; "
          f"refresh {args.refresh_ms} ms; calls per cycle over {c} whole refresh cycles with `bench/secret-000` "
          "rotated through the admin API every cycle, the sidecar's cycles read from its /metrics; calls = Secrets Manager "
          "requests, the STS `AssumeRoleWithWebIdentity` of the session shown beside them; reloads = the app's "
          "configuration reload token firing; 1-minute load average when the runs started: "
          f"{load_average:.1f}, the machine shared with other work).", "",
          "| provider | refresh mode | time to first load | calls at start | calls per refresh cycle | reloads per cycle | GC heap growth (settled) |",
          "|---|---|---|---|---|---|---|"]
    for (provider, mode, n), rows in runs.items():
        if n != N:
            continue
        first = median_range([r["firstLoadMs"] for r in rows]) + " ms"
        if provider == "sidecar":
            first += f" from the ready socket; the sidecar itself: start → ready {median_range([r['sidecarReadyMs'] for r in rows])} ms"
            label = "`AddSecretBrokerSidecar` (socket) ← `secretbroker run`"
        else:
            label = "`AddSecretBroker` (direct)"
        cycle = ops(rows[0]["cycleCalls"], c)
        reloads = f"{statistics.median(r['reloads'] for r in rows) / c:g}"
        start = ops(rows[0]["startCalls"]) + (" by the sidecar; none by the app" if provider == "sidecar" else "")
        if provider == "sidecar":
            cycle += " by the sidecar; none by the app"
        md.append(f"| {label} | {mode} | {first} | {start} | {cycle} | {reloads} | "
                  f"{heap_delta(rows) / 1024:,.0f} KiB |")
    md += ["", "Managed memory per loaded secret (settled GC heap growth Δ with 100 secrets − Δ with 1 secret, over 99; the "
           "1-secret Δ is the provider's fixed cost: SDK client, HTTP handler, engine, types touched by the first load):", "",
           "| provider | fixed (1 secret) | per secret |", "|---|---|---|"]
    for provider, label in (("direct", "`AddSecretBroker` (batch)"), ("sidecar", "`AddSecretBrokerSidecar` (socket)")):
        one, hundred = runs.get((provider, "batch", 1)), runs.get((provider, "batch", N))
        if one and hundred:
            per = (heap_delta(hundred) - heap_delta(one)) / (N - 1)
            md.append(f"| {label} | {heap_delta(one) / 1024:,.0f} KiB | {per:,.0f} bytes |")
    md += ["", "Call-cost model for N secrets on one backend (Secrets Manager requests; AWS allows 20 ids per "
           "`BatchGetSecretValue`):", "",
           "| provider | at start | per refresh cycle | a reload fires |", "|---|---|---|---|",
           "| `AddSecretBroker`, `refreshMode: batch` (default) | ⌈N/20⌉ `BatchGetSecretValue` | ⌈N/20⌉ `BatchGetSecretValue` | only when a value changed |",
           "| `AddSecretBroker`, `refreshMode: probe` | ⌈N/20⌉ `BatchGetSecretValue` (a first load fetches) | N `DescribeSecret` + 1 `GetSecretValue` per secret that moved | only when a value changed |",
           "| `AddSecretBrokerSidecar` | none from the app (the sidecar's own start: as the batch row) | none from the app; the sidecar: as the batch row, shared by every container of the pod | only when a value changed |",
           "| Kralizek.Extensions.Configuration.AWSSecretsManager (default) | 1 `ListSecrets` per page of the account's secrets + N `GetSecretValue` (opt-in `UseBatchFetch`: + ⌈N/20⌉ `BatchGetSecretValue`) | polling off by default; when on: the same list + N gets every poll | when the whole key set differs |",
           "| Azure.Extensions.AspNetCore.Configuration.Secrets (Key Vault) | 1 list per page + N get | `ReloadInterval` off by default; when on: the list + 1 get per secret whose version changed | when a version changed |",
           "", "The incumbents' rows are their algorithms as their source reads (not measured here). Both swallow a failed "
           "poll (`catch { }`) and list the whole account or vault every time, which needs list permission on all of it. "
           "Ours never lists (each secret is named), batch mode fetches 20 secrets per call, and probe mode sends no "
           "value across the wire unless it moved. Through the sidecar the app makes no cloud call at all: one sidecar "
           "per pod pays the batch row for every container.", END]
    write_block(report_path(args), BEGIN, END, md)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Backend calls per refresh cycle of the aws-secrets-manager backend (issue 4).

For N = 1, 20 and 100 secrets on one backend, in both refresh modes (batch, probe), the real sidecar runs over IRSA
against the standalone local cloud (tests/SecretBroker.Emulators) with every secret refreshed every --refresh.
Secrets Manager and STS requests are read from the emulators' request counters between two refresh-cycle
boundaries (a step of the sidecar's own `secretbroker_refreshes_total`), first idle, then while 64 keep-alive
connections hammer `GET /v1/secrets/{name}` on the socket (tests/Benchmarks/SocketLoad): socket reads are served
from the cache, so the second column must equal the first. One more row rotates one secret every cycle in probe mode
(DescribeSecret for all, GetSecretValue for the one that moved). Prints the table as Markdown; --write-docs puts it
into docs/benchmarks.md.
Duration: about 4 min with the defaults (7 sidecar runs, each: start, load, 2 x --cycles refresh cycles; plus builds).

Usage: python3 tests/Benchmarks/backend_calls_benchmark.py [--cycles 5] [--refresh-ms 1000] [--no-build]
                                                          [--write-docs | --output FILE]
A benchmark reports figures; it is not a test and has no pass/fail threshold.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import subprocess
import tempfile
import time
import urllib.request

from benchlib import add_report_arguments, announce_duration, http_get, machine, report_path, sh, stop, write_block

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SIDECAR_DLL = os.path.join(ROOT, "sidecar", "SecretBroker.Sidecar", "bin", "Release", "net10.0", "secretbroker.dll")
EMULATORS_DLL = os.path.join(ROOT, "tests", "SecretBroker.Emulators", "bin", "Release", "net10.0", "SecretBroker.Emulators.dll")
LOAD = os.path.join(ROOT, "tests", "Benchmarks", "SocketLoad")
BEGIN, END = "<!-- backend-calls-benchmark:begin -->", "<!-- backend-calls-benchmark:end -->"
READERS = 64


def admin(base, method, path, body=None):
    req = urllib.request.Request(base + path, method=method, data=None if body is None else json.dumps(body).encode())
    with urllib.request.urlopen(req, timeout=10) as r:
        text = r.read()
    return json.loads(text) if text else None


def put_secret(base, name, value):
    return admin(base, "PUT", f"v1/secrets/{name}", {"secretString": json.dumps({"token": value})})["versionId"]


def calls(base):
    """Secrets Manager and STS requests so far, per operation (all outcomes)."""
    ops = admin(base, "GET", "v1/counters")["operations"]
    return {op: sum(outcomes.values()) for op, outcomes in ops.items()}


def start_local_cloud(work, secrets):
    """Starts the standalone emulators under work/cloud with `secrets` secrets bench/secret-NNN; returns the process,
    the endpoints file's content and the environment EKS would give an IRSA pod (nothing else of the caller's AWS_*)."""
    cloud_log = open(os.path.join(work, "cloud.log"), "wb")
    cloud = subprocess.Popen(["dotnet", EMULATORS_DLL, "--state-dir", os.path.join(work, "cloud")], stdout=cloud_log,
                             stderr=subprocess.STDOUT)
    try:
        endpoints_file = os.path.join(work, "cloud", "endpoints.json")
        deadline = time.monotonic() + 60
        while not os.path.exists(endpoints_file):
            if time.monotonic() > deadline or cloud.poll() is not None:
                raise SystemExit("the emulators did not start")
            time.sleep(0.05)
        ep = json.load(open(endpoints_file))
        for i in range(secrets):
            put_secret(ep["admin"], f"bench/secret-{i:03d}", f"bench-token-{i:03d}")
    except BaseException:
        stop(cloud)
        raise
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SECRETBROKER_"))}
    env.update(AWS_ROLE_ARN=ep["roleArn"], AWS_WEB_IDENTITY_TOKEN_FILE=ep["tokenFiles"]["irsa"],
               AWS_ENDPOINT_URL_STS=ep["sts"], AWS_ENDPOINT_URL_SECRETS_MANAGER=ep["secretsManager"],
               AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null")
    return cloud, ep, env


def metric_sum(port, name):
    with urllib.request.urlopen(f"http://127.0.0.1:{port}/metrics", timeout=5) as r:
        text = r.read().decode()
    return sum(float(m.group(1)) for m in re.finditer(rf"^{name}(?:{{[^}}]*}})? (\S+)$", text, re.M))


def write_config(work, n, mode, refresh_ms):
    out = tempfile.mkdtemp(prefix="run-", dir=work)
    lines = ["backends:", "  models:", "    type: aws-secrets-manager", "    region: us-west-2", "    identity: irsa",
             f"    refreshMode: {mode}", "secrets:"]
    for i in range(n):
        lines += [f"  - name: secret-{i:03d}", "    backend: models", f"    id: bench/secret-{i:03d}", "    key: token",
                  f"    refresh: {refresh_ms}ms"]
    lines += ["outputs:", "  files:", f"    dir: {out}/secrets", "  socket:", f"    path: {out}/broker.sock",
              "    maxConnections: 128", "  http:", '    listen: "127.0.0.1:0"', ""]
    cfg = os.path.join(out, "secretbroker.yaml")
    with open(cfg, "w") as f:
        f.write("\n".join(lines))
    return out, cfg


def start_sidecar(out, cfg, env):
    log_path = os.path.join(out, "sidecar.log")
    log = open(log_path, "wb")
    p = subprocess.Popen(["dotnet", SIDECAR_DLL, "run", "--config", cfg], stdout=log, stderr=subprocess.STDOUT, env=env)
    sock = os.path.join(out, "broker.sock")
    deadline = time.monotonic() + 60
    while True:
        if p.poll() is not None:
            raise SystemExit(f"secretbroker exited ({p.returncode}):\n" + open(log_path).read())
        r = http_get(sock, "/readyz")
        m = re.search(r'"Port":(\d+)', open(log_path).read())
        if r and r[0] == 200 and m:
            return p, sock, int(m.group(1))
        if time.monotonic() > deadline:
            raise SystemExit("secretbroker not ready after 60 s:\n" + open(log_path).read())
        time.sleep(0.05)


def next_cycle(port, n, before, timeout=30):
    """Waits until the refreshes counter has moved on from `before` by a whole cycle (n secrets); returns its value."""
    deadline = time.monotonic() + timeout
    while True:
        now = metric_sum(port, "secretbroker_refreshes_total")
        if now >= before + n:
            return now
        if time.monotonic() > deadline:
            raise SystemExit(f"no refresh cycle within {timeout} s (refreshes {before} → {now})")
        time.sleep(0.02)


def measure(base, port, n, cycles, on_cycle=None):
    """Backend calls over `cycles` whole refresh cycles, counted from one cycle boundary to another."""
    mark = next_cycle(port, n, metric_sum(port, "secretbroker_refreshes_total"))
    start = calls(base)
    for _ in range(cycles):
        if on_cycle:
            on_cycle()
        mark = next_cycle(port, n, mark)
    end = calls(base)
    delta = {op: end.get(op, 0) - start.get(op, 0) for op in end}
    return {op: c for op, c in delta.items() if c}


def run_readers(load, sock, seconds):
    return subprocess.Popen([load, "--socket", sock, "--path", "/v1/secrets/secret-000", "--connections", str(READERS),
                             "--warmup", "0", "--duration", str(seconds)], stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                            text=True)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cycles", type=int, default=5, help="refresh cycles measured per row and phase")
    ap.add_argument("--refresh-ms", type=int, default=1000)
    ap.add_argument("--no-build", action="store_true")
    add_report_arguments(ap)
    args = ap.parse_args()
    announce_duration(7 * (2 * (args.cycles + 2) * args.refresh_ms / 1000 + 10) + (0 if args.no_build else 90), "backend calls benchmark")

    work = tempfile.mkdtemp(prefix="sb-calls-", dir="/dev/shm")
    if not args.no_build:
        sh(["dotnet", "build", os.path.join(ROOT, "tests", "SecretBroker.Emulators"), "-c", "Release", "-nologo", "-v", "q"])
        sh(["dotnet", "build", os.path.join(ROOT, "sidecar", "SecretBroker.Sidecar"), "-c", "Release", "-nologo", "-v", "q"])
    load_dir = os.path.join(work, "load")
    sh(["dotnet", "publish", LOAD, "-c", "Release", "--artifacts-path", os.path.join(work, "load-build"), "-o", load_dir],
       stdout=subprocess.DEVNULL)
    load = os.path.join(load_dir, "socketload")

    cloud, ep, env = start_local_cloud(work, 100)
    base = ep["admin"]
    rows = []
    try:
        plan = [(n, mode, False) for mode in ("batch", "probe") for n in (1, 20, 100)] + [(20, "probe", True)]
        for n, mode, rotate in plan:
            out, cfg = write_config(work, n, mode, args.refresh_ms)
            p, sock, port = start_sidecar(out, cfg, env)
            try:
                rotation = iter(range(10**6))
                on_cycle = (lambda: put_secret(base, "bench/secret-000", f"rotated-{next(rotation)}")) if rotate else None
                idle = measure(base, port, n, args.cycles, on_cycle)
                # The readers run longer than the measured window (≤ cycles + 1 cycles) and are waited for.
                readers = run_readers(load, sock, (args.cycles + 3) * args.refresh_ms / 1000 + 2)
                time.sleep(0.5)  # let the readers connect before the first counted cycle
                busy = measure(base, port, n, args.cycles, on_cycle)
                if readers.poll() is not None:
                    raise SystemExit("the readers stopped before the measured window ended")
                read_out, _ = readers.communicate(timeout=120)
                served = json.loads(read_out.strip().splitlines()[-1])["requests"]
            finally:
                stop(p)
            row = dict(n=n, mode=mode, rotate=rotate, idle=idle, busy=busy, served=served)
            rows.append(row)
            print(json.dumps(row), flush=True)
    finally:
        stop(cloud)
        shutil.rmtree(work, ignore_errors=True)

    write_report(args, rows)


def sm(delta):
    return sum(c for op, c in delta.items() if op.startswith("secretsmanager."))


def fmt_ops(delta, cycles):
    parts = [f"{op.split('.', 1)[1]} {c / cycles:g}" for op, c in sorted(delta.items())]
    return ", ".join(parts) or "none"


def write_report(args, rows):
    c = args.cycles
    when = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = [BEGIN, "## Backend calls per refresh cycle (issue 4): `aws-secrets-manager`", "",
          f"Measured {when} on {machine()} by `python3 tests/Benchmarks/backend_calls_benchmark.py` "
          f"({c} whole refresh cycles per cell, refresh {args.refresh_ms} ms, IRSA against the standalone emulators; "
          "calls read from the emulators' request counters between two cycle boundaries of the sidecar's "
          f"`secretbroker_refreshes_total`; \"with {READERS} readers\" = the same measurement while "
          f"{READERS} keep-alive connections hammer `GET /v1/secrets/secret-000` on the socket).", "",
          f"| secrets | mode | calls per cycle, idle | per secret per cycle | calls per cycle with {READERS} readers | socket reads served meanwhile | added by readers |",
          "|---|---|---|---|---|---|---|"]
    for r in rows:
        idle, busy = sm(r["idle"]) / c, sm(r["busy"]) / c
        mode = r["mode"] + (" + 1 secret rotated every cycle" if r["rotate"] else "")
        served = f"{r['served']:,}" if r["served"] is not None else "n/a"
        md.append(f"| {r['n']} | {mode} | {idle:g} ({fmt_ops(r['idle'], c)}) | {idle / r['n']:.3f} | "
                  f"{busy:g} ({fmt_ops(r['busy'], c)}) | {served} | {busy - idle:+g} |")
    md += ["", "Goal (issue 4): ≤ 1/20 backend call per secret per cycle at ≥ 20 secrets — met by `batch` (the default): "
           "⌈N/20⌉ `BatchGetSecretValue` calls a cycle (a single secret is one `GetSecretValue`). `probe` costs one `DescribeSecret` per secret per cycle plus a "
           "`GetSecretValue` per secret that moved: more calls, but no secret value crosses the wire unless it changed, "
           "and it needs no `BatchGetSecretValue` permission. STS calls appear only when a session is renewed "
           "(default session 1 h), so none fall in these windows.", END]
    write_block(report_path(args), BEGIN, END, md)


if __name__ == "__main__":
    main()

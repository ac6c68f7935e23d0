#!/usr/bin/env python3
"""Credentials-request benchmark (issue 10, "Performance and reliability"): `GET /v1/credentials/aws/<name>` on the
sidecar's loopback HTTP listener (`outputs.http`), with the `Authorization` token, against nginx serving the same JSON
bytes as a static file on TCP loopback, with the same load generator (tests/Benchmarks/SocketLoad in TCP mode: N
keep-alive connections, one request in flight each) in the same run.

  * publishes the sidecar as Native AOT (linux-x64) and the load generator (Release), into a temp artifacts dir;
  * starts the sidecar with a `credentials:` set of `type: secret` whose secret (file backend) holds synthetic
    access-key JSON with a SessionToken and an Expiration years ahead, `outputs.files` (the token file) and
    `outputs.http` in a /dev/shm temp dir; reads the token from `<files.dir>/aws-credentials-token`;
  * "one core": the sidecar runs under `taskset -c 0` with DOTNET_PROCESSOR_COUNT=1 (what .NET sees under a CPU limit
    of 1; the binary's own GC settings apply: workstation, non-concurrent), nginx under `taskset -c 0` with
    `worker_processes 1`, and the load generator under `taskset -c 1`, so server and client never share a core;
  * fetches the answer once, checks it is 200 and that its JSON holds the secret's keys, and gives nginx exactly those
    bytes; the generator then checks every answer of every run: a status other than 200 or a body other than those
    bytes fails the run loudly (a benchmark that measures 401s is worthless);
  * for 1, 16 and 64 connections (closed loop: as fast as the server answers), and paced at the goal's rate (5,000
    requests/s spread over 64 connections, each request sent on schedule and a late one timed from its scheduled
    time), alternating nginx and the sidecar point by point: warm-up, then a measured window;
  * prints rps, p50, p99, server CPU per request and the sidecar/nginx ratios as a Markdown block with machine and date
    (--write-docs puts it into docs/benchmarks.md between markers).
Duration: about 7 min with the defaults (5 rounds x 4 points x 2 servers x 6 s, plus the AOT publish).

Usage: python3 tests/Benchmarks/credentials_benchmark.py [--duration 5] [--warmup 1] [--connections 1,16,64]
                                                         [--rate 5000] [--rate-connections 64] [--rounds 5] [--write-docs | --output FILE]
A benchmark reports figures; it is not a test and has no pass/fail threshold, but a run that saw a wrong answer fails.
"""
import argparse
import datetime
import http.client
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import tempfile
import time

from benchlib import add_report_arguments, announce_duration, machine, report_path, stop, write_block
from socket_benchmark import ensure_nginx, nginx_version, publish, settle

BEGIN, END = "<!-- credentials-benchmark:begin -->", "<!-- credentials-benchmark:end -->"
SET = "models"
URL = f"/v1/credentials/aws/{SET}"
SERVER_CPU, LOAD_CPU = "0", "1"
# Synthetic access keys shaped like an STS session's (ASIA… id, 40-character secret, a long session token), not real
# credentials; the Expiration is far ahead so every answer is the same bytes for the whole run.
KEYS = {
    "AccessKeyId": "ASIABENCHMARKNOTREAL1",
    "SecretAccessKey": "BenchmarkSecretKeyNotReal0123456789abcdEF",
    "SessionToken": "IQoJb3JpZ2luX2VjEBenchmarkSessionTokenNotReal" + "x" * 300,
    "Expiration": "2099-01-01T00:00:00Z",
    "AccountId": "111122223333",
}


def http_get_tcp(port, path, token=None, timeout=2.0):
    """One GET on 127.0.0.1:port; returns (status, body) or None when it cannot connect."""
    try:
        c = http.client.HTTPConnection("127.0.0.1", port, timeout=timeout)
        c.request("GET", path, headers={"Host": "localhost", **({"Authorization": token} if token else {})})
        r = c.getresponse()
        result = r.status, r.read()
        c.close()
        return result
    except OSError:
        return None


def wait_ready(port, proc, what, path, token=None):
    t0 = time.monotonic()
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited early ({proc.returncode})")
        r = http_get_tcp(port, path, token)
        if r and r[0] == 200:
            return r[1]
        if time.monotonic() - t0 > 30:
            raise SystemExit(f"{what}: not ready after 30 s ({r})")
        time.sleep(0.05)


def check_answer(body):
    """The route's answer must be container-credentials JSON holding the secret's keys (Token = its SessionToken)."""
    doc = json.loads(body)
    want = {"AccessKeyId": KEYS["AccessKeyId"], "SecretAccessKey": KEYS["SecretAccessKey"],
            "Token": KEYS["SessionToken"], "Expiration": KEYS["Expiration"], "AccountId": KEYS["AccountId"]}
    if doc != want:
        raise SystemExit(f"the credentials route answered members {sorted(doc)} that differ from the secret's keys")


def start_sidecar(binary, shm):
    src = os.path.join(shm, "source")
    os.makedirs(src)
    with open(os.path.join(src, "s3keys"), "w") as f:
        json.dump(KEYS, f)
    files = os.path.join(shm, "secrets")
    cfg = os.path.join(shm, "secretbroker.yaml")
    with open(cfg, "w") as f:
        f.write("\n".join([
            "backends:", "  local:", "    type: file", f"    path: {src}",
            "secrets:", "  - name: s3keys", "    backend: local", "    id: s3keys", "    refresh: 5m",
            "outputs:", "  files:", f"    dir: {files}", "  http:", '    listen: "127.0.0.1:0"',
            "credentials:", f"  {SET}:", "    type: secret", "    secret: s3keys", ""]))
    log_path = os.path.join(shm, "sidecar.log")
    env = dict(os.environ, DOTNET_PROCESSOR_COUNT="1")
    p = subprocess.Popen(["taskset", "-c", SERVER_CPU, binary, "run", "--config", cfg],
                         stdout=open(log_path, "wb"), stderr=subprocess.STDOUT, env=env)
    deadline = time.monotonic() + 30
    token_file = os.path.join(files, "aws-credentials-token")
    while not ((m := re.search(r'"Port":(\d+)', open(log_path).read())) and os.path.exists(token_file)):
        if p.poll() is not None or time.monotonic() > deadline:
            raise SystemExit("secretbroker did not start:\n" + open(log_path).read())
        time.sleep(0.05)
    port = int(m.group(1))
    token = open(token_file).read()
    # The token is required: a request without it must be refused, or the run would not measure the real route.
    if (r := http_get_tcp(port, URL)) is None or r[0] != 401:
        raise SystemExit(f"secretbroker answered {r and r[0]} without the token, expected 401")
    body = wait_ready(port, p, "secretbroker", URL, token)
    check_answer(body)
    return p, port, token, body


def nginx_conf(root, port):
    temp = {k: os.path.join(root, k) for k in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]}
    return f"""daemon off;
user root;
worker_processes 1;
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    tcp_nodelay on;
    keepalive_timeout 300s;
    keepalive_requests 100000000;
    client_body_temp_path {temp['client_body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    server {{
        listen 127.0.0.1:{port};
        location = {URL} {{
            alias {root}/{SET};
            default_type application/json;
            add_header Cache-Control no-store;
        }}
    }}
}}
"""


def start_nginx(nginx, shm, body):
    root = os.path.join(shm, "nginx")
    os.makedirs(root)
    with open(os.path.join(root, SET), "wb") as f:
        f.write(body)
    conf = os.path.join(root, "nginx.conf")
    # nginx cannot report a port it chose: take a free one, and try again should another process take it first.
    for _ in range(5):
        port = free_port()
        with open(conf, "w") as f:
            f.write(nginx_conf(root, port))
        p = subprocess.Popen(["taskset", "-c", SERVER_CPU, nginx, "-c", conf, "-e", os.path.join(root, "error.log")],
                             stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
        try:
            served = wait_ready(port, p, "nginx", URL)
        except SystemExit:
            stop(p, signal.SIGQUIT)
            continue
        if served != body:
            stop(p, signal.SIGQUIT)
            raise SystemExit("nginx served other bytes than the sidecar's answer")
        return p, port
    raise SystemExit("nginx did not start:\n" + open(os.path.join(root, "error.log")).read())


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def cpu_seconds(pid):
    """User + system CPU of `pid` and its child processes (nginx's worker), in seconds."""
    tick = os.sysconf("SC_CLK_TCK")
    total = 0
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        if int(entry) == pid or int(fields[1]) == pid:  # fields[1] is the parent pid
            total += int(fields[11]) + int(fields[12])  # utime, stime
    return total / tick


def run_load(load, port, token, expected, point, warmup, duration, server_pid):
    conns, rate = point
    cpu0 = cpu_seconds(server_pid)
    out = subprocess.run(["taskset", "-c", LOAD_CPU, load, "--tcp", f"127.0.0.1:{port}", "--path", URL,
                          "--header", f"Authorization: {token}", "--expect-body", expected,
                          "--connections", str(conns), "--rate", str(rate),
                          "--warmup", str(warmup), "--duration", str(duration)],
                         capture_output=True, text=True)
    cpu = cpu_seconds(server_pid) - cpu0
    last = out.stdout.strip().splitlines()[-1] if out.stdout.strip() else "{}"
    r = json.loads(last) if last.startswith("{") else {}
    if out.returncode != 0 or r.get("non_200") or r.get("body_mismatches") or r.get("errors"):
        raise SystemExit(f"WRONG ANSWERS, the run is void: load generator exit {out.returncode}, "
                         f"{r.get('non_200')} non-200 answers (first: {r.get('first_non_200')!r}), "
                         f"{r.get('body_mismatches')} bodies other than the checked JSON, {r.get('errors')} errors\n"
                         f"{out.stdout}{out.stderr}")
    # The server's CPU over the generator's whole run per answer it gave meanwhile (warm-up included), and roughly how
    # busy that kept its core (the generator's start and connects add a little idle time).
    r["cpu_us"] = cpu / r["answers"] * 1e6
    r["cpu_share"] = cpu / (warmup + duration)
    return r


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=float, default=5.0, help="measured seconds per point")
    ap.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds per point, before it")
    ap.add_argument("--connections", default="1,16,64")
    ap.add_argument("--rate", type=float, default=5000.0, help="the paced point's requests/s (0: no paced point)")
    ap.add_argument("--rate-connections", type=int, default=64, help="connections the paced rate is spread over")
    ap.add_argument("--rounds", type=int, default=5, help="repeat every point; cells are medians over rounds, ratios paired per round")
    add_report_arguments(ap)
    a = ap.parse_args()
    # A point is (connections, rate): rate 0 is the closed loop, otherwise requests/s on a schedule.
    points = [(int(c), 0) for c in a.connections.split(",")] + ([(a.rate_connections, a.rate)] if a.rate > 0 else [])
    announce_duration(a.rounds * len(points) * 2 * (a.duration + a.warmup + 0.5) + 150, "credentials benchmark")
    if (os.cpu_count() or 1) < 2:
        raise SystemExit("needs two CPUs: one for the server under test, one for the load generator")

    nginx = ensure_nginx()
    work = tempfile.mkdtemp(prefix="sb-credbench-build-")
    shm = tempfile.mkdtemp(prefix="sb-credbench-", dir="/dev/shm")
    sb = ng = None
    results = {(name, p): [] for name in ("secretbroker", "nginx") for p in points}
    try:
        binary, load = publish(work)
        load_before = settle()
        sb, sb_port, token, body = start_sidecar(binary, shm)
        ng, ng_port = start_nginx(nginx, shm, body)
        expected = os.path.join(shm, "expected-body.json")
        with open(expected, "wb") as f:
            f.write(body)
        for _ in range(a.rounds):
            for pt in points:
                # Alternate the servers point by point so that drift in the shared machine's load hits both alike.
                for name, port, pid in [("nginx", ng_port, ng.pid), ("secretbroker", sb_port, sb.pid)]:
                    r = run_load(load, port, token, expected, pt, a.warmup, a.duration, pid)
                    results[(name, pt)].append(r)
                    print(f"{name:12s} c={pt[0]:3d}{f' paced {pt[1]:.0f}/s' if pt[1] else ''}: {r['rps']:>8.0f} rps  p50 {r['p50_us']:7.1f} µs  p99 {r['p99_us']:8.1f} µs  "
                          f"server CPU {r['cpu_us']:5.1f} µs/request ({r['cpu_share']:.0%} of its core)", flush=True)
        for p in (sb, ng):
            if p.poll() is not None:
                raise SystemExit(f"a server died during the run ({p.args}: {p.returncode})")
        with open(f"/proc/{sb.pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    finally:
        stop(sb)
        stop(ng, signal.SIGQUIT)  # graceful: the master takes its worker down
        shutil.rmtree(shm, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)
    write_report(a, points, results, load_before, rss, nginx, len(body))


def write_report(a, points, results, load_before, rss, nginx, body_len):
    def med(name, pt, key):
        return statistics.median(r[key] for r in results[(name, pt)])

    def ratios(pt, key):
        # Paired by round: each round measured nginx and the sidecar back to back, under the same background load.
        return [s[key] / n[key] for s, n in zip(results[("secretbroker", pt)], results[("nginx", pt)])]

    total = sum(r["requests"] for rs in results.values() for r in rs)
    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = [BEGIN, "## Credentials requests (issue 10): `GET /v1/credentials/aws/<name>` on one core, against nginx", "",
          f"Measured {now} on {machine()} by `python3 tests/Benchmarks/credentials_benchmark.py` "
          f"({a.warmup:g} s warm-up then {a.duration:g} s measured per point, {a.rounds} round(s)"
          f"{'; each cell is the median over the rounds, each ratio the median of the per-round ratios' if a.rounds > 1 else ''}; 1-minute load average when the "
          f"measurement started, after the builds settled: {load_before:.1f}).", "",
          f"- **secretbroker**: Native AOT publish (linux-x64), `outputs.http` on 127.0.0.1, a `credentials:` set of "
          f"`type: secret` whose secret (file backend) holds synthetic access-key JSON with a `SessionToken` and an "
          f"`Expiration` in 2099; every request carries `Authorization` (the token read from "
          f"`<files.dir>/aws-credentials-token`) and gets the {body_len}-byte container-credentials JSON "
          "(token check, set lookup, JSON written per request, folded audit, request counter).",
          f"- **nginx** {nginx_version(nginx)}: exactly those {body_len} bytes as a static file (`alias`, "
          "`application/json`, `Cache-Control: no-store`) on 127.0.0.1, `worker_processes 1` (one worker and a "
          "master), `access_log off`, `sendfile on`, `tcp_nodelay on`, `keepalive_requests` raised so no connection is "
          "recycled mid-run.",
          f"- **one core**: each server runs under `taskset -c {SERVER_CPU}` (the sidecar with `DOTNET_PROCESSOR_COUNT=1`, "
          "as .NET sees a container CPU limit of 1, and the binary's own GC settings: workstation, non-concurrent); the "
          f"load generator under `taskset -c {LOAD_CPU}`, so client and server never share a core (other work on this "
          "machine may still share either).",
          "- **load**: `tests/Benchmarks/SocketLoad --tcp` (C#, Release, JIT): N keep-alive connections, one thread each, "
          "one request in flight per connection, pre-built request bytes with the `Authorization` header (sent to nginx "
          "too), `TCP_NODELAY`; latency = send → last body byte, per request. *Closed loop* rows send the next request "
          "as soon as the answer is in (the server's capacity, and latency at saturation); the *paced* row sends the "
          "goal's rate on a fixed schedule staggered over the connections, a request delayed by a late answer timed "
          "from its scheduled send (no coordinated omission): latency at that load, not at saturation. "
          f"**Every answer is checked**: status 200 and a body byte-for-byte equal to the JSON checked once against "
          f"the secret's keys — {total:,} answers, none wrong (a wrong one voids the run). Server CPU = the server's "
          "user + system time over a point ÷ answers it gave meanwhile.", "",
          "| load | secretbroker rps | nginx rps | **rps ratio sb/nginx** | secretbroker p50 / p99 | nginx p50 / p99 | p99 ratio sb/nginx | server CPU per request sb / nginx |",
          "|---|---|---|---|---|---|---|---|"]
    for pt in points:
        rr, pr = ratios(pt, "rps"), ratios(pt, "p99_us")
        spread = f" ({min(rr):.2f}–{max(rr):.2f})" if len(rr) > 1 else ""
        md.append(f"| {label(pt)} | {med('secretbroker', pt, 'rps'):,.0f} | {med('nginx', pt, 'rps'):,.0f} | "
                  f"**{statistics.median(rr):.2f}**{spread} | "
                  f"{med('secretbroker', pt, 'p50_us'):.0f} µs / {med('secretbroker', pt, 'p99_us'):.0f} µs | "
                  f"{med('nginx', pt, 'p50_us'):.0f} µs / {med('nginx', pt, 'p99_us'):.0f} µs | {statistics.median(pr):.2f} | "
                  f"{med('secretbroker', pt, 'cpu_us'):.1f} µs / {med('nginx', pt, 'cpu_us'):.1f} µs |")
    if a.rounds > 1:
        md += ["", "Per round (rps sidecar / nginx = ratio; p99 sidecar / nginx):"]
        for pt in points:
            md.append(f"- {label(pt)}: " + "; ".join(
                f"{s['rps']:,.0f} / {n['rps']:,.0f} = {s['rps'] / n['rps']:.2f}; {s['p99_us']:.0f} / {n['p99_us']:.0f} µs"
                for s, n in zip(results[("secretbroker", pt)], results[("nginx", pt)])))
    md += [""]
    closed = [pt for pt in points if pt[1] == 0]
    if closed:
        best = max(closed, key=lambda pt: med("secretbroker", pt, "rps"))
        rps = med("secretbroker", best, "rps")
        md.append(f"- Goal (issue 10) ≥ 5,000 requests/s on one core — **{'met' if rps >= 5000 else 'not met'}**: "
                  f"{rps:,.0f} requests/s at {best[0]} connection(s), closed loop (nginx {med('nginx', best, 'rps'):,.0f}).")
    for pt in points:
        p99, rps = med("secretbroker", pt, "p99_us"), med("secretbroker", pt, "rps")
        kept = "" if pt[1] == 0 or rps >= 0.98 * pt[1] else f"; the rate was NOT kept: {rps:,.0f} requests/s"
        md.append(f"- Goal p99 ≤ 2 ms, {label(pt)} ({rps:,.0f} requests/s): **{'met' if p99 <= 2000 and not kept else 'not met'}** "
                  f"({p99 / 1000:.2f} ms; nginx {med('nginx', pt, 'p99_us') / 1000:.2f} ms{kept}).")
    if load_before >= 1.0:
        md += ["", f"**Noisy run:** the load average was still {load_before:.1f} when the measurement started, so "
               "other work competed with the servers and the generator; look at the per-round spread before "
               "trusting any single figure, and re-run on a quiet machine for firm figures."]
    md += ["", f"secretbroker's peak RSS (VmHWM) over the whole run: {rss:.1f} MiB.", END]
    write_block(report_path(a), BEGIN, END, md)


def label(point):
    conns, rate = point
    return f"paced {rate:,.0f}/s over {conns} connections" if rate else f"{conns} connection(s), closed loop"


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Socket API throughput/latency benchmark (issue 3, "Performance"): `GET /v1/secrets/{name}` on the sidecar's Unix
socket against nginx serving the same bytes as a static file on a Unix socket, with the same load generator
(tests/Benchmarks/SocketLoad: N keep-alive connections, one request in flight each) in the same run.

  * publishes the sidecar as Native AOT (linux-x64) and the load generator (Release), into a temp artifacts dir;
  * starts the sidecar (file backend, one ~40-byte token, `outputs.socket` in a /dev/shm temp dir, mode 0660;
    the script runs as the sidecar's own uid, which the empty allow lists admit);
  * installs nginx from the Debian archive when it is missing (`apt-get install -y nginx-light`, else `nginx`) and
    starts it with a config of its own (temp dir, `daemon off`, pid file there, access_log off, keepalive_requests
    raised so keep-alive connections are never recycled mid-run);
  * for 1, 16 and 64 connections, alternating nginx and the sidecar point by point: warm-up, then a measured window;
  * prints rps, p50, p99 and the sidecar/nginx ratios as a Markdown block with machine and date (--write-docs puts it
    into docs/benchmarks.md between markers).
Duration: about 6 min with the defaults (7 rounds x 3 connection counts x 2 servers x 6 s, plus the AOT publish).

Usage: python3 tests/Benchmarks/socket_benchmark.py [--duration 5] [--warmup 1] [--connections 1,16,64]
                                                    [--nginx-workers auto] [--rounds 7] [--write-docs | --output FILE]
A benchmark reports figures; it is not a test and has no pass/fail threshold.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time

from benchlib import add_report_arguments, announce_duration, http_get, machine, report_path, sh, stop, write_block

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SIDECAR = os.path.join(ROOT, "sidecar", "SecretBroker.Sidecar")
LOAD = os.path.join(ROOT, "tests", "Benchmarks", "SocketLoad")
BEGIN, END = "<!-- socket-benchmark:begin -->", "<!-- socket-benchmark:end -->"
NAME = "hf-token"
URL = f"/v1/secrets/{NAME}"
# A Hugging Face-shaped token: "hf_" + 37 letters, 40 bytes. Synthetic, not a real credential.
TOKEN = b"hf_BenchmarkTokenNotRealAbCdEfGhIjKlMnOp"




def publish(work):
    aot = os.path.join(work, "aot")
    sh(["dotnet", "publish", SIDECAR, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true",
        "--artifacts-path", os.path.join(work, "aot-build"), "-o", aot], stdout=subprocess.DEVNULL)
    load = os.path.join(work, "load")
    sh(["dotnet", "publish", LOAD, "-c", "Release", "--artifacts-path", os.path.join(work, "load-build"), "-o", load],
       stdout=subprocess.DEVNULL)
    return os.path.join(aot, "secretbroker"), os.path.join(load, "socketload")


def ensure_nginx():
    found = shutil.which("nginx") or (os.path.exists("/usr/sbin/nginx") and "/usr/sbin/nginx")
    if found:
        return found
    sh(["apt-get", "update"], stdout=subprocess.DEVNULL)
    policy = subprocess.run(["apt-cache", "policy", "nginx-light"], capture_output=True, text=True).stdout
    pkg = "nginx-light" if re.search(r"Candidate: (?!\(none\))", policy) else "nginx"
    # The package's init script may try to start a default server; in a container without init it does not.
    sh(["apt-get", "install", "-y", "--no-install-recommends", pkg], stdout=subprocess.DEVNULL,
       env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    return shutil.which("nginx") or "/usr/sbin/nginx"


def wait_ready(sock_path, proc, what, path):
    t0 = time.monotonic()
    while True:
        if proc.poll() is not None:
            raise SystemExit(f"{what} exited early ({proc.returncode})")
        r = http_get(sock_path, path)
        if r and r[0] == 200:
            return r
        if time.monotonic() - t0 > 30:
            raise SystemExit(f"{what}: not ready after 30 s ({r})")
        time.sleep(0.05)


def start_sidecar(binary, shm):
    src = os.path.join(shm, "source")
    os.makedirs(src)
    with open(os.path.join(src, NAME), "wb") as f:
        f.write(TOKEN)
    sock = os.path.join(shm, "broker.sock")
    cfg = os.path.join(shm, "secretbroker.yaml")
    with open(cfg, "w") as f:
        f.write("\n".join([
            "backends:", "  local:", "    type: file", f"    path: {src}",
            "secrets:", f"  - name: {NAME}", "    backend: local", f"    id: {NAME}", "    refresh: 5m",
            "outputs:", "  files:", f"    dir: {os.path.join(shm, 'secrets')}",
            "  socket:", f"    path: {sock}", '    mode: "0660"', "    maxConnections: 128", ""]))
    log = open(os.path.join(shm, "sidecar.log"), "wb")
    p = subprocess.Popen([binary, "run", "--config", cfg], stdout=log, stderr=subprocess.STDOUT)
    status, body = wait_ready(sock, p, "secretbroker", URL)
    if body != TOKEN:
        raise SystemExit(f"secretbroker served {body!r}, expected the token")
    return p, sock


def start_nginx(nginx, shm, workers):
    root = os.path.join(shm, "nginx")
    os.makedirs(root)
    with open(os.path.join(root, NAME), "wb") as f:
        f.write(TOKEN)
    sock = os.path.join(root, "nginx.sock")
    conf = os.path.join(root, "nginx.conf")
    temp = {k: os.path.join(root, k) for k in ["client_body", "proxy", "fastcgi", "uwsgi", "scgi"]}
    with open(conf, "w") as f:
        f.write(f"""daemon off;
user root;
worker_processes {workers};
pid {root}/nginx.pid;
error_log {root}/error.log warn;
events {{ worker_connections 1024; }}
http {{
    access_log off;
    sendfile on;
    keepalive_timeout 300s;
    keepalive_requests 100000000;
    client_body_temp_path {temp['client_body']};
    proxy_temp_path {temp['proxy']};
    fastcgi_temp_path {temp['fastcgi']};
    uwsgi_temp_path {temp['uwsgi']};
    scgi_temp_path {temp['scgi']};
    server {{
        listen unix:{sock};
        location = {URL} {{
            alias {root}/{NAME};
            default_type application/octet-stream;
        }}
    }}
}}
""")
    p = subprocess.Popen([nginx, "-c", conf, "-e", os.path.join(root, "error.log")],
                         stdout=subprocess.DEVNULL, stderr=subprocess.STDOUT)
    status, body = wait_ready(sock, p, "nginx", URL)
    if body != TOKEN:
        raise SystemExit(f"nginx served {body!r}, expected the token")
    return p, sock


def settle(limit=1.0, patience=120):
    """Waits (at most `patience` s) for the 1-minute load average to fall below `limit` after the builds; returns it.

    This is the figure that tells whether other work competes with the run: the load average during and after the
    run counts the benchmark's own generator and server threads (16 or 64 runnable at once), so it says nothing."""
    deadline = time.monotonic() + patience
    while os.getloadavg()[0] >= limit and time.monotonic() < deadline:
        time.sleep(2)
    return os.getloadavg()[0]


def run_load(load, sock, conns, warmup, duration):
    out = subprocess.run([load, "--socket", sock, "--path", URL, "--connections", str(conns),
                          "--warmup", str(warmup), "--duration", str(duration)], capture_output=True, text=True)
    if out.returncode != 0:
        raise SystemExit(f"load generator failed ({out.returncode}): {out.stdout}{out.stderr}")
    r = json.loads(out.stdout.strip().splitlines()[-1])
    if r["body_bytes"] != len(TOKEN):
        raise SystemExit(f"unexpected body length {r['body_bytes']}")
    return r




def nginx_version(nginx):
    out = subprocess.run([nginx, "-v"], capture_output=True, text=True)
    pkg = subprocess.run(["dpkg-query", "-W", "-f", "${Package} ${Version}", "nginx-light", "nginx", "nginx-core"],
                         capture_output=True, text=True).stdout
    pkgs = [l for l in pkg.splitlines() if re.match(r"\S+ \S+$", l.strip())]
    return (out.stderr.strip().replace("nginx version: ", "") + (f" (Debian package {', '.join(pkgs)})" if pkgs else ""))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--duration", type=float, default=5.0, help="measured seconds per point")
    ap.add_argument("--warmup", type=float, default=1.0, help="unmeasured seconds per point, before it")
    ap.add_argument("--connections", default="1,16,64")
    ap.add_argument("--nginx-workers", default="auto", help="nginx worker_processes (auto = one per core)")
    ap.add_argument("--rounds", type=int, default=7, help="repeat every point; cells are medians over rounds, ratios paired per round")
    add_report_arguments(ap)
    a = ap.parse_args()
    conns = [int(c) for c in a.connections.split(",")]
    announce_duration(a.rounds * len(conns) * 2 * (a.duration + a.warmup) + 150, "socket benchmark")

    nginx = ensure_nginx()
    work = tempfile.mkdtemp(prefix="sb-sockbench-build-")
    shm = tempfile.mkdtemp(prefix="sb-sockbench-", dir="/dev/shm")
    sb = ng = None
    results = {("secretbroker", c): [] for c in conns} | {("nginx", c): [] for c in conns}
    try:
        binary, load = publish(work)
        load_before = settle()
        sb, sb_sock = start_sidecar(binary, shm)
        ng, ng_sock = start_nginx(nginx, shm, a.nginx_workers)
        for _ in range(a.rounds):
            for c in conns:
                # Alternate the servers point by point so that drift in the shared machine's load hits both alike.
                for name, sock in [("nginx", ng_sock), ("secretbroker", sb_sock)]:
                    r = run_load(load, sock, c, a.warmup, a.duration)
                    results[(name, c)].append(r)
                    print(f"{name:12s} c={c:3d}: {r['rps']:>8.0f} rps  p50 {r['p50_us']:7.1f} µs  p99 {r['p99_us']:8.1f} µs",
                          flush=True)
        for p in (sb, ng):
            if p.poll() is not None:
                raise SystemExit(f"a server died during the run ({p.args[0]}: {p.returncode})")
        with open(f"/proc/{sb.pid}/status") as f:
            rss = next(int(l.split()[1]) for l in f if l.startswith("VmHWM:")) / 1024
    finally:
        stop(sb)
        stop(ng, signal.SIGQUIT)  # graceful: the master takes its workers down and removes the socket
        shutil.rmtree(shm, ignore_errors=True)
        shutil.rmtree(work, ignore_errors=True)

    def med(name, c, key):
        return statistics.median(r[key] for r in results[(name, c)])

    def ratios(c, key):
        # Paired by round: each round measured nginx and the sidecar back to back, under the same background load.
        return [s[key] / n[key] for s, n in zip(results[("secretbroker", c)], results[("nginx", c)])]

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = [BEGIN, "## Socket API throughput and latency (issue 3): `GET /v1/secrets/{name}` against nginx", "",
          f"Measured {now} on {machine()} by `python3 tests/Benchmarks/socket_benchmark.py` "
          f"({a.warmup:g} s warm-up then {a.duration:g} s measured per point, {a.rounds} round(s)"
          f"{'; each cell is the median over the rounds, each ratio the median of the per-round ratios' if a.rounds > 1 else ''}; 1-minute load average when the "
          f"measurement started, after the builds settled: {load_before:.1f}).", "",
          f"- **secretbroker**: Native AOT publish (linux-x64), file backend, one {len(TOKEN)}-byte token, "
          "`outputs.socket` mode 0660, `maxConnections: 128`; the client is the sidecar's own uid. Every request "
          "passes the `SO_PEERCRED` check (once per connection) and the folded read audit.",
          f"- **nginx** {nginx_version(nginx)}: the same {len(TOKEN)} bytes as a static file (`alias`, "
          f"`application/octet-stream`) on a Unix socket, `worker_processes {a.nginx_workers}` "
          f"(= {os.cpu_count()} here) with a master process, `access_log off`, `sendfile on`, "
          "`keepalive_requests` raised so no connection is recycled mid-run.",
          "- **load**: `tests/Benchmarks/SocketLoad` (C#, Release, JIT): N keep-alive connections, one thread each, one "
          "request in flight per connection (closed loop), pre-built request bytes, response framed by "
          "`Content-Length`; latency = send → last body byte, per request. Same generator, same run, servers "
          "alternated point by point.",
          f"- **Caveat**: the load generator shares the {os.cpu_count()} cores with the server under test (and with "
          "other work on this machine), so the absolute figures are a lower bound on throughput and include the "
          "client's own scheduling delay in latency; the ratio is the meaningful figure.", "",
          "| connections | secretbroker rps | nginx rps | **rps ratio sb/nginx** | secretbroker p50 / p99 | nginx p50 / p99 | p99 ratio sb/nginx |",
          "|---|---|---|---|---|---|---|"]
    for c in conns:
        rr, pr = ratios(c, "rps"), ratios(c, "p99_us")
        spread = f" ({min(rr):.2f}–{max(rr):.2f})" if len(rr) > 1 else ""
        md.append(f"| {c} | {med('secretbroker', c, 'rps'):,.0f} | {med('nginx', c, 'rps'):,.0f} | "
                  f"**{statistics.median(rr):.2f}**{spread} | "
                  f"{med('secretbroker', c, 'p50_us'):.0f} µs / {med('secretbroker', c, 'p99_us'):.0f} µs | "
                  f"{med('nginx', c, 'p50_us'):.0f} µs / {med('nginx', c, 'p99_us'):.0f} µs | {statistics.median(pr):.2f} |")
    if a.rounds > 1:
        md += ["", "Per round (rps sidecar / nginx = ratio; p99 sidecar / nginx):"]
        for c in conns:
            md.append(f"- {c} connection(s): " + "; ".join(
                f"{s['rps']:,.0f} / {n['rps']:,.0f} = {s['rps'] / n['rps']:.2f}; {s['p99_us']:.0f} / {n['p99_us']:.0f} µs"
                for s, n in zip(results[("secretbroker", c)], results[("nginx", c)])))
    if 16 in conns:
        rr, p99 = statistics.median(ratios(16, "rps")), med("secretbroker", 16, "p99_us")
        md += ["", f"Goal (issue 3) at 16 connections: ≥ 0.8 × nginx's throughput — **{'met' if rr >= 0.8 else 'not met'}** "
               f"({rr:.2f} ×); p99 ≤ 1 ms — **{'met' if p99 <= 1000 else 'not met'}** ({p99:.0f} µs; nginx "
               f"{med('nginx', 16, 'p99_us'):.0f} µs on the same machine).",
               "", "In a closed loop, mean latency = connections / throughput (Little's law): at 16 connections and "
               "about 40,000 rps that is already 400 µs, so on 2 shared cores the p99 at 16 and 64 connections is "
               "mostly time spent queueing for a CPU (server, generator threads and neighbours), not service time; "
               "nginx's own p99 is shown for scale. The 1-connection row is the closest to pure service time."]
    if load_before >= 1.0:
        md += ["", f"**Noisy run:** the load average was still {load_before:.1f} when the measurement started, so "
               "other work competed with both servers and the generator; look at the per-round spread before "
               "trusting any single ratio, and re-run on a quiet machine for firm figures."]
    md += ["", f"secretbroker's peak RSS (VmHWM) over the whole run: {rss:.1f} MiB.", END]
    write_block(report_path(a), BEGIN, END, md)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
"""Startup and memory of `secretbroker run`, per flavour (issues 2 and 11).

Builds the Native AOT sidecar once per flavour (`-p:SecretBrokerFlavor=files|aws|azure|vault|all`; `all` is the one
all-in-one image) and the JIT build, then measures these scenarios with N secrets:
  * files: the file backend, `outputs.files` only (every build);
  * aws+tls: `aws-secrets-manager` over IRSA against the standalone local cloud serving HTTPS (`--tls`, its CA trusted
    through SSL_CERT_FILE), `outputs.files` + `outputs.socket` (the builds that have the AWS backend and the socket);
  * aws+tls, own OpenSSL: the same with private copies of libssl/libcrypto (LD_LIBRARY_PATH), as in a pod whose
    sidecar image's libraries no other process maps. On this machine the emulators map the system OpenSSL too, and
    the kernel neither pages out nor stops counting a page another process maps (RSS counts shared pages in full).
  * azure+tls (issue 12): `azure-key-vault` over Entra workload identity against the same local cloud (Entra and Key
    Vault are always HTTPS; the projected token for api://AzureADTokenExchange signed by its OIDC issuer, AZURE_CLIENT_ID,
    AZURE_TENANT_ID, AZURE_FEDERATED_TOKEN_FILE, AZURE_AUTHORITY_HOST from endpoints.json, its CA through SSL_CERT_FILE),
    N secrets stored through the admin API, `outputs.files` + `outputs.socket` (the builds with the Azure backend).
For each: time from process start to all N secrets written (the ..data generation holds N files), resident memory
(VmRSS) 10 s after start and peak (VmHWM), medians of R runs after one unmeasured warm-up run, and where the
resident pages are (/proc/<pid>/smaps of the last run: the image's own pages, anonymous memory, each shared library).
Prints the figures as a Markdown block with the machine and date; --write-docs puts them into docs/benchmarks.md.
Duration: about 17 min with the defaults (three AOT publishes are about 8 min of it; each run lasts about 11 s);
about 24 min with --flavors files,aws,azure,all.

Usage: python3 tests/Benchmarks/startup_benchmark.py [--runs 3] [--secrets 50] [--flavors files,aws,azure,all] [--no-jit]
                                                    [--write-docs | --output FILE]
A benchmark reports figures; it is not a test and has no pass/fail threshold.
"""
import argparse
import datetime
import json
import os
import re
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request

from benchlib import add_report_arguments, announce_duration, machine, report_path, sh, stop, write_block

ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
SIDECAR = os.path.join(ROOT, "sidecar", "SecretBroker.Sidecar")
EMULATORS = os.path.join(ROOT, "tests", "SecretBroker.Emulators")
EMULATORS_DLL = os.path.join(EMULATORS, "bin", "Release", "net10.0", "SecretBroker.Emulators.dll")
BEGIN, END = "<!-- startup-benchmark:begin -->", "<!-- startup-benchmark:end -->"
SETTLE_S = 10.0  # memory is read this long after start: an idle sidecar, not one still starting
FLAVORS = {"files": "file backend, files output", "aws": "+ aws-secrets-manager, socket, loopback listener, credentials",
           "azure": "file backend, + azure-key-vault, socket, loopback listener",
           "vault": "file backend, + vault, socket, loopback listener",
           "all": "aws + azure-key-vault + vault + huggingface-oidc: the all-in-one image (default)"}
HAS_AWS = {"aws", "all", "jit"}
HAS_AZURE = {"azure", "all", "jit"}
HAS_VAULT = {"vault", "all", "jit"}


def build(work, flavor):
    """flavor None: the JIT build (all features). Returns (command, binary size or None)."""
    if flavor is None:
        out = os.path.join(work, "jit")
        sh(["dotnet", "publish", SIDECAR, "-c", "Release", "--artifacts-path", os.path.join(work, "jit-build"), "-o", out],
           stdout=subprocess.DEVNULL)
        return [os.path.join(out, "secretbroker")], None
    out = os.path.join(work, f"aot-{flavor}")
    sh(["dotnet", "publish", SIDECAR, "-c", "Release", "-r", "linux-x64", "-p:PublishAot=true", f"-p:SecretBrokerFlavor={flavor}",
        "--artifacts-path", os.path.join(work, f"aot-{flavor}-build"), "-o", out], stdout=subprocess.DEVNULL)
    binary = os.path.join(out, "secretbroker")
    return [binary], os.path.getsize(binary)


def write_files_setup(work, count):
    src = os.path.join(work, "source")
    os.makedirs(src, exist_ok=True)
    names = [f"secret-{i:03d}" for i in range(count)]
    for i, n in enumerate(names):
        with open(os.path.join(src, n), "w") as f:
            f.write(f"value-{i:03d}-" + "x" * 64)
    out = tempfile.mkdtemp(prefix="sb-bench-files-", dir="/dev/shm")
    lines = ["backends:", "  local:", "    type: file", f"    path: {src}", "secrets:"]
    for n in names:
        lines += [f"  - name: {n}", "    backend: local", f"    id: {n}", "    refresh: 5m"]
    lines += ["outputs:", "  files:", f"    dir: {os.path.join(out, 'secrets')}"]
    return write_config(out, lines), out


def write_aws_setup(count):
    out = tempfile.mkdtemp(prefix="sb-bench-aws-", dir="/dev/shm")
    lines = ["backends:", "  models:", "    type: aws-secrets-manager", "    region: us-west-2", "    identity: irsa", "secrets:"]
    for i in range(count):
        lines += [f"  - name: secret-{i:03d}", "    backend: models", f"    id: bench/secret-{i:03d}", "    key: token",
                  "    refresh: 5m"]
    lines += ["outputs:", "  files:", f"    dir: {os.path.join(out, 'secrets')}", "  socket:",
              f"    path: {os.path.join(out, 'sock', 'broker.sock')}"]
    return write_config(out, lines), out


def write_azure_setup(count):
    """The config for `count` Key Vault secrets; the vault URI is filled in once the cloud is up (write_azure_config)."""
    return tempfile.mkdtemp(prefix="sb-bench-azure-", dir="/dev/shm")


def write_azure_config(out, vault_uri, count):
    lines = ["backends:", "  kv:", "    type: azure-key-vault", f"    vaultUri: {vault_uri}", "    identity: workload-identity",
             "    refreshMode: get", "secrets:"]
    for i in range(count):
        lines += [f"  - name: secret-{i:03d}", "    backend: kv", f"    id: bench-secret-{i:03d}", "    key: token",
                  "    refresh: 5m"]
    lines += ["outputs:", "  files:", f"    dir: {os.path.join(out, 'secrets')}", "  socket:",
              f"    path: {os.path.join(out, 'sock', 'broker.sock')}"]
    return write_config(out, lines)


def write_vault_config(out, ep, count):
    """`count` KV v2 secrets from the Vault emulator over HTTPS, Kubernetes login with the pod's projected token."""
    lines = ["backends:", "  vault:", "    type: vault", f"    address: {ep['vault']}", f"    caFile: {ep['caCertificate']}",
             "    auth:", "      method: kubernetes", "      role: sidecar", f"      tokenFile: {ep['tokenFiles']['vault']}",
             "secrets:"]
    for i in range(count):
        lines += [f"  - name: secret-{i:03d}", "    backend: vault", f"    id: secret/data/bench/secret-{i:03d}", "    key: token",
                  "    refresh: 5m"]
    lines += ["outputs:", "  files:", f"    dir: {os.path.join(out, 'secrets')}", "  socket:",
              f"    path: {os.path.join(out, 'sock', 'broker.sock')}"]
    return write_config(out, lines)


def write_config(out, lines):
    cfg = os.path.join(out, "secretbroker.yaml")
    with open(cfg, "w") as f:
        f.write("\n".join(lines) + "\n")
    return cfg


def start_tls_cloud(work, count):
    """The standalone emulators with --tls and `count` secrets in Secrets Manager and in Key Vault; returns
    (process, endpoints, environment for an IRSA pod, environment for an Entra workload-identity pod)."""
    sh(["dotnet", "build", EMULATORS, "-c", "Release"], stdout=subprocess.DEVNULL)
    log = open(os.path.join(work, "cloud.log"), "wb")
    cloud = subprocess.Popen(["dotnet", EMULATORS_DLL, "--state-dir", os.path.join(work, "cloud"), "--tls"], stdout=log,
                             stderr=subprocess.STDOUT)
    endpoints = os.path.join(work, "cloud", "endpoints.json")
    deadline = time.monotonic() + 60
    while not os.path.exists(endpoints):
        if time.monotonic() > deadline or cloud.poll() is not None:
            stop(cloud)
            raise SystemExit("the emulators did not start")
        time.sleep(0.05)
    time.sleep(0.2)  # the file is written in one go; give the writer a moment to close it
    ep = json.load(open(endpoints))
    if not ep.get("caCertificate") or not ep["secretsManager"].startswith("https://"):
        stop(cloud)
        raise SystemExit("the emulators do not serve HTTPS")
    for i in range(count):
        body = json.dumps({"secretString": json.dumps({"token": f"bench-token-{i:03d}"})}).encode()
        req = urllib.request.Request(ep["admin"] + f"v1/secrets/bench/secret-{i:03d}", method="PUT", data=body)
        urllib.request.urlopen(req, timeout=10).read()
        body = json.dumps({"value": json.dumps({"token": f"bench-token-{i:03d}"})}).encode()
        req = urllib.request.Request(ep["admin"] + f"v1/azure/keyvault/secrets/bench-secret-{i:03d}", method="PUT", data=body)
        urllib.request.urlopen(req, timeout=10).read()
        body = json.dumps({"data": {"token": f"bench-token-{i:03d}"}}).encode()
        req = urllib.request.Request(ep["admin"] + f"v1/vault/kv2/bench/secret-{i:03d}", method="PUT", data=body)
        urllib.request.urlopen(req, timeout=10).read()
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AWS_", "SECRETBROKER_", "SSL_CERT_"))}
    env.update(AWS_ROLE_ARN=ep["roleArn"], AWS_WEB_IDENTITY_TOKEN_FILE=ep["tokenFiles"]["irsa"],
               AWS_ENDPOINT_URL_STS=ep["sts"], AWS_ENDPOINT_URL_SECRETS_MANAGER=ep["secretsManager"],
               AWS_EC2_METADATA_DISABLED="true", AWS_CONFIG_FILE="/dev/null", AWS_SHARED_CREDENTIALS_FILE="/dev/null",
               SSL_CERT_FILE=ep["caCertificate"])
    # What the AKS workload-identity webhook injects (a developer's own Azure settings must not steer the run).
    azure_env = {k: v for k, v in os.environ.items()
                 if not k.startswith(("AWS_", "AZURE_", "MSI_", "IDENTITY_", "SECRETBROKER_", "SSL_CERT_"))}
    azure_env.update(AZURE_CLIENT_ID=ep["azureClientId"], AZURE_TENANT_ID=ep["azureTenantId"],
                     AZURE_FEDERATED_TOKEN_FILE=ep["tokenFiles"]["azure"], AZURE_AUTHORITY_HOST=ep["entraAuthorityHost"],
                     SSL_CERT_FILE=ep["caCertificate"])
    return cloud, ep, env, azure_env


def own_openssl(work, env):
    """`env` with LD_LIBRARY_PATH on private copies of the system's libssl/libcrypto (.NET dlopens them by soname)."""
    own = os.path.join(work, "own-openssl")
    os.makedirs(own, exist_ok=True)
    for lib in ("libssl.so.3", "libcrypto.so.3"):
        found = next((os.path.join(d, lib) for d in ("/usr/lib/x86_64-linux-gnu", "/usr/lib64", "/lib/x86_64-linux-gnu")
                      if os.path.exists(os.path.join(d, lib))), None)
        if found is None:
            raise SystemExit(f"{lib} not found")
        shutil.copy(found, os.path.join(own, lib))
    return dict(env, LD_LIBRARY_PATH=own)


def all_written(out_dir, count):
    try:
        target = os.readlink(os.path.join(out_dir, "..data"))
        return len(os.listdir(os.path.join(out_dir, target))) == count
    except OSError:
        return False


def status_kib(pid, field):
    with open(f"/proc/{pid}/status") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])
    return -1


def smaps_breakdown(pid, binary):
    """Resident KiB by owner: 'image' (the executable's mappings), 'anonymous' (incl. heap and stacks), each library."""
    parts, owner = {}, None
    real = os.path.realpath(binary)
    with open(f"/proc/{pid}/smaps") as f:
        for line in f:
            if re.match(r"^[0-9a-f]+-[0-9a-f]+ ", line):
                fields = line.split(None, 5)
                path = fields[5].strip() if len(fields) > 5 else ""
                if path and os.path.realpath(path) == real:
                    owner = "image"
                elif path.startswith("/"):
                    owner = os.path.basename(path)
                else:
                    owner = "anonymous"
            elif line.startswith("Rss:"):
                parts[owner] = parts.get(owner, 0) + int(line.split()[1])
    return parts


def measure(cmd, cfg, out_dir, count, runs, env=None):
    times, rss, hwm, parts = [], [], [], {}
    for _ in range(runs):
        shutil.rmtree(os.path.join(out_dir, "secrets"), ignore_errors=True)
        t0 = time.perf_counter()
        p = subprocess.Popen(cmd + ["run", "--config", cfg], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, env=env)
        while not all_written(os.path.join(out_dir, "secrets"), count):
            if p.poll() is not None:
                raise SystemExit(f"sidecar exited early ({p.returncode}): {p.stderr.read().decode()}")
            if time.perf_counter() - t0 > 60:
                p.kill()
                raise SystemExit("timed out waiting for the secrets")
            time.sleep(0.0002)
        times.append((time.perf_counter() - t0) * 1000)
        time.sleep(max(0.0, SETTLE_S - (time.perf_counter() - t0)))
        rss.append(status_kib(p.pid, "VmRSS") / 1024)
        hwm.append(status_kib(p.pid, "VmHWM") / 1024)
        parts = smaps_breakdown(p.pid, cmd[0])
        p.send_signal(signal.SIGTERM)
        if p.wait(timeout=10) != 0:
            raise SystemExit(f"sidecar exited with {p.returncode} on SIGTERM")
    return times, rss, hwm, parts


def breakdown_text(parts):
    top = sorted(parts.items(), key=lambda kv: -kv[1])
    shown = [f"{name} {kib / 1024:.1f}" for name, kib in top[:6] if kib >= 256]
    rest = sum(kib for _, kib in top) - sum(kib for _, kib in top[:6] if kib >= 256)
    return ", ".join(shown + ([f"other {rest / 1024:.1f}"] if rest else []))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--secrets", type=int, default=50)
    ap.add_argument("--flavors", default="files,aws,all", help="AOT flavours to build and measure, comma-separated")
    ap.add_argument("--no-jit", action="store_true")
    add_report_arguments(ap)
    a = ap.parse_args()
    flavors = [f for f in a.flavors.split(",") if f]
    unknown = [f for f in flavors if f not in FLAVORS]
    if unknown:
        raise SystemExit(f"unknown flavour(s): {', '.join(unknown)} (known: {', '.join(FLAVORS)})")
    builds = [(f, f) for f in flavors] + ([] if a.no_jit else [("jit", None)])
    aws_builds = sum(1 for name, _ in builds if name in HAS_AWS)
    azure_builds = sum(1 for name, _ in builds if name in HAS_AZURE)
    vault_builds = sum(1 for name, _ in builds if name in HAS_VAULT)
    announce_duration(160 * len(flavors) + (0 if a.no_jit else 60) + 60
                      + (len(builds) + 2 * aws_builds + azure_builds + vault_builds) * (a.runs + 1) * (SETTLE_S + 1), "startup benchmark")

    work = tempfile.mkdtemp(prefix="sb-bench-build-")
    files_cfg, files_out = write_files_setup(work, a.secrets)
    aws_cfg, aws_out = write_aws_setup(a.secrets)
    azure_out = write_azure_setup(a.secrets)
    vault_out = tempfile.mkdtemp(prefix="sb-bench-vault-", dir="/dev/shm")
    cloud = None
    rows = []
    try:
        binaries = {name: build(work, flavor) for name, flavor in builds}
        if aws_builds or azure_builds or vault_builds:
            cloud, ep, aws_env, azure_env = start_tls_cloud(work, a.secrets)
            azure_cfg = write_azure_config(azure_out, ep["keyVault"], a.secrets)
            vault_cfg = write_vault_config(vault_out, ep, a.secrets)
            vault_env = {k: v for k, v in azure_env.items() if not k.startswith("AZURE_")}
        for name, _ in builds:
            cmd, size = binaries[name]
            scenarios = [("files", files_cfg, files_out, None)] + ([
                ("aws+tls", aws_cfg, aws_out, aws_env),
                ("aws+tls, own OpenSSL", aws_cfg, aws_out, own_openssl(work, aws_env)),
            ] if name in HAS_AWS else []) + ([
                ("azure+tls", azure_cfg, azure_out, azure_env),
            ] if name in HAS_AZURE else []) + ([
                ("vault+tls", vault_cfg, vault_out, vault_env),
            ] if name in HAS_VAULT else [])
            for scenario, cfg, out, env in scenarios:
                measure(cmd, cfg, out, a.secrets, 1, env)  # warm the page cache once; not counted
                t, r, h, parts = measure(cmd, cfg, out, a.secrets, a.runs, env)
                rows.append((name, size, scenario, t, r, h, parts))
                print(f"{name} / {scenario}: start→written median {statistics.median(t):.1f} ms; "
                      f"RSS at {SETTLE_S:.0f} s median {statistics.median(r):.1f} MiB ({breakdown_text(parts)})", flush=True)
    finally:
        stop(cloud)
        for d in (files_out, aws_out, azure_out, vault_out, work):
            shutil.rmtree(d, ignore_errors=True)

    now = datetime.datetime.now(datetime.timezone.utc).strftime("%Y-%m-%d %H:%M UTC")
    md = [BEGIN, "## Startup and memory per flavour (`secretbroker run`)", "",
          f"Measured {now} on {machine()} by `python3 tests/Benchmarks/startup_benchmark.py` "
          f"({a.secrets} secrets, {a.runs} runs per row after one unmeasured warm-up run; memory read {SETTLE_S:.0f} s after start). "
          "Scenarios: **files** = file backend, `outputs.files` only; **aws+tls** = `aws-secrets-manager` over IRSA against "
          "the local cloud serving HTTPS (`--tls`, CA through `SSL_CERT_FILE`), `outputs.files` + `outputs.socket`; "
          "**aws+tls, own OpenSSL** = the same with private copies of libssl/libcrypto (`LD_LIBRARY_PATH`), as in a pod "
          "whose sidecar image's libraries no other process maps (here the emulators map the system's OpenSSL, and a "
          "page another process maps is neither paged out nor left out of RSS); **azure+tls** = `azure-key-vault` over "
          "Entra workload identity against the same local cloud (Entra and Key Vault over HTTPS, CA through "
          "`SSL_CERT_FILE`; `refreshMode: get`), `outputs.files` + `outputs.socket`; **vault+tls** = `vault` (Kubernetes login, "
          "KV v2 paths, the run's CA as `caFile`) against the local cloud's Vault over HTTPS, `outputs.files` + `outputs.socket`.", "",
          "| build | binary | scenario | start → all secrets written, median (min–max) | RSS at 10 s, median (min–max) | peak RSS (VmHWM) | resident at 10 s by owner, MiB (last run) |",
          "|---|---|---|---|---|---|---|"]
    for name, size, scenario, t, r, h, parts in rows:
        label = f"`{name}` AOT ({FLAVORS[name]})" if name in FLAVORS else "JIT (framework-dependent, all features)"
        md.append(f"| {label} | {'%.1f MiB' % (size / 2**20) if size else 'needs the .NET runtime'} | {scenario} | "
                  f"{statistics.median(t):.1f} ms ({min(t):.1f}–{max(t):.1f}) | "
                  f"**{statistics.median(r):.1f} MiB** ({min(r):.1f}–{max(r):.1f}) | {statistics.median(h):.1f} MiB | {breakdown_text(parts)} |")
    md += ["", "Goals (issue 11): the `aws` flavour, aws+tls scenario ≤ 16 MiB; the `files` flavour, files scenario ≤ 12 MiB "
           "(issue 2: AOT start → written ≤ 100 ms). Vault Agent is observed at about 13 MiB resident (vault-helm#472; not "
           "measured here) and its injector requests 64Mi (and 250m CPU) per pod.", END]
    write_block(report_path(a), BEGIN, END, md)


if __name__ == "__main__":
    main()

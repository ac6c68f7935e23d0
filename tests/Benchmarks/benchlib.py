"""Helpers the benchmark scripts share: running a command visibly, and describing the machine for the report."""
import os
import platform
import re
import signal
import socket
import subprocess


def sh(cmd, **kw):
    print("+", " ".join(cmd), flush=True)
    subprocess.run(cmd, check=True, **kw)


def machine():
    cpu = "unknown"
    try:
        with open("/proc/cpuinfo") as f:
            m = re.search(r"model name\s*:\s*(.+)", f.read())
            cpu = m.group(1) if m else cpu
    except OSError:
        pass
    mem = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30
    dotnet = subprocess.run(["dotnet", "--version"], capture_output=True, text=True).stdout.strip()
    return f"{os.cpu_count()} cores ({cpu}), {mem:.0f} GiB, Linux {platform.release()}, .NET SDK {dotnet}"


def http_get(sock_path, path, timeout=2.0):
    """One GET over the Unix socket with Connection: close; returns (status, body) or None when it cannot connect."""
    try:
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as s:
            s.settimeout(timeout)
            s.connect(sock_path)
            s.sendall(f"GET {path} HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n".encode())
            data = b""
            while chunk := s.recv(65536):
                data += chunk
    except OSError:
        return None
    head, _, body = data.partition(b"\r\n\r\n")
    return int(head.split(b" ")[1]), body


def stop(p, sig=signal.SIGTERM):
    if p and p.poll() is None:
        p.send_signal(sig)
        try:
            p.wait(timeout=10)
        except subprocess.TimeoutExpired:
            p.kill()
            p.wait()


DOCS = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", "docs", "benchmarks.md"))


def add_report_arguments(ap):
    """--write-docs / --output: where the figures go. By default they are only printed: the tracked
    docs/benchmarks.md changes only when asked, so a trial run never leaves a dirty work tree."""
    ap.add_argument("--write-docs", action="store_true", help="also write the figures into docs/benchmarks.md")
    ap.add_argument("--output", default=None, help="also write the figures into this Markdown file (between markers)")


def report_path(args):
    return args.output or (DOCS if args.write_docs else None)


def announce_duration(seconds, what):
    """Says up front how long the run will take (the estimate the docstring gives, for these arguments)."""
    print(f"{what}: expected duration about {max(1, round(seconds / 60))} min ({seconds:.0f} s) on 2 cores", flush=True)


def write_block(path, begin, end, lines):
    """Prints the block; when `path` is given, replaces the text between the begin/end markers there (or appends it)."""
    block = "\n".join(lines)
    if path is None:
        print(block)
        print("(not written anywhere: pass --write-docs to update docs/benchmarks.md, or --output FILE)")
        return
    text = open(path).read() if os.path.exists(path) else "# Benchmarks\n"
    text = (re.sub(re.escape(begin) + ".*?" + re.escape(end), lambda _: block, text, flags=re.S) if begin in text
            else text.rstrip() + "\n\n" + block + "\n")
    with open(path, "w") as f:
        f.write(text)
    print(block)

"""Sends COUNT requests for /v1/secrets to a Unix socket, one connection each, and prints how many got 403.

Usage: denied_requests.py SOCKET COUNT   (run as a uid the sidecar does not allow)
"""
import socket
import sys

path, count = sys.argv[1], int(sys.argv[2])
denied = 0
for _ in range(count):
    with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as conn:
        conn.settimeout(10)
        conn.connect(path)
        conn.sendall(b"GET /v1/secrets HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n")
        answer = b""
        while chunk := conn.recv(65536):
            answer += chunk
        denied += answer.startswith(b"HTTP/1.1 403")
print(denied, flush=True)

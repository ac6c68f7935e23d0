"""A fake secretbroker on a Unix socket, for the hijack tests: every request gets 200 'impostor-value'.

Usage: impostor_socket.py SOCKET [--rename-aside]
Run it as another uid (setpriv). With --rename-aside it first renames the socket already at SOCKET to SOCKET.aside,
then binds its own in its place: the hijack a directory writable by others allows. Prints 'ready' once listening.
"""
import os
import socket
import sys

path = sys.argv[1]
if "--rename-aside" in sys.argv[2:]:
    os.rename(path, path + ".aside")

server = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
server.bind(path)
os.chmod(path, 0o666)
server.listen(16)
print("ready", flush=True)
body = b"impostor-value"
while True:
    conn, _ = server.accept()
    with conn:
        try:
            conn.recv(65536)
            conn.sendall(
                b"HTTP/1.1 200 OK\r\nContent-Type: application/octet-stream\r\nETag: \"x\"\r\n"
                + b"Content-Length: %d\r\nConnection: close\r\n\r\n" % len(body)
                + body
            )
        except OSError:
            pass  # a client that refused us hangs up first

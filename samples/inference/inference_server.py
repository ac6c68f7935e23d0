#!/usr/bin/env python3
"""A stand-in for an inference server (vLLM, TGI, a KServe predictor), with nothing secret in its environment.

It reads the Hugging Face token the way huggingface_hub does — the file at HF_TOKEN_PATH (else $HF_HOME/token),
re-read on every request — and loads "model files" from an S3-compatible store with plain boto3, whose credentials
come from the AWS SDKs' container-credentials provider (AWS_CONTAINER_CREDENTIALS_FULL_URI +
AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE, served by the secretbroker sidecar; botocore refreshes them before they
expire). Both rotate underneath it without a restart.

  GET /generate   → {"token": <fingerprint>, "credentials": <fingerprint of the access key id>, "files": {key: sha256}}
  GET /healthz    → 200

Only fingerprints (a short SHA-256 prefix) are ever printed or returned, never a token or key.
Environment: MODEL_BUCKET, MODEL_PREFIX (default ""), PORT (default 8000), and optionally AWS_ENDPOINT_URL_S3.
"""
import hashlib
import http.server
import json
import os
import sys

try:
    import boto3
    from botocore.config import Config
except ImportError as e:  # fail loudly: the sample is about an unmodified boto3
    sys.exit(f"boto3 is required: {e}")

# What the sample forbids, and why: a token in env leaks through /proc/<pid>/environ and never rotates; IRSA
# variables would make boto3 use web identity before the container provider (protocols.md §11).
for forbidden in ("HF_TOKEN", "HUGGING_FACE_HUB_TOKEN", "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_ROLE_ARN", "AWS_WEB_IDENTITY_TOKEN_FILE"):
    if os.environ.get(forbidden):
        sys.exit(f"{forbidden} is set: this server must get its credentials from files and the sidecar only")


def fingerprint(data):
    return hashlib.sha256(data if isinstance(data, bytes) else data.encode()).hexdigest()[:12]


def token_path():
    return os.environ.get("HF_TOKEN_PATH") or os.path.join(os.environ.get("HF_HOME", os.path.expanduser("~/.cache/huggingface")), "token")


def read_token():
    # As huggingface_hub's get_token(): re-read on every call, whitespace stripped, empty = none.
    try:
        with open(token_path(), encoding="utf-8") as f:
            return f.read().strip() or None
    except FileNotFoundError:
        return None


session = boto3.session.Session()
s3 = session.client("s3", config=Config(s3={"addressing_style": "path"}, retries={"max_attempts": 3}))
BUCKET = os.environ["MODEL_BUCKET"]
PREFIX = os.environ.get("MODEL_PREFIX", "")


def load_model():
    files = {}
    for page in s3.get_paginator("list_objects_v2").paginate(Bucket=BUCKET, Prefix=PREFIX):
        for obj in page.get("Contents", []):
            files[obj["Key"]] = fingerprint(s3.get_object(Bucket=BUCKET, Key=obj["Key"])["Body"].read())
    return files


class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        if self.path == "/healthz":
            self._reply(200, {"ok": True})
        elif self.path == "/generate":
            token = read_token()
            if token is None:
                self._reply(503, {"error": f"no Hugging Face token at {token_path()}"})
                return
            try:
                files = load_model()
            except Exception as e:  # the store or the credentials endpoint failed: say so, keep serving
                self._reply(503, {"error": type(e).__name__})
                return
            creds = session.get_credentials().get_frozen_credentials()
            self._reply(200, {"token": fingerprint(token), "credentials": fingerprint(creds.access_key), "files": files})
        else:
            self._reply(404, {"error": "not found"})

    def _reply(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def log_message(self, fmt, *args):
        sys.stdout.write("server: " + (fmt % args) + "\n")
        sys.stdout.flush()


if __name__ == "__main__":
    port = int(os.environ.get("PORT", "8000"))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", port), Handler)
    print(f"server: listening on 127.0.0.1:{server.server_address[1]}", flush=True)
    server.serve_forever()

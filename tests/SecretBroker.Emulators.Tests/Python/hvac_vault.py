"""Debian's python3-hvac against the Vault emulator: kubernetes login, KV v2/v1, a dynamic lease, token
self-management and the refusals hvac maps to exceptions (only when Content-Type is exactly application/json).
Prints JSON."""
import json
import os
import sys

try:
    import hvac
    import hvac.exceptions
except ImportError as e:  # fail loudly: the cross-check needs a client nobody here wrote
    sys.exit(f"hvac is required for this test (apt-get install python3-hvac): {e}")

addr = os.environ["VAULT_ADDR"]
jwt = open(os.environ["SB_VAULT_JWT_FILE"]).read()
verify = os.environ.get("SB_CA_FILE") or True
out = {}

client = hvac.Client(url=addr, verify=verify)
login = client.auth.kubernetes.login(role="sidecar", jwt=jwt)
out["login"] = {"token_set": client.token == login["auth"]["client_token"], "lease_duration": login["auth"]["lease_duration"],
                "service_account_name": login["auth"]["metadata"]["service_account_name"]}

kv2 = client.secrets.kv.v2
kv2.create_or_update_secret(path="app/db", secret={"password": "one"}, mount_point="secret")
written = kv2.create_or_update_secret(path="app/db", secret={"password": "two"}, mount_point="secret")
latest = kv2.read_secret_version(path="app/db", mount_point="secret")
first = kv2.read_secret_version(path="app/db", version=1, mount_point="secret")
metadata = kv2.read_secret_metadata(path="app/db", mount_point="secret")
listed = kv2.list_secrets(path="app", mount_point="secret")
out["kv2"] = {"written_version": written["data"]["version"], "latest": latest["data"]["data"]["password"],
              "first": first["data"]["data"]["password"], "current_version": metadata["data"]["current_version"],
              "keys": listed["data"]["keys"]}
try:
    kv2.read_secret_version(path="app/none", mount_point="secret")
    out["kv2"]["missing"] = "no exception"
except hvac.exceptions.InvalidPath:
    out["kv2"]["missing"] = "InvalidPath"

kv1 = client.secrets.kv.v1
kv1.create_or_update_secret(path="app/db", secret={"user": "app", "password": "x"}, mount_point="kv")
read = kv1.read_secret(path="app/db", mount_point="kv")
out["kv1"] = {"password": read["data"]["password"], "lease_duration": read["lease_duration"]}

creds = client.read("database/creds/readonly")
renewed = client.sys.renew_lease(lease_id=creds["lease_id"], increment=3600)
revoked = client.sys.revoke_lease(lease_id=creds["lease_id"])
try:
    client.sys.renew_lease(lease_id=creds["lease_id"])
    after = "no exception"
except hvac.exceptions.InvalidRequest as e:
    after = "InvalidRequest"
out["dynamic"] = {"lease_prefix": creds["lease_id"].rsplit("/", 1)[0], "renewable": creds["renewable"],
                  "username": creds["data"]["username"], "renewed_duration": renewed["lease_duration"],
                  "renew_warnings": renewed["warnings"], "revoke_status": getattr(revoked, "status_code", None),
                  "renew_after_revoke": after}

self_ = client.auth.token.lookup_self()
renew = client.auth.token.renew_self(increment="2h")
out["token"] = {"path": self_["data"]["path"], "ttl": self_["data"]["ttl"], "renewed": renew["auth"]["lease_duration"]}

refusals = {}
for name, token in (("irsa_audience", open(os.environ["SB_IRSA_JWT_FILE"]).read()),):
    try:
        hvac.Client(url=addr, verify=verify).auth.kubernetes.login(role="sidecar", jwt=token)
        refusals[name] = "no exception"
    except hvac.exceptions.Forbidden as e:
        refusals[name] = ["Forbidden", e.errors]
try:
    hvac.Client(url=addr, verify=verify).auth.kubernetes.login(role="nope", jwt=jwt)
    refusals["unknown_role"] = "no exception"
except hvac.exceptions.InvalidRequest as e:
    refusals["unknown_role"] = ["InvalidRequest", e.errors]
client.auth.token.revoke_self()
try:
    kv2.read_secret_version(path="app/db", mount_point="secret")
    refusals["revoked_token"] = "no exception"
except hvac.exceptions.Forbidden as e:
    refusals["revoked_token"] = ["Forbidden", e.errors]
try:
    hvac.Client(url=addr, verify=verify).secrets.kv.v2.read_secret_version(path="app/db", mount_point="secret")
    refusals["no_token"] = "no exception"
except hvac.exceptions.Forbidden as e:
    refusals["no_token"] = ["Forbidden", e.errors]
out["refusals"] = refusals
print(json.dumps(out))

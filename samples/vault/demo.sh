#!/usr/bin/env bash
# SecretBroker on HashiCorp Vault, end to end, on a laptop: the local cloud (an OIDC issuer signing the pod's projected
# token and a strict Vault emulator — tests/SecretBroker.Emulators) plus the real sidecar running
# samples/vault/secretbroker.yaml with the Kubernetes auth method.
# It shows check, delivery to tmpfs files and the Unix socket, a new KV v2 version arriving end to end, a dynamic
# database lease renewed and then re-minted as one generation, and the lease revoked when the sidecar stops.
#
#   samples/vault/demo.sh [--no-build]
#
# Needs the .NET 10 SDK, curl and python3. Everything lives in a fresh directory under /dev/shm (tmpfs) and is
# removed at exit. The secret values are demo placeholders; printing them here is the point of a demo.
set -euo pipefail

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,11p' "$0"; exit 0 ;;
    *) echo "demo: unknown argument '$arg' (expected --no-build)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/samples/demo-lib.sh"

build_demo

# A developer's own Vault settings must not steer the demo.
unset VAULT_ADDR VAULT_TOKEN VAULT_NAMESPACE VAULT_CACERT 2>/dev/null || true

make_demo_dir
start_local_cloud
vault=$(json "$endpoints" 'd["vault"]')
token_file=$(json "$endpoints" 'd["tokenFiles"]["vault"]')
echo "Vault $vault; the pod's projected token (audience vault) at $token_file"

put() { curl -fsS -X PUT "${admin}$1" -d "$2"; echo; }

say "Vault setup: the role, a KV v2 secret, a database role with short leases"
# The role the sample logs in with, bound to the service account the emulator's projected token names (apps/broker).
put v1/vault/roles/kubernetes/inference '{"boundServiceAccountNames":["broker"],"boundServiceAccountNamespaces":["apps"],"audience":"vault","ttlSeconds":3600,"maxTtlSeconds":86400,"policies":["inference"]}'
put v1/vault/kv2/inference/huggingface '{"data":{"token":"hf_demo_first_0001"}}'
# Leases of 6 s that can be renewed up to 15 s in all: the demo shows a renewal, then a fresh credential.
put v1/vault/roles/database/readonly '{"ttlSeconds":6,"maxTtlSeconds":15}'

# The sample config as a pod would get it, with Vault moved to the emulator (plain HTTP is accepted only on
# loopback), the token file and paths moved into the demo directory, a 2 s refresh, this user allowed on the socket.
config="$demo/secretbroker.yaml"
sed -e "s#address: https://vault.vault.svc:8200#address: $vault#" \
    -e "s#tokenFile: /var/run/secrets/vault/token#tokenFile: $token_file#" \
    -e "s#/var/run/secretbroker#$demo/run#g" \
    -e 's#refresh: [0-9]*m\( .*\)\{0,1\}$#refresh: 2s#' \
    -e "s#allowUids: \[1000\]#allowUids: [$(id -u)]#" \
    "$root/samples/vault/secretbroker.yaml" >"$config"

say "secretbroker check (login + one read of each secret; never a value or a token)"
dotnet "$sidecar_dll" check --config "$config"

say "secretbroker run"
dotnet "$sidecar_dll" run --config "$config" >"$demo/sidecar.log" 2>&1 &
sidecar_pid=$!
secrets="$demo/run/secrets"
socket="$demo/run/broker.sock"
file_is() { [[ -f $secrets/$1 && $(cat "$secrets/$1") == "$2" ]]; }
wait_for 60 file_is hf-token hf_demo_first_0001 || { cat "$demo/sidecar.log" >&2; fail "hf-token never appeared in $secrets/hf-token"; }
wait_for 30 test -S "$socket" || fail "no socket at $socket"
echo "file   $secrets/hf-token = $(cat "$secrets/hf-token")"
echo "file   $secrets/hf/token = $(cat "$secrets/hf/token")   (profile: huggingface, for HF_HOME)"
echo "file   $secrets/db-username = $(cat "$secrets/db-username"), db-password = $(cat "$secrets/db-password")"
echo "socket $(curl -fsS --unix-socket "$socket" -H 'Accept: application/json' http://localhost/v1/secrets/hf-token)"

say "Writing a new KV v2 version of the Hugging Face token"
started=$(date +%s%N)
put v1/vault/kv2/inference/huggingface '{"data":{"token":"hf_demo_rotated_0002"}}' >/dev/null
wait_for 15 file_is hf-token hf_demo_rotated_0002 || fail "the new version did not reach the file"
echo "file: new version visible after $(( ($(date +%s%N) - started) / 1000000 )) ms (refresh 2 s)"

say "The database lease: renewed at about 2/3 of its 6 s, re-minted before its 15 s cap, both files swapped together"
first_user=$(cat "$secrets/db-username")
wait_for 40 bash -c "[[ \$(cat '$secrets/db-username') != '$first_user' ]]" || fail "the database credential was never re-minted"
echo "db-username: $first_user -> $(cat "$secrets/db-username")"
curl -fsS "${admin}v1/vault/leases" | python3 -c '
import json, sys
for lease in json.load(sys.stdin)["leases"]:
    print("lease {leaseId}: user {username}, renewals {renewals}, live {live}".format(**lease))'

say "What the sidecar cost Vault (emulator request counters)"
curl -fsS "${admin}v1/counters" | python3 -c '
import json, sys
ops = json.load(sys.stdin)["operations"]
for op, outcomes in sorted(ops.items()):
    if op.startswith("vault."):
        print(f"{op:28} " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))'

say "Stopping the sidecar (SIGTERM): revokeOnShutdown revokes its lease and token"
current_user=$(cat "$secrets/db-username")
kill -TERM "$sidecar_pid"
status=0; wait "$sidecar_pid" || status=$?
sidecar_pid=''
echo "secretbroker exited with $status"
(( status == 0 )) || { cat "$demo/sidecar.log" >&2; fail "unclean stop"; }
live=$(curl -fsS "${admin}v1/vault/leases" | python3 -c '
import json, sys
print(sum(1 for lease in json.load(sys.stdin)["leases"] if lease["username"] == sys.argv[1] and lease["live"]))' "$current_user")
echo "live leases for $current_user after the stop: $live"
(( live == 0 )) || fail "the lease outlived the sidecar"
say "Demo complete (vault)"

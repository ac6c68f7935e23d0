#!/usr/bin/env bash
# SecretBroker on Azure, end to end, on a laptop: the local cloud (OIDC issuer, Microsoft Entra's token endpoint and
# Azure Key Vault, both over HTTPS with a CA made for the run — tests/SecretBroker.Emulators) plus the real sidecar
# running samples/azure/secretbroker.yaml with Entra workload identity.
# It shows check, delivery to a tmpfs file and the Unix socket, and a new Key Vault version arriving end to end.
#
#   samples/azure/demo.sh [--no-build]
#
# Needs the .NET 10 SDK, curl and python3. Everything lives in a fresh directory under /dev/shm (tmpfs) and is
# removed at exit. The secret values are demo placeholders; printing them here is the point of a demo.
set -euo pipefail

build=1
for arg in "$@"; do
  case "$arg" in
    --no-build) build=0 ;;
    -h|--help) sed -n '2,10p' "$0"; exit 0 ;;
    *) echo "demo: unknown argument '$arg' (expected --no-build)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/samples/demo-lib.sh"

build_demo

# A developer's real Azure settings must not steer the demo: only what the pod would get is set below.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(AZURE_|MSI_|IDENTITY_)' || true)

make_demo_dir
start_local_cloud
vault=$(json "$endpoints" 'd["keyVault"]')
echo "Key Vault $vault, Entra $(json "$endpoints" 'd["entraAuthorityHost"]')"

set_secret() { # name, value: a new version through the admin API (as a PUT to the vault would); prints the version
  local body
  body=$(python3 -c 'import json,sys; print(json.dumps({"value": sys.argv[1]}))' "$2")
  curl -fsS -X PUT "${admin}v1/azure/keyvault/secrets/$1" -d "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["version"])'
}

say "Storing hf-token and model-store in the Key Vault emulator"
first_version=$(set_secret hf-token 'hf_demo_first_0001')
set_secret model-store '{"accountName":"demomodels","accountKey":"demo-model-store-key"}' >/dev/null
echo "hf-token version = $first_version"

# The sample config as a pod would get it, with the vault moved to the emulator, paths moved into the demo
# directory, a 2 s refresh so the rotation shows quickly, this user allowed on the socket and the loopback listener
# on a free port.
config="$demo/secretbroker.yaml"
sed -e "s#vaultUri: https://myvault.vault.azure.net/#vaultUri: $vault#" \
    -e "s#/var/run/secretbroker#$demo/run#g" \
    -e 's#refresh: [0-9]*m$#refresh: 2s#' \
    -e "s#allowUids: \[1000\]#allowUids: [$(id -u)]#" \
    -e 's#listen: "127.0.0.1:8787"#listen: "127.0.0.1:0"#' \
    "$root/samples/azure/secretbroker.yaml" >"$config"

# What pod.yaml gives the sidecar, pointed at the emulators; SSL_CERT_FILE makes the run's CA the trusted one (the
# sidecar validates Entra's and the vault's certificates as usual: nothing is switched off).
export AZURE_CLIENT_ID=$(json "$endpoints" 'd["azureClientId"]')
export AZURE_TENANT_ID=$(json "$endpoints" 'd["azureTenantId"]')
export AZURE_FEDERATED_TOKEN_FILE=$(json "$endpoints" 'd["tokenFiles"]["azure"]')
export AZURE_AUTHORITY_HOST=$(json "$endpoints" 'd["entraAuthorityHost"]')
export SSL_CERT_FILE=$(json "$endpoints" 'd["caCertificate"]')
echo "workload identity: client $AZURE_CLIENT_ID, tenant $AZURE_TENANT_ID, projected token $AZURE_FEDERATED_TOKEN_FILE"

say "secretbroker check (Entra exchange + one fetch of each secret; never a value)"
dotnet "$sidecar_dll" check --config "$config"

say "secretbroker run"
dotnet "$sidecar_dll" run --config "$config" >"$demo/sidecar.log" 2>&1 &
sidecar_pid=$!
secret_file="$demo/run/secrets/hf-token"
socket="$demo/run/broker.sock"
file_is() { [[ -f $secret_file && $(cat "$secret_file") == "$1" ]]; }
wait_for 60 file_is hf_demo_first_0001 || { cat "$demo/sidecar.log" >&2; fail "hf-token never appeared in $secret_file"; }
wait_for 30 test -S "$socket" || fail "no socket at $socket"
port=$(grep -o '"Port":[0-9]*' "$demo/sidecar.log" | head -1 | cut -d: -f2)
echo "file   $secret_file = $(cat "$secret_file")"
echo "file   $demo/run/secrets/hf/token = $(cat "$demo/run/secrets/hf/token")   (profile: huggingface, for HF_HOME)"
echo "file   $demo/run/secrets/model-store-key = $(cat "$demo/run/secrets/model-store-key")   (key: accountKey)"
echo "socket $(curl -fsS --unix-socket "$socket" -H 'Accept: application/json' http://localhost/v1/secrets/hf-token)"
ls -la "$demo/run/secrets"

say "Setting a new version of hf-token while a client long-polls the socket"
etag=$(curl -fsS --unix-socket "$socket" -o /dev/null -D - http://localhost/v1/secrets/hf-token | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
curl -fsS --unix-socket "$socket" -H "If-None-Match: $etag" "http://localhost/v1/secrets/hf-token?wait=30" \
  >"$demo/long-poll.out" &
poll_pid=$!
started=$(date +%s%N)
new_version=$(set_secret hf-token 'hf_demo_rotated_0002')
wait_for 15 file_is hf_demo_rotated_0002 || fail "the new version did not reach the file"
echo "file: new version visible after $(( ($(date +%s%N) - started) / 1000000 )) ms (refresh 2 s); version = $new_version"
wait "$poll_pid" || fail "the long poll failed"
echo "long poll returned: $(cat "$demo/long-poll.out")"
echo "socket get: $(dotnet "$sidecar_dll" get hf-token --socket "$socket")"

if [[ -n $port ]]; then
  say "Metrics (http://127.0.0.1:$port/metrics)"
  curl -fsS "http://127.0.0.1:$port/metrics" | grep -E '^secretbroker_(secret_age_seconds|refreshes_total|secrets_stale)' || true
fi

say "What the sidecar cost Entra and the vault (emulator request counters)"
curl -fsS "${admin}v1/counters" | python3 -c '
import json, sys
ops = json.load(sys.stdin)["operations"]
for op, outcomes in sorted(ops.items()):
    if op.startswith(("entra.", "keyvault.")):
        print(f"{op:28} " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))'

say "Stopping the sidecar (SIGTERM)"
kill -TERM "$sidecar_pid"
status=0; wait "$sidecar_pid" || status=$?
sidecar_pid=''
echo "secretbroker exited with $status"
(( status == 0 )) || { cat "$demo/sidecar.log" >&2; fail "unclean stop"; }
say "Demo complete (azure)"

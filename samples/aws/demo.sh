#!/usr/bin/env bash
# SecretBroker on AWS, end to end, on a laptop: the local cloud (OIDC issuer, STS, Secrets Manager, the EKS Pod
# Identity agent — tests/SecretBroker.Emulators) plus the real sidecar running samples/aws/<mode>.yaml.
# It shows the identity exchange, delivery to a tmpfs file and the Unix socket, and a rotation end to end.
#
#   samples/aws/demo.sh [irsa|pod-identity] [--no-build]
#
# Needs the .NET 10 SDK, curl and python3. Everything lives in a fresh directory under /dev/shm (tmpfs) and is
# removed at exit. The secret values are demo placeholders; printing them here is the point of a demo.
set -euo pipefail

mode=irsa
build=1
for arg in "$@"; do
  case "$arg" in
    irsa|pod-identity) mode=$arg ;;
    --no-build) build=0 ;;
    -h|--help) sed -n '2,9p' "$0"; exit 0 ;;
    *) echo "demo: unknown argument '$arg' (expected irsa, pod-identity or --no-build)" >&2; exit 2 ;;
  esac
done

root=$(cd "$(dirname "$0")/../.." && pwd)
source "$root/samples/demo-lib.sh"

build_demo

# A developer's real AWS settings must not steer the demo: only what the pod would get is set below.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep '^AWS_' || true)

make_demo_dir
start_local_cloud

put_secret() { # name, secretString
  local body
  body=$(python3 -c 'import json,sys; print(json.dumps({"secretString": sys.argv[1]}))' "$2")
  curl -fsS -X PUT "${admin}v1/secrets/$1" -d "$body" | python3 -c 'import json,sys; print(json.load(sys.stdin)["versionId"])'
}

say "Storing prod/huggingface and prod/model-store in the Secrets Manager emulator"
first_version=$(put_secret prod/huggingface '{"token":"hf_demo_first_0001"}')
put_secret prod/model-store '{"accessKeyId":"AKIADEMO","secretAccessKey":"demo-model-store-key"}' >/dev/null
echo "prod/huggingface AWSCURRENT = $first_version"

# The sample config as a pod would get it, with paths moved into the demo directory, a 2 s refresh so the
# rotation shows quickly, this user allowed on the socket and the loopback listener on a free port.
config="$demo/secretbroker.yaml"
sed -e "s#/var/run/secretbroker#$demo/run#g" \
    -e 's#refresh: [0-9]*m$#refresh: 2s#' \
    -e "s#allowUids: \[1000\]#allowUids: [$(id -u)]#" \
    -e 's#listen: "127.0.0.1:8787"#listen: "127.0.0.1:0"#' \
    "$root/samples/aws/$mode.yaml" >"$config"

if [[ $mode == irsa ]]; then
  export AWS_ROLE_ARN=$(json "$endpoints" 'd["roleArn"]')
  export AWS_WEB_IDENTITY_TOKEN_FILE=$(json "$endpoints" 'd["tokenFiles"]["irsa"]')
  export AWS_ENDPOINT_URL_STS=$(json "$endpoints" 'd["sts"]')
  echo "IRSA: role $AWS_ROLE_ARN, projected token $AWS_WEB_IDENTITY_TOKEN_FILE"
else
  export AWS_CONTAINER_CREDENTIALS_FULL_URI=$(json "$endpoints" 'd["podIdentityCredentialsUri"]')
  export AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE=$(json "$endpoints" 'd["tokenFiles"]["pod-identity"]')
  echo "Pod Identity: agent $AWS_CONTAINER_CREDENTIALS_FULL_URI, token $AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE"
fi
export AWS_ENDPOINT_URL_SECRETS_MANAGER=$(json "$endpoints" 'd["secretsManager"]')
export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null

say "secretbroker check (identity exchange + one fetch of each secret; never a value)"
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
echo "socket $(curl -fsS --unix-socket "$socket" -H 'Accept: application/json' http://localhost/v1/secrets/hf-token)"
ls -la "$demo/run/secrets"

say "Rotating prod/huggingface (a new AWSCURRENT) while a client long-polls the socket"
etag=$(curl -fsS --unix-socket "$socket" -o /dev/null -D - http://localhost/v1/secrets/hf-token | tr -d '\r' | sed -n 's/^[Ee][Tt]ag: //p')
curl -fsS --unix-socket "$socket" -H "If-None-Match: $etag" "http://localhost/v1/secrets/hf-token?wait=30" \
  >"$demo/long-poll.out" &
poll_pid=$!
started=$(date +%s%N)
new_version=$(put_secret prod/huggingface '{"token":"hf_demo_rotated_0002"}')
wait_for 15 file_is hf_demo_rotated_0002 || fail "the rotation did not reach the file"
echo "file: rotation visible after $(( ($(date +%s%N) - started) / 1000000 )) ms (refresh 2 s); AWSCURRENT = $new_version"
wait "$poll_pid" || fail "the long poll failed"
echo "long poll returned: $(cat "$demo/long-poll.out")"
echo "socket get: $(dotnet "$sidecar_dll" get hf-token --socket "$socket")"

if [[ -n $port ]]; then
  say "Metrics (http://127.0.0.1:$port/metrics)"
  curl -fsS "http://127.0.0.1:$port/metrics" | grep -E '^secretbroker_(secret_age_seconds|refreshes_total|secrets_stale)' || true
fi

say "What the sidecar cost the backend (emulator request counters)"
curl -fsS "${admin}v1/counters"; echo

say "Stopping the sidecar (SIGTERM)"
kill -TERM "$sidecar_pid"
status=0; wait "$sidecar_pid" || status=$?
sidecar_pid=''
echo "secretbroker exited with $status"
(( status == 0 )) || { cat "$demo/sidecar.log" >&2; fail "unclean stop"; }
say "Demo complete ($mode)"

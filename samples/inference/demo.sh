#!/usr/bin/env bash
# An inference pod on a laptop: the local cloud (OIDC issuer, STS, Secrets Manager, S3 — tests/SecretBroker.Emulators),
# the real sidecar running samples/inference/secretbroker.yaml, and a stand-in inference server
# (samples/inference/inference_server.py) started with nothing secret in its environment. The server reads the
# Hugging Face token file on every request and downloads "model files" from S3 with plain boto3, whose credentials
# come from the sidecar's container-credentials route. Both rotate underneath it; it is never restarted.
#
#   samples/inference/demo.sh [--no-build]
#
# Needs the .NET 10 SDK, curl and python3 with boto3. Everything lives in a fresh directory under /dev/shm (tmpfs) and
# is removed at exit. Only fingerprints (a SHA-256 prefix) of tokens and keys are printed, as a real server would.
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
here="$root/samples/inference"
source "$root/samples/demo-lib.sh"
session_seconds=20   # the emulator's AssumeRole sessions (real STS: 15 min to 1 h); the sidecar renews at 2/3
field() { python3 -c 'import json,sys; print(json.load(sys.stdin)[sys.argv[1]])' "$1"; }
fingerprint() { printf '%s' "$1" | sha256sum | cut -c1-12; }

command -v python3 >/dev/null && python3 -c 'import boto3' 2>/dev/null || fail "python3 with boto3 is required"
python=$(python3 -c 'import sys; print(sys.executable)')   # the interpreter itself (not a pyenv shim), so the environment shown is the server's
build_demo

# A developer's real AWS settings must not steer the demo: only what the pod would get is set below.
while IFS= read -r name; do unset "$name"; done < <(compgen -e | grep -E '^(AWS_|HF_|HUGGING)' || true)

demo=$(mktemp -d /dev/shm/secretbroker-inference.XXXXXX)
cloud_pid='' sidecar_pid='' server_pid=''
cleanup() {
  [[ -n $server_pid ]] && kill "$server_pid" 2>/dev/null && wait "$server_pid" 2>/dev/null
  [[ -n $sidecar_pid ]] && kill "$sidecar_pid" 2>/dev/null && wait "$sidecar_pid" 2>/dev/null
  [[ -n $cloud_pid ]] && kill "$cloud_pid" 2>/dev/null && wait "$cloud_pid" 2>/dev/null
  rm -rf "$demo"
}
trap cleanup EXIT

say "Starting the local cloud (AssumeRole sessions last ${session_seconds} s)"
dotnet "$emulators_dll" --state-dir "$demo/cloud" --assume-role-session-lifetime "$session_seconds" >"$demo/cloud.log" 2>&1 &
cloud_pid=$!
endpoints="$demo/cloud/endpoints.json"
wait_for 60 test -s "$endpoints" || { cat "$demo/cloud.log" >&2; fail "the emulators did not write $endpoints"; }
admin=$(json "$endpoints" 'd["admin"]')
model_role=$(json "$endpoints" 'd["modelStoreRoleArn"]')

put_secret() { # name, secretString
  local body
  body=$(python3 -c 'import json,sys; print(json.dumps({"secretString": sys.argv[1]}))' "$2")
  curl -fsS -X PUT "${admin}v1/secrets/$1" -d "$body" | field versionId
}

say "Storing the Hugging Face token (Secrets Manager) and the model files (S3, readable only by $model_role)"
first_token=hf_InferenceDemoFirstToken0001
put_secret prod/huggingface "{\"token\":\"$first_token\"}" >/dev/null
curl -fsS -X PUT "${admin}v1/s3/models" -d "{\"allowedRoles\":[\"$model_role\"]}" >/dev/null
curl -fsS -X PUT "${admin}v1/s3/models/llama/config.json" -d '{"text":"{\"architectures\":[\"LlamaForCausalLM\"]}","contentType":"application/json"}' >/dev/null
curl -fsS -X PUT "${admin}v1/s3/models/llama/model.safetensors" -d '{"base64":"AAECAwQFBgcICQoLDA0ODw=="}' >/dev/null
echo "hf token fingerprint $(fingerprint "$first_token"); s3://models/llama/{config.json,model.safetensors}"

# The sample config as the pod gets it, with its paths moved into the demo directory, the demo cloud's model-store
# role, this user's group for the files, a 2 s refresh so the rotation shows quickly and the listener on a free port.
config="$demo/secretbroker.yaml"
sed -e "s#/var/run/secretbroker#$demo/run#g" \
    -e "s#roleArn: .*#roleArn: $model_role#" \
    -e "s#group: 2000 #group: $(id -g) #" \
    -e 's#refresh: 1m$#refresh: 2s#' \
    -e 's#listen: "127.0.0.1:8787"#listen: "127.0.0.1:0"#' \
    "$here/secretbroker.yaml" >"$config"

say "secretbroker run (IRSA on the sidecar only; pod identity from the downward API)"
(
  export AWS_ROLE_ARN=$(json "$endpoints" 'd["roleArn"]')
  export AWS_WEB_IDENTITY_TOKEN_FILE=$(json "$endpoints" 'd["tokenFiles"]["irsa"]')
  export AWS_ENDPOINT_URL_STS=$(json "$endpoints" 'd["sts"]')
  export AWS_ENDPOINT_URL_SECRETS_MANAGER=$(json "$endpoints" 'd["secretsManager"]')
  export AWS_EC2_METADATA_DISABLED=true AWS_CONFIG_FILE=/dev/null AWS_SHARED_CREDENTIALS_FILE=/dev/null
  export SECRETBROKER_POD_NAMESPACE=inference SECRETBROKER_POD_NAME=vllm-demo-0 SECRETBROKER_POD_SERVICE_ACCOUNT=inference
  exec dotnet "$sidecar_dll" run --config "$config"
) >"$demo/sidecar.log" 2>&1 &
sidecar_pid=$!
secrets="$demo/run/secrets"
wait_for 60 test -f "$secrets/hf-token" || { cat "$demo/sidecar.log" >&2; fail "hf-token never appeared in $secrets"; }
wait_for 30 dotnet "$sidecar_dll" probe ready --socket "$demo/run/broker.sock" --socket-uid "$(id -u)" \
  || { cat "$demo/sidecar.log" >&2; fail "the sidecar never became ready"; }
port=$(grep -o '"Port":[0-9]*' "$demo/sidecar.log" | head -1 | cut -d: -f2)
[[ -n $port ]] || fail "no listening port in the sidecar's log"
echo "ready (secretbroker probe ready: exit 0); loopback listener on 127.0.0.1:$port"
( cd "$secrets" && ls -l hf-token hf hf/ aws-credentials-token | sed 's/^/  /' )

say "Starting the inference server with only these variables (no HF_TOKEN, no AWS keys, no IRSA)"
env -i PATH="$PATH" HOME="$demo/home" PYTHONUNBUFFERED=1 PORT=0 MODEL_BUCKET=models MODEL_PREFIX=llama/ \
  HF_TOKEN_PATH="$secrets/hf-token" HF_HOME="$secrets/hf" \
  AWS_CONTAINER_CREDENTIALS_FULL_URI="http://127.0.0.1:$port/v1/credentials/aws/model-store" \
  AWS_CONTAINER_AUTHORIZATION_TOKEN_FILE="$secrets/aws-credentials-token" \
  AWS_ENDPOINT_URL_S3="$(json "$endpoints" 'd["s3"]')" AWS_DEFAULT_REGION=us-west-2 AWS_EC2_METADATA_DISABLED=true \
  "$python" "$here/inference_server.py" >"$demo/server.log" 2>&1 &
server_pid=$!
wait_for 30 grep -q 'listening on' "$demo/server.log" || { cat "$demo/server.log" >&2; fail "the server did not start"; }
server=$(grep -o 'listening on [0-9.:]*' "$demo/server.log" | head -1 | cut -d' ' -f3)
echo "server environment (names): $(tr '\0' '\n' <"/proc/$server_pid/environ" | cut -d= -f1 | sort | tr '\n' ' ')"
if tr '\0' '\n' <"/proc/$server_pid/environ" | grep -q "$first_token"; then fail "the token is in the server's environment"; fi

generate() { curl -fsS "http://$server/generate"; }
token_of() { generate | field token; }
credentials_of() { generate | field credentials; }

say "First request"
first=$(generate)
echo "$first"
first_credentials=$(field credentials <<<"$first")
[[ $(field token <<<"$first") == "$(fingerprint "$first_token")" ]] || fail "the server did not read the first token"

say "Rotating the Hugging Face token in Secrets Manager (server pid $server_pid keeps running)"
second_token=hf_InferenceDemoRotatedToken02
put_secret prod/huggingface "{\"token\":\"$second_token\"}" >/dev/null
started=$(date +%s%N)
token_is() { [[ $(token_of) == "$1" ]]; }
wait_for 30 token_is "$(fingerprint "$second_token")" || fail "the server never saw the rotated token"
echo "token: the server read the rotated token after $(( ($(date +%s%N) - started) / 1000000 )) ms: $(generate)"
echo "hf/token (HF_HOME) now fingerprints $(fingerprint "$(cat "$secrets/hf/token")")"

say "Waiting for the model-store credentials to rotate (the sidecar replaces the ${session_seconds} s session ahead of expiry)"
started=$(date +%s%N)
credentials_moved() { local now; now=$(credentials_of) && [[ $now != "$first_credentials" ]]; }
wait_for 60 credentials_moved || fail "the server never got new model-store credentials"
echo "credentials: new access key after $(( ($(date +%s%N) - started) / 1000000 )) ms: $(generate)"
kill -0 "$server_pid" || fail "the server died"
echo "the server was never restarted (pid $server_pid)"

say "What it cost (emulator request counters)"
curl -fsS "${admin}v1/counters" | python3 -c '
import json, sys
operations = json.load(sys.stdin)["operations"]
for name, outcomes in operations.items():
    print(f"  {name}: " + ", ".join(f"{outcome} {count}" for outcome, count in sorted(outcomes.items())))
'

say "Stopping (SIGTERM)"
kill -TERM "$server_pid"; wait "$server_pid" 2>/dev/null || true; server_pid=''
kill -TERM "$sidecar_pid"
status=0; wait "$sidecar_pid" || status=$?
sidecar_pid=''
echo "secretbroker exited with $status"
(( status == 0 )) || { cat "$demo/sidecar.log" >&2; fail "unclean stop"; }
if grep -q -e "$first_token" -e "$second_token" "$demo/sidecar.log" "$demo/server.log"; then fail "a token reached a log"; fi
say "Demo complete (inference)"

# Shared by the samples' demo.sh scripts (sourced, not run): where the built sidecar and emulators are, and the small
# helpers every demo uses. Expects $root (the repository) to be set by the caller.
configuration=${DEMO_CONFIGURATION:-Release}
emulators_dll="$root/tests/SecretBroker.Emulators/bin/$configuration/net10.0/SecretBroker.Emulators.dll"
sidecar_dll="$root/sidecar/SecretBroker.Sidecar/bin/$configuration/net10.0/secretbroker.dll"

say() { printf '\n\033[1m== %s\033[0m\n' "$*"; }
fail() { echo "demo: $*" >&2; exit 1; }

# Wait until a command succeeds, at most $1 seconds (polling every 50 ms).
wait_for() {
  local seconds=$1; shift
  local deadline=$(( $(date +%s%N) + seconds * 1000000000 ))
  until "$@" >/dev/null 2>&1; do
    (( $(date +%s%N) < deadline )) || return 1
    sleep 0.05
  done
}

# json FILE EXPR: evaluates EXPR over the JSON document d in FILE, e.g. json endpoints.json 'd["admin"]'.
json() { python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print(eval(sys.argv[2], {}, {"d": d}))' "$@"; }

# Builds the emulators and the sidecar unless the caller passed --no-build ($build = 0), then checks both exist.
build_demo() {
  if (( build )); then
    say "Building the emulators and the sidecar ($configuration)"
    dotnet build "$root/tests/SecretBroker.Emulators" -c "$configuration" -nologo -v quiet
    dotnet build "$root/sidecar/SecretBroker.Sidecar" -c "$configuration" -nologo -v quiet
  fi
  [[ -f $emulators_dll && -f $sidecar_dll ]] || fail "not built: run without --no-build (looked for $sidecar_dll)"
}

# Makes $demo, a fresh directory on tmpfs removed at exit, and stops at exit whatever still runs of the processes
# whose pids the demo keeps in cloud_pid and sidecar_pid (a demo clears sidecar_pid once it stopped the sidecar itself).
make_demo_dir() {
  demo=$(mktemp -d /dev/shm/secretbroker-demo.XXXXXX)
  cloud_pid='' sidecar_pid=''
  trap demo_cleanup EXIT
}

demo_cleanup() {
  [[ -n $sidecar_pid ]] && kill "$sidecar_pid" 2>/dev/null && wait "$sidecar_pid" 2>/dev/null
  [[ -n $cloud_pid ]] && kill "$cloud_pid" 2>/dev/null && wait "$cloud_pid" 2>/dev/null
  rm -rf "$demo"
}

# Starts the standalone emulators with their state in $demo/cloud (extra arguments are passed on) and waits for their
# endpoints.json; sets cloud_pid, endpoints and admin (the admin API's base URL).
start_local_cloud() {
  say "Starting the local cloud (state in $demo/cloud)"
  dotnet "$emulators_dll" --state-dir "$demo/cloud" "$@" >"$demo/cloud.log" 2>&1 &
  cloud_pid=$!
  endpoints="$demo/cloud/endpoints.json"
  wait_for 60 test -s "$endpoints" || { cat "$demo/cloud.log" >&2; fail "the emulators did not write $endpoints"; }
  admin=$(json "$endpoints" 'd["admin"]')
  echo "endpoints: $endpoints"
}

#!/usr/bin/env bash
# Cold start: process start to the first /healthz 200, with the index already on disk (reused).
# usage: bench/http/cold-start.sh [RUNS=7]   (from anywhere; the published Release app)
set -euo pipefail
runs=${1:-7}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=$(mktemp -d)
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null; rm -rf "$work"' EXIT
dotnet publish "$root/src/Bot" -c Release -o "$work/app" -nologo -v q >"$work/publish.log"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
export ASPNETCORE_ENVIRONMENT=Production Knowledge__IndexPath="$work/index" Store__SqlitePath="$work/store.db"

# One start that builds the index; the measured starts reuse it.
for run in $(seq 0 "$runs"); do
  start=$(date +%s%N)
  (cd "$root" && exec dotnet "$work/app/Bot.dll" --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
  pid=$!
  until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do sleep 0.01; done
  elapsed=$(( ($(date +%s%N) - start) / 1000000 ))
  kill "$pid"; wait "$pid" 2>/dev/null || true; pid=
  if [ "$run" -gt 0 ]; then echo "$elapsed" >>"$work/times"; echo "run $run: ${elapsed} ms"; else echo "first start (index built): ${elapsed} ms"; fi
done
sort -n "$work/times" | awk '{a[NR]=$1} END {print "cold start, index reused: median " a[int((NR+1)/2)] " ms over " NR " runs (min " a[1] ", max " a[NR] ")"}'

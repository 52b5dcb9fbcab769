#!/usr/bin/env bash
# HTTP load on loopback, side by side in one run: the fixed-answer ceiling, /api/ask and
# /api/messages (Emulator mode, expectReplies), with the answer cache on (the default) and off.
# usage: bench/http/run.sh [ROUNDS=5] [SECONDS=10] [CONNECTIONS=16]   (from anywhere; needs wrk, python3)
set -euo pipefail
rounds=${1:-5}; seconds=${2:-10}; connections=${3:-16}
root=$(cd "$(dirname "$0")/../.." && pwd)
here="$root/bench/http"
work=$(mktemp -d)
pids=()
trap 'for p in "${pids[@]}"; do kill "$p" 2>/dev/null || true; done; rm -rf "$work"' EXIT

echo "publishing (Release)..."
dotnet publish "$root/src/Bot" -c Release -o "$work/app" -nologo -v q >"$work/publish.log"
python3 -c 'import json,sys
for l in open(sys.argv[1]):
    if l.strip(): print(json.dumps(json.loads(l)["q"]))' "$root/tests/Knowledge.Tests/Answers/questions.jsonl" >"$work/questions.txt"

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

# start NAME PORT EXTRA_ENV...: the published app on a loopback port, ready when this returns.
start() {
  local name=$1 port=$2; shift 2
  (cd "$root" && exec env ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning RateLimits__Enabled=false \
      Store__SqlitePath="$work/store-$name.db" Knowledge__IndexPath="$work/index-$name" Bot__AllowUnauthenticatedEmulator=true \
      Benchmark__FixedAnswerEndpoint=true Management__Urls="http://127.0.0.1:$(free_port)" "$@" \
      dotnet "$work/app/Bot.dll" --urls "http://127.0.0.1:$port") >"$work/$name.log" 2>&1 &
  pids+=($!)
  for _ in $(seq 1 300); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null 2>&1 && return; sleep 0.1; done
  echo "$name did not start:"; tail -20 "$work/$name.log"; exit 1
}

cached=$(free_port); start cached "$cached"
uncached=$(free_port); start uncached "$uncached" Knowledge__RememberedAnswers=0
declare -A urls=(
  [fixed]="http://127.0.0.1:$cached/benchmark/fixed-answer ask"
  [ask]="http://127.0.0.1:$cached/api/ask ask"
  [messages]="http://127.0.0.1:$cached/api/messages messages"
  [ask-uncached]="http://127.0.0.1:$uncached/api/ask ask"
  [messages-uncached]="http://127.0.0.1:$uncached/api/messages messages"
)
order=(fixed ask messages ask-uncached messages-uncached)

run() { # run NAME DURATION OUTPUT
  read -r url mode <<<"${urls[$1]}"
  wrk -t2 -c"$connections" -d"$2" --latency -s "$here/questions.lua" "$url" -- "$mode" "$work/questions.txt" >"$3"
}

echo "warming up..."
for name in "${order[@]}"; do run "$name" 3s /dev/null; done
mkdir -p "$work/runs"
for round in $(seq 1 "$rounds"); do
  for name in "${order[@]}"; do run "$name" "${seconds}s" "$work/runs/$name-$round.txt"; done
  echo "round $round done"
done
echo "machine: $(nproc) cores, $(lscpu | sed -n 's/^Model name:\s*//p'), $(free -g | awk '/Mem:/{print $2}') GB; wrk -t2 -c$connections -d${seconds}s, $rounds rounds"
python3 "$here/summarize.py" "$work/runs"

#!/usr/bin/env bash
# The large-corpus figures: generate N synthetic reports beside the repository's knowledge,
# index them with the app's own `index` verb (time and peak memory), then answer a question
# mix about them in-process (latency percentiles), and over HTTP with the published app
# (p99 and the serving process's memory).
# usage: bench/corpus/run.sh [DOCUMENTS=10000] [WORK_DIR]   (needs wrk, python3)
set -euo pipefail
documents=${1:-10000}
root=$(cd "$(dirname "$0")/../.." && pwd)
work=${2:-$(mktemp -d)}
mkdir -p "$work"
pid=
trap '[ -n "$pid" ] && kill "$pid" 2>/dev/null || true' EXIT

dotnet build "$root/bench/CorpusGenerator" -c Release -nologo -v q >/dev/null
dotnet publish "$root/src/Bot" -c Release -o "$work/app" -nologo -v q >/dev/null
dotnet build "$root/bench/Knowledge.Benchmarks" -c Release -nologo -v q >/dev/null

rm -rf "$work/knowledge" "$work/index"
dotnet "$root/bench/CorpusGenerator/bin/Release/net10.0/CorpusGenerator.dll" --out "$work/knowledge" \
  --documents "$documents" --seed 42 --questions "$work/questions.txt"
cp "$root"/knowledge/* "$work/knowledge/"
# Summed by find: at 100,000 documents a glob is longer than the argument list may be.
bytes=$(find "$work/knowledge" -maxdepth 1 -name '*.txt' -printf '%s\n' | awk '{s += $1} END {print s + 0}')

export Knowledge__Path="$work/knowledge" Knowledge__IndexPath="$work/index"
# index [ENV...]: a fresh index with the app's own verb, timed, with the runtime settings given.
index() {
  rm -rf "$work/index"
  (cd "$root" && env "$@" /usr/bin/time -f "%e s elapsed, %M KB max RSS" dotnet "$work/app/Bot.dll" index) 2>"$work/index.time" | tail -3
  seconds=$(awk '{print $1}' "$work/index.time")
  echo "$(cat "$work/index.time"); $(python3 -c "print(f'{$bytes/1e6:.1f} MB of text, {$bytes/1e6/$seconds:.1f} MB/s (read, clean, check and index)')")"
}
echo "== indexing with the app's index verb, the runtime's defaults (as the server does at start)"
index
# As the Kubernetes manifest's init container runs it: a method not compiled ahead of time is
# compiled fully optimised on its first call, which suits a batch and not a server (README, Limits).
echo "== indexing with the app's index verb as a batch (DOTNET_TC_QuickJit=0)"
index DOTNET_TC_QuickJit=0

echo "== in-process figures (index reused)"
(cd "$root" && dotnet "$root/bench/Knowledge.Benchmarks/bin/Release/net10.0/Knowledge.Benchmarks.dll" figures \
  --knowledge "$work/knowledge" --index "$work/index" --questions "$work/questions.txt" --rounds 5 --update-one)

echo "== HTTP /api/ask over the corpus (answer cache off), 16 connections, 20 s"
python3 -c 'import json,sys
for l in open(sys.argv[1]):
    if l.strip(): print(json.dumps(l.strip()))' "$work/questions.txt" >"$work/questions.json.txt"
port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')
(cd "$root" && ASPNETCORE_ENVIRONMENT=Production Logging__LogLevel__Default=Warning Knowledge__RememberedAnswers=0 \
  RateLimits__Enabled=false Store__SqlitePath="$work/store.db" \
  exec dotnet "$work/app/Bot.dll" --urls "http://127.0.0.1:$port") >"$work/app.log" 2>&1 &
pid=$!
start=$(date +%s%N)
until curl -fs -o /dev/null "http://127.0.0.1:$port/healthz" 2>/dev/null; do sleep 0.05; done
echo "start to /healthz 200 with the corpus (index reused): $(( ($(date +%s%N) - start) / 1000000 )) ms"
# A long warm-up: over 10,000 reports the first rounds of the mix cost about four times the
# later ones (the engine's bounded caches of read passages and term lookups fill), even with
# every method compiled optimized from the start.
wrk -t2 -c16 -d20s -s "$root/bench/http/questions.lua" "http://127.0.0.1:$port/api/ask" -- ask "$work/questions.json.txt" >/dev/null
wrk -t2 -c16 -d20s --latency -s "$root/bench/http/questions.lua" "http://127.0.0.1:$port/api/ask" -- ask "$work/questions.json.txt" | grep -E "Requests/sec|^\s+(50|99)%"
grep -E "VmRSS|VmHWM" "/proc/$pid/status"

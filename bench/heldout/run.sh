#!/usr/bin/env bash
# Held-out questions: written before the engine was tuned and never to be tuned on. Run them
# to report figures before and after a change, never to choose a change.
# usage: bench/heldout/run.sh   (from anywhere; builds the benchmark project in Release)
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../.." && pwd)
quality() { dotnet run -c Release --project "$root/bench/Knowledge.Benchmarks" -- quality "$@"; }
quality --knowledge "$here/general/knowledge" "$here/general/en.jsonl,$here/general/es.jsonl,$here/general/pt.jsonl,$here/general/unans.jsonl"
quality --knowledge "$here/domain/knowledge" "$here/domain/questions.jsonl"

#!/usr/bin/env bash
# Benchmark (not a test): the automatic scheduler and the full warnings recomputation on an IGF-scale forum
# (300 sessions, 12 rooms, 5 days, 1,500 people, 8 subthemes, a third of speakers online across time zones).
# Prints the scheduler's soft cost beside a greedy first-fit baseline's, then BenchmarkDotNet's timings.
# Usage: bash bench/scheduler.sh [--quality-only]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Plenary.Bench -- "$@"

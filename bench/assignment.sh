#!/usr/bin/env bash
# Benchmark (not a test): automatic reviewer assignment at IGF scale (1,200 proposals, 55 reviewers, 3 each, 8 subthemes,
# 200 organisations, reviewers in 1 to 3 organisations with about 5 declared conflicts each).
# Prints cold and warm times, load balance, conflicts found, coverage and the expertise match rate beside a naive
# round-robin's, then BenchmarkDotNet's timings.
# Usage: bash bench/assignment.sh [--quality-only]
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Plenary.Bench -- assignment "$@"

#!/usr/bin/env bash
# Benchmark (not a test): what the programme's links cost for 300 sessions (900 links), built by hand as the views
# once did, through the features' Links classes (what the app uses), and through ASP.NET Core's LinkGenerator.
# Usage: bash bench/links.sh
set -euo pipefail
cd "$(dirname "$0")/.."
dotnet run -c Release --project bench/Plenary.Bench -- links "$@"

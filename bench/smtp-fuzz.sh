#!/usr/bin/env bash
# SMTP fuzz at scale (issue 15: "a longer run (1,000,000) is a bench script"): runs the integration scenario
# Scenarios/Hardening/SmtpFuzzTests against the real appliance process with N generated and mutated command lines
# and DATA/BDAT streams (default 1,000,000), then prints its figures: lines, connections, lines/s, refusals,
# messages queued. The scenario itself asserts that the process is alive, logged no failed session, answers
# /healthz and still delivers a normal message afterwards. Needs the test peers of `.ci/run` (dnsmasq, aiosmtpd).
#
# Usage: bench/smtp-fuzz.sh [N=1000000]
set -euo pipefail
repo=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
n=${1:-1000000}
art=${BENCH_ARTIFACTS:-/tmp/appliance-bench-artifacts}
report=$(mktemp)
dotnet build "$repo/tests/Appliance.IntegrationTests" -c Release --artifacts-path "$art" -v q -nologo >&2
echo "fuzz lines=$n ($(nproc) cores, load $(cut -d' ' -f1-3 /proc/loadavg))"
APPLIANCE_FUZZ_LINES=$n APPLIANCE_FUZZ_REPORT=$report \
  dotnet test "$repo/tests/Appliance.IntegrationTests" -c Release --artifacts-path "$art" --no-build -nologo \
  --filter "FullyQualifiedName~SmtpFuzzTests" >&2
cat "$report"
rm -f "$report"

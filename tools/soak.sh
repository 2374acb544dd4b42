#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# A long training run watched for memory growth (issue 18): the small supervised baseline on a
# small demo workspace for STEPS steps (default 10000), the process's resident memory sampled
# every 2 s. Prints the RSS once training is under way (the first sample past 5% of the steps)
# and at the last sample before the final step, and the growth between; the samples go to
# WORKDIR/rss.csv.
#   tools/soak.sh [STEPS] [WORKDIR]     environment: PLUVIA_CLI (default build/app/pluvia-cli)
# Outside CI: minutes of CPU; figures in docs/reliability.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${PLUVIA_CLI:-$here/build/app/pluvia-cli}"
steps="${1:-10000}"
work="${2:-$(mktemp -d /tmp/pluvia-soak.XXXXXX)}"
ws="$work/ws"

"$cli" demo --out "$ws" --crops 2 --scenes 2 >/dev/null 2>&1
"$cli" train --method supervised --workspace "$ws" --data "synthetic_paired=$ws/datasets/synthetic" \
    --preset quick --set batch_size=2 --set crop_size=48 --set width_multiplier=0.125 \
    --set unet_levels=3 --steps "$steps" --checkpoint-every 500 --threads 1 \
    >"$work/train.log" 2>&1 &
pid=$!
echo "seconds,step,rss_kb" >"$work/rss.csv"
start=$(date +%s)
while kill -0 "$pid" 2>/dev/null; do
    rss=$(awk '/^VmRSS:/ {print $2}' "/proc/$pid/status" 2>/dev/null || true)
    step=$(tr '\r' '\n' <"$work/train.log" | grep -o '^step [0-9]*' | tail -1 | grep -o '[0-9]*' || true)
    [ -n "$rss" ] && echo "$(($(date +%s) - start)),${step:-0},$rss" >>"$work/rss.csv"
    sleep 2
done
wait "$pid" || { tail -5 "$work/train.log" >&2; echo "soak: training failed" >&2; exit 1; }
python3 - "$work/rss.csv" "$steps" <<'EOF'
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if int(r["step"]) > 0]
steps = int(sys.argv[2])
warm = next(r for r in rows if int(r["step"]) >= steps // 20)
# The last sample while training (the end adds the final checkpoint's buffers).
last = [r for r in rows if int(r["step"]) < steps][-1]
growth = int(last["rss_kb"]) - int(warm["rss_kb"])
print(f"soak: {steps} steps in {rows[-1]['seconds']} s; RSS {int(warm['rss_kb']) // 1024} MB at "
      f"step {warm['step']}, {int(last['rss_kb']) // 1024} MB at step {last['step']} "
      f"({growth / 1024:+.1f} MB); {int(rows[-1]['rss_kb']) // 1024} MB while finishing")
EOF
echo "soak: samples in $work/rss.csv"

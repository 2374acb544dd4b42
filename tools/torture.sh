#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Kill -9 at random moments, then check that nothing was lost or left half-written (issue 18).
#   tools/torture.sh [KILLS] [WORKDIR]     environment: PLUVIA_CLI (default build/app/pluvia-cli)
# Builds a small demo workspace in WORKDIR (default: a new temporary folder), then spreads KILLS
# (default 20) over: one training run (kills land in steps, checkpoint writing and store
# writes; resume continues it each time), synth, generate and derain. Checks, failing loudly:
#   training  the store passes `workspace check`; every step's loss is in the series exactly
#             once (1..STEPS, no gap, no repeat); the final checkpoint derains;
#   synth     after each kill every image under a final name decodes; a fresh run completes;
#   generate  (JRGR's starter model) after each kill every image under a final name decodes;
#             the same command again finishes the export, a pair for every clean image;
#   derain    (the real rainy test images and time-lapse test frames) after each kill every
#             output under a final name decodes; --skip-existing completes the rest, with as
#             many outputs as inputs.
# A command that outruns its kill is started afresh for the next one.
# Outside CI: minutes of CPU; figures in docs/reliability.md.
set -euo pipefail

here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli="${PLUVIA_CLI:-$here/build/app/pluvia-cli}"
kills="${1:-20}"
work="${2:-$(mktemp -d /tmp/pluvia-torture.XXXXXX)}"
steps=1500
train_kills=$((kills / 2))
synth_kills=$(((kills - train_kills) / 3))
generate_kills=$(((kills - train_kills) / 3))
derain_kills=$((kills - train_kills - synth_kills - generate_kills))

say() { echo "torture: $*"; }
fail() {
    echo "torture: FAILED: $*" >&2
    exit 1
}
# Sleeps a random time in [min, max) seconds (two decimals).
random_sleep() {
    local min_cs=$(($1 * 100)) span_cs=$((($2 - $1) * 100))
    local cs=$((min_cs + RANDOM % span_cs))
    sleep "$((cs / 100)).$(printf '%02d' $((cs % 100)))"
}
# Runs a command in the background and kills it with SIGKILL after a random time; returns
# whether the kill landed (0) or the command ended first (1).
kill_during() {
    local min="$1" max="$2"
    shift 2
    "$@" >/dev/null 2>&1 &
    local pid=$!
    random_sleep "$min" "$max"
    if kill -9 "$pid" 2>/dev/null; then
        wait "$pid" 2>/dev/null || true
        return 0
    fi
    wait "$pid" 2>/dev/null || true
    return 1
}
# Every image of FOLDER (recursively) that carries a final name decodes.
all_images_decode() {
    local report
    report="$("$cli" dataset inspect --kind unpaired --json "$1" 2>/dev/null || true)"
    [ -z "$report" ] && return 0 # nothing written yet
    python3 -c 'import json,sys; r=json.load(sys.stdin); sys.exit(1 if r["counts"]["problems"] else 0)' \
        <<<"$report"
}

# The training run's stored status (finished, stopped, interrupted, ...).
run_status() {
    "$cli" runs --workspace "$ws" list --json |
        python3 -c 'import json,sys; print(next(r["status"] for r in json.load(sys.stdin) if r["id"] == sys.argv[1]))' "$run"
}

ws="$work/ws"
say "workspace $ws"
"$cli" demo --out "$ws" --crops 2 --scenes 2 >/dev/null 2>&1
data="$ws/datasets/synthetic"

# Training: start, then resume after every kill.
train_args=(--method supervised --workspace "$ws" --data "synthetic_paired=$data" --preset quick
    --set batch_size=2 --set crop_size=48 --set width_multiplier=0.125 --set unet_levels=3
    --steps "$steps" --checkpoint-every 7 --threads 1)
landed=0
attempt=0
run=""
while [ "$landed" -lt "$train_kills" ] && [ "$attempt" -lt $((train_kills * 3)) ]; do
    attempt=$((attempt + 1))
    if [ -z "$run" ]; then
        kill_during 2 5 "$cli" train "${train_args[@]}" && landed=$((landed + 1)) || true
        run="$("$cli" runs --workspace "$ws" list --json | python3 -c 'import json,sys; r=json.load(sys.stdin); print(r[0]["id"] if r else "")')"
        [ -n "$run" ] || fail "no run recorded after the first start"
    else
        [ "$(run_status)" = finished ] && break # it outran the kills
        kill_during 1 5 "$cli" resume --workspace "$ws" --threads 1 "$run" && landed=$((landed + 1)) || true
    fi
    "$cli" workspace check "$ws" >/dev/null || fail "workspace check after kill $landed"
done
say "training: $landed kills landed in $attempt starts"
if [ "$(run_status)" != finished ]; then
    "$cli" resume --workspace "$ws" --threads 1 "$run" >/dev/null 2>&1 ||
        fail "the final resume of $run did not finish"
fi
"$cli" workspace check "$ws" >/dev/null || fail "workspace check after the run finished"
"$cli" runs --workspace "$ws" export "$run" --csv "$work/metrics.csv" >/dev/null
python3 - "$work/metrics.csv" "$steps" <<'EOF' || fail "the loss series has gaps or repeats"
import csv, sys
rows = [r for r in csv.DictReader(open(sys.argv[1])) if r["key"] == "loss/l1"]
steps = [int(r["step"]) for r in rows]
expected = list(range(1, int(sys.argv[2]) + 1))
if steps != expected:
    missing = sorted(set(expected) - set(steps))
    repeats = len(steps) - len(set(steps))
    print(f"torture: loss/l1 has {len(steps)} points; missing {missing[:10]}, {repeats} repeats",
          file=sys.stderr)
    sys.exit(1)
print(f"torture: loss/l1 holds steps 1..{sys.argv[2]} exactly once")
EOF
checkpoint="$(ls "$ws"/runs/"$run"/checkpoints/step-*.pt | sort | tail -1)"
"$cli" derain --checkpoint "$checkpoint" --out "$work/final-derain" \
    "$ws/datasets/real_rainy_test" >/dev/null 2>&1 || fail "the final checkpoint does not derain"
say "training: final checkpoint $(basename "$checkpoint") derains"

# Synth: every image under a final name decodes after each kill.
synth_landed=0
for i in $(seq 1 "$synth_kills"); do
    rm -rf "$work/synth"
    kill_during 0 2 "$cli" synth --clean "$ws/datasets/clean" --out "$work/synth" --count 16 \
        --threads 1 && synth_landed=$((synth_landed + 1))
    all_images_decode "$work/synth" || fail "synth left an undecodable image after kill $i"
done
rm -rf "$work/synth"
"$cli" synth --clean "$ws/datasets/clean" --out "$work/synth" --count 4 >/dev/null 2>&1 ||
    fail "synth after the kills"
say "synth: $synth_landed of $synth_kills kills landed, no half-written image; a fresh run completes"

# Generate: every image under a final name decodes; the same command finishes the export.
# JRGR's starter model over the demo's clean images and time-lapse frames (~130 images).
generate_args=(--checkpoint "$here/resources/models/jrgr.pt" --out "$work/generate")
clean_sources=("$ws/datasets/clean" "$ws"/datasets/timelapse*/*/)
for folder in "${clean_sources[@]}"; do
    generate_args+=(--clean "$folder")
done
generate_landed=0
for i in $(seq 1 "$generate_kills"); do
    kill_during 1 8 "$cli" generate "${generate_args[@]}" && generate_landed=$((generate_landed + 1))
    all_images_decode "$work/generate" || fail "generate left an undecodable image after kill $i"
    if [ -f "$work/generate/manifest.json" ]; then
        rm -rf "$work/generate" # it outran the kill: start the next one afresh
    fi
done
kept=0
if [ ! -f "$work/generate/manifest.json" ]; then
    finished="$("$cli" generate "${generate_args[@]}" 2>/dev/null)" || fail "generate after the kills"
    kept=$(grep -o '[0-9]* of them kept' <<<"$finished" | grep -o '^[0-9]*' || echo 0)
fi
want=$(find "${clean_sources[@]}" -maxdepth 1 \( -name '*.png' -o -name '*.jpg' \) | wc -l)
for side in rain norain; do
    got=$(find "$work/generate/$side" -name '*.png' -o -name '*.jpg' | wc -l)
    [ "$got" -eq "$want" ] || fail "generate: $got images in $side/ for $want clean images"
done
all_images_decode "$work/generate" || fail "generate's finished export holds an undecodable image"
say "generate: $generate_landed of $generate_kills kills landed, no half-written image; the" \
    "export finished with $want pairs, $kept of them kept from the interrupted export"

# Derain: every output under a final name decodes; --skip-existing finishes the rest.
# The real rainy test images and the time-lapse test frames (~90 images, a few seconds).
inputs=("$ws/datasets/real_rainy_test" "$ws/datasets/timelapse_test")
want=$(find "${inputs[@]}" -name '*.png' -o -name '*.jpg' | wc -l)
derain_landed=0
for i in $(seq 1 "$derain_kills"); do
    kill_during 1 4 "$cli" derain --checkpoint "$checkpoint" --out "$work/derain" --skip-existing \
        "${inputs[@]}" && derain_landed=$((derain_landed + 1))
    all_images_decode "$work/derain" || fail "derain left an undecodable image after kill $i"
    if [ "$(find "$work/derain" -name '*.png' -o -name '*.jpg' | wc -l)" -ge "$want" ]; then
        rm -rf "$work/derain" # it outran the kill: start the next one afresh
    fi
done
"$cli" derain --checkpoint "$checkpoint" --out "$work/derain" --skip-existing "${inputs[@]}" \
    >/dev/null 2>&1 || fail "derain --skip-existing after the kills"
got=$(find "$work/derain" -name '*.png' -o -name '*.jpg' | wc -l)
[ "$got" -ge "$want" ] || fail "derain: $got outputs for $want inputs"
say "derain: $derain_landed of $derain_kills kills landed, no half-written output; $got outputs for $want inputs"
# A kill during a write leaves its hidden temporary file (".NAME.xxxxxxxx") beside the target:
# never read, never under a final name. Counted, not a failure.
leftovers=$(find "$work" -name '.*.[0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f][0-9a-f]' | wc -l)
say "passed: $((landed + synth_landed + generate_landed + derain_landed)) kills landed" \
    "($landed in training);" \
    "$leftovers temporary files left by kills; work folder $work"

#!/usr/bin/env bash
# SPDX-License-Identifier: GPL-3.0-or-later
# Starts Pluvia under Xvfb on a workspace and saves screenshots of what a user sees to
# docs/screenshots/: the main window, the layer viewer on a test image of the demo decomposed by
# the JRGR starter model (resources/models/jrgr.pt, the Derain tab's default), by the
# DerainCycleGAN one (its stage masks) and by the time-lapse one (S and its fused features), the
# Time-lapse tab's consistency view of a held-out scene, the Compare tab, the rain-feature map
# of the run it came from (also in the dark theme), and the main window in Simplified Chinese.
# Usage: tools/screenshots.sh [WORKSPACE] (default: a fresh demo workspace; one in which
# resources/models/train_starter_models.py trained saves retraining). Needs xvfb; Pluvia grabs
# its own window (--screenshot).
set -euo pipefail
here="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build_dir="${BUILD_DIR:-$here/build}"
out="$here/docs/screenshots"
mkdir -p "$out"
workspace="${1:-}"
if [ -z "$workspace" ]; then
    workspace="$(mktemp -d)/demo"
    "$build_dir/app/pluvia-cli" demo --out "$workspace"
fi

shoot() {  # shoot NAME MILLISECONDS ARGS...
    local name="$1" wait="$2"
    shift 2
    local config
    config="$(mktemp -d)"  # a clean settings folder: the default layout, no recent workspaces
    XDG_CONFIG_HOME="$config" xvfb-run -a -s "-screen 0 1280x800x24" \
        "$build_dir/app/pluvia" "$@" --screenshot "$out/$name.png" --screenshot-after "$wait"
    echo "wrote $out/$name.png"
}

shoot main-window 4000 "$workspace"

image="$(ls "$workspace"/datasets/real_rainy_test/rain/*.png | head -n 3 | tail -n 1)"
shoot layer-viewer 8000 "$workspace" --decompose "$image"
# DerainCycleGAN's U-ARSE stage masks (mask_1 … mask_4 and Att), with its starter model.
shoot layer-viewer-deraincyclegan 8000 "$workspace" \
    --checkpoint "$here/resources/models/deraincyclegan.pt" --decompose "$image"
# The time-lapse method's rain layer S and the strength of its fused features.
shoot layer-viewer-timelapse 8000 "$workspace" \
    --checkpoint "$here/resources/models/timelapse.pt" --decompose "$image"

# The Time-lapse tab: a held-out scene derained frame by frame by the time-lapse starter model,
# its temporal std maps and per-frame scores against the temporal mean and median.
shoot timelapse-consistency 20000 "$workspace" \
    --checkpoint "$here/resources/models/timelapse.pt" --sequence timelapse_test

# The Compare tab: the four image starter models on the demo's test split with NIQE, saved in
# the workspace and reopened; the layer viewer shows the first model's outputs beside the others'.
"$build_dir/app/pluvia-cli" compare --workspace "$workspace" --saved starter-models \
    --checkpoint "$here/resources/models/jrgr.pt" --checkpoint "$here/resources/models/supervised.pt" \
    --checkpoint "$here/resources/models/udrdr.pt" \
    --checkpoint "$here/resources/models/deraincyclegan.pt" \
    --test real_rainy_test="$workspace/datasets/real_rainy_test" --niqe > /dev/null
shoot compare 20000 "$workspace" --compare starter-models

# The rain-feature map reads the data of the run a checkpoint came from: the starter model's run
# when the workspace has it, else the same recipe trained here (about ten minutes).
checkpoint="$(ls "$workspace"/runs/*-jrgr/checkpoints/best.pt 2> /dev/null | head -n 1 || true)"
if [ -z "$checkpoint" ]; then
    "$build_dir/app/pluvia-cli" train --workspace "$workspace" --method jrgr --preset quick \
        --set residual_learning=true --set lambda_adv=1 --data synthetic_paired=synthetic \
        --data real_rainy=real_rainy --data validation=real_rainy_val --steps 3000 \
        --preview-every 0 --seed 1 > /dev/null
    checkpoint="$(ls "$workspace"/runs/*-jrgr/checkpoints/best.pt | tail -n 1)"
fi
shoot rain-feature-map 30000 "$workspace" --checkpoint "$checkpoint" --decompose "$image" --map
shoot main-window-zh_CN 8000 "$workspace" --language zh_CN --checkpoint "$checkpoint" \
    --decompose "$image"
shoot dark-theme 30000 "$workspace" --theme dark --checkpoint "$checkpoint" --decompose "$image" --map

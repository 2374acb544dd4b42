#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Trains configurations of Pluvia's methods under one time budget each (validating on the demo
workspace's real_rainy_val, which chooses best.pt), derains the test split real_rainy_test with
best.pt and with each of the last kept checkpoints, and scores them against the test split's
clean images (PSNR-Y, SSIM-Y, colour shift): the tables of docs/results.md.

    bench/method_recipes.py --cli build/app/pluvia-cli --workspace ~/pluvia-demo --minutes 10 \\
        --seed 1 --config jrgr=jrgr:quick --config jrgr-res=jrgr:quick:residual_learning=true

A configuration is NAME=METHOD:PRESET[:KEY=VALUE[,KEY=VALUE...]]; a KEY starting with @ names a
further role and a dataset of the workspace (@clean_backgrounds=clean). Each run asks for --steps
(default 1000000) and --time-limit MINUTES, so the run plans its schedules for the steps it
reaches. The table gives best.pt's scores and the mean and range of PSNR-Y over the last kept
checkpoints (the swing between neighbouring checkpoints). Standard library only.
"""
import argparse
import json
import os
import subprocess
import sys
import tempfile

# The demo workspace's datasets each method trains on, by role (validation is added to all).
METHOD_DATA = {
    "supervised": {"synthetic_paired": "synthetic"},
    "jrgr": {"synthetic_paired": "synthetic", "real_rainy": "real_rainy"},
    "udrdr": {"synthetic_paired": "synthetic", "real_rainy": "real_rainy"},
    # Its rain-free domain: the clean images the other methods see in the synthetic pairs.
    "deraincyclegan": {"real_rainy": "real_rainy", "clean": "synthetic/norain"},
    # Frames of static scenes: no clean image and no synthetic pair.
    "timelapse": {"timelapse": "timelapse"},
}


def run_json(command):
    result = subprocess.run(command, capture_output=True, text=True)
    if result.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(command), result.stderr))
    try:
        return json.loads(result.stdout)
    except json.JSONDecodeError:  # a live log before the closing summary line
        return json.loads(result.stdout.strip().splitlines()[-1])


def evaluate(cli, pred, gt):
    report = run_json([cli, "eval", "--pred", pred, "--gt", gt, "--json"])
    return report["mean_psnr"], report["mean_ssim"], report["mean_shift_rgb"]


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True)
    parser.add_argument("--workspace", required=True)
    parser.add_argument("--minutes", type=float, required=True)
    parser.add_argument("--steps", type=int, default=1000000)
    parser.add_argument("--seed", type=int, action="append", default=[])
    parser.add_argument("--config", action="append", required=True)
    parser.add_argument("--results", help="append one JSON line per run to this file")
    args = parser.parse_args()
    seeds = args.seed or [1]
    datasets = os.path.join(args.workspace, "datasets")
    test_rainy = os.path.join(datasets, "real_rainy_test", "rain")
    truth = os.path.join(datasets, "real_rainy_test", "norain")

    print("| configuration | seed | steps | best.pt (step) PSNR-Y / SSIM-Y | colour shift R/G/B "
          "(of 255) | last checkpoints PSNR-Y mean [min, max] |")
    print("| --- | --- | --- | --- | --- | --- |")
    psnr, ssim, shift = evaluate(args.cli, test_rainy, truth)
    print("| rainy input | | | %.2f / %.3f | %+.1f / %+.1f / %+.1f | |" % (psnr, ssim, *shift))
    sys.stdout.flush()
    for config in args.config:
        name, spec = config.split("=", 1)
        parts = spec.split(":", 2)
        method, preset = parts[0], parts[1]
        overrides = parts[2].split(",") if len(parts) > 2 and parts[2] else []
        for seed in seeds:
            command = [args.cli, "train", "--workspace", args.workspace, "--method", method,
                       "--preset", preset,
                       "--data", "validation=" + os.path.join(datasets, "real_rainy_val"),
                       "--steps", str(args.steps), "--time-limit", str(args.minutes),
                       "--seed", str(seed), "--experiment", "recipes", "--note", name, "--json"]
            for role, dataset in METHOD_DATA[method].items():
                command += ["--data", role + "=" + os.path.join(datasets, dataset)]
            for override in overrides:
                if override.startswith("@"):
                    role, dataset = override[1:].split("=", 1)
                    command += ["--data", role + "=" + os.path.join(datasets, dataset)]
                else:
                    command += ["--set", override]
            summary = run_json(command)
            checkpoint_dir = os.path.join(args.workspace, "runs", summary["run_id"], "checkpoints")
            kept = sorted(f for f in os.listdir(checkpoint_dir) if f.startswith("step-"))
            scores = {}
            for checkpoint in kept + ["best.pt"]:
                path = os.path.join(checkpoint_dir, checkpoint)
                if not os.path.exists(path):
                    continue
                with tempfile.TemporaryDirectory() as out:
                    run_json([args.cli, "derain", "--checkpoint", path, "--out", out, "--json",
                              test_rainy])
                    scores[checkpoint] = evaluate(args.cli, out, truth)
            best = scores.get("best.pt", scores[kept[-1]])
            shown = run_json([args.cli, "runs", "--workspace", args.workspace, "show",
                              summary["run_id"], "--json"])
            best_step = next((a["step"] for a in shown["artifacts"] if a["kind"] == "best"),
                             "last")
            last = [scores[c][0] for c in kept]
            print("| %s | %d | %d | %.2f / %.3f (%s) | %+.1f / %+.1f / %+.1f | %.2f [%.2f, %.2f] |"
                  % (name, seed, summary["step"], best[0], best[1], best_step, *best[2],
                     sum(last) / len(last), min(last), max(last)))
            sys.stdout.flush()
            if args.results:
                with open(args.results, "a") as f:
                    f.write(json.dumps({"config": name, "method": method, "preset": preset,
                                        "overrides": overrides, "seed": seed,
                                        "run_id": summary["run_id"], "step": summary["step"],
                                        "minutes": args.minutes, "scores": scores}) + "\n")


if __name__ == "__main__":
    main()

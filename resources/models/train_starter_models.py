#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Trains Pluvia's starter models on the demo workspace's data only and writes them here.

    resources/models/train_starter_models.py --cli build/app/pluvia-cli [--check] [NAME ...]

For each model below: builds the demo workspace (seed 1, from Debian's mate-backgrounds
photographs) once, trains the method for a fixed number of steps on the CPU with 2 threads
(validating on real_rainy_val, which chooses best.pt), exports best.pt with
`pluvia-cli export-model` as NAME.pt, scores it on the test split real_rainy_test, and writes the
training card NAME.json (command, data hashes, steps, device, version, scores).

Training is deterministic for a fixed thread count, so the models come out bit-identical:
--check trains into a temporary folder and compares each NAME.pt with the one here byte for
byte (the cards' times differ). Standard library only.
"""
import argparse
import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
THREADS = 2
SEED = 1

# name: method, preset, settings, extra roles (role -> demo dataset), steps.
MODELS = {
    "deraincyclegan": {
        "method": "deraincyclegan", "preset": "quick", "set": [],
        # Its rain-free domain: the clean images the other methods see in the synthetic pairs.
        "roles": {"real_rainy": "real_rainy", "clean": "synthetic/norain"},
        "steps": 1500,
        "label": "demo model, trained on unpaired real-style rain and rain-free photographs",
    },
    "jrgr": {
        "method": "jrgr", "preset": "quick",
        "set": ["residual_learning=true", "lambda_adv=1"],
        "roles": {"synthetic_paired": "synthetic", "real_rainy": "real_rainy"},
        "steps": 3000,
    },
    "supervised": {
        "method": "supervised", "preset": "quick", "set": [],
        "roles": {"synthetic_paired": "synthetic"},
        "steps": 3000,
    },
    "timelapse": {
        "method": "timelapse", "preset": "quick", "set": [],
        "roles": {"timelapse": "timelapse"},
        "steps": 1500,
        "label": "demo model, trained on time-lapse scenes under changing rain (no clean images)",
    },
    "udrdr": {
        "method": "udrdr", "preset": "quick", "set": [],
        "roles": {"synthetic_paired": "synthetic", "real_rainy": "real_rainy"},
        "steps": 3000,
    },
}


def run(command, **kwargs):
    result = subprocess.run(command, capture_output=True, text=True, **kwargs)
    if result.returncode != 0:
        sys.exit("failed (%d): %s\n%s" % (result.returncode, " ".join(command), result.stderr))
    return result.stdout


def run_json(command):
    out = run(command)
    try:
        return json.loads(out)
    except json.JSONDecodeError:  # a live log before the closing summary line
        return json.loads(out.strip().splitlines()[-1])


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as f:
        for block in iter(lambda: f.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def dataset_hash(folder):
    """SHA-256 over the images of a dataset folder (relative path and content, sorted); the
    manifest is left out because it records when it was written."""
    digest = hashlib.sha256()
    for root, _, files in sorted(os.walk(folder)):
        for name in sorted(files):
            if name == "manifest.json":
                continue
            path = os.path.join(root, name)
            digest.update(os.path.relpath(path, folder).encode() + b"\0" + sha256(path).encode())
    return digest.hexdigest()


def evaluate(cli, pred, gt):
    report = run_json([cli, "eval", "--pred", pred, "--gt", gt, "--json"])
    return {"psnr_y": round(report["mean_psnr"], 3), "ssim_y": round(report["mean_ssim"], 4)}


def train(cli, workspace, name, spec, out_folder, finished_run=None):
    datasets = os.path.join(workspace, "datasets")
    data = dict(spec["roles"], validation="real_rainy_val")
    # The card shows the command with W for the workspace and D for its datasets folder.
    arguments = ["train", "--workspace", "W", "--method", spec["method"],
                 "--preset", spec["preset"]]
    for setting in spec["set"]:
        arguments += ["--set", setting]
    for role, dataset in data.items():
        arguments += ["--data", "%s=$D/%s" % (role, dataset)]
    arguments += ["--steps", str(spec["steps"]), "--seed", str(SEED), "--threads", str(THREADS),
                  "--device", "cpu"]
    command = [cli] + [workspace if a == "W" else a.replace("$D", datasets) for a in arguments]
    command += ["--experiment", "starter-models", "--json"]
    if finished_run:  # trained before by this command in this workspace: only export and score
        shown = run_json([cli, "runs", "--workspace", workspace, "show", finished_run, "--json"])
        summary = {"run_id": finished_run, "step": shown["step"]}
        seconds = None
    else:
        started = time.monotonic()
        summary = run_json(command)
        seconds = round(time.monotonic() - started, 1)
    run_id = summary["run_id"]
    checkpoints = os.path.join(workspace, "runs", run_id, "checkpoints")
    shown = run_json([cli, "runs", "--workspace", workspace, "show", run_id, "--json"])
    best_step = next(a["step"] for a in shown["artifacts"] if a["kind"] == "best")
    model = os.path.join(out_folder, name + ".pt")
    run([cli, "export-model", "--checkpoint", os.path.join(checkpoints, "best.pt"),
         "--out", model])

    test_rainy = os.path.join(datasets, "real_rainy_test", "rain")
    truth = os.path.join(datasets, "real_rainy_test", "norain")
    with tempfile.TemporaryDirectory() as derained:
        run([cli, "derain", "--checkpoint", model, "--out", derained, test_rainy])
        scores = evaluate(cli, derained, truth)
    card = {
        "name": name,
        "method": spec["method"],
        "label": spec.get("label",
                          "demo model, trained on synthetic rain over twelve photographs"),
        "command": ["pluvia-cli demo --out W --seed %d" % SEED, "D=W/datasets",
                    "pluvia-cli " + " ".join(arguments),
                    "pluvia-cli export-model --checkpoint W/runs/RUN/checkpoints/best.pt "
                    "--out %s.pt" % name],
        "data": {dataset: dataset_hash(os.path.join(datasets, dataset))
                 for dataset in sorted(set(data.values()))},
        "demo_seed": SEED,
        "seed": SEED,
        "steps": summary["step"],
        "best_step": best_step,
        "chosen_by": "PSNR-Y on real_rainy_val (best.pt)",
        "device": "cpu",
        "threads": THREADS,
        "training_seconds": seconds,
        "pluvia_version": run([cli, "--version"]).split()[-1],
        "test": dict(scores, dataset="real_rainy_test",
                     input=evaluate(cli, test_rainy, truth)),
        "model_sha256": sha256(model),
        "model_bytes": os.path.getsize(model),
    }
    return card


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--cli", required=True, help="the pluvia-cli to train with")
    parser.add_argument("--check", action="store_true",
                        help="train into a temporary folder and compare with the models here")
    parser.add_argument("--workspace", help="demo workspace to build and train in "
                        "(default: a temporary folder)")
    parser.add_argument("--finished", action="append", default=[], metavar="NAME=RUN",
                        help="a run this script already trained in --workspace for model NAME "
                        "(after an interruption): exported and scored, not trained again")
    parser.add_argument("names", nargs="*", help="models to train (default: all)")
    args = parser.parse_args()
    names = args.names or sorted(MODELS)
    unknown = [n for n in names if n not in MODELS]
    if unknown:
        sys.exit("unknown model(s): %s; there are: %s" % (", ".join(unknown), ", ".join(MODELS)))
    cli = os.path.abspath(args.cli)
    scratch = tempfile.mkdtemp(prefix="pluvia-starter-")
    try:
        workspace = args.workspace or os.path.join(scratch, "demo")
        finished = dict(entry.split("=", 1) for entry in args.finished)
        if not finished:
            run([cli, "demo", "--out", workspace, "--seed", str(SEED)])
        out_folder = os.path.join(scratch, "models") if args.check else HERE
        os.makedirs(out_folder, exist_ok=True)
        mismatches = 0
        for name in names:
            card = train(cli, workspace, name, MODELS[name], out_folder, finished.get(name))
            if args.check:
                committed = os.path.join(HERE, name + ".pt")
                same = os.path.exists(committed) and sha256(committed) == card["model_sha256"]
                mismatches += not same
                print("%s: %s (test %.2f dB)" % (name, "identical" if same else "DIFFERS",
                                                 card["test"]["psnr_y"]))
            else:
                with open(os.path.join(HERE, name + ".json"), "w") as f:
                    json.dump(card, f, indent=2, sort_keys=True)
                    f.write("\n")
                print("%s: step %d of %d, test %.2f dB / %.3f (input %.2f / %.3f), %d KB"
                      % (name, card["best_step"], card["steps"], card["test"]["psnr_y"],
                         card["test"]["ssim_y"], card["test"]["input"]["psnr_y"],
                         card["test"]["input"]["ssim_y"], card["model_bytes"] // 1024))
            sys.stdout.flush()
        return 1 if mismatches else 0
    finally:
        shutil.rmtree(scratch, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Pluvia's t-SNE against scikit-learn's Barnes-Hut TSNE on the same data, same perplexity,
iterations and threads (docs/benchmarks.md). For N = 1000, 2000, 5000 points of 128-d features
(ten Gaussian clusters, fixed seed) it writes the features as CSV, runs
`pluvia-cli tsne --features-in ... --method barnes-hut` and sklearn.manifold.TSNE, and reports
the times and the KL divergence of both final maps, each measured exactly (O(N²)) against the
same joint probabilities: scikit-learn's own, from its 3·perplexity nearest neighbours. Times:
Pluvia's t-SNE in its process (neighbours, affinities and iterations, as `--json` reports it:
the counterpart of `fit_transform`) and the whole `pluvia-cli` call (process start, loading
LibTorch, reading the CSV, the domain-gap score, writing the map). Each size is run on several
data sets (`--seeds`); the table gives the means and every KL pair.

    /usr/bin/python3 bench/tsne_sklearn.py --cli build/app/pluvia-cli --threads 2
"""
import argparse
import csv
import json
import os
import subprocess
import tempfile
import time

import numpy as np
from scipy.sparse import csr_matrix
from sklearn.manifold import TSNE
from sklearn.manifold._t_sne import _joint_probabilities_nn
from sklearn.neighbors import NearestNeighbors


def data(n, dims=128, clusters=10, seed=0):
    rng = np.random.default_rng(seed)
    centres = rng.normal(0, 4, size=(clusters, dims))
    labels = rng.integers(0, clusters, size=n)
    return (centres[labels] + rng.normal(0, 1, size=(n, dims))).astype(np.float32), labels


def joint_p(x, perplexity):
    k = min(len(x) - 1, int(3.0 * perplexity + 1))
    nn = NearestNeighbors(n_neighbors=k).fit(x)
    d = nn.kneighbors_graph(mode="distance")
    d.data **= 2
    return _joint_probabilities_nn(d, perplexity, 0)


def exact_kl(p, y):
    d2 = ((y[:, None, :] - y[None, :, :]) ** 2).sum(-1)
    q = 1.0 / (1.0 + d2)
    np.fill_diagonal(q, 0.0)
    q /= q.sum()
    p = p.tocoo()
    return float(np.sum(p.data * np.log(p.data / np.maximum(q[p.row, p.col], 1e-300))))


def main():
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--cli", required=True)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--sizes", type=int, nargs="*", default=[1000, 2000, 5000])
    parser.add_argument("--perplexity", type=float, default=30.0)
    parser.add_argument("--iterations", type=int, default=1000)
    parser.add_argument("--seeds", type=int, default=3)
    args = parser.parse_args()
    print(f"# perplexity {args.perplexity}, {args.iterations} iterations, {args.threads} threads, "
          f"means over {args.seeds} data sets")
    print("   N   Pluvia t-SNE s   pluvia-cli s   sklearn s   ratio (t-SNE)   Pluvia KL   sklearn KL"
          "   KL pairs (Pluvia/sklearn)")
    with tempfile.TemporaryDirectory() as tmp:
        for n in args.sizes:
            rows = [run_once(args, tmp, n, seed) for seed in range(args.seeds)]
            mean = [sum(r[i] for r in rows) / len(rows) for i in range(5)]
            pairs = ", ".join(f"{r[3]:.4f}/{r[4]:.4f}" for r in rows)
            print(f"{n:5d}  {mean[0]:14.2f}  {mean[1]:13.2f}  {mean[2]:10.2f}  {mean[0] / mean[2]:14.2f}"
                  f"  {mean[3]:10.4f}  {mean[4]:11.4f}   {pairs}", flush=True)


def run_once(args, tmp, n, seed):
    x, labels = data(n, seed=seed)
    features = os.path.join(tmp, f"f{n}-{seed}.csv")
    with open(features, "w", newline="") as f:
        w = csv.writer(f)
        w.writerow(["group"] + [f"f{i}" for i in range(x.shape[1])])
        for label, row in zip(labels, x):
            w.writerow([f"c{label}"] + [f"{v:.6g}" for v in row])
    out = os.path.join(tmp, f"map{n}.csv")
    start = time.perf_counter()
    done = subprocess.run([args.cli, "tsne", "--features-in", features, "--out", out, "--method",
                           "barnes-hut", "--perplexity", str(args.perplexity), "--iterations",
                           str(args.iterations), "--threads", str(args.threads), "--json"],
                          check=True, capture_output=True, text=True)
    cli_seconds = time.perf_counter() - start
    ours_seconds = json.loads(done.stdout.strip().splitlines()[-1])["seconds"]
    ours = np.loadtxt(out, delimiter=",", skiprows=1, usecols=(0, 1))
    # max_iter is n_iter in scikit-learn < 1.5.
    kwargs = dict(n_components=2, perplexity=args.perplexity, method="barnes_hut", init="pca",
                  learning_rate="auto", random_state=0, n_jobs=args.threads)
    try:
        tsne = TSNE(max_iter=args.iterations, **kwargs)
    except TypeError:
        tsne = TSNE(n_iter=args.iterations, **kwargs)
    start = time.perf_counter()
    theirs = tsne.fit_transform(x)
    their_seconds = time.perf_counter() - start
    p = joint_p(x, args.perplexity)
    return ours_seconds, cli_seconds, their_seconds, exact_kl(p, ours), exact_kl(p, theirs)


if __name__ == "__main__":
    main()

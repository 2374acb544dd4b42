# SPDX-License-Identifier: GPL-3.0-or-later
"""What the PyTorch reference benchmarks share: their command line (threads, repeats, presets,
device), the set-up every one of them prints, and the timing of one piece of work."""
import argparse
import statistics
import time

import torch


def parse_reference_args(description, presets, default_repeats, extra_arguments=None):
    """Parses the common options (plus those extra_arguments(parser) adds), sets the thread count
    and seed, prints the set-up line, and returns (args, device)."""
    parser = argparse.ArgumentParser(description=description)
    parser.add_argument("--threads", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=default_repeats)
    parser.add_argument("--preset", action="append", choices=sorted(presets))
    parser.add_argument("--device", default="cpu")
    if extra_arguments:
        extra_arguments(parser)
    args = parser.parse_args()
    device = torch.device(args.device)
    torch.set_num_threads(args.threads)
    torch.manual_seed(0)
    print(f"# PyTorch {torch.__version__}, {torch.get_num_threads()} intra-op threads, "
          f"device {device}, median of {args.repeats}")
    return args, device


def median_ms(work, repeats, device):
    """Median and minimum wall time of work() in milliseconds, after one warm-up call."""
    def run():
        work()
        if device.type == "cuda":
            torch.cuda.synchronize(device)

    run()  # warm-up: allocator, algorithm selection
    times = []
    for _ in range(repeats):
        start = time.perf_counter()
        run()
        times.append((time.perf_counter() - start) * 1e3)
    return statistics.median(times), min(times)

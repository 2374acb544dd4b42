#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""UDRDR's training step and F3's inference written in PyTorch, to time against
`pluvia-cli bench --method udrdr` on the same machine (docs/benchmarks.md). The same EDSR
networks (models/networks/edsr.h), calibrated directional kernels (models/framework/
rain_direction.cpp), losses and weights (models/methods/udrdr_method.cpp), one Adam with ε 1e-4,
and the same alternation: even steps train on the synthetic batch (content, direction, recons),
odd steps on the real one (TV, cycle, distillation); each timed repeat is one such cycle of a
synthetic and a real step, as `pluvia-cli bench` times it.

    /usr/bin/python3 bench/udrdr_reference.py --threads 2 --repeats 4
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from reference_timing import median_ms, parse_reference_args


class ResBlock(nn.Module):
    def __init__(self, c, scale):
        super().__init__()
        self.body = nn.Sequential(nn.Conv2d(c, c, 3, padding=1), nn.ReLU(True), nn.Conv2d(c, c, 3, padding=1))
        self.scale = scale

    def forward(self, x):
        return x + self.body(x) * self.scale if self.scale != 1 else x + self.body(x)


class Edsr(nn.Module):
    def __init__(self, c, blocks, residual, scale=1.0):
        super().__init__()
        self.head = nn.Conv2d(3, c, 3, padding=1)
        self.body = nn.Sequential(*[ResBlock(c, scale) for _ in range(blocks)], nn.Conv2d(c, c, 3, padding=1))
        self.tail = nn.Conv2d(c, 3, 3, padding=1)
        self.residual = residual

    def forward(self, x):
        h = self.head(x)
        out = self.tail(h + self.body(h))
        return x + out if self.residual else out


def kernels(size):
    r, sigma = size // 2, (size - 1) / 4
    out = torch.zeros(18, 1, size, size)
    for i in range(18):
        t = math.radians(10 * i)
        ramp = 0.0
        for dy in range(-r, r + 1):
            for dx in range(-r, r + 1):
                d = dx * math.cos(t) - dy * math.sin(t)
                v = d * math.exp(-(dx * dx + dy * dy) / (2 * sigma * sigma))
                out[i, 0, dy + r, dx + r] = v
                ramp += v * d
        out[i] /= ramp
    return out


def direction_loss(z, zgt, degrees, k):
    n, c, h, w = z.shape
    idx = [round((d % 180) / 10) % 18 for d in degrees.tolist()]
    perp = [(i + 9) % 18 for i in idx]
    diff = (z - zgt).reshape(1, n * c, h, w)
    pad = k.shape[2] // 2
    loss = 0
    for chosen in (idx, perp):
        weight = k[chosen].repeat_interleave(c, 0)
        loss = loss + F.conv2d(diff, weight, padding=pad, groups=n * c).abs().mean()
    return loss


def tv(y):
    return (y[:, :, :, 1:] - y[:, :, :, :-1]).abs().mean() + (y[:, :, 1:] - y[:, :, :-1]).abs().mean()


PRESETS = {  # models/methods/udrdr_method.cpp
    "paper": dict(batch=12, crop=128, blocks=16, c1=64, c2=64, c3=128),
    "quick": dict(batch=4, crop=64, blocks=4, c1=16, c2=16, c3=32),
}


def main():
    args, device = parse_reference_args(__doc__, PRESETS, 4)
    for name in args.preset or ["paper", "quick"]:
        p = PRESETS[name]
        F1 = Edsr(p["c1"], p["blocks"], False).to(device)
        F2 = Edsr(p["c2"], p["blocks"], True).to(device)
        F3 = Edsr(p["c3"], p["blocks"], True).to(device)
        adam = torch.optim.Adam(list(F1.parameters()) + list(F2.parameters()) + list(F3.parameters()),
                                lr=8e-4, betas=(0.9, 0.999), eps=1e-4)
        k = kernels(5).to(device)
        b, s = p["batch"], p["crop"]
        clean = torch.rand(b, 3, s, s, device=device) * 0.8
        syn = (clean + 0.2 * (torch.rand(b, 1, s, s, device=device) > 0.95)).clamp(0, 1)
        labels = torch.full((b,), 90.0)
        real = torch.rand(b, 3, s, s, device=device)
        ref = torch.rand(b, 3, s, s, device=device)
        state = {"step": 0}

        def step():
            adam.zero_grad(set_to_none=True)
            if state["step"] % 2 == 0:
                zgt = syn - clean
                z = F1(syn)
                y = F2(syn - z)
                terms = [F.l1_loss(z, zgt), 1.2 * direction_loss(z, zgt, labels, k), F.l1_loss(y, clean)]
            else:
                z = F1(real)
                y = F2(real - z)
                xref = ref + z.detach()
                terms = [0.001 * tv(y), 0.01 * F.l1_loss(y + z, real),
                         F.l1_loss(F3(real), y.detach()), 10.0 * F.l1_loss(F3(xref), ref)]
            total = sum(terms)
            total.backward()
            adam.step()
            [t.item() for t in terms + [total]]
            state["step"] += 1

        def cycle():
            step()
            step()

        med, low = median_ms(cycle, args.repeats, device)
        print(f"udrdr  {name:6s} cycle of 2 steps  {b}x3x{s}x{s}  {med:10.1f} ms  (min {low:.1f})")
        image = torch.rand(1, 3, 512, 512, device=device)

        def derain():
            with torch.no_grad():
                F3.eval()
                bg = F3(image).clamp(0, 1)
                (image - bg).cpu()
                F3.train()

        med, low = median_ms(derain, args.repeats, device)
        print(f"udrdr  {name:6s} derain      1x3x512x512  {med:10.1f} ms  (min {low:.1f})")


if __name__ == "__main__":
    main()

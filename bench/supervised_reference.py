#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The supervised baseline written in PyTorch, to time against `pluvia-cli bench` on the same
machine (docs/benchmarks.md). Same network (models/networks/unet.h: 4 levels, two 3x3 conv +
ReLU per level, 2x2 max-pool, 2x2 stride-2 transposed conv, concatenated skips, 1x1 head,
reflect padding to a multiple of 8), same loss (L1), optimiser (Adam) and presets, same thread
count. Run it with Debian's python3-torch (the same 1.13 build as libtorch-dev):

    /usr/bin/python3 bench/supervised_reference.py --threads 2 --repeats 3
    python3 bench/supervised_reference.py --device cuda --repeats 20     (on a GPU machine)
"""
import torch
import torch.nn as nn
import torch.nn.functional as F

from reference_timing import median_ms, parse_reference_args


def double_conv(cin, cout):
    return nn.Sequential(nn.Conv2d(cin, cout, 3, padding=1), nn.ReLU(inplace=True),
                         nn.Conv2d(cout, cout, 3, padding=1), nn.ReLU(inplace=True))


class UNet(nn.Module):
    def __init__(self, levels=4, base=64, width=1.0):
        super().__init__()
        self.levels = levels
        ch = [max(1, round(base * width * 2 ** l)) for l in range(levels)]
        self.down = nn.ModuleList()
        cin = 3
        for l in range(levels):
            self.down.append(double_conv(cin, ch[l]))
            cin = ch[l]
        self.upsample = nn.ModuleList()
        self.up = nn.ModuleList()
        for l in range(levels - 1, 0, -1):
            self.upsample.append(nn.ConvTranspose2d(ch[l], ch[l - 1], 2, stride=2))
            self.up.append(double_conv(2 * ch[l - 1], ch[l - 1]))
        self.head = nn.Conv2d(ch[0], 3, 1)

    def forward(self, x):
        m = 2 ** (self.levels - 1)
        h, w = x.shape[2:]
        pb, pr = (m - h % m) % m, (m - w % m) % m
        if pb or pr:
            x = F.pad(x, (0, pr, 0, pb), mode="reflect")
        skips = []
        for l, block in enumerate(self.down):
            if l > 0:
                x = F.max_pool2d(x, 2)
            x = block(x)
            skips.append(x)
        for i, (upsample, block) in enumerate(zip(self.upsample, self.up)):
            x = upsample(x)
            x = torch.cat([x, skips[-2 - i]], 1)
            x = block(x)
        return self.head(x)[:, :, :h, :w]


PRESETS = {  # models/methods/supervised_method.cpp
    "paper": dict(batch=16, crop=256, width=1.0, lr=1e-4),
    "quick": dict(batch=4, crop=96, width=0.25, lr=5e-4),
}


def main():
    args, device = parse_reference_args(__doc__, PRESETS, 3)
    for name in args.preset or ["paper", "quick"]:
        p = PRESETS[name]
        net = UNet(width=p["width"]).to(device)
        adam = torch.optim.Adam(net.parameters(), lr=p["lr"])
        clean = torch.rand(p["batch"], 3, p["crop"], p["crop"], device=device) * 0.8
        rainy = (clean + 0.2 * (torch.rand(p["batch"], 1, p["crop"], p["crop"], device=device) > 0.95)).clamp(0, 1)

        def step():
            adam.zero_grad()
            loss = F.l1_loss(net(rainy), clean)
            loss.backward()
            adam.step()
            loss.item()  # what the engine reads every logged step

        med, low = median_ms(step, args.repeats, device)
        shape = f"{p['batch']}x3x{p['crop']}x{p['crop']}"
        print(f"supervised  {name:8s} train_step  {shape:16s} {med:10.1f} ms  (min {low:.1f})")
        image = torch.rand(1, 3, 512, 512, device=device)

        def derain():
            with torch.no_grad():
                b = net(image).clamp(0, 1)
                (image - b).cpu()

        med, low = median_ms(derain, args.repeats, device)
        print(f"supervised  {name:8s} derain      1x3x512x512      {med:10.1f} ms  (min {low:.1f})")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""The time-lapse method's training step and inference written in PyTorch, to time against
`pluvia-cli bench --method timelapse` on the same machine (docs/benchmarks.md). The same networks
(models/networks: E_3, E_5, E_7 as VGG-16's first three blocks with k×k kernels; the dynamic
filter with the literal or the low-rank generator, one filter per image; the decoder of three
stages with the fixed bilinear transposed convolution and the skips of all three encoders; the
directional gradient network), the same step (models/methods/timelapse_method.cpp: both frames
of each pair in one batch, L_b, L_s both ways, L_v, L_r; one Adam over both networks).

One timed step = forward, every term, backward, Adam, then reading every term's value. The
derain is B = max(I − S, 0) of one 512×512 image, clamped, and R = I − B. It prints each
network's parameter count, which matches the tensors of a model Pluvia exports at the same
preset.

    /usr/bin/python3 bench/timelapse_reference.py --threads 2 --repeats 3 --preset paper \\
        [--generator low_rank]
"""
import math

import torch
import torch.nn as nn
import torch.nn.functional as F

from reference_timing import median_ms, parse_reference_args

PRESETS = {  # models/methods/timelapse_method.cpp
    "paper": dict(width=1.0, generator="literal", crop=128, batch=4),
    "quick": dict(width=0.25, generator="low_rank", crop=64, batch=4),
}
RANK = 8
LAMBDA = dict(b=1.0, s=0.1 * 0.1, v=0.01, r=0.001)


def widths(multiplier):
    return [max(1, round(w * multiplier)) for w in (64, 128, 256)]


class VggEncoder(nn.Module):  # models/networks/vgg_encoder.cpp
    def __init__(self, kernel, w, cin=3):
        super().__init__()
        blocks, c = [], cin
        for width, convs in zip(w, (2, 2, 3)):
            layers = []
            for _ in range(convs):
                layers += [nn.Conv2d(c, width, kernel, padding=kernel // 2), nn.ReLU(True)]
                c = width
            blocks.append(nn.Sequential(*layers))
        self.blocks = nn.ModuleList(blocks)

    def forward(self, x):
        skips = []
        for block in self.blocks:
            x = block(x)
            skips.append(x)
            x = F.max_pool2d(x, 2)
        return skips, x


class DynamicFilter(nn.Module):  # models/networks/dynamic_filter.cpp, per sample
    def __init__(self, cin, cout, generator):
        super().__init__()
        self.cin, self.cout, self.literal = cin, cout, generator == "literal"
        if self.literal:
            self.generator = nn.Linear(cin, cout * cin)
        else:
            self.basis = nn.Conv2d(cin, RANK * cout, 1, bias=False)
            self.coefficients = nn.Linear(cin, RANK)

    def forward(self, x):
        n, _, h, w = x.shape
        g = x.mean((2, 3))
        if self.literal:
            filters = self.generator(g).view(n, self.cout, self.cin)
        else:
            u = self.basis.weight.view(RANK, self.cout, self.cin)
            filters = torch.tensordot(self.coefficients(g), u, dims=([1], [0]))
        return torch.bmm(filters, x.flatten(2)).view(n, self.cout, h, w)


class DerainNet(nn.Module):  # models/networks/timelapse_derain_net.cpp, dynamic fusion
    def __init__(self, multiplier, generator):
        super().__init__()
        w = widths(multiplier)
        self.encoders = nn.ModuleList(VggEncoder(k, w) for k in (3, 5, 7))
        self.fusion = DynamicFilter(3 * w[2], w[2], generator)
        taps = torch.tensor([0.5, 1.0, 0.5])
        self.kernels = []
        stages = []
        for stage in range(3):
            width = w[2 - stage]
            nxt = w[1 - stage] if stage < 2 else 3
            self.register_buffer(f"up{stage}", torch.outer(taps, taps).expand(width, 1, 3, 3)
                                 .contiguous())
            layers = []
            for i, (cin, cout) in enumerate(zip((4 * width, width, width, width),
                                                (width, width, width, nxt))):
                layers.append(nn.Conv2d(cin, cout, 3, padding=1))
                if stage < 2 or i < 3:
                    layers.append(nn.ReLU(True))
            stages.append(nn.Sequential(*layers))
        self.stages = nn.ModuleList(stages)

    def forward(self, image):
        h, w = image.shape[2:]
        pad_h, pad_w = (-h) % 8, (-w) % 8
        x = F.pad(image, (0, pad_w, 0, pad_h), mode="reflect") if pad_h or pad_w else image
        features = [e(x) for e in self.encoders]
        y = self.fusion(torch.cat([f[1] for f in features], 1))
        for stage in range(3):
            kernel = getattr(self, f"up{stage}")
            up = F.relu(F.conv_transpose2d(y, kernel, stride=2, padding=1, output_padding=1,
                                           groups=y.shape[1]))
            scale = 2 - stage
            y = self.stages[stage](torch.cat([up] + [f[0][scale] for f in features], 1))
        rain = y[:, :, :h, :w]
        return rain, torch.clamp_min(image - rain, 0)


class DirectionalGradient(nn.Module):  # models/networks/directional_gradient.cpp
    def __init__(self, clusters=4):
        super().__init__()
        self.membership = nn.Conv2d(1, clusters, 3, padding=1)
        self.centres = nn.Parameter((torch.arange(clusters) + 0.5) * (math.pi / clusters)
                                    - math.pi / 2)

    def forward(self, rain, flat_below=1e-3):
        s = rain.mean(1, keepdim=True)
        origin = s[:, :, :-1, :-1]
        gx, gy = s[:, :, :-1, 1:] - origin, s[:, :, 1:, :-1] - origin
        flat = (gx.abs() < flat_below) & (gy.abs() < flat_below)
        angle = torch.atan2(torch.where(flat, torch.zeros_like(gy), gy),
                            torch.where(flat, torch.ones_like(gx), gx))
        angle = angle - math.pi * (angle > math.pi / 2) + math.pi * (angle <= -math.pi / 2)
        theta = torch.where(flat, torch.zeros_like(angle), angle)
        alpha = torch.softmax(self.membership(theta), 1)
        distance = (theta - self.centres.view(1, -1, 1, 1)).abs()
        return (alpha * distance).mean((0, 2, 3)).abs().sum()


def main():
    def extra(parser):
        parser.add_argument("--generator", choices=["literal", "low_rank"],
                            help="override the preset's dynamic filter generator")

    args, device = parse_reference_args(__doc__, PRESETS, 3, extra)
    for name in args.preset or ["paper", "quick"]:
        p = dict(PRESETS[name])
        if args.generator:
            p["generator"] = args.generator
        net = DerainNet(p["width"], p["generator"]).to(device)
        direction = DirectionalGradient().to(device)
        counts = [sum(t.numel() for t in m.parameters()) for m in (net, direction)]
        print(f"# {name} ({p['generator']}): parameters derain {counts[0]}, "
              f"direction {counts[1]}")
        adam = torch.optim.Adam([{"params": net.parameters()},
                                 {"params": direction.parameters()}], lr=1e-4,
                                betas=(0.9, 0.999))
        b, s = p["batch"], p["crop"]
        frame_m = torch.rand(b, 3, s, s, device=device)
        frame_n = torch.rand(b, 3, s, s, device=device)

        def step():
            net.train()
            rain, background = net(torch.cat([frame_m, frame_n]))
            bm, bn = background[:b], background[b:]
            terms = [LAMBDA["b"] * F.l1_loss(bm, bn),
                     LAMBDA["s"] * 0.5 * (F.l1_loss(frame_m, bn) + F.l1_loss(frame_n, bm)),
                     LAMBDA["v"] * direction(rain),
                     LAMBDA["r"] * F.l1_loss(background + rain, torch.cat([frame_m, frame_n]))]
            total = sum(terms)
            adam.zero_grad(set_to_none=True)
            total.backward()
            adam.step()
            [t.item() for t in terms + [total]]  # the engine reads every term

        med, low = median_ms(step, args.repeats, device)
        print(f"timelapse  {name:6s} {p['generator']:8s} train_step  {b}x3x{s}x{s} pairs "
              f"{med:10.1f} ms  (min {low:.1f})")
        image = torch.rand(1, 3, 512, 512, device=device)

        def derain():
            with torch.no_grad():
                net.eval()
                background = net(image)[1].clamp(0, 1)
                (image - background).cpu()
                net.train()

        med, low = median_ms(derain, args.repeats, device)
        print(f"timelapse  {name:6s} {p['generator']:8s} derain      1x3x512x512  "
              f"{med:10.1f} ms  (min {low:.1f})")


if __name__ == "__main__":
    main()

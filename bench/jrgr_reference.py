#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""JRGR's joint training step and F_r's inference written in PyTorch, to time against
`pluvia-cli bench --method jrgr` on the same machine (docs/benchmarks.md). The same networks
(models/networks: U-Net, pix2pix unet_128, 9-block ResNet generator, PatchGAN), the same
forward graph and losses (models/methods/jrgr_method.cpp: eqs. 3-8), image pools of 50, two
Adam optimisers, and the presets' sizes:

    /usr/bin/python3 bench/jrgr_reference.py --threads 2 --repeats 3 --preset paper
"""
import random

import torch
import torch.nn as nn
import torch.nn.functional as F

from reference_timing import median_ms, parse_reference_args
from supervised_reference import UNet


def norm(kind, channels):
    return {"batch": nn.BatchNorm2d(channels), "instance": nn.InstanceNorm2d(channels),
            "none": nn.Identity()}[kind]


class PatchDiscriminator(nn.Module):
    def __init__(self, ndf=64, layers=3, kind="instance"):
        super().__init__()
        bias = kind != "batch"
        seq = [nn.Conv2d(3, ndf, 4, 2, 1), nn.LeakyReLU(0.2, True)]
        ch = ndf
        for n in range(1, layers + 1):
            nxt = ndf * min(2 ** n, 8)
            seq += [nn.Conv2d(ch, nxt, 4, 2 if n < layers else 1, 1, bias=bias), norm(kind, nxt),
                    nn.LeakyReLU(0.2, True)]
            ch = nxt
        seq += [nn.Conv2d(ch, 1, 4, 1, 1)]
        self.model = nn.Sequential(*seq)

    def forward(self, x):
        return self.model(x)


def pad_to(x, m):
    h, w = x.shape[2:]
    pb, pr = (m - h % m) % m, (m - w % m) % m
    if pb or pr:
        x = F.pad(x, (0, pr, 0, pb), mode="reflect" if pb < h and pr < w else "replicate")
    return x, h, w


class Pix2PixUNet(nn.Module):  # unet_128
    def __init__(self, ngf=64, levels=7, kind="batch"):
        super().__init__()
        bias = kind != "batch"
        ch = [ngf * min(2 ** k, 8) for k in range(levels)]
        self.levels = levels
        self.down = nn.ModuleList()
        self.up = nn.ModuleList()
        for k in range(levels):
            cin = 3 if k == 0 else ch[k - 1]
            d = [] if k == 0 else [nn.LeakyReLU(0.2)]
            d += [nn.Conv2d(cin, ch[k], 4, 2, 1, bias=bias)]
            if 0 < k < levels - 1:
                d += [norm(kind, ch[k])]
            self.down.append(nn.Sequential(*d))
            upin = ch[k] if k == levels - 1 else 2 * ch[k]
            upout = 3 if k == 0 else ch[k - 1]
            u = [nn.ReLU(), nn.ConvTranspose2d(upin, upout, 4, 2, 1, bias=(k == 0 or bias))]
            u += [nn.Tanh()] if k == 0 else [norm(kind, upout)]
            self.up.append(nn.Sequential(*u))

    def forward(self, x):
        x, h, w = pad_to(x, 2 ** self.levels)
        feats = []
        for block in self.down:
            x = block(x)
            feats.append(x)
        up = self.up[-1](feats[-1])
        for k in range(self.levels - 2, -1, -1):
            up = self.up[k](torch.cat([feats[k], up], 1))
        return up[:, :, :h, :w]


class ResidualBlock(nn.Module):
    def __init__(self, ch, kind):
        super().__init__()
        bias = kind != "batch"
        self.conv_block = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(ch, ch, 3, bias=bias), norm(kind, ch),
                                        nn.ReLU(True), nn.ReflectionPad2d(1), nn.Conv2d(ch, ch, 3, bias=bias),
                                        norm(kind, ch))

    def forward(self, x):
        return x + self.conv_block(x)


class ResnetGenerator(nn.Module):
    def __init__(self, ngf=64, blocks=9, kind="batch"):
        super().__init__()
        bias = kind != "batch"
        m = [nn.ReflectionPad2d(3), nn.Conv2d(3, ngf, 7, bias=bias), norm(kind, ngf), nn.ReLU(True)]
        for mult in (1, 2):
            m += [nn.Conv2d(ngf * mult, ngf * mult * 2, 3, 2, 1, bias=bias), norm(kind, ngf * mult * 2), nn.ReLU(True)]
        m += [ResidualBlock(ngf * 4, kind) for _ in range(blocks)]
        for mult in (4, 2):
            m += [nn.ConvTranspose2d(ngf * mult, ngf * mult // 2, 3, 2, 1, output_padding=1, bias=bias),
                  norm(kind, ngf * mult // 2), nn.ReLU(True)]
        m += [nn.ReflectionPad2d(3), nn.Conv2d(ngf, 3, 7), nn.Tanh()]
        self.model = nn.Sequential(*m)

    def forward(self, x):
        x, h, w = pad_to(x, 4)
        return self.model(x)[:, :, :h, :w]


class ImagePool:  # CycleGAN's history of generated images
    def __init__(self, size):
        self.size, self.images = size, []

    def query(self, images):
        out = []
        for image in images.detach():
            image = image.unsqueeze(0)
            if len(self.images) < self.size:
                self.images.append(image)
                out.append(image)
            elif random.random() < 0.5:
                i = random.randrange(self.size)
                out.append(self.images[i])
                self.images[i] = image
            else:
                out.append(image)
        return torch.cat(out, 0)


PRESETS = {  # models/methods/jrgr_method.cpp
    "paper": dict(batch=16, crop=256, removal="unet", generator="unet", levels=4, width=1.0, ndf=64,
                  gan="log", adv=10.0, cyc=1.0, mse=10.0, alpha=4.0, dscale=1.0, lr=1e-4, beta1=0.9, signed=False),
    "reference-code": dict(batch=1, crop=256, removal="unet_128", generator="resnet_9blocks", levels=4, width=1.0,
                           ndf=64, gan="lsgan", adv=4.0, cyc=40.0, mse=40.0, alpha=1.0, dscale=0.5, lr=1e-5,
                           beta1=0.5, signed=True),
    "quick": dict(batch=2, crop=64, removal="unet", generator="unet", levels=3, width=0.25, ndf=16,
                  gan="log", adv=10.0, cyc=1.0, mse=10.0, alpha=4.0, dscale=1.0, lr=2e-4, beta1=0.9, signed=False),
}


def build(p, device):
    def removal():
        return Pix2PixUNet() if p["removal"] == "unet_128" else UNet(levels=p["levels"], width=p["width"])

    def generator():
        return ResnetGenerator() if p["generator"] == "resnet_9blocks" else UNet(levels=p["levels"], width=p["width"])

    nets = dict(F_s=removal(), F_r=removal(), G_s=generator(), G_r=generator(),
                D_B=PatchDiscriminator(p["ndf"]), D_Os=PatchDiscriminator(p["ndf"]), D_Or=PatchDiscriminator(p["ndf"]))
    return {k: v.to(device) for k, v in nets.items()}


def derain_only_argument(parser):
    parser.add_argument("--derain-only", action="store_true",
                        help="skip the training step (the paper preset's needs about 30 GiB on a CPU)")


def main():
    args, device = parse_reference_args(__doc__, PRESETS, 3, derain_only_argument)
    random.seed(0)
    for name in args.preset or ["paper", "reference-code", "quick"]:
        p = PRESETS[name]
        n = build(p, device)
        gen = torch.optim.Adam([q for k in ("F_s", "F_r", "G_s", "G_r") for q in n[k].parameters()],
                               lr=p["lr"], betas=(p["beta1"], 0.999))
        dis = torch.optim.Adam([q for k in ("D_B", "D_Os", "D_Or") for q in n[k].parameters()],
                               lr=p["lr"], betas=(p["beta1"], 0.999))
        pools = {k: ImagePool(50) for k in ("B_s", "Bt_r", "B_r", "Bt_s", "Ot_r", "Ot_s")}
        b, s = p["batch"], p["crop"]
        clean = torch.rand(b, 3, s, s, device=device) * 0.8
        syn = (clean + 0.2 * (torch.rand(b, 1, s, s, device=device) > 0.95)).clamp(0, 1)
        real = torch.rand(b, 3, s, s, device=device)

        def to_model(x):
            return x * 2 - 1 if p["signed"] else x

        def gan(logits, is_real):
            target = torch.ones_like(logits) if is_real else torch.zeros_like(logits)
            return F.mse_loss(logits, target) if p["gan"] == "lsgan" else F.binary_cross_entropy_with_logits(logits, target)

        def step():
            O_s, O_r, B = to_model(syn), to_model(real), to_model(clean)
            B_s = n["F_s"](O_s); Ot_r = B_s + n["G_r"](O_s - B_s)
            Bt_r = n["F_r"](Ot_r); Oh_s = Bt_r + n["G_s"](Ot_r - Bt_r)
            B_r = n["F_r"](O_r); Ot_s = B_r + n["G_s"](O_r - B_r)
            Bt_s = n["F_s"](Ot_s); Oh_r = Bt_s + n["G_r"](Ot_s - Bt_s)
            for k in ("D_B", "D_Os", "D_Or"):
                for q in n[k].parameters():
                    q.requires_grad_(False)
            terms = [p["adv"] * gan(n["D_B"](x), True) for x in (B_s, Bt_r, B_r, Bt_s)]
            terms += [p["adv"] * gan(n["D_Or"](Ot_r), True), p["adv"] * gan(n["D_Os"](Ot_s), True)]
            terms += [p["cyc"] * F.l1_loss(Oh_s, O_s), p["cyc"] * F.l1_loss(Oh_r, O_r),
                      p["cyc"] * F.l1_loss(Bt_r, B_s), p["cyc"] * F.l1_loss(Bt_s, B_r)]
            terms += [p["mse"] * F.mse_loss(B_s, B), p["mse"] * F.mse_loss(Bt_r, B)]
            total = sum(terms)
            gen.zero_grad()
            total.backward()
            gen.step()
            for k in ("D_B", "D_Os", "D_Or"):
                for q in n[k].parameters():
                    q.requires_grad_(True)
            d_b = p["alpha"] * gan(n["D_B"](B), True) + sum(
                gan(n["D_B"](pools[k].query(x)), False) for k, x in (("B_s", B_s), ("Bt_r", Bt_r), ("B_r", B_r), ("Bt_s", Bt_s)))
            d_or = gan(n["D_Or"](O_r), True) + gan(n["D_Or"](pools["Ot_r"].query(Ot_r)), False)
            d_os = gan(n["D_Os"](O_s), True) + gan(n["D_Os"](pools["Ot_s"].query(Ot_s)), False)
            d_total = p["dscale"] * (d_b + d_or + d_os)
            dis.zero_grad()
            d_total.backward()
            dis.step()
            [t.item() for t in terms + [total, d_b, d_or, d_os]]  # the engine reads every term

        if not args.derain_only:
            med, low = median_ms(step, args.repeats, device)
            print(f"jrgr  {name:15s} train_step  {b}x3x{s}x{s}  {med:10.1f} ms  (min {low:.1f})")
        image = torch.rand(1, 3, 512, 512, device=device)

        def derain():
            with torch.no_grad():
                for net in n.values():
                    net.eval()
                out = n["F_r"](to_model(image))
                bg = ((out + 1) * 0.5 if p["signed"] else out).clamp(0, 1)
                (image - bg).cpu()
                for net in n.values():
                    net.train()

        med, low = median_ms(derain, args.repeats, device)
        print(f"jrgr  {name:15s} derain      1x3x512x512  {med:10.1f} ms  (min {low:.1f})")


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""DerainCycleGAN's training step and G_N's inference written in PyTorch, to time against
`pluvia-cli bench --method deraincyclegan` on the same machine (docs/benchmarks.md). The same
networks (models/networks: U-ARSE with the hybrid block and a ConvLSTM over weight-shared
passes, the 16 Conv-ReLU contextual autoencoder or its compact form, the multi-scale
discriminator), the same forward graph (models/methods/deraincyclegan_method.cpp: both
translation cycles, U-ARSE on r, n_r, n and r_n), the same losses per preset (adversarial on
every discriminator scale, log or least squares; attention; cycle; the streak GMM refitted by 20
EM iterations each step, on in `paper`; reconstruction; the identity term, on in `quick`), image
pools of 50 and two Adam optimisers with weight decay. The perceptual loss L_p is left out, as
Pluvia leaves it out without a VGG-16 weights file. It prints each network's parameter count,
which matches the tensors of a model Pluvia exports at the same preset.

One timed step = the generators' step (every term, backward, Adam) and the discriminators'
step (real images and pooled fakes, backward, Adam), then reading every term's value. The
derain is n_r = G_N(r ⊕ Att(r)) of one 512×512 image, clamped, and the rain r − n_r.

    /usr/bin/python3 bench/deraincyclegan_reference.py --threads 2 --repeats 3 --preset paper
"""
import math
import random

import torch
import torch.nn as nn
import torch.nn.functional as F

from reference_timing import median_ms, parse_reference_args


def conv3(cin, cout):
    return nn.Conv2d(cin, cout, 3, padding=1)


class ConvLSTMCell(nn.Module):  # models/networks/conv_lstm.cpp: gates i, f, g, o in one conv
    def __init__(self, cin, hidden):
        super().__init__()
        self.hidden = hidden
        self.gates = conv3(cin + hidden, 4 * hidden)

    def forward(self, x, h, c):
        if h is None:
            h = x.new_zeros(x.shape[0], self.hidden, x.shape[2], x.shape[3])
            c = x.new_zeros(x.shape[0], self.hidden, x.shape[2], x.shape[3])
        i, f, g, o = self.gates(torch.cat([x, h], 1)).chunk(4, 1)
        c = torch.sigmoid(f) * c + torch.sigmoid(i) * torch.tanh(g)
        return torch.sigmoid(o) * torch.tanh(c), c


class UARSE(nn.Module):  # models/networks/uarse.cpp, hybrid block, weight-shared passes
    def __init__(self, features=32, stages=6, dense_layers=3):
        super().__init__()
        f, growth = features, max(1, features // 2)
        self.f, self.stages = f, stages
        self.head = nn.Sequential(conv3(4, f), nn.ReLU(True))
        self.dense = nn.ModuleList(conv3(f + k * growth, f + growth) for k in range(dense_layers))
        self.fuse = nn.Sequential(nn.Conv2d(f + dense_layers * growth, f, 1), nn.ReLU(True))
        self.lstm = ConvLSTMCell(f, f)
        self.mask = conv3(f, 1)

    def hybrid(self, x):
        residual, dense = x, []
        for layer in self.dense:
            y = F.relu(layer(torch.cat([residual] + dense, 1)))
            residual = residual + y[:, :self.f]
            dense.append(y[:, self.f:])
        return self.fuse(torch.cat([residual] + dense, 1))

    def forward(self, image):
        mask = torch.full_like(image[:, :1], 0.5)
        h = c = None
        masks = []
        for _ in range(self.stages):
            x = self.hybrid(self.head(torch.cat([image, mask], 1)))
            h, c = self.lstm(x, h, c)
            mask = self.mask(h)
            masks.append(mask)
        return masks


def conv_relu(cin, cout, k=3, stride=1, dilation=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, dilation * (k - 1) // 2, dilation), nn.ReLU(True))


def up_block(cin, cout):  # transposed conv, then a 2×2 average reflecting at the top/left
    return nn.Sequential(nn.ConvTranspose2d(cin, cout, 4, 2, 1), nn.ReflectionPad2d((1, 0, 1, 0)),
                         nn.AvgPool2d(2, 1), nn.ReLU(True))


class ContextualAutoencoder(nn.Module):  # models/networks/contextual_autoencoder.cpp
    def __init__(self, base=64, compact=False, cin=4, cout=3):
        super().__init__()
        b1, b2, b4 = base, 2 * base, 4 * base
        self.conv1 = conv_relu(cin, b1, 5)
        half = [conv_relu(b1, b2, 3, 2)] + ([] if compact else [conv_relu(b2, b2)])
        self.scale2 = nn.Sequential(*half)
        quarter = [conv_relu(b2, b4, 3, 2)] + ([] if compact else [conv_relu(b4, b4), conv_relu(b4, b4)])
        quarter += [conv_relu(b4, b4, 3, 1, d) for d in (2, 4, 8, 16)]
        quarter += [] if compact else [conv_relu(b4, b4), conv_relu(b4, b4)]
        self.scale4 = nn.Sequential(*quarter)
        self.deconv1 = up_block(b4, b2)
        self.conv9 = nn.Identity() if compact else conv_relu(b2, b2)
        self.deconv2 = up_block(b2, b1)
        self.conv10 = nn.Identity() if compact else conv_relu(b1, b1 // 2)
        self.output = conv3(b1 if compact else b1 // 2, cout)

    def forward(self, x):
        h, w = x.shape[2:]
        pb, pr = (4 - h % 4) % 4, (4 - w % 4) % 4
        if pb or pr:
            x = F.pad(x, (0, pr, 0, pb), mode="reflect" if pb < h and pr < w else "replicate")
        skip1 = self.conv1(x)
        skip2 = self.scale2(skip1)
        x = self.deconv1(self.scale4(skip2)) + skip2
        x = self.deconv2(self.conv9(x)) + skip1
        return self.output(self.conv10(x))[:, :, :h, :w]


class MultiScaleDiscriminator(nn.Module):  # models/networks/multiscale_discriminator.cpp
    def __init__(self, base=64, scales=3, downsamplings=2, slope=0.2):
        super().__init__()
        self.minimum = 2 ** downsamplings
        self.diss = nn.ModuleList()
        for _ in range(scales):
            layers, cin = [], 3
            for k in range(downsamplings):
                cout = base * 2 ** min(k, 3)
                layers += [nn.ReflectionPad2d(1), nn.Conv2d(cin, cout, 4, 2), nn.LeakyReLU(slope, True)]
                cin = cout
            layers.append(nn.Conv2d(cin, 1, 1))
            self.diss.append(nn.Sequential(*layers))

    def forward(self, x):
        logits = []
        for s, dis in enumerate(self.diss):
            if s > 0:
                x = F.avg_pool2d(x, 3, 2, 1, count_include_pad=False)
            pb, pr = max(0, self.minimum - x.shape[2]), max(0, self.minimum - x.shape[3])
            logits.append(dis(F.pad(x, (0, pr, 0, pb), mode="replicate") if pb or pr else x))
        return logits


def component_log_densities(values, weights, variances):  # models/framework/gaussian_mixture.cpp
    variances = variances.to(values.dtype).unsqueeze(0)
    weights = weights.to(values.dtype).unsqueeze(0)
    squares = values.reshape(-1, 1).square()
    return weights.log() - 0.5 * (math.log(2 * math.pi) + variances.log()) - 0.5 * squares / variances


def fit_zero_mean_mixture(samples, k, iterations, min_variance=1e-8):
    values = samples.detach().reshape(-1).double()
    squares = values.square().unsqueeze(1)
    mean_square = max(squares.mean().item(), min_variance)
    weights = torch.full((k,), 1.0 / k, dtype=torch.float64, device=values.device)
    variances = mean_square * torch.pow(10.0, torch.linspace(-1.0, 1.0, k, dtype=torch.float64,
                                                              device=values.device))
    for _ in range(iterations):  # EM
        resp = torch.softmax(component_log_densities(values, weights, variances), 1)
        mass = resp.sum(0)
        weights = mass / values.shape[0]
        variances = ((resp * squares).sum(0) / mass.clamp_min(1e-300)).clamp_min(min_variance)
    return weights, variances


def mixture_nll(samples, weights, variances):
    return -torch.logsumexp(component_log_densities(samples, weights, variances), 1).mean()


class ImagePool:  # models/framework/image_pool.cpp
    def __init__(self, size):
        self.size, self.images = size, []

    def query(self, images):
        out = []
        for image in images.detach():
            image = image.unsqueeze(0).clone()
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


PRESETS = {  # models/methods/deraincyclegan_method.cpp, describe()
    "paper": dict(batch=1, crop=216, att_features=32, att_stages=6, compact=False, gen_channels=64,
                  disc_channels=64, residual=False, lsgan=False, gmm=True, att_rainy=True,
                  identity=False),
    "quick": dict(batch=4, crop=64, att_features=16, att_stages=4, compact=True, gen_channels=16,
                  disc_channels=32, residual=True, lsgan=True, gmm=False, att_rainy=False,
                  identity=True),
}
LAMBDA = dict(adv=1.0, att=10.0, cc=10.0, gmm=10.0, r=10.0, identity=5.0)
GMM_COMPONENTS, GMM_ITERATIONS = 3, 20


def main():
    args, device = parse_reference_args(__doc__, PRESETS, 3)
    random.seed(0)
    for name in args.preset or ["paper", "quick"]:
        p = PRESETS[name]
        att = UARSE(p["att_features"], p["att_stages"]).to(device)
        G_N = ContextualAutoencoder(p["gen_channels"], p["compact"]).to(device)
        G_R = ContextualAutoencoder(p["gen_channels"], p["compact"]).to(device)
        D_R = MultiScaleDiscriminator(p["disc_channels"]).to(device)
        D_N = MultiScaleDiscriminator(p["disc_channels"]).to(device)
        nets = [att, G_N, G_R, D_R, D_N]
        counts = [sum(t.numel() for t in m.parameters()) for m in nets]
        print(f"# {name}: parameters U-ARSE {counts[0]}, G_N {counts[1]}, G_R {counts[2]}, "
              f"D_R {counts[3]}, D_N {counts[4]}, all {sum(counts)}")
        adam = dict(lr=1e-4, betas=(0.9, 0.999), weight_decay=1e-4)
        gen = torch.optim.Adam([{"params": m.parameters()} for m in (att, G_N, G_R)], **adam)
        dis = torch.optim.Adam([{"params": m.parameters()} for m in (D_R, D_N)], **adam)
        pool_rn, pool_nr = ImagePool(50), ImagePool(50)
        b, s = p["batch"], p["crop"]
        rainy = torch.rand(b, 3, s, s, device=device)
        clean = torch.rand(b, 3, s, s, device=device)

        def remove_rain(x, a):
            out = G_N(torch.cat([x, a], 1))
            return x - out if p["residual"] else out

        def add_rain(x, a):
            out = G_R(torch.cat([x, a], 1))
            return x + out if p["residual"] else out

        def gan(logits, is_real):  # log (eq. 6) or least-squares GAN loss, averaged over scales
            form = F.mse_loss if p["lsgan"] else F.binary_cross_entropy_with_logits
            return sum(form(l, torch.full_like(l, float(is_real))) for l in logits) / len(logits)

        def step():
            for m in nets:
                m.train()
            r, n = rainy, clean
            att_r = att(r)[-1]
            n_r = remove_rain(r, att_r)
            r_t = add_rain(n_r, att(n_r)[-1])
            att_n = att(n)[-1]
            r_n = add_rain(n, att_n)
            n_t = remove_rain(r_n, att(r_n)[-1])
            # generators' step, the discriminators frozen
            for d in (D_R, D_N):
                d.requires_grad_(False)
            terms = [LAMBDA["adv"] * gan(D_N(n_r), True), LAMBDA["adv"] * gan(D_R(r_n), True),
                     LAMBDA["att"] * att_n.square().mean(),
                     LAMBDA["cc"] * F.l1_loss(r_t, r), LAMBDA["cc"] * F.l1_loss(n_t, n),
                     LAMBDA["r"] * F.mse_loss(att_r + n_r, r)]
            if p["att_rainy"]:
                noise = torch.normal(0.5, 0.25, att_r.shape).clamp(0, 1).to(device)
                terms.append(LAMBDA["att"] * F.mse_loss(att_r, noise))
            if p["gmm"]:
                streaks = r - n_r
                weights, variances = fit_zero_mean_mixture(streaks, GMM_COMPONENTS, GMM_ITERATIONS)
                terms.append(LAMBDA["gmm"] * mixture_nll(streaks, weights, variances))
            if p["identity"]:  # CycleGAN's identity term, G_N on rain-free images
                terms.append(LAMBDA["identity"] * F.l1_loss(remove_rain(n, att_n), n))
            total = sum(terms)
            gen.zero_grad(set_to_none=True)
            total.backward()
            gen.step()
            for d in (D_R, D_N):
                d.requires_grad_(True)
            # discriminators' step: real images and pooled fakes
            loss_r = gan(D_R(r), True) + gan(D_R(pool_rn.query(r_n)), False)
            loss_n = gan(D_N(n), True) + gan(D_N(pool_nr.query(n_r)), False)
            dis.zero_grad(set_to_none=True)
            (loss_r + loss_n).backward()
            dis.step()
            [t.item() for t in terms + [total, loss_r, loss_n]]  # the engine reads every term

        med, low = median_ms(step, args.repeats, device)
        print(f"deraincyclegan  {name:6s} train_step  {b}x3x{s}x{s}  {med:10.1f} ms  (min {low:.1f})")
        image = torch.rand(1, 3, 512, 512, device=device)

        def derain():
            with torch.no_grad():
                for m in nets:
                    m.eval()
                bg = remove_rain(image, att(image)[-1]).clamp(0, 1)
                (image - bg).cpu()
                for m in nets:
                    m.train()

        med, low = median_ms(derain, args.repeats, device)
        print(f"deraincyclegan  {name:6s} derain      1x3x512x512  {med:10.1f} ms  (min {low:.1f})")


if __name__ == "__main__":
    main()

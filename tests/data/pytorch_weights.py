#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""PyTorch's side of tests/core/test_pytorch_weights.cpp, with Debian's python3-torch: networks
built in PyTorch (bench/jrgr_reference.py, and pix2pix's nested U-Net below), so that the files
and outputs Pluvia is checked against come from PyTorch itself. Nothing is downloaded.

  pytorch_weights.py forward EXPORT INPUT OUT NGF
      Loads Pluvia's export-weights file of a JRGR reference-code model (every network, prefixed)
      into bench/jrgr_reference.py's networks with load_state_dict(strict=True) and writes, in
      evaluation mode, {"F_r": F_r(2x-1), "G_r": G_r(2x-1), "D_Or": D_Or(2x-1)} for INPUT's "x".

  pytorch_weights.py public DIR NGF
      Writes what guyii54/JRGR's training writes, from seeded networks with randomised
      BatchNorm statistics: latest_net_G3.pth (pix2pix's unet_128, nested as the public code
      nests it), latest_net_G2.pth (the 9-block ResNet generator), latest_net_D_Ot.pth (the
      PatchGAN); an input x (1x3x128x128 in [0, 1]) and a source s; and the public code's
      results in [0, 1] space: "B" = (G3(2x-1) + 1) / 2 clamped, "O" = generation of x's
      background with s's rain, ((b + G2(s' - b)) + 1) / 2 clamped (b = 2x-1, s' = 2s-1).

  pytorch_weights.py public-deraincyclegan DIR WIDTH
      Writes a checkpoint as OaDsis/DerainCycleGAN's model.save() writes it, net_best_demo.pth:
      {"atten", "genA", "genB", "disA", "disB"} state dicts of its networks as PyTorch modules
      below (the attention network with four gate convolutions, the generators with their
      unused multi-scale heads outframe1/2), an Adam state ("genA_opt") and counters; and
      expected.pt: x, "B" = derained as its test.py computes ((genA(y, atten(y)[-1]) + 1) / 2
      clamped, y = 2x-1), "O" = genB(y, atten(y)[-1]) likewise.
"""
import pathlib
import sys

try:
    import torch
    import torch.nn as nn
except ImportError as error:
    sys.exit(f"pytorch_weights.py: {error}; install python3-torch (./bootstrap.sh test does)")

sys.path.insert(0, str(pathlib.Path(__file__).resolve().parents[2] / "bench"))
from jrgr_reference import PatchDiscriminator, Pix2PixUNet, ResnetGenerator  # noqa: E402


class NestedSkipBlock(nn.Module):
    """pix2pix's U-Net as its public code writes it: each level a block around the next one,
    its layers in one Sequential called `model` (hence keys like model.model.1.model.3...)."""

    def __init__(self, outer, inner, child=None, in_channels=None, outermost=False):
        super().__init__()
        self.outermost = outermost
        down = nn.Conv2d(in_channels or outer, inner, 4, 2, 1, bias=False)
        if outermost:
            layers = [down, child, nn.ReLU(), nn.ConvTranspose2d(2 * inner, outer, 4, 2, 1),
                      nn.Tanh()]
        elif child is None:  # innermost
            layers = [nn.LeakyReLU(0.2), down, nn.ReLU(),
                      nn.ConvTranspose2d(inner, outer, 4, 2, 1, bias=False), nn.BatchNorm2d(outer)]
        else:
            layers = [nn.LeakyReLU(0.2), down, nn.BatchNorm2d(inner), child, nn.ReLU(),
                      nn.ConvTranspose2d(2 * inner, outer, 4, 2, 1, bias=False),
                      nn.BatchNorm2d(outer)]
        self.model = nn.Sequential(*layers)

    def forward(self, x):
        return self.model(x) if self.outermost else torch.cat([x, self.model(x)], 1)


class NestedUnet128(nn.Module):
    def __init__(self, ngf):
        super().__init__()
        block = NestedSkipBlock(8 * ngf, 8 * ngf)
        for _ in range(2):
            block = NestedSkipBlock(8 * ngf, 8 * ngf, block)
        block = NestedSkipBlock(4 * ngf, 8 * ngf, block)
        block = NestedSkipBlock(2 * ngf, 4 * ngf, block)
        block = NestedSkipBlock(ngf, 2 * ngf, block)
        self.model = NestedSkipBlock(3, ngf, block, in_channels=3, outermost=True)

    def forward(self, x):
        return self.model(x)


class PublicAttention(nn.Module):
    """DerainCycleGAN's public attention network (its URAD): a conv of image and mask, an LSTM
    with one convolution per gate, five residual blocks, a mask conv; six weight-shared passes."""

    def __init__(self, f):
        super().__init__()
        self.f = f
        self.det_conv0 = nn.Sequential(nn.Conv2d(4, f, 3, 1, 1), nn.ReLU())
        for k in range(1, 6):
            setattr(self, f"det_conv{k}", nn.Sequential(
                nn.Conv2d(f, f, 3, 1, 1), nn.ReLU(), nn.Conv2d(f, f, 3, 1, 1), nn.ReLU()))
        self.conv_i = nn.Sequential(nn.Conv2d(2 * f, f, 3, 1, 1), nn.Sigmoid())
        self.conv_f = nn.Sequential(nn.Conv2d(2 * f, f, 3, 1, 1), nn.Sigmoid())
        self.conv_g = nn.Sequential(nn.Conv2d(2 * f, f, 3, 1, 1), nn.Tanh())
        self.conv_o = nn.Sequential(nn.Conv2d(2 * f, f, 3, 1, 1), nn.Sigmoid())
        self.det_conv_mask = nn.Sequential(nn.Conv2d(f, 1, 3, 1, 1))

    def forward(self, image):
        n, _, height, width = image.shape
        mask = torch.full((n, 1, height, width), 0.5)
        h = torch.zeros(n, self.f, height, width)
        c = torch.zeros(n, self.f, height, width)
        masks = []
        for _ in range(6):
            x = torch.cat([self.det_conv0(torch.cat([image, mask], 1)), h], 1)
            c = self.conv_f(x) * c + self.conv_i(x) * self.conv_g(x)
            h = self.conv_o(x) * torch.tanh(c)
            x = h
            for k in range(1, 6):
                x = torch.relu(getattr(self, f"det_conv{k}")(x) + x)
            mask = self.det_conv_mask(x)
            masks.append(mask)
        return masks


def conv_relu(cin, cout, k=3, stride=1, dilation=1):
    return nn.Sequential(nn.Conv2d(cin, cout, k, stride, dilation * (k - 1) // 2, dilation),
                         nn.ReLU())


def up(cin, cout):
    return nn.Sequential(nn.ConvTranspose2d(cin, cout, 4, 2, 1), nn.ReflectionPad2d((1, 0, 1, 0)),
                         nn.AvgPool2d(2, 1), nn.ReLU())


class PublicGenerator(nn.Module):
    """DerainCycleGAN's public generator: dilated-conv autoencoder, image and mask in, additive
    skips; outframe1/2 are its multi-scale training heads (unused by its test)."""

    def __init__(self, b):
        super().__init__()
        self.conv1 = conv_relu(4, b, 5)
        self.conv2 = conv_relu(b, 2 * b, 3, 2)
        self.conv3 = conv_relu(2 * b, 2 * b)
        self.conv4 = conv_relu(2 * b, 4 * b, 3, 2)
        self.conv5 = conv_relu(4 * b, 4 * b)
        self.conv6 = conv_relu(4 * b, 4 * b)
        for k, d in enumerate((2, 4, 8, 16), 1):
            setattr(self, f"diconv{k}", conv_relu(4 * b, 4 * b, 3, 1, d))
        self.conv7 = conv_relu(4 * b, 4 * b)
        self.conv8 = conv_relu(4 * b, 4 * b)
        self.deconv1 = up(4 * b, 2 * b)
        self.conv9 = conv_relu(2 * b, 2 * b)
        self.deconv2 = up(2 * b, b)
        self.conv10 = conv_relu(b, b // 2)
        self.outframe1 = nn.Sequential(nn.Conv2d(4 * b, 3, 3, 1, 1))
        self.outframe2 = nn.Sequential(nn.Conv2d(2 * b, 3, 3, 1, 1))
        self.output = nn.Sequential(nn.Conv2d(b // 2, 3, 3, 1, 1))

    def forward(self, image, mask):
        skip1 = self.conv1(torch.cat([image, mask], 1))
        skip2 = self.conv3(self.conv2(skip1))
        x = self.conv6(self.conv5(self.conv4(skip2)))
        for k in range(1, 5):
            x = getattr(self, f"diconv{k}")(x)
        x = self.deconv1(self.conv8(self.conv7(x))) + skip2
        x = self.deconv2(self.conv9(x)) + skip1
        return self.output(self.conv10(x))


class LeakyConv(nn.Module):
    def __init__(self, cin, cout):
        super().__init__()
        self.model = nn.Sequential(nn.ReflectionPad2d(1), nn.Conv2d(cin, cout, 4, 2),
                                   nn.LeakyReLU(0.01))


class PublicDiscriminator(nn.Module):
    def __init__(self, b):
        super().__init__()
        channels = [3, b, 2 * b, 4 * b, 8 * b]
        self.Diss = nn.ModuleList(
            nn.Sequential(*[LeakyConv(channels[k], channels[k + 1]) for k in range(4)],
                          nn.Conv2d(8 * b, 1, 1)) for _ in range(3))


def public_deraincyclegan(folder, width):
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(6)
    attention = PublicAttention(width).eval()
    gen_a, gen_b = PublicGenerator(width).eval(), PublicGenerator(width).eval()
    dis_a, dis_b = PublicDiscriminator(width), PublicDiscriminator(width)
    optimiser = torch.optim.Adam(gen_a.parameters(), lr=1e-4, betas=(0.5, 0.999),
                                 weight_decay=1e-4)
    y = 2 * torch.rand(1, 3, 64, 72) - 1
    gen_a(y, attention(y)[-1]).square().mean().backward()
    optimiser.step()  # an optimiser state with tensors, floats, tuples and lists beside the nets
    torch.save({"disA": dis_a.state_dict(), "disB": dis_b.state_dict(),
                "atten": attention.state_dict(), "genA": gen_a.state_dict(),
                "genB": gen_b.state_dict(), "genA_opt": optimiser.state_dict(), "ep": 10,
                "total_it": 1234}, folder / "net_best_demo.pth")
    x = torch.rand(1, 3, 64, 72)
    with torch.no_grad():
        y = 2 * x - 1
        mask = attention(y)[-1]
        derained = ((gen_a(y, mask) + 1) / 2).clamp(0, 1)
        rainy = ((gen_b(y, mask) + 1) / 2).clamp(0, 1)
    torch.save({"x": x, "B": derained, "O": rainy}, folder / "expected.pt")


def randomise_statistics(net):
    for module in net.modules():
        if isinstance(module, nn.BatchNorm2d):
            module.running_mean.uniform_(-0.2, 0.2)
            module.running_var.uniform_(0.5, 1.5)
            module.weight.data.uniform_(0.5, 1.5)
            module.bias.data.uniform_(-0.2, 0.2)
            module.num_batches_tracked.fill_(7)
    return net


def sub_dict(state, prefix):
    return {k[len(prefix):]: v for k, v in state.items() if k.startswith(prefix)}


def forward(export, input_file, out, ngf):
    state = torch.load(export)
    x = torch.load(input_file)["x"]
    nets = {"F_r": Pix2PixUNet(ngf, 7, "batch"), "G_r": ResnetGenerator(ngf, 9, "batch"),
            "D_Or": PatchDiscriminator(ngf, 3, "instance")}
    results = {}
    with torch.no_grad():
        for name, net in nets.items():
            net.load_state_dict(sub_dict(state, name + "."), strict=True)
            results[name] = net.eval()(2 * x - 1).contiguous()
    torch.save(results, out)


def public(folder, ngf):
    folder.mkdir(parents=True, exist_ok=True)
    torch.manual_seed(5)
    removal = randomise_statistics(NestedUnet128(ngf)).eval()
    generator = randomise_statistics(ResnetGenerator(ngf, 9, "batch")).eval()
    discriminator = PatchDiscriminator(ngf, 3, "instance").eval()
    torch.save(removal.state_dict(), folder / "latest_net_G3.pth")
    torch.save(generator.state_dict(), folder / "latest_net_G2.pth")
    torch.save(discriminator.state_dict(), folder / "latest_net_D_Ot.pth")
    x = torch.rand(1, 3, 128, 128)
    s = torch.rand(1, 3, 128, 128)
    with torch.no_grad():
        b = removal(2 * x - 1)
        background = ((b + 1) / 2).clamp(0, 1)
        clean = 2 * x - 1
        rainy = ((clean + generator(2 * s - 1 - clean)) + 1) / 2
    torch.save({"x": x, "s": s, "B": background, "O": rainy.clamp(0, 1)},
               folder / "expected.pt")


def main():
    if len(sys.argv) == 6 and sys.argv[1] == "forward":
        forward(sys.argv[2], sys.argv[3], sys.argv[4], int(sys.argv[5]))
    elif len(sys.argv) == 4 and sys.argv[1] == "public":
        public(pathlib.Path(sys.argv[2]), int(sys.argv[3]))
    elif len(sys.argv) == 4 and sys.argv[1] == "public-deraincyclegan":
        public_deraincyclegan(pathlib.Path(sys.argv[2]), int(sys.argv[3]))
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

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
    else:
        sys.exit(__doc__)


if __name__ == "__main__":
    main()

#!/usr/bin/env python3
# SPDX-License-Identifier: GPL-3.0-or-later
"""Writes the files test_vgg16_features checks Pluvia's VGG-16 against, using torchvision itself.

Usage: vgg16_fixture.py OUTDIR

  vgg16.pt                    a randomly initialised torchvision VGG-16's state dict, written as
                              users write the ImageNet one (torch.save(model.state_dict(), ...))
  reference.pt                {"input", "relu2_2", "relu3_3"}: a seeded N×3×H×W input in [0, 1] and
                              torchvision's features[:9] and features[:16] of it, ImageNet-normalised
  vgg16_lacks_features5.pt    the relu2_2 weights (features.0 … features.7) without features.5.weight
  vgg16_wrong_shape.pt        the relu2_2 weights with features.5.weight of shape [64, 64, 3, 3]
  vgg16_relu2_2_float16.pt    the relu2_2 weights as float16, in a plain dict
  vgg16_relu2_2_float64.pt    the relu2_2 weights as float64

Needs Debian's python3-torchvision (ctest runs /usr/bin/python3). Nothing is downloaded.
"""
import collections
import pathlib
import sys

try:
    import torch
    import torchvision
except ImportError as error:
    sys.exit(f"vgg16_fixture.py: {error}; install python3-torchvision (./bootstrap.sh test does)")

IMAGENET_MEAN = (0.485, 0.456, 0.406)
IMAGENET_STD = (0.229, 0.224, 0.225)


def main():
    out = pathlib.Path(sys.argv[1])
    out.mkdir(parents=True, exist_ok=True)

    torch.manual_seed(16)
    model = torchvision.models.vgg16().eval()  # no weights argument: random, no download
    state = model.state_dict()
    # The whole state dict, classifier included (528 MB), as the user's file is: the loader must
    # skip what it does not need.
    torch.save(state, out / "vgg16.pt")

    torch.manual_seed(17)
    x = torch.rand(2, 3, 37, 45)  # odd sizes: the max-pools floor
    normalised = (x - torch.tensor(IMAGENET_MEAN).view(1, 3, 1, 1)) / torch.tensor(
        IMAGENET_STD
    ).view(1, 3, 1, 1)
    with torch.no_grad():
        reference = {
            "input": x,
            "relu2_2": model.features[:9](normalised),
            "relu3_3": model.features[:16](normalised),
        }
    # A plain dict: LibTorch's torch::pickle_load reads it (it cannot read an OrderedDict).
    torch.save(reference, out / "reference.pt")

    # Small state dicts of the relu2_2 convolutions, kept OrderedDicts like state_dict()'s.
    relu2_2 = collections.OrderedDict(
        (key, value)
        for key, value in state.items()
        if key.startswith("features.") and int(key.split(".")[1]) <= 7
    )
    lacking = collections.OrderedDict(relu2_2)
    del lacking["features.5.weight"]
    torch.save(lacking, out / "vgg16_lacks_features5.pt")
    wrong = collections.OrderedDict(relu2_2)
    wrong["features.5.weight"] = torch.zeros(64, 64, 3, 3)
    torch.save(wrong, out / "vgg16_wrong_shape.pt")
    torch.save({key: value.half() for key, value in relu2_2.items()},
               out / "vgg16_relu2_2_float16.pt")
    torch.save(collections.OrderedDict((key, value.double()) for key, value in relu2_2.items()),
               out / "vgg16_relu2_2_float64.pt")


if __name__ == "__main__":
    main()

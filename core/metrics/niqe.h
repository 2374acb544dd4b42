// SPDX-License-Identifier: GPL-3.0-or-later
// NIQE, the Natural Image Quality Evaluator (Mittal, Soundararajan, Bovik, IEEE SPL 2013): a
// no-reference score for photographs without ground truth, such as real rain. It measures how far
// the statistics of an image's normalised luminance (MSCN coefficients, fitted by generalized
// Gaussians in 96×96 blocks at two scales) lie from those of pristine photographs, as a
// Mahalanobis-like distance to the authors' published model. Lower is better.
//
// Computed as the authors' MATLAB release (computequality.m) does, in double: an 8-bit plane
// (Y of MATLAB's rgb2ycbcr rounded to 8 bits by default, as BasicSR's convert_to='y'), cropped to
// whole 96×96 blocks, every block used (the release's sharpness selection applies only to fitting
// the model), the second scale by MATLAB's bicubic imresize(·, 0.5) with antialiasing. Images
// with other depths are first brought to 8 bits as im2uint8 does.
#pragma once

#include <QString>

#include <limits>

namespace pluvia::core {

enum class NiqePlane {
    Y, // round(16 + (65.481 R + 128.553 G + 24.966 B) / 255): MATLAB rgb2ycbcr on uint8, BasicSR
       // 'y'
    Grey, // MATLAB rgb2gray on uint8 (what computequality applies itself to an RGB array)
};

inline constexpr int kNiqeBlockSide = 96; // an image needs at least one whole block

struct NiqeScore {
    double value = std::numeric_limits<double>::quiet_NaN(); // lower is better
    int blocks = 0; // 96×96 blocks that entered the fit
    QString error; // why there is no score (image under 96×96, unreadable, ...)
    bool ok() const { return error.isEmpty(); }
};

// Reads `path` and scores it; errors name the file. Never throws.
NiqeScore niqeOfFile(const QString &path, NiqePlane plane = NiqePlane::Y);

// "y" / "grey" (command-line spelling); parseNiqePlane returns false on anything else.
QString niqePlaneKey(NiqePlane plane);
bool parseNiqePlane(const QString &key, NiqePlane *plane);

// The label that says which NIQE a number is, e.g. "NIQE-Y (Mittal et al. 2013, LIVE pristine
// model, MATLAB release; lower is better)".
QString niqeConvention(NiqePlane plane);
QString niqeName(NiqePlane plane); // short column name: "NIQE-Y" / "NIQE-grey"

} // namespace pluvia::core

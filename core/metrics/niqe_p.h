// SPDX-License-Identifier: GPL-3.0-or-later
// NIQE's steps on cv::Mat (private to core), exposed so that tests can check each against an
// independent computation. niqe.h says which NIQE this is.
#pragma once

#include "core/metrics/niqe.h"

#include <opencv2/core/mat.hpp>

#include <cstddef>

namespace pluvia::core {

// The 8-bit plane NIQE reads (CV_8UC1): `image` is grey (taken as R = G = B, so Y maps it to
// 16–235) or RGB (channel order R, G, B), CV_8U,
// CV_16U (divided by 257 and rounded, as im2uint8) or CV_32F/CV_64F in [0, 1] (× 255, rounded,
// clamped). Empty for anything else.
cv::Mat niqeInputPlane(const cv::Mat &image, NiqePlane plane);

NiqeScore niqeOfImage(const cv::Mat &image, NiqePlane plane);
NiqeScore niqeOfPlane(const cv::Mat &plane); // CV_8UC1

// MATLAB's imresize(plane, 0.5) on a CV_64FC1 plane: bicubic (Keys, a = −0.5) with antialiasing,
// mirrored borders, height pass then width pass; the output has ceil(side / 2) pixels per side.
cv::Mat matlabHalfSize(const cv::Mat &plane);

// The asymmetric generalized Gaussian fit of the release (estimateaggdparam.m): shape α from the
// grid 0.2, 0.201, …, 10 by moment matching, left and right scales. NaN scales (and α = 0.2, as
// MATLAB's min over NaN gives) when the values have no negative or no positive member.
struct AggdFit {
    double alpha = 0.0;
    double betaLeft = 0.0;
    double betaRight = 0.0;
};
AggdFit fitAggd(const double *values, std::size_t count);

} // namespace pluvia::core

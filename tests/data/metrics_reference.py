# SPDX-License-Identifier: GPL-3.0-or-later
"""Reference PSNR/SSIM values for tests/core/test_image_metrics.cpp.

Run with Debian's python (numpy, scipy, scikit-image 0.19):
    /usr/bin/python3 tests/data/metrics_reference.py

The test images are defined by closed-form integer formulas (fixture(), identical to
metricsFixture() in the C++ test), so no image file is needed. Everything here is computed
independently of Pluvia's C++ code:
  * Y is MATLAB's rgb2ycbcr on double(im)/255, not quantised (PReNet's statistic scripts);
  * PSNR: 10 log10(1 / MSE) on Y (peak 1), and on RGB in [0, 1] over all channel values;
  * SSIM, downsampling off: skimage.metrics.structural_similarity(gaussian_weights=True,
    sigma=1.5, use_sample_covariance=False, data_range=255) on Y*255 (RGB: channel_axis=2 on
    RGB*255, i.e. the mean of the per-channel SSIMs); cross-checked against ssim_m() below
    with the downsampling disabled;
  * SSIM, downsampling on: ssim_m(), a line-by-line numpy transcription of Wang's 2009 ssim.m
    (f = max(1, round(min(M,N)/256)); imfilter(img, ones(f)/f^2, 'symmetric', 'same');
    img(1:f:end, 1:f:end); fspecial('gaussian', 11, 1.5); filter2(w, img, 'valid');
    mean2(ssim_map)).
"""
import numpy as np
from scipy.signal import correlate2d
from skimage.metrics import structural_similarity

CASES = [  # (name, width, height, seed)
    ("small", 64, 48, 1),
    ("odd", 37, 53, 2),
    ("large", 600, 520, 3),      # min side 520: f = round(520/256) = 2
    ("large_odd", 777, 515, 4),  # odd sizes with f = 2
]


def fixture(width, height, seed, which):
    """uint8 HxWx3 RGB; which = 0 ground truth, 1 prediction (ground truth + structured error)."""
    y, x = np.mgrid[0:height, 0:width].astype(np.int64)
    img = np.empty((height, width, 3), np.int64)
    for c in range(3):
        base = (x * (3 + c + seed) + y * (5 + 2 * c) + ((x // 8) * (y // 8) * (7 + seed)) % 61
                + 40 * c) % 256
        if which == 1:
            err = ((x * 17 + y * 29 + c * 7 + seed * 3) % 23) - 11 + ((x + 2 * y) // 16) % 5
            base = np.clip(base + err, 0, 255)
        img[:, :, c] = base
    return img.astype(np.uint8)


def rgb2y(im_uint8):
    rgb = im_uint8.astype(np.float64) / 255.0
    return (16.0 + 65.481 * rgb[:, :, 0] + 128.553 * rgb[:, :, 1] + 24.966 * rgb[:, :, 2]) / 255.0


def psnr(a, b):
    return 10.0 * np.log10(1.0 / np.mean((a - b) ** 2))


def matlab_gaussian(size=11, sigma=1.5):
    half = (size - 1) / 2.0
    yy, xx = np.mgrid[-half:half + 1, -half:half + 1]
    h = np.exp(-(xx * xx + yy * yy) / (2.0 * sigma * sigma))
    h[h < np.finfo(float).eps * h.max()] = 0
    return h / h.sum()


def matlab_box_same_symmetric(img, f):
    # imfilter correlates; the kernel's centre is floor((f+1)/2) (1-based), so output (i, j)
    # averages rows i-c .. i-c+f-1 with c = floor((f+1)/2) - 1 (0-based); 'symmetric' padding
    # repeats the edge pixel (numpy's 'symmetric').
    c = (f + 1) // 2 - 1
    padded = np.pad(img, f, mode="symmetric")
    out = np.zeros_like(img)
    h, w = img.shape
    for a in range(f):
        for b in range(f):
            out += padded[f - c + a:f - c + a + h, f - c + b:f - c + b + w]
    return out / (f * f)


def ssim_m(img1, img2, downsample=True, K=(0.01, 0.03), L=255.0):
    img1 = img1.astype(np.float64)
    img2 = img2.astype(np.float64)
    M, N = img1.shape
    f = max(1, int(np.floor(min(M, N) / 256.0 + 0.5)))  # MATLAB round, positive argument
    if downsample and f > 1:
        img1 = matlab_box_same_symmetric(img1, f)[::f, ::f]
        img2 = matlab_box_same_symmetric(img2, f)[::f, ::f]
    w = matlab_gaussian()
    C1 = (K[0] * L) ** 2
    C2 = (K[1] * L) ** 2
    mu1 = correlate2d(img1, w, mode="valid")
    mu2 = correlate2d(img2, w, mode="valid")
    mu1_sq, mu2_sq, mu1_mu2 = mu1 * mu1, mu2 * mu2, mu1 * mu2
    sigma1_sq = correlate2d(img1 * img1, w, mode="valid") - mu1_sq
    sigma2_sq = correlate2d(img2 * img2, w, mode="valid") - mu2_sq
    sigma12 = correlate2d(img1 * img2, w, mode="valid") - mu1_mu2
    ssim_map = ((2 * mu1_mu2 + C1) * (2 * sigma12 + C2)) / (
        (mu1_sq + mu2_sq + C1) * (sigma1_sq + sigma2_sq + C2))
    return ssim_map.mean()


def skimage_ssim(a, b, channel_axis=None):
    return structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
                                 use_sample_covariance=False, data_range=255,
                                 channel_axis=channel_axis)


def main():
    for name, width, height, seed in CASES:
        gt = fixture(width, height, seed, 0)
        pred = fixture(width, height, seed, 1)
        y_gt, y_pred = rgb2y(gt), rgb2y(pred)
        rgb_gt, rgb_pred = gt.astype(np.float64) / 255.0, pred.astype(np.float64) / 255.0

        psnr_y = psnr(y_pred, y_gt)
        psnr_rgb = psnr(rgb_pred, rgb_gt)
        ssim_y_off = skimage_ssim(y_pred * 255.0, y_gt * 255.0)
        ssim_rgb_off = skimage_ssim(rgb_pred * 255.0, rgb_gt * 255.0, channel_axis=2)
        ssim_y_on = ssim_m(y_pred * 255.0, y_gt * 255.0, downsample=True)
        ssim_rgb_on = np.mean([ssim_m(rgb_pred[:, :, c] * 255.0, rgb_gt[:, :, c] * 255.0)
                               for c in range(3)])
        # The transcription without downsampling must agree with scikit-image.
        assert abs(ssim_m(y_pred * 255.0, y_gt * 255.0, downsample=False) - ssim_y_off) < 1e-10
        print(f'{{"{name}", {width}, {height}, {seed}, {psnr_y:.10f}, {psnr_rgb:.10f}, '
              f'{ssim_y_on:.10f}, {ssim_y_off:.10f}, {ssim_rgb_on:.10f}, {ssim_rgb_off:.10f}}},')


if __name__ == "__main__":
    main()

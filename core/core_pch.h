// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled header of pluvia_core (never included directly): the expensive, stable headers.
#pragma once
#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QtCore>
#include <QtGui/QImage>

// SPDX-License-Identifier: GPL-3.0-or-later
// Precompiled header shared by every Qt test program (never included directly).
#pragma once
#include <torch/torch.h>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <QtCore>
#include <QtGui/QImage>
#include <QtTest/QtTest>

// SPDX-License-Identifier: GPL-3.0-or-later
// UDRDR's direction estimate (the structure tensor of z_gt, used for pairs without a label)
// against the true labels of Pluvia's rain synthesizer, whose direction convention it shares.
#include "core/image/tensor_convert_p.h"
#include "core/synth/rain_params.h"
#include "core/synth/rain_synthesizer_p.h"
#include "models/framework/rain_direction.h"

#include "support/test_support.h"

#include <QtTest/QtTest>

#include <torch/torch.h>

using namespace pluvia::core;

class TestDirectionEstimate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void estimateMatchesSynthesizerLabels()
    {
        RainParams params = *rainPreset(QStringLiteral("directional"));
        double worst = 0.0, sum = 0.0;
        int count = 0;
        for (std::uint64_t seed = 1; seed <= 24; ++seed) {
            const cv::Mat background = pluvia::test::texturedImage(160, 120, seed);
            const RainRender render = renderRain(background, params, seed);
            QVERIFY2(render.error.isEmpty(), qPrintable(render.error));
            const at::Tensor rain = matToTensor(render.rain).unsqueeze(0);
            const double estimate = pluvia::models::estimateDirection(rain)[0].item<double>();
            double error = std::abs(estimate - render.directionDeg);
            error = std::min(error, 180.0 - error);
            worst = std::max(worst, error);
            sum += error;
            ++count;
        }
        qInfo("direction estimate against the synthesizer's labels over %d images: mean error "
              "%.2f degrees, worst %.2f",
            count, sum / count, worst);
        QVERIFY2(sum / count < 1.5, qPrintable(QString::number(sum / count)));
        QVERIFY2(worst < 4.0, qPrintable(QString::number(worst)));
    }
};

QTEST_GUILESS_MAIN(TestDirectionEstimate)
#include "test_direction_estimate.moc"

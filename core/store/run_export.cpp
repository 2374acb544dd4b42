// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_export.h"

#include "core/store/tensorboard_writer.h"

#include <QDir>
#include <QSaveFile>

#include <cmath>

namespace pluvia::core {

QString exportRunCsv(const RunStore &store, const QString &runId, const QString &path)
{
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
        return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    file.write("key,step,wall_time,value\n");
    for (const QString &key : store.metricKeys(runId)) {
        const MetricSeries series = store.series(runId, key);
        // Keys are Pluvia's own ("loss/l1"): no commas or quotes to escape.
        const QByteArray prefix = key.toUtf8() + ',';
        for (qsizetype i = 0; i < series.steps.size(); ++i) {
            const double value = series.values[i];
            file.write(prefix + QByteArray::number(series.steps[i]) + ','
                + QByteArray::number(series.wallTimes[i], 'f', 3) + ','
                + (std::isnan(value) ? QByteArray("nan") : QByteArray::number(value, 'g', 17))
                + '\n');
        }
    }
    if (!file.commit())
        return QStringLiteral("%1: %2").arg(QDir::toNativeSeparators(path), file.errorString());
    return {};
}

QString exportRunTensorBoard(
    const RunStore &store, const QString &runId, const QString &folder, QString *fileName)
{
    TensorBoardWriter writer;
    if (const QString e = writer.open(folder); !e.isEmpty())
        return e;
    for (const QString &key : store.metricKeys(runId)) {
        const MetricSeries series = store.series(runId, key);
        for (qsizetype i = 0; i < series.steps.size(); ++i)
            if (const QString e = writer.addScalar(
                    key, series.steps[i], series.wallTimes[i], float(series.values[i]));
                !e.isEmpty()) {
                writer.discard();
                return e;
            }
    }
    if (fileName)
        *fileName = writer.fileName();
    return writer.close();
}

} // namespace pluvia::core

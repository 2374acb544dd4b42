// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/store/run_export.h"

#include "core/atomic_file.h"
#include "core/store/tensorboard_writer.h"

#include <QDir>

#include <cmath>

namespace pluvia::core {

QString exportRunCsv(const RunStore &store, const QString &runId, const QString &path)
{
    QByteArray bytes("key,step,wall_time,value\n");
    for (const QString &key : store.metricKeys(runId)) {
        const MetricSeries series = store.series(runId, key);
        // Keys are Pluvia's own ("loss/l1"): no commas or quotes to escape.
        const QByteArray prefix = key.toUtf8() + ',';
        for (qsizetype i = 0; i < series.steps.size(); ++i) {
            const double value = series.values[i];
            bytes += prefix + QByteArray::number(series.steps[i]) + ','
                + QByteArray::number(series.wallTimes[i], 'f', 3) + ','
                + (std::isnan(value) ? QByteArray("nan") : QByteArray::number(value, 'g', 17))
                + '\n';
        }
    }
    return writeFileAtomically(path, bytes);
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

// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/checkpoint/weights_export.h"

#include "core/atomic_file.h"
#include "core/checkpoint/checkpoint_p.h"
#include "core/error_text.h"
#include "models/framework/state_dict_writer.h"

#include <QDir>
#include <QFileInfo>

namespace pluvia::core {

WeightsExportReport exportWeights(
    const QString &checkpoint, const QString &out, const QString &network)
{
    WeightsExportReport report;
    CheckpointInfo info;
    std::unique_ptr<models::Method> method = loadMethodFromCheckpoint(
        checkpoint, QStringLiteral("cpu"), &info, &report.error, TeacherUse::Skip);
    if (!method)
        return report;
    QStringList available;
    models::NamedTensors entries;
    for (const auto &[name, module] : method->networks()) {
        const QString qname = QString::fromStdString(name);
        available << qname;
        if (network.isEmpty())
            for (auto &entry : models::stateDictOf(*module, name + '.'))
                entries.push_back(std::move(entry));
        else if (qname == network)
            entries = models::stateDictOf(*module);
        else
            continue;
        report.networks << qname;
    }
    if (report.networks.isEmpty()) {
        report.error = QStringLiteral("%1 has no network \"%2\"; its %3 networks are %4")
                           .arg(QDir::toNativeSeparators(checkpoint), network, info.method,
                               available.join(QStringLiteral(", ")));
        return report;
    }
    const QString shownOut = QDir::toNativeSeparators(out);
    QDir().mkpath(QFileInfo(out).absolutePath());
    std::vector<char> bytes;
    try {
        bytes = models::stateDictFileBytes(entries);
    } catch (const std::exception &e) {
        report.error = QStringLiteral("%1: cannot write: %2").arg(shownOut, firstLineOf(e.what()));
        return report;
    }
    report.error
        = writeFileAtomically(out, QByteArray::fromRawData(bytes.data(), qsizetype(bytes.size())));
    if (!report.ok())
        return report;
    report.method = info.method;
    report.step = info.step;
    report.tensors = int(entries.size());
    report.bytes = QFileInfo(out).size();
    return report;
}

} // namespace pluvia::core

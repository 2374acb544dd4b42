// SPDX-License-Identifier: GPL-3.0-or-later
// An independent reader of TensorBoard event files, written for the tests from the TFRecord and
// protocol-buffer wire-format specifications (not from Pluvia's writer): it verifies both masked
// CRC32C values of every record with a bit-at-a-time CRC.
#pragma once

#include <QByteArray>
#include <QString>

#include <vector>

namespace pluvia::test {

quint32 referenceCrc32c(const QByteArray &data);
quint32 referenceMask(quint32 crc);

// Splits a TFRecord stream into its payloads; returns "" or what is wrong and where.
QString readRecords(const QByteArray &file, std::vector<QByteArray> &records);

struct Scalar {
    QString tag;
    float value = 0.0f;
};

struct Event {
    double wallTime = -1.0;
    qint64 step = 0;
    QByteArray fileVersion;
    std::vector<Scalar> scalars;
};

// Parses one Event message (wall_time, step, file_version, summary with simple values).
bool parseEvent(const QByteArray &data, Event &event);

} // namespace pluvia::test

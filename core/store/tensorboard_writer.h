// SPDX-License-Identifier: GPL-3.0-or-later
// Writes metric series as a TensorBoard event file, so a run can be viewed in TensorBoard.
//
// The file is "events.out.tfevents.<unix-seconds>.<hostname>.pluvia" in the given folder: a
// TFRecord stream of Event protocol buffers, first one carrying file_version "brain.Event:2",
// then one Event per scalar (a Summary with one simple_value). Encoded by hand, no protobuf.
//
// The events are gathered in memory (a run's series: megabytes) and written by close() (or the
// destructor) to a temporary file in the same folder, renamed to the final name
// (writeFileAtomically): a half-written file never carries the final name, so TensorBoard shows
// the run only once it is complete, and a full disk is reported as such.
//
// Not thread-safe: use one writer from one thread at a time.
#pragma once

#include <QByteArray>
#include <QString>
#include <QtGlobal>

namespace pluvia::core {

class TensorBoardWriter
{
public:
    TensorBoardWriter();
    // Closes (writes) an open file; errors at that point are lost, so call close() to see them.
    ~TensorBoardWriter();

    TensorBoardWriter(const TensorBoardWriter &) = delete;
    TensorBoardWriter &operator=(const TensorBoardWriter &) = delete;

    // Starts a new event file in `folder` (created if missing) and writes its file_version
    // event stamped with the current time. Returns "" on success, else a message naming the
    // folder or file and the reason. A file already open is closed first.
    QString open(const QString &folder);

    // Appends one scalar: `tag` non-empty (e.g. "loss/total"), `step` the training step,
    // `wallTime` in seconds since the Unix epoch (fractions allowed), `value` any float
    // (NaN and infinities are stored as they are). Returns "" or an error naming the file.
    QString addScalar(const QString &tag, qint64 step, double wallTime, float value);

    // Writes the events to fileName(). Returns "" or an error naming the file and the system's
    // reason; on error nothing carries the final name. Closing a closed writer returns "".
    QString close();
    // Drops the current file: nothing carries its final name, no temporary file is left.
    void discard();

    bool isOpen() const;
    // The final path of the current or last file ("" before open()).
    QString fileName() const;

private:
    void writeEvent(const QByteArray &event);

    bool m_open = false;
    QByteArray m_events; // the records written so far, until close()
    QString m_fileName;
};

} // namespace pluvia::core

// SPDX-License-Identifier: GPL-3.0-or-later
// A trained model ready to derain (DESIGN.md §5): one object per checkpoint, loaded once (with
// UDRDR's teacher when the checkpoint names one), its inference memory measured once, then used
// for any number of requests: lists of files written where derain_outputs.h says (the CLI's
// derain, the Derain queue), and single images decomposed into layers (Decompose, the layer
// viewer). The CLI, the Derain queue and Decompose all derain through it.
//
// Thread affinity: load() and every request block (call them from a job, jobs/job.h); requests
// from several threads are served one at a time.
#pragma once

#include "core/inference/decomposition.h"
#include "core/inference/derain_request.h"

#include <QMutex>
#include <QString>

#include <memory>

namespace pluvia::core {

class Derainer
{
public:
    // nullptr and *error (naming the file and the reason) when the checkpoint cannot be used.
    static std::unique_ptr<Derainer> load(
        const QString &checkpoint, const QString &device, QString *error);
    ~Derainer();
    Q_DISABLE_COPY(Derainer)

    QString checkpoint() const;
    QString device() const;
    QString method() const;
    QString runId() const; // the run that trained it ("" for an exported model's)
    qint64 step() const;

    // Derains request.inputs into request.outFolder; the request's checkpoint and device are
    // not read (they are this derainer's). Never throws.
    DerainReport derain(const DerainRequest &request);
    // One image's layers; the request's checkpoint and device are not read. Never throws.
    DecomposeResult decompose(const DecomposeRequest &request);

private:
    struct Private;
    explicit Derainer(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

// The derainer a view keeps between requests (the Derain queue, the main window's Decompose):
// loaded on first use and again when the checkpoint (its path or modification time) or the
// device changes, so a run's latest.pt is re-read once it is rewritten. Thread-safe: the jobs
// that use it share it.
class DerainerSlot
{
public:
    // The loaded derainer for `checkpoint` on `device`; nullptr and *error when it cannot be.
    std::shared_ptr<Derainer> get(const QString &checkpoint, const QString &device, QString *error);

private:
    QMutex m_mutex;
    QString m_key;
    std::shared_ptr<Derainer> m_derainer;
};

} // namespace pluvia::core

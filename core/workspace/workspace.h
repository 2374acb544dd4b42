// SPDX-License-Identifier: GPL-3.0-or-later
// A workspace: the folder a user opens. It holds pluvia.db (SQLite in WAL mode: datasets, runs,
// metric series and artifacts; core/store), datasets/ and runs/ (DESIGN.md §6).
//
// Thread affinity: a Workspace object and its database connection belong to the thread that
// opened it. Other threads open their own Workspace on the same folder (SQLite WAL allows one
// writer and concurrent readers).
#pragma once

#include "core/data/dataset_kind.h"

#include <QDateTime>
#include <QString>
#include <QVector>

#include <memory>
#include <optional>

namespace pluvia::core {

// A dataset registered in a workspace.
struct DatasetEntry {
    qint64 id = 0;
    QString name; // unique within the workspace
    DatasetKind kind = DatasetKind::Paired;
    QString path; // absolute path of the dataset's root folder (or manifest file)
    std::optional<ImageContent> content; // what the images are; nullopt: not said
    QString note; // free text shown to the user (e.g. "hidden ground truth")
    QDateTime added;
};

class Workspace
{
public:
    ~Workspace();
    Workspace(const Workspace &) = delete;
    Workspace &operator=(const Workspace &) = delete;

    // Creates the folder layout and the store if missing, migrates an older store, and opens it.
    // Returns nullptr and sets *error (naming the folder or file and the reason) on failure.
    static std::unique_ptr<Workspace> open(const QString &folder, QString *error);

    static QString databaseFileName() { return QStringLiteral("pluvia.db"); }

    QString folder() const;
    QString datasetsFolder() const; // <workspace>/datasets
    QString runsFolder() const; // <workspace>/runs

    QVector<DatasetEntry> datasets() const;
    // Registers (or, for an existing name, updates) a dataset. Paths inside the workspace are
    // stored relative to it so a workspace can be moved. Returns false and sets *error on failure.
    bool addDataset(DatasetEntry entry, QString *error);
    bool removeDataset(const QString &name, QString *error);

private:
    struct Private;
    explicit Workspace(std::unique_ptr<Private> d);
    std::unique_ptr<Private> d;
};

} // namespace pluvia::core

// SPDX-License-Identifier: GPL-3.0-or-later
// Checking and repairing a workspace's store (pluvia-cli workspace check|repair). A store that
// SQLite reports damaged is refused when opened (store_database_p.h); these are the way back:
// the check lists the damage and how the store and the run folders disagree; the repair copies
// the store aside, rebuilds it from every row that can still be read, and re-indexes run folders
// the store has lost from their checkpoints (which describe themselves: checkpoint_info.h).
// Here in checkpoint/ because the re-indexing reads checkpoints.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

namespace pluvia::core {

struct WorkspaceCheck {
    QString storePath;
    QStringList damage; // SQLite's integrity_check lines, missing tables, or why it cannot open
    QStringList unindexedRuns; // run folders (ids) the store has no row for
    QStringList runsWithoutFolder; // stored runs whose folder is gone (reported, not damage)
    int storedRuns = 0;
    bool ok() const { return damage.isEmpty() && unindexedRuns.isEmpty(); }
};

// Reads the store without changing it (SQLite's full integrity_check) and compares its runs with
// the folders under runs/.
WorkspaceCheck checkWorkspace(const QString &workspaceFolder);

struct RecoveredTable {
    QString table;
    int rows = 0; // copied into the new store
    QString lost; // "" or why the rest could not be read (SQLite's message)
};

struct WorkspaceRepair {
    QString savedCopy; // the store as it was: pluvia.db.damaged-<time> (and -wal beside it)
    QVector<RecoveredTable> tables;
    QStringList reindexedRuns; // run ids re-created from their checkpoints
    QStringList problems; // run folders that could not be re-indexed, each with the reason
    QString error; // fatal: nothing was replaced
};

// Copies pluvia.db (and its WAL) aside, builds a new store with the current schema from what
// the old one still yields, re-indexes run folders it lacks (status stopped, or finished at their
// last step; their metrics and data roles are unknown and say so in the run's note), and only
// then replaces pluvia.db. Runs while no other process uses the workspace.
WorkspaceRepair repairWorkspace(const QString &workspaceFolder);

} // namespace pluvia::core

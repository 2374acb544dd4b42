// SPDX-License-Identifier: GPL-3.0-or-later
// The workspace's SQLite store, pluvia.db (private to core): opening a connection, WAL mode,
// and the schema with its migrations (DESIGN.md §6).
//
// Schema version 2:
//   datasets     registered datasets (version 1)
//   experiments  named groups of runs
//   runs         one row per training run: method, params (JSON), data roles with dataset paths
//                and content hashes (JSON), seed, device, status, step, times, versions
//   metric_keys  (run, key) → id, so a series' points carry a small integer
//   metrics      (key id, step) → wall time, value; NaN is stored as NULL
//   artifacts    checkpoints, preview samples and exports of a run
//   run_events   start, pause, resume (with the checkpoint step), stop, error: the audit trail
//
// Thread affinity: a connection belongs to the thread that opened it. SQLite in WAL mode lets
// one writer and any number of readers (other threads or processes) work at once.
#pragma once

#include <QString>

class QSqlDatabase;

namespace pluvia::core {

inline constexpr int kStoreSchemaVersion = 2;
// How long a connection waits for another process's write lock before reporting "locked".
inline constexpr int kStoreBusyTimeoutMs = 30000;

// Opens (creating if missing) <folder>/pluvia.db with a new connection name, sets WAL mode and a
// busy timeout, enables foreign keys and migrates an older schema (under BEGIN IMMEDIATE, so that
// processes opening a new workspace at once take turns). Returns the connection name, or "" with
// *error naming the file and the reason. Refused, never replaced or read as empty: a store newer
// than this Pluvia, one that SQLite's quick_check (run once per store and process) or the table
// list finds damaged, and an empty (0-byte) file beside run folders.
QString openStoreConnection(const QString &workspaceFolder, QString *error);

// The damage SQLite reports in an open store (quick_check, or with `full` integrity_check, at
// most 20 lines) and the tables schema `version` should have but lacks, joined with "; "; ""
// when sound.
QString inspectStoreIntegrity(QSqlDatabase &db, int version, bool full);

// What to do about a damaged store: the workspace commands that check and repair it.
QString storeDamageAdvice(const QString &workspaceFolder);
// Closes and removes a connection opened above.
void closeStoreConnection(const QString &connection);

} // namespace pluvia::core

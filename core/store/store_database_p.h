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

namespace pluvia::core {

inline constexpr int kStoreSchemaVersion = 2;

// Opens (creating if missing) <folder>/pluvia.db with a new connection name, sets WAL mode and a
// busy timeout, enables foreign keys and migrates an older schema. Returns the connection name,
// or "" with *error naming the file and the reason (a store newer than this Pluvia is refused).
QString openStoreConnection(const QString &workspaceFolder, QString *error);
// Closes and removes a connection opened above.
void closeStoreConnection(const QString &connection);

} // namespace pluvia::core

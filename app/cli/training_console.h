// SPDX-License-Identifier: GPL-3.0-or-later
// Runs a TrainingRun to its end in pluvia-cli: a live progress line on a terminal (step, losses,
// images/s, ETA; plain lines every few seconds otherwise), validation results, log lines and
// errors on stderr, the run id on stdout. Ctrl+C stops the run after the current step, writing
// its checkpoint; a second Ctrl+C exits at once.
#pragma once

#include "core/training/run_request.h"

#include <variant>

namespace pluvia::cli {

// Returns the process exit code: 0 finished (or stopped by Ctrl+C), 1 failed or paused by an
// error. With `json`, stdout receives one JSON object summarising the run at the end.
int runTrainingToEnd(const std::variant<core::RunRequest, core::ResumeRequest> &request,
    const QString &command, bool json);

} // namespace pluvia::cli

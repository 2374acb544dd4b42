// SPDX-License-Identifier: GPL-3.0-or-later
// TRANSIENT (lead): replaced by the helper that owns this command.
#include "app/cli/cli_command.h"

int pluvia::cli::runDataset(const QStringList &arguments)
{
    return failure(arguments.value(0), QStringLiteral("not built yet"));
}

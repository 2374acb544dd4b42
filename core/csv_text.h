// SPDX-License-Identifier: GPL-3.0-or-later
// One CSV field as RFC 4180 writes it: quoted (inner quotes doubled) when it holds a comma, a
// quote or a line break, as is otherwise. Every CSV Pluvia writes goes through it.
#pragma once

#include <QString>

namespace pluvia::core {

QString csvField(const QString &text);

} // namespace pluvia::core

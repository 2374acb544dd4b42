// SPDX-License-Identifier: GPL-3.0-or-later
// Writing and reading checkpoints (private to core: takes models::Method). See checkpoint_info.h
// for the format.
#pragma once

#include "core/checkpoint/checkpoint_info.h"
#include "models/framework/method.h"

#include <memory>

namespace pluvia::core {

// Writes `info` and the method's state to `path` atomically. Returns "" or an error naming the
// file; on error `path` is untouched.
QString saveCheckpoint(
    const QString &path, const CheckpointInfo &info, const models::Method &method);

// Restores the method's state from `path` (which must hold the same method). Returns false and
// sets *error on failure; the method is then in an unspecified state.
bool restoreCheckpoint(
    const QString &path, models::Method *method, CheckpointInfo *info, QString *error);

// Loads the networks of the checkpoint or model at `path` into `method` (the same method, with
// parameters that make networks of the same shapes) for a new run to start from; its
// optimisers, pools and generator stay its own. Returns false and sets *error naming the file
// (another method, a network of other shapes); `method` is then in an unspecified state.
bool loadInitialNetworks(
    const QString &path, models::Method *method, CheckpointInfo *info, QString *error);

// A method whose parameters name a `teacher_checkpoint` gets that checkpoint's method (restored
// on `device`) as its teacher. Returns false and sets *error (naming the teacher's file) when it
// cannot be loaded; *description receives e.g. "jrgr, run R, step S" (empty when no teacher).
bool attachTeacher(
    models::Method *method, const QString &device, QString *description, QString *error);

// Creates the method the checkpoint names, with its parameters, on `device`, and restores its
// state and (unless skipped) its teacher. Returns nullptr and sets *error on failure.
enum class TeacherUse { Attach, Skip };
std::unique_ptr<models::Method> loadMethodFromCheckpoint(const QString &path, const QString &device,
    CheckpointInfo *info, QString *error, TeacherUse teacher = TeacherUse::Attach);

} // namespace pluvia::core

// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/cli/training_console.h"

#include "app/cli/cli_command.h"
#include "app/cli/console_progress.h"
#include "core/duration_text.h"

#include "core/training/training_run.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTextStream>
#include <QTimer>

#include <atomic>
#include <csignal>
#include <cstdlib>
#include <unistd.h>

namespace pluvia::cli {

namespace {

std::atomic<int> g_interrupts { 0 };

void onInterrupt(int)
{
    if (g_interrupts.fetch_add(1) >= 1)
        std::_Exit(130); // second Ctrl+C: the last checkpoint is what resume continues from
}

QString lossText(const core::StepEvent &event)
{
    QStringList parts;
    for (const core::LossValue &loss : event.losses)
        parts << QStringLiteral("%1 %2").arg(loss.name).arg(loss.value, 0, 'g', 4);
    return parts.join(QLatin1String("  "));
}

QString progressLine(const core::StepEvent &event)
{
    QString line = QStringLiteral("step %1/%2").arg(event.step).arg(event.totalSteps);
    if (!event.stage.isEmpty())
        line += QStringLiteral(" [%1]").arg(event.stage);
    line += QStringLiteral("  %1  |  %2 img/s  ETA %3")
                .arg(lossText(event))
                .arg(event.imagesPerSecond, 0, 'f', 1)
                .arg(core::durationText(event.etaSeconds));
    return line;
}

} // namespace

int runTrainingToEnd(const std::variant<core::RunRequest, core::ResumeRequest> &request,
    const QString &command, bool json)
{
    std::unique_ptr<core::TrainingRun> run = std::holds_alternative<core::RunRequest>(request)
        ? std::make_unique<core::TrainingRun>(std::get<core::RunRequest>(request))
        : std::make_unique<core::TrainingRun>(std::get<core::ResumeRequest>(request));
    const bool terminal = isatty(fileno(stderr)) == 1;
    QTextStream err(stderr), out(stdout);
    QElapsedTimer sinceLine;
    bool lineOpen = false;
    auto endLine = [&] {
        if (lineOpen)
            err << '\n';
        lineOpen = false;
    };
    int exitCode = kExitOk;
    core::StepEvent lastStep;
    QJsonArray errors;
    QJsonObject validation;

    QObject::connect(run.get(), &core::TrainingRun::runCreated, [&](const QString &id) {
        out << "run " << id << '\n';
        out.flush();
    });
    QObject::connect(run.get(), &core::TrainingRun::stepCompleted, [&](const core::StepEvent &e) {
        lastStep = e;
        if (terminal) {
            err << '\r' << progressLine(e) << "\x1b[K";
            lineOpen = true;
        } else if (!sinceLine.isValid() || sinceLine.elapsed() > 5000 || e.step == e.totalSteps) {
            err << progressLine(e) << '\n';
            sinceLine.start();
        }
        err.flush();
    });
    QObject::connect(
        run.get(), &core::TrainingRun::validationCompleted, [&](const core::ValidationEvent &e) {
            endLine();
            err << QStringLiteral("validation at step %1 (%2 images): %3 %4 dB, %5 %6%7\n")
                       .arg(e.step)
                       .arg(e.images)
                       .arg(e.psnrLabel)
                       .arg(e.psnr, 0, 'f', 2)
                       .arg(e.ssimLabel)
                       .arg(e.ssim, 0, 'f', 4)
                       .arg(e.best ? QStringLiteral(" (best so far)") : QString());
            validation = { { QStringLiteral("step"), e.step }, { QStringLiteral("psnr"), e.psnr },
                { QStringLiteral("ssim"), e.ssim }, { QStringLiteral("images"), e.images } };
        });
    QObject::connect(run.get(), &core::TrainingRun::logLine, [&](const QString &line) {
        endLine();
        err << line << '\n';
    });
    QObject::connect(run.get(), &core::TrainingRun::errorOccurred, [&](const core::RunError &e) {
        endLine();
        err << "pluvia-cli " << command << ": " << e.message << '\n';
        errors.append(
            QJsonObject { { QStringLiteral("code"), e.code }, { QStringLiteral("step"), e.step },
                { QStringLiteral("term"), e.term }, { QStringLiteral("message"), e.message } });
        exitCode = kExitFailure;
        // Headless, nobody can resume a run that paused on an error: stop it (its last good
        // checkpoint stays, and `pluvia-cli resume` continues from there).
        run->stop();
    });
    QObject::connect(run.get(), &core::TrainingRun::finished, [&](core::RunStatus status) {
        endLine();
        err.flush();
        if (json) {
            QJsonArray losses;
            for (const core::LossValue &loss : lastStep.losses)
                losses.append(QJsonObject { { QStringLiteral("name"), loss.name },
                    { QStringLiteral("value"), loss.value },
                    { QStringLiteral("weight"), loss.weight } });
            QJsonObject summary { { QStringLiteral("run_id"), run->runId() },
                { QStringLiteral("status"), core::runStatusName(status) },
                { QStringLiteral("step"), lastStep.step },
                { QStringLiteral("total_steps"), lastStep.totalSteps },
                { QStringLiteral("losses"), losses }, { QStringLiteral("errors"), errors } };
            if (!validation.isEmpty())
                summary.insert(QStringLiteral("validation"), validation);
            out << QJsonDocument(summary).toJson(QJsonDocument::Compact) << '\n';
        }
        if (status == core::RunStatus::Failed)
            exitCode = kExitFailure;
        QCoreApplication::quit();
    });

    g_interrupts = 0;
    std::signal(SIGINT, onInterrupt);
    std::signal(SIGTERM, onInterrupt);
    QTimer interruptPoll;
    QObject::connect(&interruptPoll, &QTimer::timeout, [&] {
        if (g_interrupts > 0 && run->status() != core::RunStatus::Stopped) {
            endLine();
            err << "stopping after this step (writing a checkpoint); Ctrl+C again exits at "
                   "once\n";
            err.flush();
            run->stop();
            interruptPoll.stop();
        }
    });
    interruptPoll.start(100);
    run->start();
    QCoreApplication::exec();
    std::signal(SIGINT, SIG_DFL);
    std::signal(SIGTERM, SIG_DFL);
    return exitCode;
}

} // namespace pluvia::cli

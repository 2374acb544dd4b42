// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia: the workbench GUI. `pluvia [WORKSPACE]` opens that workspace; without an argument the
// last one used, or the demo workspace on first start (DESIGN.md §8).
#include "app/gui/input_limits.h"
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "app/gui/theme.h"

#include "core/data/listed_paths.h"
#include "core/image/image_info.h"
#include "core/jobs/job.h"
#include "core/runtime/compute_runtime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QFileInfo>
#include <QLocale>
#include <QSettings>
#include <QStyleFactory>
#include <QTimer>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pluvia"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pluvia"));
    QApplication::setOrganizationName(QStringLiteral("Pluvia"));
    QApplication::setApplicationVersion(QStringLiteral(PLUVIA_VERSION));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    pluvia::core::configureComputeThreads();

    // The language is installed before the parser is built, so that --help is translated too.
    const QString languageWanted = pluvia::app::languageArgument(app.arguments());
    const QString language = pluvia::app::resolveLanguage(languageWanted.isEmpty()
            ? QSettings().value(QStringLiteral("view/language")).toString()
            : languageWanted,
        QLocale::system().uiLanguages());
    QString languageError;
    if (!pluvia::app::installLanguage(app, language, &languageError)) {
        qWarning("--language: %s", qPrintable(languageError));
        if (!languageWanted.isEmpty())
            return 2;
    }

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Research workbench for single-image rain removal."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QApplication::translate("main", "Open the demo workspace (built on first use)."));
    parser.addOption(demoOption);
    const QCommandLineOption decomposeOption(QStringLiteral("decompose"),
        QApplication::translate("main",
            "Decompose this image with the checkpoint given by --checkpoint (else the last one "
            "used, else the Derain tab's model) and show its layers."),
        QStringLiteral("image"));
    const QCommandLineOption checkpointOption(QStringLiteral("checkpoint"),
        QApplication::translate("main", "Checkpoint for --decompose."), QStringLiteral("file"));
    parser.addOption(decomposeOption);
    parser.addOption(checkpointOption);
    const QCommandLineOption mapOption(QStringLiteral("map"),
        QApplication::translate(
            "main", "Show the rain-feature map of the checkpoint given by --checkpoint."));
    parser.addOption(mapOption);
    const QCommandLineOption sequenceOption(QStringLiteral("sequence"),
        QApplication::translate("main",
            "Derain the first scene of this time-lapse dataset (its name in the workspace) in the "
            "Time-lapse tab, with --checkpoint (else the temporal median)."),
        QStringLiteral("dataset"));
    parser.addOption(sequenceOption);
    const QCommandLineOption compareOption(QStringLiteral("compare"),
        QApplication::translate("main",
            "Reopen this saved comparison of the workspace (comparisons/NAME) in the Compare tab."),
        QStringLiteral("name"));
    parser.addOption(compareOption);
    const QCommandLineOption screenshotOption(QStringLiteral("screenshot"),
        QApplication::translate("main",
            "Save a picture of the window to this PNG after --screenshot-after milliseconds, then "
            "quit (for documentation)."),
        QStringLiteral("file"));
    const QCommandLineOption screenshotAfterOption(QStringLiteral("screenshot-after"),
        QApplication::translate("main", "Delay before --screenshot (default 5000 ms)."),
        QStringLiteral("ms"), QStringLiteral("5000"));
    parser.addOption(screenshotOption);
    const QCommandLineOption themeOption(QStringLiteral("theme"),
        QApplication::translate("main", "light or dark (default: the last one chosen)."),
        QStringLiteral("name"));
    parser.addOption(themeOption);
    const QCommandLineOption languageOption(QStringLiteral("language"),
        QApplication::translate("main",
            "Language of the interface: en, zh_CN, ko or system (default: the last one chosen, "
            "else the system's)."),
        QStringLiteral("code"));
    parser.addOption(languageOption);
    parser.addOption(screenshotAfterOption);
    const QCommandLineOption maxPixelsOption(QStringLiteral("max-pixels"),
        QApplication::translate("main",
            "Refuse images whose header declares more than n pixels, for this session (default: "
            "File → Image Size Limit, else %1).")
            .arg(pluvia::core::kDefaultMaxImagePixels),
        QStringLiteral("n"));
    parser.addOption(maxPixelsOption);
    const QCommandLineOption outsideRootOption(QStringLiteral("allow-outside-root"),
        QApplication::translate("main",
            "Use files that a dataset's manifest.json or pair list names outside the dataset's "
            "folder, for this session (default: File → Allow Dataset Paths Outside Their "
            "Folder)."));
    parser.addOption(outsideRootOption);
    parser.addPositionalArgument(QStringLiteral("path"),
        QApplication::translate("main",
            "Workspace folder to open, or an image to decompose into its layers with the last "
            "model used (what the desktop's Open With does)."),
        QStringLiteral("[WORKSPACE | IMAGE]"));
    parser.process(app);

    pluvia::app::Theme theme = pluvia::app::Theme::Light;
    if (!pluvia::app::parseTheme(parser.isSet(themeOption)
                ? parser.value(themeOption)
                : QSettings().value(QStringLiteral("view/theme")).toString(),
            &theme)
        && parser.isSet(themeOption)) {
        qWarning("--theme: light or dark");
        return 2;
    }
    pluvia::app::applyTheme(theme);
    pluvia::app::InputLimits::applySaved();
    if (parser.isSet(outsideRootOption))
        pluvia::core::setListedPathsMayLeaveRoot(true);
    if (parser.isSet(maxPixelsOption)) {
        bool ok = false;
        const qint64 pixels = parser.value(maxPixelsOption).toLongLong(&ok);
        if (!ok || pixels < 1) {
            qWarning("--max-pixels: a whole number >= 1");
            return 2;
        }
        pluvia::core::setMaxImagePixels(pixels);
    }
    int exitCode = 0;
    {
        pluvia::app::MainWindow window;
        window.show();

        // A file given alone is an image to decompose, in the last workspace.
        const QStringList positional = parser.positionalArguments();
        const bool imageGiven = !positional.isEmpty() && QFileInfo(positional.first()).isFile();
        const QString image = imageGiven ? positional.first() : parser.value(decomposeOption);
        const QString last = QSettings().value(QStringLiteral("workspace/last")).toString();
        if (parser.isSet(demoOption))
            window.openDemoWorkspace();
        else if (!positional.isEmpty() && !imageGiven)
            window.openWorkspace(positional.first());
        else if (!last.isEmpty() && QDir(last).exists())
            window.openWorkspace(last);
        else
            window.openDemoWorkspace();
        if (!image.isEmpty())
            window.decomposeImage(parser.isSet(checkpointOption) ? parser.value(checkpointOption)
                                                                 : window.lastDecomposeModel(),
                image);
        if (parser.isSet(mapOption))
            window.showRainMap(parser.value(checkpointOption));
        if (parser.isSet(sequenceOption))
            window.showSequence(parser.value(sequenceOption), parser.value(checkpointOption));
        if (parser.isSet(compareOption))
            window.showComparison(parser.value(compareOption));
        if (parser.isSet(screenshotOption)) {
            QTimer::singleShot(parser.value(screenshotAfterOption).toInt(), &window, [&] {
                const QString file = parser.value(screenshotOption);
                if (!window.grab().save(file))
                    qWarning("cannot write %s", qPrintable(file));
                window.close();
            });
        }
        exitCode = app.exec();
    } // the window and its jobs are gone (jobs cancel when destroyed)
    pluvia::core::waitForJobs();
    return exitCode;
}

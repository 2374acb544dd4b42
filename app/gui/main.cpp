// SPDX-License-Identifier: GPL-3.0-or-later
// pluvia: the workbench GUI. `pluvia [WORKSPACE]` opens that workspace; without an argument the
// last one used, or the demo workspace on first start (DESIGN.md §8).
#include "app/gui/main_window.h"

#include "core/compute_runtime.h"

#include <QApplication>
#include <QCommandLineParser>
#include <QDir>
#include <QSettings>
#include <QStyleFactory>

int main(int argc, char **argv)
{
    QApplication app(argc, argv);
    QApplication::setApplicationName(QStringLiteral("pluvia"));
    QApplication::setApplicationDisplayName(QStringLiteral("Pluvia"));
    QApplication::setOrganizationName(QStringLiteral("Pluvia"));
    QApplication::setApplicationVersion(QStringLiteral(PLUVIA_VERSION));
    QApplication::setStyle(QStyleFactory::create(QStringLiteral("Fusion")));
    pluvia::core::configureComputeThreads();

    QCommandLineParser parser;
    parser.setApplicationDescription(
        QApplication::translate("main", "Research workbench for single-image rain removal."));
    parser.addHelpOption();
    parser.addVersionOption();
    const QCommandLineOption demoOption(QStringLiteral("demo"),
        QApplication::translate("main", "Open the demo workspace (built on first use)."));
    parser.addOption(demoOption);
    parser.addPositionalArgument(QStringLiteral("workspace"),
        QApplication::translate("main", "Workspace folder to open."),
        QStringLiteral("[WORKSPACE]"));
    parser.process(app);

    pluvia::app::MainWindow window;
    window.show();

    const QStringList positional = parser.positionalArguments();
    const QString last = QSettings().value(QStringLiteral("workspace/last")).toString();
    if (parser.isSet(demoOption))
        window.openDemoWorkspace();
    else if (!positional.isEmpty())
        window.openWorkspace(positional.first());
    else if (!last.isEmpty() && QDir(last).exists())
        window.openWorkspace(last);
    else
        window.openDemoWorkspace();
    return app.exec();
}

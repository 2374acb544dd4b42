// SPDX-License-Identifier: GPL-3.0-or-later
// The module boundaries of DESIGN.md §1 and STYLE.md 4–6, checked on the sources: Debian puts
// ATen/ and c10/ (and Qt's module folders) on the default include path, so the compiler alone
// would not notice a widget including LibTorch.
#include <QDirIterator>
#include <QFile>
#include <QRegularExpression>
#include <QtTest/QtTest>

namespace {

struct Include {
    QString file;
    QString header;
};

QVector<Include> includesUnder(const QString &module)
{
    const QString root = qEnvironmentVariable("PLUVIA_SOURCE_DIR");
    QVector<Include> found;
    static const QRegularExpression pattern(
        QStringLiteral("^\\s*#\\s*include\\s*[<\"]([^>\"]+)[>\"]"));
    QDirIterator it(root + QLatin1Char('/') + module,
        { QStringLiteral("*.h"), QStringLiteral("*.cpp") }, QDir::Files,
        QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            continue;
        const QStringList lines = QString::fromUtf8(file.readAll()).split(QLatin1Char('\n'));
        for (const QString &line : lines) {
            const auto match = pattern.match(line);
            if (match.hasMatch())
                found.push_back({ QDir(root).relativeFilePath(path), match.captured(1) });
        }
    }
    return found;
}

bool isTorch(const QString &h)
{
    return h.startsWith(QLatin1String("torch/")) || h.startsWith(QLatin1String("ATen/"))
        || h.startsWith(QLatin1String("c10/")) || h.startsWith(QLatin1String("caffe2/"));
}
bool isOpenCv(const QString &h)
{
    return h.startsWith(QLatin1String("opencv2/"));
}
bool isQt(const QString &h)
{
    return (h.startsWith(QLatin1Char('Q')) && !h.contains(QLatin1Char('.')))
        || h.startsWith(QLatin1String("Qt")) || h.startsWith(QLatin1String("qcustomplot"));
}
bool isQtWidgets(const QString &h)
{
    static const QStringList widgetHeaders = { QStringLiteral("QWidget"),
        QStringLiteral("QApplication"), QStringLiteral("QMainWindow"), QStringLiteral("QDialog"),
        QStringLiteral("QLabel"), QStringLiteral("QMessageBox"), QStringLiteral("QPushButton"),
        QStringLiteral("QLayout"), QStringLiteral("QVBoxLayout") };
    return h.startsWith(QLatin1String("QtWidgets")) || widgetHeaders.contains(h)
        || h.startsWith(QLatin1String("qcustomplot")) || h.startsWith(QLatin1String("widgets/"));
}

QString violations(
    const QVector<Include> &includes, const std::function<bool(const Include &)> &bad)
{
    QStringList lines;
    for (const Include &include : includes)
        if (bad(include))
            lines << include.file + QStringLiteral(" includes ") + include.header;
    return lines.join(QLatin1Char('\n'));
}

} // namespace

class TestArchitecture : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QVERIFY(!qEnvironmentVariable("PLUVIA_SOURCE_DIR").isEmpty()); }

    void modelsUseLibTorchOnly()
    {
        const auto includes = includesUnder(QStringLiteral("models"));
        QVERIFY(!includes.isEmpty());
        const QString bad = violations(includes, [](const Include &i) {
            return isQt(i.header) || isOpenCv(i.header)
                || i.header.startsWith(QLatin1String("core/"));
        });
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }

    void coreNeverUsesWidgets()
    {
        const QString bad = violations(includesUnder(QStringLiteral("core")),
            [](const Include &i) { return isQtWidgets(i.header); });
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }

    void corePublicHeadersHideTorchAndOpenCv()
    {
        const QString bad = violations(includesUnder(QStringLiteral("core")), [](const Include &i) {
            const bool publicHeader = i.file.endsWith(QLatin1String(".h"))
                && !i.file.endsWith(QLatin1String("_p.h"))
                && !i.file.endsWith(QLatin1String("core_pch.h"));
            return publicHeader
                && (isTorch(i.header) || isOpenCv(i.header)
                    || i.header.endsWith(QLatin1String("_p.h"))
                    || i.header.startsWith(QLatin1String("models/")));
        });
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }

    void widgetsAndAppNeverSeeTorchOrOpenCv()
    {
        auto includes = includesUnder(QStringLiteral("widgets"));
        includes += includesUnder(QStringLiteral("app"));
        QVERIFY(!includes.isEmpty());
        const QString bad = violations(includes, [](const Include &i) {
            return isTorch(i.header) || isOpenCv(i.header)
                || i.header.endsWith(QLatin1String("_p.h"))
                || i.header.startsWith(QLatin1String("models/"));
        });
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }

    // Inside core, each folder builds on those listed before it (docs/architecture.md): a file
    // may include its own folder and folders of a lower rank, never one above.
    void coreFoldersIncludeOnlyLowerOnes()
    {
        const QStringList order = { QStringLiteral("(root)"), QStringLiteral("jobs"),
            QStringLiteral("runtime"), QStringLiteral("image"), QStringLiteral("data"),
            QStringLiteral("metrics"), QStringLiteral("synth"), QStringLiteral("store"),
            QStringLiteral("workspace"), QStringLiteral("catalogue"), QStringLiteral("checkpoint"),
            QStringLiteral("inference"), QStringLiteral("training"), QStringLiteral("analysis"),
            QStringLiteral("benchmark") };
        const auto folderOf = [](const QString &path) {
            const QStringList parts = path.split(QLatin1Char('/'));
            return parts.size() > 2 ? parts.at(1) : QStringLiteral("(root)");
        };
        const auto includes = includesUnder(QStringLiteral("core"));
        for (const Include &i : includes)
            QVERIFY2(
                order.contains(folderOf(i.file)), qPrintable(i.file + " is in no ranked folder"));
        const QString bad = violations(includes, [&](const Include &i) {
            if (!i.header.startsWith(QLatin1String("core/")))
                return false;
            return order.indexOf(folderOf(i.header)) > order.indexOf(folderOf(i.file));
        });
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }

    void widgetsNeverIncludeApp()
    {
        const QString bad = violations(includesUnder(QStringLiteral("widgets")),
            [](const Include &i) { return i.header.startsWith(QLatin1String("app/")); });
        QVERIFY2(bad.isEmpty(), qPrintable(bad));
    }
};

QTEST_GUILESS_MAIN(TestArchitecture)
#include "test_architecture.moc"

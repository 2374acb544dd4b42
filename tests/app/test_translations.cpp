// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's languages: the system locale and --language pick a translation; every message of
// each translations/*.ts, read here with an XML reader, is what the installed translator (the
// .qm lrelease compiled into the resources) returns; and the main window's menus come out in the
// chosen language.
#include "app/gui/language.h"
#include "app/gui/main_window.h"
#include "core/jobs/job.h"

#include <QDir>
#include <QFile>
#include <QMenuBar>
#include <QTranslator>
#include <QXmlStreamReader>
#include <QtTest/QtTest>

namespace {

struct TsMessage {
    QString context;
    QString source;
    QString comment;
    QString translation; // the numerus form for numerus messages (the languages have one)
    bool numerus = false;
    bool unfinished = false;
};

QVector<TsMessage> readTs(const QString &file)
{
    QFile f(file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    QXmlStreamReader xml(&f);
    QVector<TsMessage> messages;
    QString context;
    TsMessage message;
    while (!xml.atEnd()) {
        if (!xml.readNext() || !xml.isStartElement())
            continue;
        const QStringView name = xml.name();
        if (name == QLatin1String("context")) {
            xml.readNextStartElement(); // <name>
            context = xml.readElementText();
        } else if (name == QLatin1String("message")) {
            message = { context, {}, {}, {},
                xml.attributes().value(QLatin1String("numerus")) == QLatin1String("yes"), false };
        } else if (name == QLatin1String("source")) {
            message.source = xml.readElementText();
        } else if (name == QLatin1String("comment")) {
            message.comment = xml.readElementText();
        } else if (name == QLatin1String("translation")) {
            message.unfinished
                = xml.attributes().value(QLatin1String("type")) == QLatin1String("unfinished");
            // Kept exactly (some end in a space on purpose); a numerus translation's text is its
            // one <numerusform> (the languages have a single plural form).
            if (message.numerus) {
                message.translation.clear();
                while (xml.readNextStartElement()) {
                    if (xml.name() == QLatin1String("numerusform") && message.translation.isEmpty())
                        message.translation = xml.readElementText();
                    else
                        xml.skipCurrentElement();
                }
            } else {
                message.translation = xml.readElementText();
            }
            messages.push_back(message);
        }
    }
    return xml.hasError() ? QVector<TsMessage>() : messages;
}

QString translationsFolder()
{
    return QDir(qEnvironmentVariable("PLUVIA_SOURCE_DIR")).filePath(QStringLiteral("translations"));
}

// Installs `code`'s translators for the scope; removes them again afterwards.
class LanguageScope
{
public:
    explicit LanguageScope(const QString &code)
    {
        QString error;
        m_ok = pluvia::app::installLanguage(*QCoreApplication::instance(), code, &error);
    }
    ~LanguageScope()
    {
        for (QTranslator *t : QCoreApplication::instance()->findChildren<QTranslator *>()) {
            QCoreApplication::removeTranslator(t);
            delete t;
        }
    }
    bool ok() const { return m_ok; }

private:
    bool m_ok = false;
};

} // namespace

class TestTranslations : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { QStandardPaths::setTestModeEnabled(true); }

    void languagesCompiledIn()
    {
        QStringList codes;
        for (const pluvia::app::Language &language : pluvia::app::availableLanguages())
            codes << language.code;
        QCOMPARE(codes,
            (QStringList { QStringLiteral("en"), QStringLiteral("ko"), QStringLiteral("zh_CN") }));
    }

    void systemLocaleChoosesTheFirstLanguageOffered_data()
    {
        QTest::addColumn<QString>("requested");
        QTest::addColumn<QStringList>("ui");
        QTest::addColumn<QString>("expected");
        QTest::newRow("simplified Chinese")
            << QString() << QStringList { "zh-Hans-CN", "zh-CN" } << QStringLiteral("zh_CN");
        // Traditional Chinese (Taiwan) is not served the simplified translation.
        QTest::newRow("Taiwan") << QString() << QStringList { "zh-Hant-TW" }
                                << QStringLiteral("en");
        QTest::newRow("Korean") << QStringLiteral("system") << QStringList { "ko-KR", "en-US" }
                                << QStringLiteral("ko");
        QTest::newRow("German, then Korean")
            << QString() << QStringList { "de-DE", "ko" } << QStringLiteral("ko");
        QTest::newRow("English first")
            << QString() << QStringList { "en-US", "ko-KR" } << QStringLiteral("en");
        QTest::newRow("setting wins")
            << QStringLiteral("zh_CN") << QStringList { "ko-KR" } << QStringLiteral("zh_CN");
    }
    void systemLocaleChoosesTheFirstLanguageOffered()
    {
        QFETCH(QString, requested);
        QFETCH(QStringList, ui);
        QFETCH(QString, expected);
        QCOMPARE(pluvia::app::resolveLanguage(requested, ui), expected);
    }

    void languageArgument()
    {
        using pluvia::app::languageArgument;
        QCOMPARE(languageArgument({ "pluvia", "--language", "ko", "ws" }), QStringLiteral("ko"));
        QCOMPARE(languageArgument({ "pluvia", "--language=zh_CN" }), QStringLiteral("zh_CN"));
        QCOMPARE(languageArgument({ "pluvia", "ws" }), QString());
        QCOMPARE(languageArgument({ "pluvia", "--language" }), QString());
    }

    void unknownLanguageIsNamed()
    {
        QString error;
        QVERIFY(!pluvia::app::installLanguage(
            *QCoreApplication::instance(), QStringLiteral("fr"), &error));
        QVERIFY2(error.contains(QLatin1String("\"fr\"")) && error.contains(QLatin1String("ko")),
            qPrintable(error));
    }

    // Every message of the .ts, read independently, is what the compiled translation returns.
    void everyMessageTranslates_data()
    {
        QTest::addColumn<QString>("code");
        QTest::newRow("zh_CN") << QStringLiteral("zh_CN");
        QTest::newRow("ko") << QStringLiteral("ko");
    }
    void everyMessageTranslates()
    {
        QFETCH(QString, code);
        const QVector<TsMessage> messages
            = readTs(QDir(translationsFolder()).filePath(QStringLiteral("pluvia_%1.ts").arg(code)));
        QVERIFY(messages.size() > 300);
        LanguageScope scope(code);
        QVERIFY(scope.ok());
        for (const TsMessage &m : messages) {
            QVERIFY2(!m.unfinished && !m.translation.isEmpty(),
                qPrintable(QStringLiteral("%1: \"%2\" is not translated").arg(code, m.source)));
            const QByteArray context = m.context.toUtf8();
            const QByteArray source = m.source.toUtf8();
            const QByteArray comment = m.comment.toUtf8();
            const char *disambiguation = m.comment.isEmpty() ? nullptr : comment.constData();
            const QString expected = m.numerus
                ? QString(m.translation).replace(QLatin1String("%n"), QLatin1String("3"))
                : m.translation;
            QCOMPARE(QCoreApplication::translate(context.constData(), source.constData(),
                         disambiguation, m.numerus ? 3 : -1),
                expected);
        }
    }

    // The main window's menu bar in Korean: the titles are the .ts translations of the English.
    void mainWindowMenusFollowTheLanguage()
    {
        const QVector<TsMessage> messages
            = readTs(QDir(translationsFolder()).filePath(QStringLiteral("pluvia_ko.ts")));
        auto korean = [&](const QString &english) {
            for (const TsMessage &m : messages)
                if (m.context == QLatin1String("pluvia::app::MainWindow") && m.source == english)
                    return m.translation;
            return QString();
        };
        LanguageScope scope(QStringLiteral("ko"));
        QVERIFY(scope.ok());
        pluvia::app::MainWindow window;
        QStringList titles;
        for (QAction *action : window.menuBar()->actions())
            titles << action->text();
        QVERIFY(titles.size() >= 3);
        QCOMPARE(titles.first(), korean(QStringLiteral("&File")));
        QCOMPARE(titles.last(), korean(QStringLiteral("&Help")));
        QVERIFY(titles.first() != QLatin1String("&File"));
    }

    // As the GUI's main() does: the work of jobs the window started (and cancelled when it was
    // destroyed) returns before the process tears LibTorch down.
    void cleanupTestCase() { pluvia::core::waitForJobs(); }
};

QTEST_MAIN(TestTranslations)
#include "test_translations.moc"

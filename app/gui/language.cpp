// SPDX-License-Identifier: GPL-3.0-or-later
#include "app/gui/language.h"

#include <QCoreApplication>
#include <QDir>
#include <QLibraryInfo>
#include <QLocale>
#include <QTranslator>

namespace pluvia::app {

namespace {

const QString kResourceFolder = QStringLiteral(":/pluvia/translations");

QString resourceFile(const QString &code)
{
    return kResourceFolder + QStringLiteral("/pluvia_%1.qm").arg(code);
}

} // namespace

QVector<Language> availableLanguages()
{
    QVector<Language> languages { { QStringLiteral("en"), QStringLiteral("English") } };
    const QStringList files
        = QDir(kResourceFolder).entryList({ QStringLiteral("pluvia_*.qm") }, QDir::Files);
    for (const QString &file : files) {
        const QString code = file.mid(7, file.size() - 10); // pluvia_<code>.qm
        const QLocale locale(code);
        QString name = locale.nativeLanguageName();
        if (code.contains(QLatin1Char('_')))
            name += QStringLiteral(" (%1)").arg(locale.nativeTerritoryName());
        languages.push_back({ code, name });
    }
    return languages;
}

QString languageArgument(const QStringList &arguments)
{
    const QString option = QStringLiteral("--language");
    for (qsizetype i = 1; i < arguments.size(); ++i) {
        if (arguments[i] == option && i + 1 < arguments.size())
            return arguments[i + 1];
        if (arguments[i].startsWith(option + QLatin1Char('=')))
            return arguments[i].mid(option.size() + 1);
    }
    return {};
}

QString resolveLanguage(const QString &requested, const QStringList &uiLanguages)
{
    const QVector<Language> languages = availableLanguages();
    if (!requested.isEmpty() && requested != QLatin1String("system"))
        return requested;
    // uiLanguages is in order of preference; a translation matches by language and, where it
    // names one (zh_CN), by territory too: Taiwan's zh-Hant-TW is not served simplified Chinese.
    for (const QString &ui : uiLanguages) {
        const QLocale wanted(ui);
        if (wanted.language() == QLocale::English)
            return QStringLiteral("en");
        for (const Language &language : languages) {
            const QLocale offered(language.code);
            const bool territoryMatters = language.code.contains(QLatin1Char('_'));
            if (offered.language() == wanted.language()
                && (!territoryMatters || offered.territory() == wanted.territory()))
                return language.code;
        }
    }
    return QStringLiteral("en");
}

bool installLanguage(QCoreApplication &app, const QString &code, QString *error)
{
    if (code == QLatin1String("en"))
        return true;
    auto *own = new QTranslator(&app);
    if (!own->load(resourceFile(code))) {
        delete own;
        QStringList codes;
        for (const Language &language : availableLanguages())
            codes << language.code;
        if (error)
            *error = QCoreApplication::translate("main", "no translation \"%1\" (available: %2)")
                         .arg(code, codes.join(QStringLiteral(", ")));
        return false;
    }
    QCoreApplication::installTranslator(own);
    auto *qt = new QTranslator(&app);
    if (qt->load(QLocale(code), QStringLiteral("qtbase"), QStringLiteral("_"),
            QLibraryInfo::path(QLibraryInfo::TranslationsPath)))
        QCoreApplication::installTranslator(qt);
    else
        delete qt;
    return true;
}

} // namespace pluvia::app

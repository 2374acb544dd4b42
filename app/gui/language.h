// SPDX-License-Identifier: GPL-3.0-or-later
// The GUI's language. Pluvia's own strings come from translations/pluvia_<code>.ts, compiled by
// lrelease into the resources under :/pluvia/translations; Qt's own (standard buttons, file
// dialogs) from Debian's qt6-translations-l10n when installed. The choice is the setting
// `view/language` (View ▸ Language, applied at the next start) or `--language`; without one, the
// system locale picks the first of its UI languages that Pluvia has.
#pragma once

#include <QString>
#include <QStringList>
#include <QVector>

class QCoreApplication;

namespace pluvia::app {

struct Language {
    QString code; // "en", "zh_CN", "ko"
    QString nativeName; // the language's name in itself, as a menu shows it
};

// English (the source language) first, then every translation compiled into the resources.
QVector<Language> availableLanguages();

// The value of `--language CODE` or `--language=CODE` in `arguments`, or an empty string. Read
// before QCommandLineParser runs, so that its help text is already translated.
QString languageArgument(const QStringList &arguments);

// The language to use for `requested` ("", "system" or a code) given the system's UI languages
// (QLocale::uiLanguages() form, e.g. "zh-Hans-CN", "ko-KR"); "en" when none matches.
QString resolveLanguage(const QString &requested, const QStringList &uiLanguages);

// Installs the translators for `code` on `app` (nothing for "en"). False, with the reason, when
// `code` is not one of availableLanguages().
bool installLanguage(QCoreApplication &app, const QString &code, QString *error);

} // namespace pluvia::app

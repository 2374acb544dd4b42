// SPDX-License-Identifier: GPL-3.0-or-later
// Renders Pluvia's scalable icon to the fixed sizes the hicolor icon theme holds, at build time:
//   render_icon ICON.svg OUT_FOLDER SIZE...   writes
//   OUT_FOLDER/SIZExSIZE/apps/org.pluvia.Pluvia.png
// Qt's SVG image plugin (libqt6svg6, which Pluvia's GUI needs anyway) draws it; no other tool.
#include <QCoreApplication>
#include <QDir>
#include <QImage>
#include <QImageReader>
#include <QTextStream>

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QStringList arguments = QCoreApplication::arguments();
    QTextStream err(stderr);
    if (arguments.size() < 4) {
        err << "usage: render_icon ICON.svg OUT_FOLDER SIZE...\n";
        return 2;
    }
    for (const QString &argument : arguments.mid(3)) {
        bool ok = false;
        const int size = argument.toInt(&ok);
        if (!ok || size < 8 || size > 1024) {
            err << "render_icon: not an icon size: " << argument << '\n';
            return 2;
        }
        QImageReader reader(arguments[1]);
        reader.setScaledSize(QSize(size, size));
        const QImage image = reader.read();
        if (image.isNull()) {
            err << "render_icon: cannot read " << arguments[1] << ": " << reader.errorString()
                << '\n';
            return 1;
        }
        const QString folder = QStringLiteral("%1/%2x%2/apps").arg(arguments[2]).arg(size);
        const QString path = folder + QStringLiteral("/org.pluvia.Pluvia.png");
        if (!QDir().mkpath(folder) || !image.save(path)) {
            err << "render_icon: cannot write " << path << '\n';
            return 1;
        }
    }
    return 0;
}

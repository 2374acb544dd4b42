// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/analysis/comparison_figure.h"

#include "core/atomic_file.h"
#include "core/image/image_io_p.h"

#include <QByteArray>
#include <QFileInfo>

#include <opencv2/core.hpp>
#include <opencv2/imgproc.hpp>

#include <algorithm>
#include <vector>

namespace pluvia::core {

namespace {

constexpr int kLabelBand = 20; // pixels above each tile for its label
constexpr int kGap = 4;
constexpr int kDefaultCropSide = 256;
const cv::Scalar kWhite(255, 255, 255);

struct Tile {
    QString label;
    QString path;
};

struct Chosen {
    int test = 0;
    ComparisonImage image;
};

bool matches(const ComparisonImage &image, const QString &name)
{
    const QFileInfo relative(image.relative);
    const QString stemPath = relative.path() == QLatin1String(".")
        ? relative.completeBaseName()
        : relative.path() + QLatin1Char('/') + relative.completeBaseName();
    return image.relative == name || stemPath == name || relative.completeBaseName() == name
        || QFileInfo(image.input).fileName() == name
        || QFileInfo(image.input).completeBaseName() == name;
}

// One tile: the crop of the image at `path` (8-bit RGB) under a band holding its label.
cv::Mat tileOf(const Tile &tile, const QRect &crop, QString *error)
{
    const FloatImage image = readImageRgbFloat(tile.path);
    if (!image.ok()) {
        *error = image.error;
        return {};
    }
    const cv::Rect bounds(0, 0, image.pixels.cols, image.pixels.rows);
    cv::Rect rect = crop.isEmpty()
        ? cv::Rect((image.pixels.cols - std::min(image.pixels.cols, kDefaultCropSide)) / 2,
            (image.pixels.rows - std::min(image.pixels.rows, kDefaultCropSide)) / 2,
            std::min(image.pixels.cols, kDefaultCropSide),
            std::min(image.pixels.rows, kDefaultCropSide))
        : cv::Rect(crop.x(), crop.y(), crop.width(), crop.height()) & bounds;
    if (rect.empty()) {
        *error = QStringLiteral("%1: the crop lies outside the image").arg(tile.path);
        return {};
    }
    cv::Mat pixels;
    image.pixels(rect).convertTo(pixels, CV_8UC3, 255.0);
    cv::Mat out(rect.height + kLabelBand, rect.width, CV_8UC3, kWhite);
    pixels.copyTo(out(cv::Rect(0, kLabelBand, rect.width, rect.height)));
    // Hershey fonts have Latin-1 glyphs only; labels are method names and Latin text.
    std::string label = tile.label.toLatin1().toStdString();
    int baseline = 0;
    while (!label.empty()
        && cv::getTextSize(label, cv::FONT_HERSHEY_SIMPLEX, 0.4, 1, &baseline).width
            > rect.width - 4)
        label.pop_back();
    cv::putText(out, label, cv::Point(2, kLabelBand - 6), cv::FONT_HERSHEY_SIMPLEX, 0.4,
        cv::Scalar(0, 0, 0), 1, cv::LINE_AA);
    return out;
}

// A one-page PDF holding the RGB pixels as a lossless (Flate) image at 96 dpi.
QByteArray pdfOf(const cv::Mat &rgb)
{
    const cv::Mat continuous = rgb.isContinuous() ? rgb : rgb.clone();
    const QByteArray pixels(
        reinterpret_cast<const char *>(continuous.data), qsizetype(continuous.total() * 3));
    const QByteArray deflated = qCompress(pixels, 9).mid(4); // zlib stream after Qt's length
    const double width = rgb.cols * 0.75, height = rgb.rows * 0.75; // points
    const QByteArray content
        = QStringLiteral("q %1 0 0 %2 0 0 cm /Im0 Do Q\n").arg(width).arg(height).toLatin1();
    QByteArray pdf = "%PDF-1.4\n";
    QVector<qsizetype> offsets;
    const auto object = [&](const QByteArray &body) {
        offsets << pdf.size();
        pdf += QByteArray::number(offsets.size()) + " 0 obj\n" + body + "\nendobj\n";
    };
    object("<< /Type /Catalog /Pages 2 0 R >>");
    object("<< /Type /Pages /Kids [3 0 R] /Count 1 >>");
    object(QStringLiteral("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 %1 %2] /Resources << "
                          "/XObject << /Im0 4 0 R >> >> /Contents 5 0 R >>")
               .arg(width)
               .arg(height)
               .toLatin1());
    object(QStringLiteral("<< /Type /XObject /Subtype /Image /Width %1 /Height %2 /ColorSpace "
                          "/DeviceRGB /BitsPerComponent 8 /Filter /FlateDecode /Length %3 >>\n"
                          "stream\n")
               .arg(rgb.cols)
               .arg(rgb.rows)
               .arg(deflated.size())
               .toLatin1()
        + deflated + "\nendstream");
    object("<< /Length " + QByteArray::number(content.size()) + " >>\nstream\n" + content
        + "endstream");
    const qsizetype xref = pdf.size();
    pdf += "xref\n0 " + QByteArray::number(offsets.size() + 1) + "\n0000000000 65535 f \n";
    for (const qsizetype offset : offsets)
        pdf += QByteArray::number(offset).rightJustified(10, '0') + " 00000 n \n";
    pdf += "trailer\n<< /Size " + QByteArray::number(offsets.size() + 1)
        + " /Root 1 0 R >>\nstartxref\n" + QByteArray::number(xref) + "\n%%EOF\n";
    return pdf;
}

} // namespace

QString writeComparisonFigure(const ComparisonResult &result, const FigureRequest &request)
{
    QVector<Chosen> chosen;
    if (request.images.isEmpty() && !result.images.isEmpty() && !result.images[0].isEmpty())
        chosen.append({ 0, result.images[0][0] });
    for (const QString &name : request.images) {
        bool found = false;
        for (int test = 0; test < result.images.size(); ++test)
            for (const ComparisonImage &image : result.images[test])
                if (matches(image, name)) {
                    chosen.append({ test, image });
                    found = true;
                }
        if (!found)
            return QStringLiteral("figure: no test set holds an image \"%1\"").arg(name);
    }
    if (chosen.isEmpty())
        return QStringLiteral("figure: no image to show");

    std::vector<cv::Mat> lines;
    int width = 0, height = 0;
    for (const Chosen &choice : std::as_const(chosen)) {
        QVector<Tile> tiles;
        for (int row = 0; row < result.rows.size(); ++row) {
            const QString path = comparisonOutput(result, row, choice.test, choice.image);
            if (!path.isEmpty() && QFileInfo::exists(path))
                tiles.append({ result.rows[row].label, path });
        }
        if (!choice.image.groundTruth.isEmpty())
            tiles.append({ QStringLiteral("ground truth"), choice.image.groundTruth });
        std::vector<cv::Mat> pieces;
        int lineWidth = 0, lineHeight = 0;
        for (const Tile &tile : std::as_const(tiles)) {
            QString error;
            const cv::Mat piece = tileOf(tile, request.crop, &error);
            if (piece.empty())
                return error;
            pieces.push_back(piece);
            lineWidth += piece.cols + kGap;
            lineHeight = std::max(lineHeight, piece.rows);
        }
        cv::Mat line(lineHeight, std::max(lineWidth - kGap, 1), CV_8UC3, kWhite);
        int x = 0;
        for (const cv::Mat &piece : pieces) {
            piece.copyTo(line(cv::Rect(x, 0, piece.cols, piece.rows)));
            x += piece.cols + kGap;
        }
        width = std::max(width, line.cols);
        height += line.rows + kGap;
        lines.push_back(line);
    }
    cv::Mat figure(height - kGap, width, CV_8UC3, kWhite);
    int y = 0;
    for (const cv::Mat &line : lines) {
        line.copyTo(figure(cv::Rect(0, y, line.cols, line.rows)));
        y += line.rows + kGap;
    }
    if (!request.pngPath.isEmpty())
        if (const QString error = writeImage(request.pngPath, figure); !error.isEmpty())
            return error;
    if (!request.pdfPath.isEmpty()) {
        if (const QString error = writeFileAtomically(request.pdfPath, pdfOf(figure));
            !error.isEmpty())
            return error;
    }
    return {};
}

} // namespace pluvia::core

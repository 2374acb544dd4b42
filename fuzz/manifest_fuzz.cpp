// SPDX-License-Identifier: GPL-3.0-or-later
// Dataset manifests (manifest.json): any bytes are a manifest or a reason naming the file; a
// manifest that is accepted holds only relative, non-empty paths and survives writing and
// reading back unchanged in what the loaders use.
#include "core/data/dataset_manifest.h"
#include "fuzz/scratch_folder.h"

#include <QDir>
#include <QFile>
#include <QString>

#include <cstdint>
#include <cstdlib>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    const QString path = scratchPath(pluvia::core::manifestFileName());
    {
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly | QIODevice::Truncate)
            || file.write(reinterpret_cast<const char *>(data), qint64(size)) != qint64(size))
            std::abort();
    }
    QString error;
    const std::optional<pluvia::core::DatasetManifest> manifest
        = pluvia::core::readManifest(path, &error);
    if (!manifest) {
        if (!error.contains(path))
            std::abort(); // every refusal names the file
        return 0;
    }
    auto relative = [](const QString &p) { return !p.isEmpty() && !QDir::isAbsolutePath(p); };
    for (const pluvia::core::ManifestSample &sample : manifest->samples)
        if (!relative(sample.rainy) || !relative(sample.clean))
            std::abort();
    for (const QString &image : manifest->images)
        if (!relative(image))
            std::abort();
    const QString copy = scratchPath(QStringLiteral("copy.json"));
    if (!pluvia::core::writeManifest(copy, *manifest).isEmpty())
        std::abort();
    const std::optional<pluvia::core::DatasetManifest> again
        = pluvia::core::readManifest(copy, &error);
    if (!again || again->kind != manifest->kind || again->samples.size() != manifest->samples.size()
        || again->images != manifest->images || again->scenes.size() != manifest->scenes.size())
        std::abort();
    return 0;
}

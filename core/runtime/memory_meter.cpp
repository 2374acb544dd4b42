// SPDX-License-Identifier: GPL-3.0-or-later
#include "core/runtime/memory_meter_p.h"

#include <QFile>

#include <c10/core/CPUAllocator.h>
#include <c10/util/Exception.h>

#include <algorithm>
#include <atomic>
#include <cstring>
#include <mutex>
#include <string>
#include <unordered_map>

namespace pluvia::core {

struct MemoryMeter::State {
    qint64 limit = 0;
    std::atomic<qint64> current { 0 };
    std::atomic<qint64> peak { 0 };
};

namespace {

thread_local std::shared_ptr<MemoryMeter::State> t_meter;

// Metered blocks by address. LibTorch's raw_allocate needs a block's context to be its data
// pointer, so what a block owes is looked up here rather than carried in its context.
struct Charge {
    qint64 bytes;
    std::shared_ptr<MemoryMeter::State> meter;
};
std::mutex g_chargesMutex;
std::unordered_map<void *, Charge> g_charges;
c10::DeleterFnPtr g_baseDeleter = nullptr;

void freeBlock(void *data)
{
    {
        const std::lock_guard<std::mutex> lock(g_chargesMutex);
        if (const auto it = g_charges.find(data); it != g_charges.end()) {
            it->second.meter->current -= it->second.bytes;
            g_charges.erase(it);
        }
    }
    g_baseDeleter(data);
}

class MeteringAllocator final : public c10::Allocator
{
public:
    explicit MeteringAllocator(c10::Allocator *base)
        : m_base(base)
    { }

    c10::DataPtr allocate(size_t bytes) const override
    {
        const std::shared_ptr<MemoryMeter::State> meter = t_meter;
        if (!meter)
            return m_base->allocate(bytes);
        const qint64 now = (meter->current += qint64(bytes));
        if (meter->limit > 0 && now > meter->limit) {
            meter->current -= qint64(bytes);
            TORCH_CHECK_WITH(OutOfMemoryError, false, "out of memory: allocating ", bytes,
                " bytes would pass the inference memory limit of ", meter->limit, " bytes (",
                now - qint64(bytes), " in use)");
        }
        qint64 peak = meter->peak.load();
        while (now > peak && !meter->peak.compare_exchange_weak(peak, now)) { }
        c10::DataPtr inner = m_base->allocate(bytes);
        const c10::Device device = inner.device();
        void *data = inner.get();
        if (!data) {
            meter->current -= qint64(bytes);
            return inner;
        }
        inner.release_context(); // the block is freed through freeBlock from now on
        {
            const std::lock_guard<std::mutex> lock(g_chargesMutex);
            g_charges.emplace(data, Charge { qint64(bytes), meter });
        }
        return c10::DataPtr(data, data, &freeBlock, device);
    }

    c10::DeleterFnPtr raw_deleter() const override { return &freeBlock; }

private:
    c10::Allocator *m_base;
};

void installMeteringAllocator()
{
    static std::once_flag once;
    std::call_once(once, [] {
        c10::Allocator *base = c10::GetCPUAllocator();
        // The wrapper frees blocks the base way; a base without a raw deleter stays unmetered.
        g_baseDeleter = base->raw_deleter();
        if (!g_baseDeleter)
            return;
        // Leaked on purpose: blocks it handed out may be freed during static destruction.
        static auto *metering = new MeteringAllocator(base);
        c10::SetCPUAllocator(metering, /*priority=*/1);
    });
}

} // namespace

MemoryMeter::MemoryMeter(qint64 limitBytes)
    : m_state(std::make_shared<State>())
    , m_outer(t_meter)
{
    installMeteringAllocator();
    m_state->limit = limitBytes;
    t_meter = m_state;
}

MemoryMeter::~MemoryMeter()
{
    t_meter = m_outer;
}

qint64 MemoryMeter::currentBytes() const
{
    return m_state->current;
}

qint64 MemoryMeter::peakBytes() const
{
    return m_state->peak;
}

void MemoryMeter::resetPeak()
{
    m_state->peak = m_state->current.load();
}

bool isOutOfMemory(const std::exception &error)
{
    if (dynamic_cast<const c10::OutOfMemoryError *>(&error))
        return true;
    // The system allocator's failure is a plain c10::Error ("not enough memory"); std::bad_alloc
    // from elsewhere.
    const char *what = error.what();
    return dynamic_cast<const std::bad_alloc *>(&error) || std::strstr(what, "not enough memory")
        || std::strstr(what, "out of memory");
}

qint64 availableSystemMemory()
{
    QFile meminfo(QStringLiteral("/proc/meminfo"));
    if (!meminfo.open(QIODevice::ReadOnly | QIODevice::Text))
        return -1;
    // /proc files report a size of 0, so the whole text is read rather than line by line.
    for (const QByteArray &line : meminfo.readAll().split('\n')) {
        if (line.startsWith("MemAvailable:")) {
            bool ok = false;
            const qint64 kib = line.mid(13).trimmed().split(' ').value(0).toLongLong(&ok);
            return ok ? kib * 1024 : -1;
        }
    }
    return -1;
}

} // namespace pluvia::core

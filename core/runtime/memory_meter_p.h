// SPDX-License-Identifier: GPL-3.0-or-later
// Measuring and bounding inference memory on the CPU (private to core), for the derain job's
// automatic tile size (DESIGN.md §5).
//
// A MemoryMeter charges every LibTorch CPU allocation made on its thread while it lives, and
// keeps the peak; with a limit, an allocation that would pass it throws c10::OutOfMemoryError,
// as CUDA's allocator does when the GPU is full, so that one retry path serves both. Meters
// wrap LibTorch's CPU allocator once per process (allocations on threads without a meter pass
// straight through). A freed block is credited to the meter that paid for it, whatever thread
// frees it. Not counted: model weights (allocated before), and scratch memory that oneDNN or
// the BLAS allocate themselves.
#pragma once

#include <QtGlobal>

#include <exception>
#include <memory>

namespace pluvia::core {

class MemoryMeter
{
public:
    explicit MemoryMeter(qint64 limitBytes = 0); // 0: no limit
    ~MemoryMeter();
    MemoryMeter(const MemoryMeter &) = delete;
    MemoryMeter &operator=(const MemoryMeter &) = delete;

    qint64 currentBytes() const;
    qint64 peakBytes() const;
    void resetPeak(); // the peak restarts from what is allocated now

    struct State;

private:
    std::shared_ptr<State> m_state;
    std::shared_ptr<State> m_outer; // the thread's previous meter, restored on destruction
};

// True for an out-of-memory failure: a limit's, CUDA's or the system allocator's.
bool isOutOfMemory(const std::exception &error);

// Memory the system can give without swapping (Linux: MemAvailable), or -1 when unknown.
qint64 availableSystemMemory();

} // namespace pluvia::core

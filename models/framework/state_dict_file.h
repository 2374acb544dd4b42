// SPDX-License-Identifier: GPL-3.0-or-later
// A file written by torch.save(module.state_dict()) (zip format, pickle protocol 2, torch.save's
// defaults; or by LibTorch's torch::pickle_save), read without Python: keys, dtypes and tensor
// shapes first, tensor data only for the keys asked for, so the 500 MB of classifier weights in a
// VGG-16 file are never read when only its features are needed.
//
// Why not torch::pickle_load: LibTorch 1.13's unpickler cannot read a state_dict(). It turns
// every collections.OrderedDict into None and then fails (pytorch/pytorch#100741, fixed upstream
// only in PyTorch 2.6). So the zip archive is read with LibTorch's PyTorchStreamReader and data.pkl
// with a small unpickler of its own, which knows the part of pickle protocol 2 that a dict or
// OrderedDict of tensors uses (torch._utils._rebuild_tensor_v2, the storage persistent ids). A
// plain dict reads too, and so does a checkpoint that nests state dicts in a dict beside
// optimiser states and counters ({"genA": state_dict, "genA_opt": …, "ep": 10}): nested dicts'
// keys are flattened with dots ("genA.conv1.0.weight"), as PyTorch names submodules; lists,
// numbers and strings are kept as non-tensor entries. Anything else (other globals, newer
// protocols) is refused as "not a state dict". The storage's device is ignored: tensors saved
// on a GPU read onto the CPU.
//
// The file stays open for the object's lifetime. One thread uses an instance at a time.
#pragma once

#include <ATen/core/Tensor.h>
#include <c10/core/ScalarType.h>

#include <cstdint>
#include <memory>
#include <string>
#include <vector>

namespace pluvia::models {

class StateDictFile
{
public:
    // Opens the archive and reads its key list (data.pkl), not its tensors. Throws
    // std::invalid_argument naming `path`: "cannot read PATH: <errno text>" when the file cannot
    // be opened, "PATH is not a PyTorch state dict written by torch.save: <reason>" otherwise.
    explicit StateDictFile(const std::string &path);
    ~StateDictFile();
    StateDictFile(const StateDictFile &) = delete;
    StateDictFile &operator=(const StateDictFile &) = delete;

    // What the file holds under a key. A non-tensor value (a state dict may hold other picklable
    // values) has isTensor false, dtype Undefined and no sizes.
    struct Entry {
        bool isTensor = false;
        c10::ScalarType dtype = c10::ScalarType::Undefined; // as stored, e.g. kFloat, kHalf
        std::vector<int64_t> sizes;
    };
    // nullptr when the file has no such key.
    const Entry *find(const std::string &key) const;
    // Every key, sorted.
    std::vector<std::string> keys() const;
    // The tensor as stored (its dtype, on the CPU, owning its memory). Throws
    // std::invalid_argument naming the path when the key is not a tensor of the file, or as "not
    // a state dict" when its record is missing or does not match its description.
    at::Tensor read(const std::string &key);

    const std::string &path() const;

private:
    struct Private; // the archive reader and the unpickled descriptions (caffe2 types)
    std::unique_ptr<Private> d;
};

} // namespace pluvia::models

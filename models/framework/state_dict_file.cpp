// SPDX-License-Identifier: GPL-3.0-or-later
#include "models/framework/state_dict_file.h"

#include <caffe2/serialize/inline_container.h>
#include <torch/torch.h>

#include <cerrno>
#include <cstring>
#include <fstream>
#include <map>
#include <memory>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <unordered_map>
#include <utility>
#include <variant>
#include <vector>

namespace pluvia::models {

namespace {

// A pickle outside the subset of protocol 2 that a state dict uses (see the header), or malformed.
class PickleError : public std::runtime_error
{
public:
    using std::runtime_error::runtime_error;
};

struct Global { // a class or function named by GLOBAL, e.g. "collections.OrderedDict"
    std::string name;
};
struct Storage { // the persistent id of the archive record data/<key>
    std::string key;
    c10::ScalarType dtype;
    int64_t numel;
};
struct StoredTensor { // torch._utils._rebuild_tensor_v2's arguments
    Storage storage;
    int64_t offset;
    std::vector<int64_t> sizes;
    std::vector<int64_t> strides;
};
struct Tuple;
struct List;
struct Dict;
using Value = std::variant<std::monostate, bool, int64_t, double, std::string, Global, Storage,
    StoredTensor, std::shared_ptr<Tuple>, std::shared_ptr<List>, std::shared_ptr<Dict>>;
struct Tuple {
    std::vector<Value> items;
};
struct List { // shared, because the memo refers to a list that APPENDS later fills
    std::vector<Value> items;
};
struct Dict { // shared, because the memo refers to a dict that SETITEMS later fills
    std::vector<std::pair<Value, Value>> items;
};

template<typename T>
const T &as(const Value &value, const char *expected)
{
    if (const T *result = std::get_if<T>(&value))
        return *result;
    throw PickleError(std::string("expected ") + expected);
}

std::vector<int64_t> intTuple(const Value &value)
{
    std::vector<int64_t> result;
    for (const Value &item : as<std::shared_ptr<Tuple>>(value, "a tuple of sizes")->items)
        result.push_back(as<int64_t>(item, "an integer size"));
    return result;
}

c10::ScalarType storageType(const std::string &global)
{
#define PLUVIA_STORAGE_TYPE(_, name)                                                               \
    if (global == "torch." #name "Storage")                                                        \
        return c10::k##name;
    AT_FORALL_SCALAR_TYPES_WITH_COMPLEX_AND_QINTS(PLUVIA_STORAGE_TYPE)
#undef PLUVIA_STORAGE_TYPE
    throw PickleError("unknown storage type " + global);
}

// What REDUCE makes of `callee(*args)` for the callables a state dict uses.
Value call(const Global &callee, const Tuple &args)
{
    if (callee.name == "collections.OrderedDict") // OrderedDict(); SETITEMS adds the items
        return std::make_shared<Dict>();
    // LibTorch's torch::pickle_save (Pluvia's export-weights) tags a typed dict with its type,
    // e.g. (dict, "Dict[str, Tensor]"); Python's torch.load returns the dict itself.
    if (callee.name == "torch.jit._pickle.restore_type_tag" && !args.items.empty())
        return args.items[0];
    if (callee.name == "torch._utils._rebuild_tensor_v2") {
        // (storage, offset, sizes, strides, requires_grad, backward_hooks[, metadata])
        if (args.items.size() < 4)
            throw PickleError("_rebuild_tensor_v2 with too few arguments");
        return StoredTensor { as<Storage>(args.items[0], "a storage"),
            as<int64_t>(args.items[1], "a storage offset"), intTuple(args.items[2]),
            intTuple(args.items[3]) };
    }
    throw PickleError("unsupported global " + callee.name);
}

class StateDictUnpickler
{
public:
    explicit StateDictUnpickler(const std::string &pickle)
        : m_pickle(pickle)
    { }

    Value run()
    {
        if (readUInt(1) != 0x80)
            throw PickleError("data.pkl does not start with a pickle PROTO opcode");
        if (const uint64_t protocol = readUInt(1); protocol != 2)
            throw PickleError("pickle protocol " + std::to_string(protocol)
                + " (Pluvia reads protocol 2, torch.save's default)");
        while (true) {
            const size_t at = m_pos;
            const auto opcode = static_cast<uint8_t>(readUInt(1));
            if (opcode == '.') { // STOP
                if (m_stack.size() != 1)
                    throw PickleError("pickle stops with " + std::to_string(m_stack.size())
                        + " values on the stack");
                return m_stack.back();
            }
            step(opcode, at);
        }
    }

private:
    void step(uint8_t opcode, size_t at)
    {
        switch (opcode) {
        case '(': // MARK
            m_marks.push_back(m_stack.size());
            break;
        case ')': // EMPTY_TUPLE
            m_stack.emplace_back(std::make_shared<Tuple>());
            break;
        case 't': // TUPLE
            m_stack.emplace_back(std::make_shared<Tuple>(Tuple { popToMark() }));
            break;
        case 0x85: // TUPLE1
        case 0x86: // TUPLE2
        case 0x87: { // TUPLE3
            const size_t count = opcode - 0x84;
            if (m_stack.size() < count)
                throw PickleError("stack underflow");
            std::vector<Value> items(std::make_move_iterator(m_stack.end() - count),
                std::make_move_iterator(m_stack.end()));
            m_stack.resize(m_stack.size() - count);
            m_stack.emplace_back(std::make_shared<Tuple>(Tuple { std::move(items) }));
            break;
        }
        case '}': // EMPTY_DICT
            m_stack.emplace_back(std::make_shared<Dict>());
            break;
        case ']': // EMPTY_LIST (an optimiser's param_groups, beside the state dicts)
            m_stack.emplace_back(std::make_shared<List>());
            break;
        case 'a': { // APPEND
            Value value = pop();
            as<std::shared_ptr<List>>(top(), "a list")->items.push_back(std::move(value));
            break;
        }
        case 'e': { // APPENDS
            std::vector<Value> items = popToMark();
            auto &list = as<std::shared_ptr<List>>(top(), "a list")->items;
            list.insert(list.end(), std::make_move_iterator(items.begin()),
                std::make_move_iterator(items.end()));
            break;
        }
        case 'G': { // BINFLOAT: a big-endian IEEE double
            const uint64_t bits = readUIntBigEndian(8);
            double value = 0.0;
            std::memcpy(&value, &bits, sizeof value);
            m_stack.emplace_back(value);
            break;
        }
        case 's': { // SETITEM
            Value value = pop();
            Value key = pop();
            topDict().items.emplace_back(std::move(key), std::move(value));
            break;
        }
        case 'u': { // SETITEMS
            std::vector<Value> items = popToMark();
            if (items.size() % 2 != 0)
                throw PickleError("SETITEMS with an odd number of values");
            Dict &dict = topDict();
            for (size_t i = 0; i < items.size(); i += 2)
                dict.items.emplace_back(std::move(items[i]), std::move(items[i + 1]));
            break;
        }
        case 'b': // BUILD sets attributes: in a state dict only the OrderedDict's _metadata
                  // (unused)
            pop();
            topDict(); // checks that the object is that dict
            break;
        case 'q': // BINPUT
            m_memo[readUInt(1)] = top();
            break;
        case 'r': // LONG_BINPUT
            m_memo[readUInt(4)] = top();
            break;
        case 'h': // BINGET
        case 'j': { // LONG_BINGET
            const auto found = m_memo.find(readUInt(opcode == 'h' ? 1 : 4));
            if (found == m_memo.end())
                throw PickleError("reference to an unset memo entry");
            m_stack.push_back(found->second);
            break;
        }
        case 'X': // BINUNICODE
            m_stack.emplace_back(readBytes(readUInt(4)));
            break;
        case 'K': // BININT1
            m_stack.emplace_back(static_cast<int64_t>(readUInt(1)));
            break;
        case 'M': // BININT2
            m_stack.emplace_back(static_cast<int64_t>(readUInt(2)));
            break;
        case 'J': // BININT (signed)
            m_stack.emplace_back(static_cast<int64_t>(static_cast<int32_t>(readUInt(4))));
            break;
        case 0x8a: { // LONG1: little-endian two's complement of the given length
            const uint64_t length = readUInt(1);
            if (length > 8)
                throw PickleError("integer wider than 64 bits");
            uint64_t value = readUInt(length);
            if (length > 0 && length < 8 && (value >> (8 * length - 1)) != 0)
                value |= ~uint64_t(0) << (8 * length);
            m_stack.emplace_back(static_cast<int64_t>(value));
            break;
        }
        case 'N': // NONE
            m_stack.emplace_back(std::monostate {});
            break;
        case 0x88: // NEWTRUE
        case 0x89: // NEWFALSE
            m_stack.emplace_back(opcode == 0x88);
            break;
        case 'c': { // GLOBAL "module\nname\n"
            std::string module = readLine();
            m_stack.emplace_back(Global { module + "." + readLine() });
            break;
        }
        case 'Q': { // BINPERSID: ('storage', torch.<Type>Storage, key, location, numel)
            const Value id = pop();
            const auto &items = as<std::shared_ptr<Tuple>>(id, "a storage id")->items;
            if (items.size() != 5 || as<std::string>(items[0], "'storage'") != "storage")
                throw PickleError("unknown persistent id");
            m_stack.emplace_back(Storage { as<std::string>(items[2], "a storage key"),
                storageType(as<Global>(items[1], "a storage type").name),
                as<int64_t>(items[4], "a storage size") });
            break;
        }
        case 'R': { // REDUCE
            const Value args = pop();
            const Value callee = pop();
            m_stack.push_back(call(as<Global>(callee, "a callable"),
                *as<std::shared_ptr<Tuple>>(args, "an argument tuple")));
            break;
        }
        default: {
            std::ostringstream message;
            message << "unsupported pickle opcode 0x" << std::hex << int(opcode) << std::dec
                    << " at byte " << at << " of data.pkl";
            throw PickleError(message.str());
        }
        }
    }

    uint64_t readUIntBigEndian(size_t bytes)
    {
        const std::string data = readBytes(bytes);
        uint64_t value = 0;
        for (size_t i = 0; i < bytes; ++i)
            value = (value << 8) | uint64_t(static_cast<uint8_t>(data[i]));
        return value;
    }

    uint64_t readUInt(size_t bytes)
    {
        const std::string data = readBytes(bytes);
        uint64_t value = 0;
        for (size_t i = 0; i < bytes; ++i)
            value |= uint64_t(static_cast<uint8_t>(data[i])) << (8 * i);
        return value;
    }

    std::string readBytes(size_t count)
    {
        if (m_pickle.size() - m_pos < count)
            throw PickleError("data.pkl ends early");
        std::string result = m_pickle.substr(m_pos, count);
        m_pos += count;
        return result;
    }

    std::string readLine()
    {
        const size_t end = m_pickle.find('\n', m_pos);
        if (end == std::string::npos)
            throw PickleError("data.pkl ends early");
        std::string result = m_pickle.substr(m_pos, end - m_pos);
        m_pos = end + 1;
        return result;
    }

    Value &top()
    {
        if (m_stack.empty())
            throw PickleError("stack underflow");
        return m_stack.back();
    }

    Dict &topDict() { return *as<std::shared_ptr<Dict>>(top(), "a dict"); }

    Value pop()
    {
        Value value = std::move(top());
        m_stack.pop_back();
        return value;
    }

    std::vector<Value> popToMark()
    {
        if (m_marks.empty() || m_marks.back() > m_stack.size())
            throw PickleError("unbalanced MARK");
        const auto start = m_stack.begin() + static_cast<std::ptrdiff_t>(m_marks.back());
        m_marks.pop_back();
        std::vector<Value> items(
            std::make_move_iterator(start), std::make_move_iterator(m_stack.end()));
        m_stack.erase(start, m_stack.end());
        return items;
    }

    const std::string &m_pickle;
    size_t m_pos = 0;
    std::vector<Value> m_stack;
    std::vector<size_t> m_marks;
    std::unordered_map<uint64_t, Value> m_memo;
};

std::string keyText(const Value &key)
{
    if (const auto *text = std::get_if<std::string>(&key))
        return *text;
    return std::to_string(as<int64_t>(key, "string or integer keys"));
}

// A dict's entries under `prefix`, nested dicts flattened with dotted keys as PyTorch names a
// module's submodules: {"genA": {"conv1.0.weight": …}} gives "genA.conv1.0.weight".
void flatten(const Dict &dict, const std::string &prefix, std::map<std::string, Value> *entries)
{
    for (const auto &[key, value] : dict.items) {
        const std::string name = prefix + keyText(key);
        if (const auto *nested = std::get_if<std::shared_ptr<Dict>>(&value))
            flatten(**nested, name + '.', entries);
        else
            entries->emplace(name, value);
    }
}

// The state dict's entries by key; throws PickleError or c10::Error.
std::map<std::string, Value> readStateDict(caffe2::serialize::PyTorchStreamReader &archive)
{
    const auto [data, size] = archive.getRecord("data.pkl");
    const std::string pickle(static_cast<const char *>(data.get()), size);
    const Value root = StateDictUnpickler(pickle).run();
    std::map<std::string, Value> entries;
    flatten(*as<std::shared_ptr<Dict>>(root, "a dict at the top"), "", &entries);
    return entries;
}

// The tensor's values as stored (its record's dtype); throws PickleError or c10::Error.
torch::Tensor readTensor(
    caffe2::serialize::PyTorchStreamReader &archive, const StoredTensor &stored)
{
    const std::string record = "data/" + stored.storage.key;
    auto [data, bytes] = archive.getRecord(record);
    const size_t expected = stored.storage.numel * c10::elementSize(stored.storage.dtype);
    if (bytes != expected)
        throw PickleError(record + " holds " + std::to_string(bytes) + " bytes, its storage needs "
            + std::to_string(expected));
    c10::Storage storage(c10::Storage::use_byte_size_t(), bytes, std::move(data),
        /*allocator=*/nullptr, /*resizable=*/false);
    // set_ checks that offset, sizes and strides stay inside the storage.
    return torch::empty({ 0 }, torch::TensorOptions().dtype(stored.storage.dtype))
        .set_(storage, stored.offset, stored.sizes, stored.strides);
}

} // namespace

struct StateDictFile::Private {
    // A key's description, and for a tensor where its values are.
    struct Item {
        Entry entry;
        std::optional<StoredTensor> stored;
    };

    std::invalid_argument notStateDict(const std::string &reason) const
    {
        return std::invalid_argument(
            path + " is not a PyTorch state dict written by torch.save: " + reason);
    }

    std::string path;
    std::ifstream file; // before archive, which reads it until destroyed
    std::unique_ptr<caffe2::serialize::PyTorchStreamReader> archive;
    std::map<std::string, Item> items;
};

StateDictFile::StateDictFile(const std::string &path)
    : d(std::make_unique<Private>())
{
    d->path = path;
    d->file.open(path, std::ios::binary);
    if (!d->file)
        throw std::invalid_argument("cannot read " + path + ": " + std::strerror(errno));
    try {
        d->archive = std::make_unique<caffe2::serialize::PyTorchStreamReader>(&d->file);
        for (auto &[key, value] : readStateDict(*d->archive)) {
            Private::Item item;
            if (const auto *stored = std::get_if<StoredTensor>(&value)) {
                item.entry = Entry { true, stored->storage.dtype, stored->sizes };
                item.stored = *stored;
            }
            d->items.emplace(key, std::move(item));
        }
    } catch (const PickleError &error) {
        throw d->notStateDict(error.what());
    } catch (const c10::Error &error) {
        // PyTorchStreamReader's complaints: not a zip, no version or data.pkl record, ...
        throw d->notStateDict(error.what_without_backtrace());
    }
}

StateDictFile::~StateDictFile() = default;

const StateDictFile::Entry *StateDictFile::find(const std::string &key) const
{
    const auto found = d->items.find(key);
    return found == d->items.end() ? nullptr : &found->second.entry;
}

std::vector<std::string> StateDictFile::keys() const
{
    std::vector<std::string> result;
    result.reserve(d->items.size());
    for (const auto &item : d->items)
        result.push_back(item.first);
    return result;
}

at::Tensor StateDictFile::read(const std::string &key)
{
    const auto found = d->items.find(key);
    if (found == d->items.end())
        throw std::invalid_argument(d->path + " lacks " + key);
    if (!found->second.stored)
        throw std::invalid_argument(d->path + ": " + key + " is not a tensor");
    try {
        return readTensor(*d->archive, *found->second.stored);
    } catch (const PickleError &error) {
        throw d->notStateDict(error.what());
    } catch (const c10::Error &error) {
        // A missing record, or offset, sizes and strides outside the storage.
        throw d->notStateDict(error.what_without_backtrace());
    }
}

const std::string &StateDictFile::path() const
{
    return d->path;
}

} // namespace pluvia::models

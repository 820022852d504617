#include "td/model/record.hpp"

#include "td/model/codec.hpp"

namespace td::model {

namespace {

static_assert(std::variant_size_v<AnyRecord> == EnumNames<RecordKind>::names.size());

template <std::size_t I>
Result<AnyRecord> decodeAt(std::size_t index, const boost::json::value& body) {
    if constexpr (I < std::variant_size_v<AnyRecord>) {
        if (index == I) {
            auto r = decode<std::variant_alternative_t<I, AnyRecord>>(body);
            if (!r.ok())
                return r.error();
            return AnyRecord(std::in_place_index<I>, std::move(r).value());
        }
        return decodeAt<I + 1>(index, body);
    } else {
        return makeError("unknown_kind", "unknown record kind");
    }
}

} // namespace

RecordKind kindOf(const AnyRecord& record) {
    return static_cast<RecordKind>(record.index());
}

const std::string& idOf(const AnyRecord& record) {
    return std::visit([](const auto& r) -> const std::string& { return r.id; }, record);
}

Result<AnyRecord> decodeRecord(RecordKind kind, const boost::json::value& body) {
    return decodeAt<0>(static_cast<std::size_t>(kind), body);
}

Result<AnyRecord> decodeRecord(std::string_view kindName, const boost::json::value& body) {
    const auto kind = enumFromString<RecordKind>(kindName);
    if (!kind)
        return makeError("unknown_kind", "unknown record kind \"" + std::string(kindName) + "\"");
    return decodeRecord(*kind, body);
}

boost::json::value encodeRecord(const AnyRecord& record) {
    return std::visit([](const auto& r) { return encode(r); }, record);
}

} // namespace td::model

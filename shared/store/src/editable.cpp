#include "td/store/editable.hpp"

#include <boost/json/array.hpp>
#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

namespace td::store {

std::string encodeFieldList(const std::vector<std::string>& fields) {
    boost::json::array out;
    out.reserve(fields.size());
    for (const std::string& field : fields)
        out.emplace_back(field);
    return boost::json::serialize(out);
}

std::vector<std::string> decodeFieldList(std::string_view text) {
    std::vector<std::string> out;
    boost::system::error_code ec;
    boost::json::value parsed = boost::json::parse(text, ec);
    if (ec || !parsed.is_array())
        return out;
    for (const boost::json::value& v : parsed.get_array()) {
        if (v.is_string())
            out.emplace_back(v.get_string());
    }
    return out;
}

} // namespace td::store

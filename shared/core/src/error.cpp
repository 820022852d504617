#include "td/core/result.hpp"

namespace td {

std::string Error::describe() const {
    if (path.empty())
        return message;
    return path + ": " + message;
}

Error makeError(std::string code, std::string message, std::string path) {
    return Error{std::move(code), std::move(message), std::move(path)};
}

} // namespace td

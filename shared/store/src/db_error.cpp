#include "td/store/db_error.hpp"

#include <sqlite3.h>

namespace td::store {

Error DbError::toError() const {
    return makeError("storage_error", message + " (sqlite " + std::to_string(code) + "/" +
                                          std::to_string(extendedCode) + ": " +
                                          sqlite3_errstr(extendedCode) + ")");
}

DbError makeDbError(std::string message, int code) {
    return DbError{code, code, std::move(message)};
}

} // namespace td::store

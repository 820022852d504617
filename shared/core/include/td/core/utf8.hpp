#pragma once
// UTF-8 validation for text that arrives outside JSON (CSV imports and the like).

#include <cstddef>
#include <string_view>

namespace td::json {

/// Byte offset of the first invalid UTF-8 sequence in `text` (overlong forms, surrogates and
/// code points above U+10FFFF are invalid), or npos when the whole text is valid.
std::size_t firstInvalidUtf8Offset(std::string_view text);

} // namespace td::json

# Writes a C++ source defining `std::string_view ${SYMBOL}()` that returns the bytes of INPUT.
# Run as: cmake -DINPUT=... -DOUTPUT=... -DSYMBOL=... -P embed_text.cmake
file(READ "${INPUT}" content)
string(FIND "${content}" ")td_embed\"" clash)
if(NOT clash EQUAL -1)
    message(FATAL_ERROR "${INPUT} contains the raw-string delimiter")
endif()
file(WRITE "${OUTPUT}.tmp"
"// Generated from ${INPUT}; do not edit.
#include <string_view>
namespace td::server {
std::string_view ${SYMBOL}() {
    static constexpr char text[] = R\"td_embed(${content})td_embed\";
    return {text, sizeof text - 1};
}
} // namespace td::server
")
file(COPY_FILE "${OUTPUT}.tmp" "${OUTPUT}" ONLY_IF_DIFFERENT)
file(REMOVE "${OUTPUT}.tmp")

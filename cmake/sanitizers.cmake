# Sanitizer and fuzzing builds, each in a build directory of its own (scripts/sanitize.sh,
# scripts/fuzz.sh, scripts/tsan.sh):
#   -DTD_SANITIZE=address  AddressSanitizer + UndefinedBehaviorSanitizer, any error fatal
#   -DTD_SANITIZE=thread   ThreadSanitizer
#   -DTD_FUZZ=ON           libFuzzer coverage on every target and the fuzz targets in tests/fuzz
#                          (clang only; combine with TD_SANITIZE=address)
set(TD_SANITIZE "" CACHE STRING "Sanitizers to build with: address (ASan+UBSan) or thread")
set_property(CACHE TD_SANITIZE PROPERTY STRINGS "" address thread)
option(TD_FUZZ "Build the libFuzzer targets in tests/fuzz (needs clang)" OFF)

if(TD_SANITIZE STREQUAL "address")
    add_compile_options(-fsanitize=address,undefined -fno-sanitize-recover=all
                        -fno-omit-frame-pointer)
    add_link_options(-fsanitize=address,undefined)
elseif(TD_SANITIZE STREQUAL "thread")
    add_compile_options(-fsanitize=thread -fno-omit-frame-pointer)
    add_link_options(-fsanitize=thread)
elseif(NOT TD_SANITIZE STREQUAL "")
    message(FATAL_ERROR "TD_SANITIZE must be address or thread, not ${TD_SANITIZE}")
endif()

if(TD_FUZZ)
    if(NOT CMAKE_CXX_COMPILER_ID STREQUAL "Clang")
        message(FATAL_ERROR "TD_FUZZ needs clang (e.g. -DCMAKE_CXX_COMPILER=clang++-15)")
    endif()
    # Coverage for libFuzzer on everything; the fuzz targets link -fsanitize=fuzzer themselves.
    add_compile_options(-fsanitize=fuzzer-no-link)
endif()

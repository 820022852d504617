#pragma once
// The bytes a SQLite database leaves on disk, read as plain files (no SQLite involved): the
// main file and whichever of its -wal, -shm and -journal files exist.

#include <fstream>
#include <iterator>
#include <string>
#include <vector>

namespace td::test {

/// The suffixes SQLite gives a database's companion files.
inline const std::vector<std::string>& databaseFileSuffixes() {
    static const std::vector<std::string> suffixes{"", "-wal", "-shm", "-journal"};
    return suffixes;
}

/// Every byte of the database at `path` and its companion files, concatenated with a NUL
/// between files (so no match spans two files).
inline std::string databaseFileBytes(const std::string& path) {
    std::string bytes;
    for (const std::string& suffix : databaseFileSuffixes()) {
        std::ifstream in(path + suffix, std::ios::binary);
        if (!in)
            continue;
        bytes.append(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
        bytes.push_back('\0');
    }
    return bytes;
}

} // namespace td::test

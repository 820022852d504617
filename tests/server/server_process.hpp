#pragma once
// Runs the real td-sync-server binary for a test: a temp directory with the database, the
// server on 127.0.0.1:0, its listening address read from its first stdout line.

#include <string>
#include <vector>

namespace td::test {

/// A fresh temporary directory, removed with its contents on destruction.
class TempDir {
public:
    TempDir();
    ~TempDir();
    TempDir(const TempDir&) = delete;
    TempDir& operator=(const TempDir&) = delete;
    const std::string& path() const { return m_path; }
    std::string file(const std::string& name) const { return m_path + "/" + name; }

private:
    std::string m_path;
};

/// The whole content of a file ("" when it cannot be read).
std::string readFileBytes(const std::string& path);

/// Path of the server binary in the build tree.
std::string serverBinary();

/// Runs `argv` (argv[0] looked up in PATH) to completion with stdin from /dev/null and no
/// controlling terminal; returns its exit code (128 + signal when killed) and stdout. `env`
/// entries ("NAME=value") are added to the inherited environment.
int runProgram(const std::vector<std::string>& argv, std::string* out = nullptr,
               const std::vector<std::string>& env = {});

/// Runs the binary with `args` to completion; returns its exit code and stdout. `env` entries
/// are "NAME=value".
int runServerCommand(const std::vector<std::string>& args, std::string* out = nullptr,
                     const std::vector<std::string>& env = {});

class ServerProcess {
public:
    /// Starts `td-sync-server --db DB --listen 127.0.0.1:0 EXTRA...` and waits for its
    /// listening line. stderr goes to `logPath`.
    ServerProcess(const std::string& dbPath, const std::vector<std::string>& extraArgs,
                  const std::string& logPath, const std::string& binary = serverBinary());
    ~ServerProcess();

    bool started() const { return !m_address.empty(); }
    const std::string& address() const { return m_address; }
    int pid() const { return m_pid; }

    /// Sends `signal` and waits for the exit; returns the exit status (or 128+signal).
    int stop(int signal);

private:
    int m_pid = -1;
    std::string m_address;
};

} // namespace td::test

#include "server_process.hpp"

#include <boost/json/parse.hpp>
#include <cstdlib>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <signal.h>
#include <sstream>
#include <stdexcept>
#include <sys/prctl.h>
#include <sys/wait.h>
#include <unistd.h>

extern char** environ;

namespace td::test {

TempDir::TempDir() {
    std::string tmpl = (std::filesystem::temp_directory_path() / "td-server-test-XXXXXX").string();
    if (!::mkdtemp(tmpl.data()))
        throw std::runtime_error("mkdtemp failed");
    m_path = tmpl;
}

TempDir::~TempDir() {
    std::error_code ec;
    std::filesystem::remove_all(m_path, ec);
}

std::string readFileBytes(const std::string& path) {
    std::ifstream in(path, std::ios::binary);
    std::stringstream ss;
    ss << in.rdbuf();
    return ss.str();
}

std::string serverBinary() {
    return std::string(TD_BINARY_DIR) + "/sync-server/td-sync-server";
}

namespace {

std::vector<char*> argvOf(std::vector<std::string>& args) {
    std::vector<char*> out;
    for (auto& a : args)
        out.push_back(a.data());
    out.push_back(nullptr);
    return out;
}

} // namespace

int runProgram(const std::vector<std::string>& argv, std::string* out,
               const std::vector<std::string>& env) {
    int pipeFds[2];
    if (argv.empty() || ::pipe(pipeFds) != 0)
        return -1;
    std::vector<std::string> full = argv;
    pid_t pid = ::fork();
    if (pid == 0) {
        ::dup2(pipeFds[1], 1);
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        int devnull = ::open("/dev/null", O_RDONLY);
        ::dup2(devnull, 0);
        ::setsid(); // no controlling terminal: passwords come from the environment
        for (const auto& e : env)
            ::putenv(const_cast<char*>(e.c_str()));
        auto args = argvOf(full);
        ::execvp(args[0], args.data());
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    std::string text;
    char buf[4096];
    long n;
    while ((n = ::read(pipeFds[0], buf, sizeof buf)) > 0)
        text.append(buf, static_cast<std::size_t>(n));
    ::close(pipeFds[0]);
    int status = 0;
    ::waitpid(pid, &status, 0);
    if (out)
        *out = text;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

int runServerCommand(const std::vector<std::string>& args, std::string* out,
                     const std::vector<std::string>& env) {
    std::vector<std::string> full{serverBinary()};
    full.insert(full.end(), args.begin(), args.end());
    return runProgram(full, out, env);
}

ServerProcess::ServerProcess(const std::string& dbPath, const std::vector<std::string>& extraArgs,
                             const std::string& logPath, const std::string& binary) {
    int pipeFds[2];
    if (::pipe(pipeFds) != 0)
        return;
    std::vector<std::string> full{binary, "--db", dbPath, "--listen", "127.0.0.1:0"};
    full.insert(full.end(), extraArgs.begin(), extraArgs.end());
    m_pid = ::fork();
    if (m_pid == 0) {
        ::prctl(PR_SET_PDEATHSIG, SIGKILL); // never outlive a test that aborted
        ::dup2(pipeFds[1], 1);
        ::close(pipeFds[0]);
        ::close(pipeFds[1]);
        int log = ::open(logPath.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0644);
        ::dup2(log, 2);
        auto argv = argvOf(full);
        ::execv(argv[0], argv.data());
        ::_exit(127);
    }
    ::close(pipeFds[1]);
    std::string line;
    char c;
    while (::read(pipeFds[0], &c, 1) == 1 && c != '\n')
        line.push_back(c);
    ::close(pipeFds[0]);
    try {
        auto v = boost::json::parse(line);
        m_address = std::string(v.at("listening").as_string());
    } catch (...) {
        m_address.clear();
    }
}

ServerProcess::~ServerProcess() {
    if (m_pid > 0)
        stop(SIGKILL);
}

int ServerProcess::stop(int signal) {
    if (m_pid <= 0)
        return -1;
    ::kill(m_pid, signal);
    int status = 0;
    ::waitpid(m_pid, &status, 0);
    m_pid = -1;
    return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

} // namespace td::test

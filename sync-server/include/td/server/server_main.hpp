#pragma once
// The composition root of td-sync-server: parses the command line, opens the database and
// runs the server or an admin subcommand. Returns the process exit code.

namespace td::server {

int serverMain(int argc, char** argv);

} // namespace td::server

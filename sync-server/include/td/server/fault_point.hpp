#pragma once
// Crash points for tests of what survives a killed process. A test sets the environment
// variable TD_FAULT_KILL to "NAME" or "NAME@N"; the process then kills itself with SIGKILL
// at the first (or the Nth) time it passes faultPoint("NAME"). Without the variable, a
// fault point costs one comparison.

#include <string_view>

namespace td::server {

/// Kills the process (SIGKILL, no clean-up) when TD_FAULT_KILL names this point and hit.
void faultPoint(std::string_view name);

} // namespace td::server

// The signal argument of `kill`: a name with or without SIG ("TERM", "SIGTERM", "sigkill") or
// a number ("15"), as runc accepts it.
#pragma once

#include <string>

namespace mydocker::runtime {

// Throws mydocker::Error "unknown signal \"X\"".
int parse_signal(const std::string& text);

}  // namespace mydocker::runtime

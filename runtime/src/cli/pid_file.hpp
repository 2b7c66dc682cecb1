// The --pid-file of create and exec: the decimal PID without a trailing newline (go-runc and
// the conformance suite parse the whole file as a number), written to a temporary file and
// renamed so a reader never sees it half-written.
#pragma once

#include <sys/types.h>

#include <string>

namespace mydocker::runtime {

// Throws mydocker::Error naming the file.
void write_pid_file(const std::string& path, pid_t pid);

}  // namespace mydocker::runtime

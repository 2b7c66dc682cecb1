// What the runtime needs from /proc/PID/stat to tell whether a container's process is still the
// one it started: its state letter (a zombie is as good as dead) and its start time (a PID the
// kernel gave to another process since has a different one).
#pragma once

#include <sys/types.h>

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace mydocker::runtime {

struct ProcessStat {
  char state = '?';              // field 3: R, S, D, Z, X...
  std::uint64_t start_time = 0;  // field 22: clock ticks after boot
};

// Parses the contents of a stat file; the command name (field 2) may hold spaces and
// parentheses, so fields are counted from its last ')'. nullopt when malformed.
std::optional<ProcessStat> parse_process_stat(std::string_view content);

// Reads <proc_root>/<pid>/stat; nullopt when there is no such process. `proc_root` is a seam
// for tests.
std::optional<ProcessStat> read_process_stat(pid_t pid, const std::string& proc_root = "/proc");

}  // namespace mydocker::runtime

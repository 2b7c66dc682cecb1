// Reading and writing cgroup pseudo-files, with errors that name the file, the value and why.
#pragma once

#include <sys/types.h>

#include <string>
#include <vector>

#include "mydocker/errors.hpp"

namespace mydocker::isolation::cgroups {

// The cgroup file system refused us (read-only, not ours to write): nothing is wrong with the
// request, the place just cannot hold a container's cgroup. The caller may go on without one
// when no limit was asked for.
class CgroupUnavailable : public Error {
 public:
  using Error::Error;
};

// Throws CgroupUnavailable for a refusal (EROFS, EACCES, EPERM), Error otherwise.
[[noreturn]] void throw_cgroup_error(const std::string& message, int error);

// Reads a small pseudo-file whole; false with errno set on failure.
bool read_file(const std::string& path, std::string& out);

// One value per write(2): the kernel reports a refused value as that write's error. False with
// errno set on failure.
bool write_value(int fd, const std::string& value);

// Writes `value` to `path`; `what` says why, for the message ("set memory limit").
void write_file(const std::string& what, const std::string& path, const std::string& value);

// For knobs that depend on kernel configuration (swap accounting): a missing file is fine.
void write_file_if_present(const std::string& what, const std::string& path,
                           const std::string& value);

// The processes listed in <dir>/cgroup.procs (v1 may list one twice), never 0 or negative:
// kill(2) would take those as process groups, or everything. False with errno set when the
// file cannot be read.
bool read_processes(const std::string& dir, std::vector<pid_t>& out);

// Throws mydocker::Error unless `name` can be one directory's name: not empty, ".", ".." and
// without "/". `what` names it for the message ("container id").
void validate_directory_name(const std::string& name, const std::string& what);

// A space- or newline-separated list such as cgroup.controllers. Throws Error.
std::vector<std::string> read_list(const std::string& path);

// The non-empty pieces of `s` between separators.
std::vector<std::string> split(const std::string& s, char sep);

bool contains(const std::vector<std::string>& list, const std::string& item);

}  // namespace mydocker::isolation::cgroups

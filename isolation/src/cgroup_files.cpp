#include "cgroup_files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdlib>
#include <cstring>

#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation::cgroups {

namespace {

[[noreturn]] void throw_write(const std::string& what, const std::string& value,
                              const std::string& path, int error) {
  throw Error("cgroup: cannot " + what + ": write " + value + " to " + path + ": " +
              std::strerror(error));
}

}  // namespace

void throw_cgroup_error(const std::string& message, int error) {
  const std::string text = message + ": " + std::strerror(error);
  if (error == EROFS || error == EACCES || error == EPERM) throw CgroupUnavailable(text);
  throw Error(text);
}

bool read_file(const std::string& path, std::string& out) {
  UniqueFd fd(::open(path.c_str(), O_RDONLY | O_CLOEXEC));
  if (fd.get() < 0) return false;
  out.clear();
  char buf[4096];
  while (true) {
    const ssize_t n = ::read(fd.get(), buf, sizeof buf);
    if (n == 0) return true;
    if (n < 0) {
      if (errno == EINTR) continue;
      return false;
    }
    out.append(buf, static_cast<std::size_t>(n));
  }
}

bool write_value(int fd, const std::string& value) {
  while (true) {
    const ssize_t n = ::write(fd, value.data(), value.size());
    if (n >= 0) {
      if (static_cast<std::size_t>(n) == value.size()) return true;
      errno = EIO;
      return false;
    }
    if (errno != EINTR) return false;
  }
}

void write_file(const std::string& what, const std::string& path, const std::string& value) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (fd.get() < 0 || !write_value(fd.get(), value)) throw_write(what, value, path, errno);
}

void write_file_if_present(const std::string& what, const std::string& path,
                           const std::string& value) {
  UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (fd.get() < 0 && errno == ENOENT) return;
  if (fd.get() < 0 || !write_value(fd.get(), value)) throw_write(what, value, path, errno);
}

bool read_processes(const std::string& dir, std::vector<pid_t>& out) {
  std::string text;
  if (!read_file(dir + "/cgroup.procs", text)) return false;
  for (const auto& entry : split(text, '\n')) {
    char* end = nullptr;
    const long pid = std::strtol(entry.c_str(), &end, 10);
    if (end == entry.c_str() || *end != '\0' || pid <= 0) continue;
    out.push_back(static_cast<pid_t>(pid));
  }
  return true;
}

void validate_directory_name(const std::string& name, const std::string& what) {
  if (name.empty() || name == "." || name == ".." || name.find('/') != std::string::npos) {
    throw Error("cgroup: invalid " + what + " \"" + name + "\"");
  }
}

std::vector<std::string> read_list(const std::string& path) {
  std::string text;
  if (!read_file(path, text)) {
    throw Error("cgroup: cannot read " + path + ": " + std::strerror(errno));
  }
  std::replace(text.begin(), text.end(), '\n', ' ');
  return split(text, ' ');
}

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  while (start <= s.size()) {
    std::size_t end = s.find(sep, start);
    if (end == std::string::npos) end = s.size();
    if (end > start) out.push_back(s.substr(start, end - start));
    start = end + 1;
  }
  return out;
}

bool contains(const std::vector<std::string>& list, const std::string& item) {
  return std::find(list.begin(), list.end(), item) != list.end();
}

}  // namespace mydocker::isolation::cgroups

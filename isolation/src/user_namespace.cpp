#include "user_namespace.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>

#include "mydocker/errors.hpp"
#include "mydocker/unique_fd.hpp"

namespace mydocker::isolation {

namespace {

void write_map(pid_t pid, const char* name, const std::vector<IdMapping>& mappings) {
  if (mappings.empty()) return;
  const std::string path = "/proc/" + std::to_string(pid) + "/" + name;
  const std::string text = id_map_text(mappings);
  const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CLOEXEC));
  if (!fd || ::write(fd.get(), text.data(), text.size()) != static_cast<ssize_t>(text.size())) {
    throw Error("cannot write the user namespace's " + std::string(name) + " (" + path +
                "): " + std::strerror(errno));
  }
}

}  // namespace

std::string id_map_text(const std::vector<IdMapping>& mappings) {
  std::string text;
  for (const auto& m : mappings) {
    text += std::to_string(m.container_id) + " " + std::to_string(m.host_id) + " " +
            std::to_string(m.size) + "\n";
  }
  return text;
}

void write_id_maps(pid_t pid, const std::vector<IdMapping>& uid_mappings,
                   const std::vector<IdMapping>& gid_mappings) {
  write_map(pid, "uid_map", uid_mappings);
  write_map(pid, "gid_map", gid_mappings);
}

}  // namespace mydocker::isolation

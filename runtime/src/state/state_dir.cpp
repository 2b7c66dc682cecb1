#include "state/state_dir.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <fstream>
#include <sstream>

#include "mydocker/errors.hpp"
#include "state/container_id.hpp"

namespace mydocker::runtime {

namespace fs = std::filesystem;

namespace {

constexpr const char* kStateFile = "state.json";

std::optional<ContainerState> read_state_file(const fs::path& dir) {
  std::ifstream file(dir / kStateFile);
  if (!file) return std::nullopt;
  std::ostringstream content;
  content << file.rdbuf();
  const auto json = nlohmann::json::parse(content.str(), nullptr, false);
  if (json.is_discarded()) throw Error("state.json is damaged: " + (dir / kStateFile).string());
  return parse_state_file(json);
}

UniqueFd lock_dir(const fs::path& dir) {
  UniqueFd fd(::open(dir.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!fd) return fd;
  while (::flock(fd.get(), LOCK_EX) != 0) {
    if (errno != EINTR) throw Error("lock " + dir.string() + ": " + std::strerror(errno));
  }
  return fd;
}

// A directory a concurrent delete removed while we waited for its lock.
bool removed(int dir_fd) {
  struct stat st {};
  return ::fstat(dir_fd, &st) != 0 || st.st_nlink == 0;
}

}  // namespace

std::string container_does_not_exist(const std::string& id) {
  return "container does not exist: " + id;
}

fs::path StateRoot::container_dir(const std::string& id) const {
  validate_container_id(id);
  return root_ / id;
}

std::vector<std::string> StateRoot::container_ids() const {
  std::vector<std::string> ids;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(root_, ec)) {
    if (entry.is_directory(ec)) ids.push_back(entry.path().filename().string());
  }
  std::sort(ids.begin(), ids.end());
  return ids;
}

std::optional<ContainerState> StateRoot::read(const std::string& id) const {
  return read_state_file(container_dir(id));
}

ContainerState StateRoot::load(const std::string& id) const {
  auto state = read(id);
  if (!state) throw Error(container_does_not_exist(id));
  return *state;
}

bool StateRoot::start_gate_present(const std::string& id) const {
  std::error_code ec;
  return fs::exists(container_dir(id) / "exec.fifo", ec);
}

LockedContainerDir LockedContainerDir::create(const StateRoot& root, const std::string& id) {
  const fs::path dir = root.container_dir(id);
  std::error_code ec;
  fs::create_directories(root.path(), ec);
  if (ec) throw Error("cannot create the state root " + root.path().string() + ": " + ec.message());
  if (::mkdir(dir.c_str(), 0711) != 0) {
    if (errno == EEXIST) throw Error("container with id exists: " + id);
    throw Error("cannot create " + dir.string() + ": " + std::strerror(errno));
  }
  UniqueFd fd = lock_dir(dir);
  if (!fd) throw Error("cannot open " + dir.string() + ": " + std::strerror(errno));
  return LockedContainerDir(dir, id, std::move(fd));
}

LockedContainerDir LockedContainerDir::open(const StateRoot& root, const std::string& id) {
  const fs::path dir = root.container_dir(id);
  UniqueFd fd = lock_dir(dir);
  if (!fd || removed(fd.get())) throw Error(container_does_not_exist(id));
  return LockedContainerDir(dir, id, std::move(fd));
}

LockedContainerDir::~LockedContainerDir() {
  if (fd_) ::flock(fd_.get(), LOCK_UN);
}

bool LockedContainerDir::start_gate_present() const {
  std::error_code ec;
  return fs::exists(start_gate(), ec);
}

std::optional<ContainerState> LockedContainerDir::read() const { return read_state_file(path_); }

ContainerState LockedContainerDir::load() const {
  auto state = read();
  if (!state) throw Error(container_does_not_exist(id_));
  return *state;
}

void LockedContainerDir::save(const ContainerState& state) const {
  const fs::path temp = path_ / "state.json.tmp";
  const std::string text = state_file_json(state).dump();
  {
    std::ofstream file(temp, std::ios::trunc);
    file << text;
    file.flush();
    if (!file) throw Error("cannot write " + temp.string());
  }
  if (::rename(temp.c_str(), (path_ / kStateFile).c_str()) != 0) {
    throw Error("cannot write " + (path_ / kStateFile).string() + ": " + std::strerror(errno));
  }
}

void LockedContainerDir::remove() const {
  std::error_code ec;
  fs::remove_all(path_, ec);
  if (ec) throw Error("cannot remove " + path_.string() + ": " + ec.message());
}

}  // namespace mydocker::runtime

// The state root (--root) and one container's directory in it, <root>/<id>/: state.json
// (replaced atomically) and exec.fifo (the start gate, present until `start`). Every command
// that changes a container holds an flock on its directory, so concurrent calls for one ID
// take turns.
#pragma once

#include <filesystem>
#include <optional>
#include <string>
#include <vector>

#include "mydocker/unique_fd.hpp"
#include "state/container_state.hpp"

namespace mydocker::runtime {

class StateRoot {
 public:
  explicit StateRoot(std::filesystem::path root) : root_(std::move(root)) {}
  const std::filesystem::path& path() const { return root_; }
  // <root>/<id>; the ID is validated first.
  std::filesystem::path container_dir(const std::string& id) const;
  // The IDs that have a directory, sorted.
  std::vector<std::string> container_ids() const;
  // The recorded state, read without a lock (state.json is only ever replaced whole); nullopt
  // when there is no such container or its state.json is not written yet.
  std::optional<ContainerState> read(const std::string& id) const;
  // As read(), but an unknown ID throws "container does not exist: ID".
  ContainerState load(const std::string& id) const;
  bool start_gate_present(const std::string& id) const;

 private:
  std::filesystem::path root_;
};

// A container's directory, locked (flock, exclusive) for as long as this object lives.
class LockedContainerDir {
 public:
  LockedContainerDir(LockedContainerDir&&) = default;
  LockedContainerDir& operator=(LockedContainerDir&&) = delete;
  // Unlocks explicitly: a container process cloned meanwhile shares the locked open file
  // description until it execs, and closing our fd alone would leave the lock to it.
  ~LockedContainerDir();

  // mkdir's <root>/<id> (and the root): "container with id exists: ID" if it is there.
  static LockedContainerDir create(const StateRoot& root, const std::string& id);
  // "container does not exist: ID" unless the directory is there (also when a concurrent
  // delete removed it while this call waited for the lock).
  static LockedContainerDir open(const StateRoot& root, const std::string& id);

  const std::filesystem::path& path() const { return path_; }
  std::filesystem::path start_gate() const { return path_ / "exec.fifo"; }
  bool start_gate_present() const;
  // nullopt when state.json is missing (a create that died early); throws when damaged.
  std::optional<ContainerState> read() const;
  ContainerState load() const;  // "container does not exist: ID" without state.json
  // Writes state.json.tmp and renames it over state.json.
  void save(const ContainerState& state) const;
  // Removes the directory and everything in it; the lock is held until destruction.
  void remove() const;

 private:
  LockedContainerDir(std::filesystem::path path, std::string id, UniqueFd fd)
      : path_(std::move(path)), id_(std::move(id)), fd_(std::move(fd)) {}

  std::filesystem::path path_;
  std::string id_;
  UniqueFd fd_;
};

// The error message callers match on.
std::string container_does_not_exist(const std::string& id);

}  // namespace mydocker::runtime

// -v/--volume HOST:CONTAINER[:ro|rw], as docker reads it for a bind mount.
#pragma once

#include <string>

namespace mydocker {

struct VolumeSpec {
  std::string host;       // absolute, created as a directory when missing (as docker does)
  std::string container;  // absolute, not "/"
  bool read_only = false;
};

// Throws Error saying what is wrong: named volumes are not supported, paths must be absolute.
VolumeSpec parse_volume(const std::string& text);

}  // namespace mydocker

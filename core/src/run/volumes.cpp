#include "run/volumes.hpp"

#include <sstream>
#include <vector>

#include "mydocker/errors.hpp"

namespace mydocker {

VolumeSpec parse_volume(const std::string& text) {
  std::vector<std::string> parts;
  std::string part;
  std::istringstream in(text);
  while (std::getline(in, part, ':')) parts.push_back(part);
  const std::string prefix = "invalid volume \"" + text + "\": ";
  if (parts.size() < 2 || parts.size() > 3 || parts[0].empty() || parts[1].empty()) {
    throw Error(prefix + "expected HOST-PATH:CONTAINER-PATH[:ro]");
  }
  VolumeSpec v{parts[0], parts[1], false};
  if (v.host.front() != '/') {
    throw Error(prefix + "the host path must be absolute (named volumes are not supported)");
  }
  if (v.container.front() != '/') throw Error(prefix + "the container path must be absolute");
  if (v.container.find_first_not_of('/') == std::string::npos) {
    throw Error(prefix + "cannot mount over the container's root");
  }
  if (parts.size() == 3) {
    std::istringstream options(parts[2]);
    std::string option;
    while (std::getline(options, option, ',')) {
      if (option == "ro") {
        v.read_only = true;
      } else if (option != "rw") {
        throw Error(prefix + "unsupported option \"" + option + "\" (ro or rw)");
      }
    }
  }
  return v;
}

}  // namespace mydocker

#include "image/source_choice.hpp"

#include <string_view>

namespace mydocker {

namespace {

// The suffixes of the archives the local source reads (docker save, optionally compressed).
constexpr std::string_view kArchiveSuffixes[] = {".tar",     ".tar.gz", ".tgz",
                                                 ".tar.bz2", ".tar.xz", ".tar.zst"};

}  // namespace

// What is on the disk does not matter: a folder ./busybox in the working directory must not
// turn `run busybox` into a read of that folder.
std::string default_source_for(const std::string& image) {
  for (const char* transport : {"docker-archive:", "oci:", "oci-archive:"}) {
    if (image.starts_with(transport)) return "local";
  }
  if (image.starts_with('/') || image.starts_with("./") || image.starts_with("../")) {
    return "local";
  }
  for (const auto suffix : kArchiveSuffixes) {
    if (image.ends_with(suffix)) return "local";
  }
  return "hub";
}

}  // namespace mydocker

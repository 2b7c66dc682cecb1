#include "image/source_choice.hpp"

#include <sys/stat.h>

namespace mydocker {

std::string default_source_for(const std::string& image) {
  for (const char* transport : {"docker-archive:", "oci:", "oci-archive:"}) {
    if (image.starts_with(transport)) return "local";
  }
  struct stat st {};
  if (image.starts_with('/') || image.starts_with("./") || image.starts_with("../") ||
      ::stat(image.c_str(), &st) == 0) {
    return "local";
  }
  return "hub";
}

}  // namespace mydocker

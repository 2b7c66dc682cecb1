#include "state/container_id.hpp"

#include <algorithm>
#include <cctype>

#include "mydocker/errors.hpp"

namespace mydocker::runtime {

void validate_container_id(const std::string& id) {
  if (id.empty()) throw Error("container id cannot be empty");
  const bool allowed = std::all_of(id.begin(), id.end(), [](unsigned char c) {
    return std::isalnum(c) != 0 || c == '_' || c == '.' || c == '+' || c == '-';
  });
  if (!allowed || id == "." || id == "..") {
    throw Error("invalid container id \"" + id + "\": use letters, digits and _ . + - only");
  }
}

}  // namespace mydocker::runtime

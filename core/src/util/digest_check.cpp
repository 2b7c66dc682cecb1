#include "util/digest_check.hpp"

#include <algorithm>

#include "mydocker/errors.hpp"

namespace mydocker {

void require_valid_digest(std::string_view digest, std::string_view what) {
  if (!is_valid_digest(digest)) {
    throw Error(std::string(what) + ": invalid digest \"" + std::string(digest.substr(0, 80)) +
                "\" (expected sha256:<64 lowercase hex digits>)");
  }
}

std::string short_digest(std::string_view digest) {
  return std::string(digest.substr(0, std::min<std::size_t>(digest.size(), 7 + 12)));
}

}  // namespace mydocker

#include "util/digest_check.hpp"

#include "mydocker/errors.hpp"

namespace mydocker {

void require_valid_digest(std::string_view digest, std::string_view what) {
  if (!is_valid_digest(digest)) {
    throw Error(std::string(what) + ": invalid digest \"" + std::string(digest.substr(0, 80)) +
                "\" (expected sha256:<64 lowercase hex digits>)");
  }
}

}  // namespace mydocker

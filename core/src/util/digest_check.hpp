// sha256 digests: computing them and validating untrusted digest strings.
#pragma once

#include <string>
#include <string_view>

#include "mydocker/digest.hpp"
#include "mydocker/sha256.hpp"

namespace mydocker {

// Throws mydocker::Error naming `what` when the digest is not valid.
void require_valid_digest(std::string_view digest, std::string_view what);

}  // namespace mydocker

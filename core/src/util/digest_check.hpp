// The core's digest helpers: a failed check as an error naming what it was about, and digests
// shortened for messages. Below image/, store/ and unpack/, which all use them; the form
// itself (is_valid_digest, digest_hex) is the SDK's mydocker/digest.hpp, shared with plugins.
#pragma once

#include <string>
#include <string_view>

#include "mydocker/digest.hpp"
#include "mydocker/sha256.hpp"

namespace mydocker {

// Throws mydocker::Error naming `what` when the digest is not valid.
void require_valid_digest(std::string_view digest, std::string_view what);

// "sha256:0123456789ab" for messages.
std::string short_digest(std::string_view digest);

}  // namespace mydocker

// Base64 as docker's config.json and HTTP Basic auth use it (standard alphabet, padded).
#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace mydocker::hub {

std::string base64_encode(std::string_view bytes);

// nullopt when `text` is not valid base64 (padding optional, whitespace not allowed).
// Encoding and decoding are OpenSSL's; the checks around them are docker's strictness.
std::optional<std::string> base64_decode(std::string_view text);

}  // namespace mydocker::hub

// Validating untrusted digest strings. Shared by the core and sources because a digest that
// came from an archive or a registry becomes a file name: check it first, always.
#pragma once

#include <string_view>

namespace mydocker {

// True for "sha256:" followed by exactly 64 lowercase hex digits, the only form accepted.
inline bool is_valid_digest(std::string_view digest) {
  constexpr std::string_view prefix = "sha256:";
  if (digest.size() != prefix.size() + 64 || digest.substr(0, prefix.size()) != prefix) {
    return false;
  }
  for (char c : digest.substr(prefix.size())) {
    if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) return false;
  }
  return true;
}

// The hex part of a valid digest ("sha256:abc..." -> "abc...").
inline std::string_view digest_hex(std::string_view digest) { return digest.substr(7); }

}  // namespace mydocker

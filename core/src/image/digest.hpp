// sha256 digests: computing them and validating untrusted digest strings.
#pragma once

#include <openssl/evp.h>

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>

#include "mydocker/digest.hpp"

namespace mydocker {

// Throws mydocker::Error naming `what` when the digest is not valid.
void require_valid_digest(std::string_view digest, std::string_view what);

// Incremental sha256.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, std::size_t size);
  // "sha256:<hex>"; the hasher cannot be updated afterwards.
  std::string finish();

 private:
  struct Free {
    void operator()(EVP_MD_CTX* ctx) const { EVP_MD_CTX_free(ctx); }
  };
  std::unique_ptr<EVP_MD_CTX, Free> ctx_;
};

std::string sha256_digest(std::string_view bytes);

}  // namespace mydocker

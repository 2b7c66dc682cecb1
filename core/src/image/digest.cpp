#include "image/digest.hpp"

#include "mydocker/errors.hpp"

namespace mydocker {

namespace {
constexpr std::string_view kPrefix = "sha256:";
}

void require_valid_digest(std::string_view digest, std::string_view what) {
  if (!is_valid_digest(digest)) {
    throw Error(std::string(what) + ": invalid digest \"" + std::string(digest.substr(0, 80)) +
                "\" (expected sha256:<64 lowercase hex digits>)");
  }
}

Sha256::Sha256() : ctx_(EVP_MD_CTX_new()) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
    throw Error("cannot initialise sha256");
  }
}

void Sha256::update(const void* data, std::size_t size) {
  EVP_DigestUpdate(ctx_.get(), data, size);
}

std::string Sha256::finish() {
  unsigned char md[EVP_MAX_MD_SIZE];
  unsigned int len = 0;
  EVP_DigestFinal_ex(ctx_.get(), md, &len);
  static constexpr char kHex[] = "0123456789abcdef";
  std::string out(kPrefix);
  for (unsigned int i = 0; i < len; ++i) {
    out += kHex[md[i] >> 4];
    out += kHex[md[i] & 0xf];
  }
  return out;
}

std::string sha256_digest(std::string_view bytes) {
  Sha256 h;
  h.update(bytes.data(), bytes.size());
  return h.finish();
}

}  // namespace mydocker

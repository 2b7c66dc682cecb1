#include "base64.hpp"

#include <openssl/evp.h>

#include <climits>
#include <stdexcept>

namespace mydocker::hub {

namespace {

constexpr std::string_view kAlphabet =
    "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

// OpenSSL takes lengths as int; credentials are a few hundred bytes.
constexpr std::size_t kMaxInput = INT_MAX / 4 * 3;

const unsigned char* bytes_of(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

}  // namespace

std::string base64_encode(std::string_view bytes) {
  if (bytes.size() > kMaxInput) throw std::length_error("base64_encode: input too large");
  // EVP_EncodeBlock writes a terminating NUL after the 4 * ceil(n / 3) characters.
  std::string out((bytes.size() + 2) / 3 * 4 + 1, '\0');
  const int written = EVP_EncodeBlock(reinterpret_cast<unsigned char*>(out.data()), bytes_of(bytes),
                                      static_cast<int>(bytes.size()));
  out.resize(static_cast<std::size_t>(written));
  return out;
}

std::optional<std::string> base64_decode(std::string_view text) {
  std::size_t given_padding = 0;
  while (given_padding < 2 && text.ends_with('=')) {
    text.remove_suffix(1);
    ++given_padding;
  }
  // EVP_DecodeBlock would also skip surrounding whitespace and take '=' mid-text; a credential
  // is either exact base64 or not base64 at all. Padding is optional, but only where it fits.
  if (text.find_first_not_of(kAlphabet) != std::string_view::npos) return std::nullopt;
  if (text.size() % 4 == 1 || (given_padding > 0 && text.size() % 4 == 0)) return std::nullopt;
  if (text.size() > kMaxInput) return std::nullopt;
  // EVP_DecodeBlock wants whole 4-character groups and counts padding as zero bytes.
  const std::size_t padding = (4 - text.size() % 4) % 4;
  std::string padded(text);
  padded.append(padding, '=');
  std::string out(padded.size() / 4 * 3, '\0');
  const int decoded = EVP_DecodeBlock(reinterpret_cast<unsigned char*>(out.data()),
                                      bytes_of(padded), static_cast<int>(padded.size()));
  if (decoded < 0) return std::nullopt;
  out.resize(static_cast<std::size_t>(decoded) - padding);
  return out;
}

}  // namespace mydocker::hub

#include "util/digest_check.hpp"

#include <gtest/gtest.h>

#include "mydocker/errors.hpp"

namespace mydocker {
namespace {

TEST(Digest, AcceptsOnlyLowercaseSha256WithSixtyFourHexDigits) {
  const std::string hex64(64, 'a');
  EXPECT_TRUE(is_valid_digest("sha256:" + hex64));
  EXPECT_FALSE(is_valid_digest("sha256:" + std::string(63, 'a')));
  EXPECT_FALSE(is_valid_digest("sha256:" + std::string(65, 'a')));
  EXPECT_FALSE(is_valid_digest("sha256:" + std::string(64, 'A')));
  EXPECT_FALSE(is_valid_digest("sha512:" + hex64));
  EXPECT_FALSE(is_valid_digest("sha256:../../" + std::string(58, 'a')));
  EXPECT_FALSE(is_valid_digest(""));
}

TEST(Digest, RequireValidDigestNamesWhatWasWrong) {
  try {
    require_valid_digest("sha256:xyz", "layer 2");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("layer 2: invalid digest \"sha256:xyz\""),
              std::string::npos);
  }
}

TEST(Digest, Sha256OfKnownInputs) {
  EXPECT_EQ(sha256_digest(""),
            "sha256:e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
  Sha256 h;
  h.update("ab", 2);
  h.update("c", 1);
  EXPECT_EQ(h.finish(), "sha256:ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace mydocker

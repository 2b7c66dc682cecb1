#include <gtest/gtest.h>

#include <string>

#include "mydocker/errors.hpp"
#include "state/container_id.hpp"
#include "state/timestamp.hpp"

namespace mydocker::runtime {
namespace {

TEST(ContainerId, CallersIdsAreAccepted) {
  EXPECT_NO_THROW(validate_container_id("0b8f2a1c-7d9e-4f4b-a5a3-1e2d3c4b5a69"));
  EXPECT_NO_THROW(validate_container_id("libpod_x.y+z"));
  EXPECT_NO_THROW(validate_container_id("a"));
  EXPECT_NO_THROW(validate_container_id("..."));
}

TEST(ContainerId, NothingThatLeavesTheStateRoot) {
  for (const char* id : {"", ".", "..", "a/b", "../etc", "/abs", "a b", "a\nb", "é"}) {
    EXPECT_THROW(validate_container_id(id), Error) << id;
  }
}

TEST(Timestamp, Rfc3339WithNanosecondsInUtc) {
  EXPECT_EQ(rfc3339_nanos({0, 5}), "1970-01-01T00:00:00.000000005Z");
  EXPECT_EQ(rfc3339_nanos({1796658169, 123456789}), "2026-12-07T15:42:49.123456789Z");
  // Digits where the shape "0000-00-00T00:00:00.000000000Z" has zeros, the rest to the letter.
  const std::string now = rfc3339_now();
  const std::string shape = "0000-00-00T00:00:00.000000000Z";
  ASSERT_EQ(now.size(), shape.size()) << now;
  for (std::size_t i = 0; i < shape.size(); ++i) {
    if (shape[i] == '0') {
      EXPECT_TRUE(now[i] >= '0' && now[i] <= '9') << now;
    } else {
      EXPECT_EQ(now[i], shape[i]) << now;
    }
  }
}

}  // namespace
}  // namespace mydocker::runtime

#include "retry_policy.hpp"

#include <gtest/gtest.h>

namespace mydocker::hub {
namespace {

TEST(RetryAfter, DeltaSeconds) {
  EXPECT_EQ(parse_retry_after("5", 0), Millis(5000));
  EXPECT_EQ(parse_retry_after(" 0 ", 0), Millis(0));
  EXPECT_FALSE(parse_retry_after("-3", 0));
  EXPECT_FALSE(parse_retry_after("soon", 0));
  EXPECT_FALSE(parse_retry_after("", 0));
  EXPECT_FALSE(parse_retry_after("1.5", 0));
}

TEST(RetryAfter, HttpDate) {
  // Sun, 06 Nov 1994 08:49:37 GMT is 784111777 seconds after the epoch.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111770), Millis(7000));
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 08:49:37 GMT", 784111800), Millis(0));
  // The obsolete forms RFC 9110 still asks recipients to accept.
  EXPECT_EQ(parse_retry_after("Sunday, 06-Nov-94 08:49:37 GMT", 784111770), Millis(7000));
  EXPECT_EQ(parse_retry_after("Sun Nov  6 08:49:37 1994", 784111770), Millis(7000));
  // A zone other than GMT is not allowed, but means what it says rather than nothing.
  EXPECT_EQ(parse_retry_after("Sun, 06 Nov 1994 09:49:37 CET", 784111770), Millis(7000));
  EXPECT_FALSE(parse_retry_after("in a while", 0));
}

TEST(RetryDelay, BacksOffExponentiallyUpToTheCap) {
  RetryPolicy p;
  p.max_attempts = 10;
  p.max_total_wait = Millis(1'000'000);
  EXPECT_EQ(retry_delay(p, 1, {}, Millis(0)), Millis(500));
  EXPECT_EQ(retry_delay(p, 2, {}, Millis(0)), Millis(1000));
  EXPECT_EQ(retry_delay(p, 3, {}, Millis(0)), Millis(2000));
  EXPECT_EQ(retry_delay(p, 9, {}, Millis(0)), p.max_delay);
  EXPECT_FALSE(retry_delay(p, 10, {}, Millis(0)));
}

TEST(RetryDelay, HonoursRetryAfterWithinLimits) {
  RetryPolicy p;
  EXPECT_EQ(retry_delay(p, 1, {false, Millis(3000)}, Millis(0)), Millis(3000));
  EXPECT_EQ(retry_delay(p, 3, {false, Millis(100)}, Millis(0)), Millis(2000));
  // A server asking for an hour is not waited for.
  EXPECT_FALSE(retry_delay(p, 1, {false, Millis(3'600'000)}, Millis(0)));
}

TEST(RetryDelay, TotalWaitIsBounded) {
  RetryPolicy p;
  EXPECT_FALSE(retry_delay(p, 2, {}, p.max_total_wait - Millis(10)));
}

TEST(RetryDelay, RefusedConnectionsGetOnlyAQuickSecondTry) {
  RetryPolicy p;
  EXPECT_EQ(retry_delay(p, 1, {true, std::nullopt}, Millis(0)), p.refused_delay);
  EXPECT_FALSE(retry_delay(p, 2, {true, std::nullopt}, Millis(0)));
}

}  // namespace
}  // namespace mydocker::hub

#include <signal.h>

#include <gtest/gtest.h>

#include "cli/signal_name.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::runtime {
namespace {

TEST(SignalName, NamesWithAndWithoutSig) {
  EXPECT_EQ(parse_signal("TERM"), SIGTERM);
  EXPECT_EQ(parse_signal("SIGTERM"), SIGTERM);
  EXPECT_EQ(parse_signal("KILL"), SIGKILL);
  EXPECT_EQ(parse_signal("sigkill"), SIGKILL);
  EXPECT_EQ(parse_signal("USR1"), SIGUSR1);
  EXPECT_EQ(parse_signal("WINCH"), SIGWINCH);
}

TEST(SignalName, Numbers) {
  EXPECT_EQ(parse_signal("15"), 15);
  EXPECT_EQ(parse_signal("9"), 9);
  EXPECT_EQ(parse_signal("34"), 34);
}

TEST(SignalName, UnknownIsAnError) {
  EXPECT_THROW(parse_signal("FOO"), Error);
  EXPECT_THROW(parse_signal("SIG"), Error);
  EXPECT_THROW(parse_signal(""), Error);
  EXPECT_THROW(parse_signal("0"), Error);
  EXPECT_THROW(parse_signal("65"), Error);
  EXPECT_THROW(parse_signal("9x"), Error);
  EXPECT_THROW(parse_signal("-9"), Error);
}

}  // namespace
}  // namespace mydocker::runtime

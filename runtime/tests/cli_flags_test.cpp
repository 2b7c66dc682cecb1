#include <gtest/gtest.h>

#include "cli/commands.hpp"

namespace mydocker::runtime {
namespace {

// Parses a command line as main() does and returns the global options it set.
GlobalOptions parse(std::vector<std::string> args) {
  RuntimeContext context;
  CLI::App app{"test", "mydocker-runtime"};
  app.require_subcommand(1);
  app.fallthrough();
  add_global_options(app, context.options);
  const auto commands = add_commands(app, context);
  std::reverse(args.begin(), args.end());
  app.parse(args);
  return context.options;
}

TEST(RuntimeFlags, DefaultsAreFixedWithoutAnyGlobalFlag) {
  const auto options = parse({"state", "abc"});
  EXPECT_EQ(options.root, "/run/mydocker-runtime");
  EXPECT_EQ(options.log, "");
  EXPECT_EQ(options.log_format, "text");
  EXPECT_FALSE(options.systemd_cgroup);
}

TEST(RuntimeFlags, GlobalFlagsWithEqualsSign) {
  const auto options = parse({"--root=/run/containerd/runc/default", "--log=/b/log.json",
                              "--log-format=json", "--systemd-cgroup", "--debug", "delete", "x"});
  EXPECT_EQ(options.root, "/run/containerd/runc/default");
  EXPECT_EQ(options.log, "/b/log.json");
  EXPECT_EQ(options.log_format, "json");
  EXPECT_TRUE(options.systemd_cgroup);
  EXPECT_TRUE(options.debug);
}

TEST(RuntimeFlags, GlobalFlagsWithSeparateValue) {
  const auto options =
      parse({"--root", "/r", "--log", "/l", "--log-format", "json", "create", "--bundle", "/b",
             "--pid-file", "/b/init.pid", "--no-pivot", "--no-new-keyring", "id"});
  EXPECT_EQ(options.root, "/r");
  EXPECT_EQ(options.log, "/l");
  EXPECT_EQ(options.log_format, "json");
}

TEST(RuntimeFlags, CallersCommandLinesParse) {
  EXPECT_NO_THROW(parse({"kill", "--all", "id", "9"}));
  EXPECT_NO_THROW(parse({"kill", "id"}));
  EXPECT_NO_THROW(parse({"delete", "--force", "id"}));
  EXPECT_NO_THROW(parse({"ps", "--format", "json", "id"}));
  EXPECT_NO_THROW(parse({"list", "-q"}));
  EXPECT_NO_THROW(parse({"exec", "--pid-file", "/p", "--process", "/f", "--detach", "--tty",
                         "--console-socket", "/s", "--preserve-fds", "2", "id"}));
  EXPECT_NO_THROW(parse({"exec", "-e", "A=1", "--user=1000:100", "id", "ls", "-l"}));
  EXPECT_NO_THROW(parse({"run", "-d", "--bundle=/b", "id"}));
}

TEST(RuntimeFlags, BadInputIsAParseError) {
  EXPECT_THROW(parse({"--log-format", "xml", "state", "id"}), CLI::ParseError);
  EXPECT_THROW(parse({"state"}), CLI::ParseError);
  EXPECT_THROW(parse({"create", "--preserve-fds", "-1", "id"}), CLI::ParseError);
  EXPECT_THROW(parse({"frobnicate"}), CLI::ParseError);
}

}  // namespace
}  // namespace mydocker::runtime

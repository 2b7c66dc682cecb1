// The command line itself: help, version, bad input, logging.
#include <gtest/gtest.h>

#include <fstream>

#include "harness.hpp"

namespace mydocker::test {
namespace {

long lines(const std::string& s) { return std::count(s.begin(), s.end(), '\n'); }

TEST(Cli, HelpAndVersion) {
  auto r = mydocker({"--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("run"), std::string::npos);
  EXPECT_NE(r.out.find("plugins"), std::string::npos);
  r = mydocker({"--version"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_EQ(r.out.rfind("mydocker ", 0), 0u) << r.out;
  r = mydocker({"run", "--help"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("--isolation"), std::string::npos);
}

TEST(Cli, BadInputGivesOneLineAnd125) {
  for (const auto& args : std::vector<std::vector<std::string>>{
           {"run", "--bogus", "x"},
           {"run"},
           {"frobnicate"},
           {"--log-level", "loud", "plugins"},
       }) {
    const auto r = mydocker(args);
    EXPECT_EQ(r.exit_code, 125) << args[0] << " " << r.err;
    EXPECT_EQ(lines(r.err), 1) << r.err;
    EXPECT_EQ(r.err.rfind("mydocker: ", 0), 0u) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST(Cli, MissingOrCorruptArchivesAreClearErrors) {
  TempDir dir;
  auto r = mydocker({"--root", dir.str(), "run", "docker-archive:/no/such.tar", "x"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("/no/such.tar"), std::string::npos) << r.err;

  const auto junk = (dir.path() / "junk.tar").string();
  std::ofstream(junk) << std::string(5000, 'x');
  r = mydocker({"--root", dir.str(), "run", junk, "x"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(lines(r.err), 1) << r.err;
  EXPECT_NE(r.err.find("junk.tar"), std::string::npos) << r.err;
}

TEST(Cli, LogsGoToStderrOnly) {
  TempDir dir;
  const auto r = mydocker({"--log-level", "debug", "--root", dir.str(), "run",
                           images_dir() + "/busybox-oci", "explorer", "echo", "clean"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "clean\n");
  EXPECT_NE(r.err.find("debug"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mydocker::test

// `run -t` and `run -it` when mydocker's stdin is or is not a terminal: as docker, -it needs a
// terminal to read keys from and says so at once; -t alone never reads stdin.
#include <gtest/gtest.h>

#include <filesystem>

#include "harness.hpp"
#include "registry_fixture.hpp"
#include "terminal_session.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kNotATty = "mydocker: the input device is not a TTY\n";

class TtyInput : public ::testing::Test {
 protected:
  std::vector<std::string> run_args(const std::vector<std::string>& flags,
                                    const std::vector<std::string>& command,
                                    const std::string& image) const {
    std::vector<std::string> a{"--root", store_.str(), "run", "--progress=quiet"};
    a.insert(a.end(), flags.begin(), flags.end());
    a.push_back(image);
    a.insert(a.end(), command.begin(), command.end());
    return a;
  }
  static std::string busybox() { return images_dir() + "/busybox-oci"; }

  // mydocker with the given arguments and stdin from /dev/null; stdout and stderr together.
  static ToolResult with_null_stdin(const std::vector<std::string>& args) {
    std::string script = "exec \"$0\" \"$@\" </dev/null";
    std::vector<std::string> argv{"sh", "-c", script, MYDOCKER_BIN};
    argv.insert(argv.end(), args.begin(), args.end());
    return run_tool(argv, 30);
  }

  TempDir store_;
};

TEST_F(TtyInput, InteractiveTtyFromDevNullIsRefusedBeforeAnyWork) {
  // An image that cannot be pulled: the refusal comes first, and the store is never created.
  const std::string nowhere = "127.0.0.1:" + std::to_string(free_loopback_port()) + "/none:1";
  for (const auto& flags : std::vector<std::vector<std::string>>{{"-it"}, {"-i", "-t"}}) {
    const auto r = with_null_stdin(run_args(flags, {"sh"}, nowhere));
    EXPECT_EQ(r.exit_code, 1) << r.output;
    EXPECT_EQ(r.output, kNotATty);
  }
  EXPECT_FALSE(fs::exists(store_.path() / "blobs"));
}

TEST_F(TtyInput, InteractiveTtyFromAPipeIsRefused) {
  const auto r = mydocker(RunSpec{run_args({"-it"}, {"sh"}, busybox()), "echo typed\nexit\n", 30});
  EXPECT_EQ(r.exit_code, 1) << r.err;
  EXPECT_EQ(r.err, kNotATty);
  EXPECT_EQ(r.out, "");
}

TEST_F(TtyInput, InteractiveTtyOnATerminalStillWorks) {
  const auto r = run_on_terminal(mydocker_argv(run_args({"-it"}, {"sh"}, busybox())),
                                 {{"# ", "tty; exit 4\r"}});
  EXPECT_EQ(r.exit_code, 4) << r.out;
  EXPECT_NE(r.out.find("/dev/pts/0\r\n"), std::string::npos) << r.out;
}

TEST_F(TtyInput, TtyAloneRunsWithStdinFromDevNullOrAPipe) {
  // As docker: -t without -i gives the container a terminal and reads nothing from stdin.
  const auto null_in = with_null_stdin(run_args({"-t"}, {"sh", "-c", "tty; echo done"}, busybox()));
  EXPECT_EQ(null_in.exit_code, 0) << null_in.output;
  EXPECT_EQ(null_in.output, "/dev/pts/0\r\ndone\r\n");
  const auto piped =
      mydocker(RunSpec{run_args({"-t"}, {"sh", "-c", "tty; echo done"}, busybox()), "typed\n", 30});
  EXPECT_EQ(piped.exit_code, 0) << piped.err;
  EXPECT_EQ(piped.out, "/dev/pts/0\r\ndone\r\n");
  EXPECT_EQ(piped.err, "");
}

}  // namespace
}  // namespace mydocker::test

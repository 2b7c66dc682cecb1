// What `pull` shows while it works, from a real registry on 127.0.0.1: on a terminal, docker's
// states redrawn in place and never wider than the terminal; to a pipe, one plain line per
// change of state; a retry and a stall as what they are.
#include <gtest/gtest.h>

#include <cctype>
#include <filesystem>

#include "harness.hpp"
#include "registry_fixture.hpp"
#include "terminal_session.hpp"

namespace mydocker::test {
namespace {

// The lines a terminal shows of `out`: escape sequences and carriage returns dropped.
std::vector<std::string> shown_lines(const std::string& out) {
  std::vector<std::string> lines(1);
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\x1b') {
      while (i < out.size() && !std::isalpha(static_cast<unsigned char>(out[i]))) ++i;
    } else if (out[i] == '\n') {
      lines.emplace_back();
    } else if (out[i] != '\r') {
      lines.back() += out[i];
    }
  }
  return lines;
}

std::size_t widest(const std::string& out) {
  std::size_t width = 0;
  for (const auto& line : shown_lines(out)) width = std::max(width, line.size());
  return width;
}

class PullProgress : public SharedRegistry<PullProgress> {
 protected:
  static void SetUpTestSuite() {
    Registry& registry = start_registry();
    registry.push_test_image("layers-oci", "layers:latest");
    registry.push_test_image("busybox-oci", "busybox:latest");
  }

  // `mydocker --root STORE ARGS` on a pseudo-terminal of `columns` made by script(1).
  ToolResult on_terminal(std::size_t columns, const std::vector<std::string>& args) {
    std::string command = "stty cols " + std::to_string(columns) +
                          " rows 40; exec " MYDOCKER_BIN " --root " + store_.str();
    for (const auto& arg : args) command += " '" + arg + "'";
    return run_tool({"script", "-qec", command, "/dev/null"}, 60);
  }

  TempDir store_;
  TempDir work_;
  ScopedEnv config_{"MYDOCKER_CONFIG", "/nonexistent/config.json"};
  ScopedEnv docker_config_{"DOCKER_CONFIG", "/nonexistent"};
};

TEST_F(PullProgress, OnAnEightyColumnTerminalEveryStateFitsTheWidth) {
  const std::string ref = registry_->address() + "/layers:latest";
  auto r = on_terminal(80, {"pull", ref});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_LE(widest(r.output), 80u) << r.output;
  EXPECT_NE(r.output.find("\x1b[3A"), std::string::npos) << "redrawn in place: " << r.output;
  for (const char* state : {": Waiting", ": Downloading", ": Verifying Checksum",
                            ": Download complete", ": Extracting", ": Pull complete"}) {
    EXPECT_NE(r.output.find(state), std::string::npos) << state << " in " << r.output;
  }
  r = on_terminal(80, {"pull", ref});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(": Already exists"), std::string::npos) << r.output;
  EXPECT_EQ(r.output.find(": Downloading"), std::string::npos) << r.output;
}

TEST_F(PullProgress, TooNarrowATerminalGetsPlainLines) {
  const auto r = on_terminal(30, {"pull", registry_->address() + "/layers:latest"});
  ASSERT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output.find('\x1b'), std::string::npos) << r.output;
  EXPECT_NE(r.output.find(": Pull complete\r\n"), std::string::npos) << r.output;
}

TEST_F(PullProgress, ToAPipeOneLinePerChangeOfState) {
  const auto r = mydocker(
      RunSpec{{"--root", store_.str(), "pull", registry_->address() + "/layers:latest"}, "", 60});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.find('\x1b'), std::string::npos) << r.out;
  std::map<std::string, std::vector<std::string>> states;  // per layer, in order
  for (const auto& line : shown_lines(r.out)) {
    if (line.size() > 14 && line[12] == ':') states[line.substr(0, 12)].push_back(line.substr(14));
  }
  ASSERT_EQ(states.size(), 3u) << r.out;
  for (const auto& [id, seen] : states) {
    EXPECT_EQ(seen, (std::vector<std::string>{"Waiting", "Downloading", "Verifying Checksum",
                                              "Download complete", "Extracting", "Pull complete"}))
        << id << " in " << r.out;
  }
}

TEST_F(PullProgress, ARetryIsShownAsDockerShowsIt) {
  // Every blob's first download breaks off halfway; the second resumes it.
  FlakyProxy proxy(*registry_, {"--drop-blobs"}, work_.path() / "proxy.log");
  const auto r = mydocker(
      RunSpec{{"--root", store_.str(), "pull", proxy.address() + "/busybox:latest"}, "", 60});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(": Retrying in 1 second\n"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(": Pull complete\n"), std::string::npos) << r.out;
}

TEST_F(PullProgress, AStalledDownloadLooksStalled) {
  // The config comes whole; the layer sends a quarter and then nothing. Ctrl-C once the
  // display says so.
  FlakyProxy proxy(*registry_, {"--throttle-blobs", "1", "--stall-blobs", "1"},
                   work_.path() / "proxy.log");
  const auto r = run_on_terminal(
      mydocker_argv({"--root", store_.str(), "pull", proxy.address() + "/busybox:latest"}),
      {{"(stalled ", "\x03"}}, 60);
  EXPECT_EQ(r.exit_code, 130) << r.out;
  EXPECT_NE(r.out.find(": Downloading ["), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("(stalled 5s)"), std::string::npos) << r.out;
  EXPECT_LE(widest(r.out), 111u) << r.out;
}

}  // namespace
}  // namespace mydocker::test

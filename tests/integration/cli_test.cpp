// The command line itself: help, version, bad input, logging.
#include <gtest/gtest.h>

#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <optional>
#include <sstream>

#include "harness.hpp"
#include "terminal_session.hpp"

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

// One line saying what is wrong, one pointing at the help of the command concerned, as docker.
TEST(Cli, BadInputGivesOneLineAndAHintAnd125) {
  for (const auto& [args, hint] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"run", "--bogus", "x"}, "See 'mydocker run --help'.\n"},
           {{"run"}, "See 'mydocker run --help'.\n"},
           {{"frobnicate"}, "See 'mydocker --help'.\n"},
           {{"--log-level", "loud", "plugins"}, "See 'mydocker --help'.\n"},
           {{"system", "check", "--repiar"}, "See 'mydocker system check --help'.\n"},
       }) {
    const auto r = mydocker(args);
    EXPECT_EQ(r.exit_code, 125) << args[0] << " " << r.err;
    EXPECT_EQ(lines(r.err), 2) << r.err;
    EXPECT_EQ(r.err.rfind("mydocker: ", 0), 0u) << r.err;
    EXPECT_TRUE(r.err.ends_with(hint)) << r.err;
    EXPECT_EQ(r.out, "");
  }
}

TEST(Cli, TyposGetASuggestion) {
  for (const auto& [args, expected] : std::vector<std::pair<std::vector<std::string>, std::string>>{
           {{"rnu"},
            "mydocker: 'rnu' is not a mydocker command. Did you mean 'run'?\n"
            "See 'mydocker --help'.\n"},
           {{"--root", "/nowhere", "imgaes"},
            "mydocker: 'imgaes' is not a mydocker command. Did you mean 'images'?\n"
            "See 'mydocker --help'.\n"},
           {{"run", "--netwrok", "host", "busybox"},
            "mydocker: unknown flag: --netwrok. Did you mean '--network'?\n"
            "See 'mydocker run --help'.\n"},
           {{"run", "--netwrok=host", "busybox"},
            "mydocker: unknown flag: --netwrok. Did you mean '--network'?\n"
            "See 'mydocker run --help'.\n"},
           {{"system", "chek"},
            "mydocker: 'chek' is not a mydocker system command. Did you mean 'check'?\n"
            "See 'mydocker system --help'.\n"},
           {{"frobnicate"},
            "mydocker: 'frobnicate' is not a mydocker command.\n"
            "See 'mydocker --help'.\n"},
       }) {
    const auto r = mydocker(args);
    EXPECT_EQ(r.exit_code, 125) << args[0];
    EXPECT_EQ(r.err, expected);
    EXPECT_EQ(r.out, "");
  }
}

// Sets an environment variable for the scope (the child mydocker inherits it), or unsets it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, std::optional<std::string> value) : name_(name) {
    if (const char* old = std::getenv(name)) old_ = old;
    value ? ::setenv(name, value->c_str(), 1) : ::unsetenv(name);
  }
  ~ScopedEnv() { old_ ? ::setenv(name_, old_->c_str(), 1) : ::unsetenv(name_); }

 private:
  const char* name_;
  std::optional<std::string> old_;
};

std::size_t longest_line(const std::string& text) {
  std::size_t longest = 0;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) {
    if (line.ends_with('\r')) line.pop_back();
    longest = std::max(longest, line.size());
  }
  return longest;
}

// Started through a symlink of another name (or ./build/bin/mydocker), help still says
// "mydocker", in the usage line of every command.
TEST(Cli, HelpNamesMydockerWhateverThePath) {
  TempDir dir;
  const auto link = dir.path() / "md";
  std::filesystem::create_symlink(MYDOCKER_BIN, link);
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"}, {"run", "--help"}}) {
    std::vector<std::string> argv{link.string()};
    argv.insert(argv.end(), args.begin(), args.end());
    const auto r = run_on_terminal(argv, {});
    EXPECT_EQ(r.exit_code, 0);
    EXPECT_NE(r.out.find("Usage: mydocker "), std::string::npos) << r.out;
    EXPECT_EQ(r.out.find(link.string()), std::string::npos) << r.out;
  }
}

// Wrapped at the terminal's width (111 columns in run_on_terminal), 80 columns on a pipe, or
// $COLUMNS.
TEST(Cli, HelpWrapsAtTheTerminalWidth) {
  const ScopedEnv no_columns("COLUMNS", std::nullopt);
  for (const auto& args : std::vector<std::vector<std::string>>{{"--help"}, {"run", "--help"}}) {
    const auto on_terminal = run_on_terminal(mydocker_argv(args), {});
    EXPECT_LE(longest_line(on_terminal.out), 111u) << on_terminal.out;
    EXPECT_GT(longest_line(on_terminal.out), 80u) << on_terminal.out;
    const auto piped = mydocker(args);
    EXPECT_LE(longest_line(piped.out), 80u) << piped.out;
    EXPECT_GT(longest_line(piped.out), 70u) << piped.out;
  }
  const ScopedEnv columns("COLUMNS", "60");
  const auto narrow = mydocker({"run", "--help"});
  EXPECT_LE(longest_line(narrow.out), 60u) << narrow.out;
  EXPECT_NE(narrow.out.find("--network"), std::string::npos) << narrow.out;
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

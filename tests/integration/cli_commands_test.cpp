// `mydocker version`, `info` and `completion`: what they print, through the real binary.
#include <gtest/gtest.h>
#include <sys/mount.h>

#include <cstdio>
#include <fstream>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "mydocker/plugin.hpp"

namespace mydocker::test {
namespace {

// Runs a shell command line; its stdout and status.
Result shell(const std::string& command) {
  Result result;
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return result;
  char buffer[4096];
  for (std::size_t n; (n = std::fread(buffer, 1, sizeof buffer, pipe)) > 0;) {
    result.out.append(buffer, n);
  }
  const int status = ::pclose(pipe);
  result.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return result;
}

bool has_program(const std::string& name) {
  return shell("command -v " + name + " >/dev/null").exit_code == 0;
}

TEST(Version, ShowsBuildPluginAbiAndLibraries) {
  auto r = mydocker({"version"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  for (const std::string field :
       {"Client: mydocker", "Version:", "Git commit:", "Plugin ABI:", "libcurl:", "libarchive:",
        "OpenSSL:", "nlohmann_json:", "spdlog:", "Boost:", "CLI11:"}) {
    EXPECT_NE(r.out.find(field), std::string::npos) << field << " in " << r.out;
  }
  r = mydocker({"version", "--format", "json"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto client = nlohmann::json::parse(r.out).at("Client");
  EXPECT_EQ(client.at("Version"), MYDOCKER_VERSION);
  EXPECT_EQ(client.at("PluginABI"), kAbiVersion);
  ASSERT_EQ(client.at("Libraries").size(), 7u) << r.out;
  for (const auto& [library, version] : client.at("Libraries").items()) {
    EXPECT_FALSE(version.get<std::string>().empty()) << library;
    EXPECT_NE(version, "not found") << library;
  }
  EXPECT_EQ(client.at("Libraries").at("libarchive").get<std::string>().rfind("3.", 0), 0u);
}

std::string field(const std::string& output, const std::string& key) {
  const auto at = output.find(" " + key + ":");
  if (at == std::string::npos) return "";
  const auto start = output.find_first_not_of(' ', at + key.size() + 2);
  return output.substr(start, output.find('\n', start) - start);
}

// A store that does not exist yet: info answers and creates nothing.
TEST(Info, FreshStoreIsReportedAndNotCreated) {
  TempDir dir;
  const auto root = dir.path() / "store";
  const auto r = mydocker({"--root", root.string(), "info"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(field(r.out, "Root Dir"), root.string()) << r.out;
  EXPECT_EQ(field(r.out, "Storage Driver"), "overlay") << r.out;
  EXPECT_EQ(field(r.out, "Images"), "0") << r.out;
  EXPECT_EQ(field(r.out, "Rootless"), "false") << r.out;
  EXPECT_NE(field(r.out, "Kernel Version"), "") << r.out;
  const std::string cgroups = field(r.out, "Cgroup Layout");
  EXPECT_TRUE(cgroups == "v1" || cgroups == "v2" || cgroups == "hybrid") << r.out;
  EXPECT_NE(field(r.out, "Isolators").find("pivot_root"), std::string::npos) << r.out;
  EXPECT_NE(field(r.out, "Image Sources").find("local"), std::string::npos) << r.out;
  EXPECT_EQ(field(mydocker({"--root", root.string(), "--storage-driver", "vfs", "info"}).out,
                  "Storage Driver"),
            "vfs");
  EXPECT_FALSE(std::filesystem::exists(root));
}

// A store with an image, on a read-only mount (in this test process's own mount namespace).
TEST(Info, ReadOnlyStoreCountsItsImages) {
  TempDir store;
  auto r = mydocker({"--root", store.str(), "load", "-i", images_dir() + "/busybox-docker.tar"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(unshare(CLONE_NEWNS), 0);
  ASSERT_EQ(mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), 0);
  ASSERT_EQ(mount(store.str().c_str(), store.str().c_str(), nullptr, MS_BIND, nullptr), 0);
  ASSERT_EQ(mount(nullptr, store.str().c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr),
            0);
  r = mydocker({"--root", store.str(), "info"});
  umount2(store.str().c_str(), MNT_DETACH);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(field(r.out, "Images"), "1") << r.out;
  EXPECT_EQ(r.err, "");
}

// The bash script, sourced in a real bash, completes as a user pressing TAB would see.
TEST(Completion, BashCompletesCommandsFlagsAndValues) {
  TempDir dir;
  const auto script = dir.path() / "mydocker.bash";
  std::ofstream(script) << mydocker({"completion", "bash"}).out;
  const auto complete = [&](const std::string& words) {
    return shell("bash -c 'source " + script.string() + " && COMP_WORDS=(" + words +
                 ") && COMP_CWORD=$((${#COMP_WORDS[@]} - 1)) && _mydocker && "
                 "echo \"${COMPREPLY[*]}\"' 2>&1")
        .out;
  };
  EXPECT_EQ(complete("mydocker r"), "run rmi\n");
  EXPECT_EQ(complete("mydocker run --net"), "--network --net\n");
  EXPECT_EQ(complete("mydocker --root /x run --network \"\""), "none host\n");
  EXPECT_EQ(complete("mydocker run --network = h"), "host\n");
  EXPECT_EQ(complete("mydocker system c"), "check\n");
  EXPECT_EQ(complete("mydocker system check --r"), "--repair\n");
  EXPECT_EQ(complete("mydocker --log-level w"), "warn\n");
  EXPECT_EQ(shell("bash -c 'source " + script.string() + " && complete -p mydocker'").out,
            "complete -F _mydocker mydocker\n");
}

TEST(Completion, ZshAndFishScriptsParse) {
  TempDir dir;
  for (const auto& [shell_name, check] : std::vector<std::pair<std::string, std::string>>{
           {"zsh", "zsh -n"}, {"fish", "fish --no-execute"}}) {
    const auto r = mydocker({"completion", shell_name});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("network"), std::string::npos) << r.out;
    EXPECT_NE(r.out.find("rmi"), std::string::npos) << r.out;
    if (!has_program(shell_name)) {
      ADD_FAILURE() << shell_name << " is not installed (scripts/install-deps.sh installs it)";
      continue;
    }
    const auto file = dir.path() / shell_name;
    std::ofstream(file) << r.out;
    EXPECT_EQ(shell(check + " " + file.string() + " 2>&1").exit_code, 0) << shell_name;
  }
  // fish can ask its completions directly: what TAB would offer, with descriptions.
  if (has_program("fish")) {
    const auto complete = [&](const std::string& line) {
      return shell("fish -c 'source " + (dir.path() / "fish").string() + "; complete -C \"" + line +
                   "\"' 2>&1")
          .out;
    };
    EXPECT_EQ(complete("mydocker r"),
              "rmi\tRemove images from the store\nrun\tRun a command in a new container\n");
    EXPECT_NE(complete("mydocker run --net").find("--network\t"), std::string::npos);
    EXPECT_EQ(complete("mydocker system c"),
              "check\tVerify every blob's digest and that every image has what it needs\n");
  }
  const auto r = mydocker({"completion", "tcsh"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("See 'mydocker completion --help'."), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mydocker::test

// Plugin discovery and refusal of bad plugins, through the real binary.
#include <gtest/gtest.h>

#include "harness.hpp"
#include "mydocker/plugin.hpp"

namespace mydocker::test {
namespace {

const std::string kBad = MYDOCKER_TEST_PLUGIN_DIR;

TEST(Plugins, ListShowsKindVersionAndPath) {
  const auto r = mydocker({"plugins"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("KIND"), std::string::npos);
  EXPECT_NE(r.out.find("isolator   chroot         0.1.0      /"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("source     local          0.1.0      /"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("isolator-chroot.so"), std::string::npos);
}

TEST(Plugins, UnknownNamesAreRefusedWithTheListOfAvailableOnes) {
  TempDir store;
  auto r = mydocker({"--root", store.str(), "run", "--isolation=nope",
                     images_dir() + "/busybox-oci", "explorer", "echo"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("--isolation \"nope\" is not available (available: chroot"),
            std::string::npos)
      << r.err;
  r = mydocker({"--root", store.str(), "run", "--source=nope", images_dir() + "/busybox-oci"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("--source \"nope\" is not available (available: hub, local"),
            std::string::npos)
      << r.err;
}

struct BadCase {
  std::string name;
  std::string expected;
};

TEST(Plugins, BadPluginFilesAreRefusedNamingTheFile) {
  TempDir store;
  for (const auto& c : std::vector<BadCase>{
           {"badabi", "was built for plugin ABI version 999, this mydocker needs version " +
                          std::to_string(kAbiVersion)},
           {"notaplugin", "is not a mydocker plugin"},
           {"wrongname", "is the isolator \"somethingelse\", not the isolator \"wrongname\""},
           {"throws", "failed to start: factory exploded"},
           {"missingsym", "cannot be loaded"},
       }) {
    const auto r = mydocker({"--plugin-dir", kBad, "--root", store.str(), "run",
                             "--isolation=" + c.name, images_dir() + "/busybox-oci"});
    EXPECT_EQ(r.exit_code, 125) << c.name;
    EXPECT_NE(r.err.find(kBad + "/isolator-" + c.name + ".so"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(c.expected), std::string::npos) << r.err;
  }
}

TEST(Plugins, GoodPluginsStillWorkBesideBadOnes) {
  TempDir store;
  auto r = mydocker({"--plugin-dir", kBad, "plugins"});
  EXPECT_EQ(r.exit_code, 0);
  EXPECT_NE(r.out.find("chroot"), std::string::npos);
  EXPECT_NE(r.err.find("isolator-badabi.so"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("isolator-notaplugin.so"), std::string::npos) << r.err;
  r = mydocker({"--plugin-dir", kBad, "--root", store.str(), "run", images_dir() + "/busybox-oci",
                "explorer", "echo", "fine"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "fine\n");
}

TEST(Plugins, OfTwoPluginsWithOneNameTheFirstDirectoryWinsAndTheLogSaysSo) {
  TempDir store, dir;
  const auto in_tree = std::filesystem::path(MYDOCKER_BIN).parent_path().parent_path() / "lib" /
                       "mydocker" / "plugins" / "isolator-chroot.so";
  std::filesystem::copy_file(in_tree, dir.path() / "isolator-chroot.so");
  auto r = mydocker({"--plugin-dir", dir.str(), "plugins"});
  EXPECT_NE(r.out.find(dir.str() + "/isolator-chroot.so"), std::string::npos) << r.out;
  EXPECT_NE(r.err.find("isolator \"chroot\" is shadowed by an earlier one"), std::string::npos)
      << r.err;
  r = mydocker({"--log-level", "info", "--plugin-dir", dir.str(), "--root", store.str(), "run",
                "--isolation=chroot", images_dir() + "/busybox-oci", "explorer", "echo", "ok"});
  EXPECT_EQ(r.out, "ok\n");
  EXPECT_NE(r.err.find("isolator chroot from " + dir.str() + "/isolator-chroot.so"),
            std::string::npos)
      << r.err;
  EXPECT_NE(r.err.find("shadows"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mydocker::test

// Hostile layers run through the real pipeline: nothing outside the rootfs may change.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/file.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "harness.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;
const fs::path kTarget = "/tmp/mydocker-evil";

std::string snapshot(const fs::path& dir) {
  std::ostringstream out;
  std::vector<fs::path> paths;
  for (const auto& e : fs::recursive_directory_iterator(dir)) paths.push_back(e.path());
  std::sort(paths.begin(), paths.end());
  for (const auto& p : paths) {
    out << p.string() << " " << static_cast<int>(fs::symlink_status(p).type()) << " "
        << fs::hard_link_count(p);
    if (fs::is_regular_file(fs::symlink_status(p))) {
      std::ifstream f(p);
      out << " " << std::string(std::istreambuf_iterator<char>(f), {});
    }
    out << "\n";
  }
  return out.str();
}

class ExtractionSecurity : public ::testing::TestWithParam<std::string> {
 protected:
  void SetUp() override {
    // ctest runs tests in parallel and these all aim at the same host directory.
    lock_fd_ = open("/tmp/mydocker-evil.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0600);
    flock(lock_fd_, LOCK_EX);
    fs::remove_all(kTarget);
    fs::create_directories(kTarget);
    std::ofstream(kTarget / "victim") << "original\n";
    before_ = snapshot(kTarget);
  }
  void TearDown() override {
    fs::remove_all(kTarget);
    close(lock_fd_);
  }

  int lock_fd_ = -1;
  std::string before_;
  TempDir store_;
};

TEST_P(ExtractionSecurity, HostIsUntouched) {
  const auto image = "oci:" + images_dir() + "/evil-" + GetParam() + "-oci:latest";
  const auto r = mydocker({"--root", store_.str(), "run", image, "/bin/sh", "-c",
                           "cat /tmp/mydocker-evil/* 2>/dev/null; echo done"});
  EXPECT_EQ(snapshot(kTarget), before_) << r.err;
  // Either the layer is refused with one line naming the entry, or it ran contained.
  if (r.exit_code == 125) {
    EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
    EXPECT_NE(r.err.find("layer"), std::string::npos) << r.err;
  } else {
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_NE(r.out.find("done"), std::string::npos);
  }
  EXPECT_EQ(std::filesystem::exists(store_.path() / "containers")
                ? std::distance(fs::directory_iterator(store_.path() / "containers"),
                                fs::directory_iterator())
                : 0,
            0);
}

INSTANTIATE_TEST_SUITE_P(EvilLayers, ExtractionSecurity,
                         ::testing::Values("dotdot", "abs", "symlink", "hardlink", "whiteout"));

TEST(ExtractionOutcome, DotDotEntriesAreRefused) {
  TempDir store;
  const auto r = mydocker({"--root", store.str(), "run",
                           "oci:" + images_dir() + "/evil-dotdot-oci:latest", "/bin/true"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("escapes the layer"), std::string::npos) << r.err;
}

TEST(ExtractionOutcome, AbsoluteAndSymlinkedWritesLandInsideTheRootfs) {
  TempDir store;
  auto r = mydocker({"--root", store.str(), "run", "oci:" + images_dir() + "/evil-abs-oci:latest",
                     "explorer", "cat", "/tmp/mydocker-evil/abs"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "pwned\n");
  r = mydocker({"--root", store.str(), "run", "oci:" + images_dir() + "/evil-symlink-oci:latest",
                "explorer", "cat", "/tmp/mydocker-evil/symlink"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "pwned\n");
}

}  // namespace
}  // namespace mydocker::test

// The SDK's helpers for an image's files and paths, on a directory standing in for a rootfs:
// reading untrusted files (mydocker/untrusted_file.hpp) and creating paths through the
// image's symlinks (mydocker/make_in_root.hpp).
#include <fcntl.h>
#include <gtest/gtest.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <fstream>

#include "mydocker/make_in_root.hpp"
#include "mydocker/untrusted_file.hpp"

namespace mydocker {
namespace {

namespace fs = std::filesystem;

class ImageFiles : public ::testing::Test {
 protected:
  void SetUp() override {
    char tmpl[] = "/tmp/mydocker-image-files-XXXXXX";
    ASSERT_NE(::mkdtemp(tmpl), nullptr);
    top = tmpl;
    root = top / "rootfs";
    fs::create_directories(root / "etc");
    root_fd.reset(::open(root.c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
    ASSERT_TRUE(root_fd);
  }
  void TearDown() override { fs::remove_all(top); }

  std::optional<std::string> read(const std::string& path) {
    return read_untrusted_file(root_fd.get(), path, RESOLVE_IN_ROOT, "the image's " + path);
  }
  std::string read_error(const std::string& path) {
    try {
      read(path);
    } catch (const Error& e) {
      return e.what();
    }
    return "no error";
  }
  // The path open_or_make_in_root reached, as seen from the host.
  fs::path made(const std::string& path, PathEnd end = PathEnd::directory) {
    const UniqueFd fd(open_or_make_in_root(root_fd.get(), path.c_str(), end));
    if (!fd) return "error: " + std::string(std::strerror(errno));
    return fs::read_symlink("/proc/self/fd/" + std::to_string(fd.get()));
  }

  fs::path top, root;
  UniqueFd root_fd;
};

TEST_F(ImageFiles, ReadsARegularFileAndNothingWhenMissing) {
  std::ofstream(root / "etc/passwd") << "root:x:0:0::/root:/bin/sh\n";
  EXPECT_EQ(read("/etc/passwd"), "root:x:0:0::/root:/bin/sh\n");
  EXPECT_EQ(read("/etc/group"), std::nullopt);
  EXPECT_EQ(read("/etc/passwd/x"), std::nullopt);
}

TEST_F(ImageFiles, AFifoIsRefusedWithoutBlocking) {
  ASSERT_EQ(::mkfifo((root / "etc/passwd").c_str(), 0644), 0);
  EXPECT_EQ(read_error("/etc/passwd"),
            "the image's /etc/passwd is a FIFO, not a regular file; refusing to read it");
  EXPECT_EQ(read_error("/etc"),
            "the image's /etc is a directory, not a regular file; refusing to read it");
}

TEST_F(ImageFiles, AHugeSparseFileIsRefusedBeforeReading) {
  { std::ofstream(root / "etc/passwd").close(); }
  fs::resize_file(root / "etc/passwd", std::uintmax_t{20} << 30);
  EXPECT_EQ(read_error("/etc/passwd"),
            "the image's /etc/passwd is 21474836480 bytes, over the 4 MiB limit for reading "
            "it; refusing to read it");
  fs::resize_file(root / "etc/passwd", kUntrustedFileLimit);
  EXPECT_EQ(read("/etc/passwd")->size(), kUntrustedFileLimit);
}

TEST_F(ImageFiles, LinksResolveInsideTheRoot) {
  std::ofstream(top / "host-secret") << "secret\n";
  std::ofstream(root / "etc/inside") << "inside\n";
  fs::create_symlink("/host-secret", root / "etc/abs");
  fs::create_symlink("../../../host-secret", root / "etc/rel");
  fs::create_symlink("/etc/inside", root / "etc/ok");
  EXPECT_EQ(read("/etc/abs"), std::nullopt);
  EXPECT_EQ(read("/etc/rel"), std::nullopt);
  EXPECT_EQ(read("/etc/ok"), "inside\n");
}

TEST_F(ImageFiles, BeneathWithoutSymlinksRefusesLinksByName) {
  fs::create_symlink("inside", root / "etc/link");
  try {
    UntrustedFile::open(root_fd.get(), "etc/link", RESOLVE_BENEATH | RESOLVE_NO_SYMLINKS,
                        "layout x: etc/link", "the layout");
    ADD_FAILURE() << "opened a symlink";
  } catch (const Error& e) {
    EXPECT_STREQ(e.what(),
                 "layout x: etc/link is a symbolic link or leads outside the layout; refusing to "
                 "read it");
  }
}

TEST_F(ImageFiles, MakesDirectoriesThroughDanglingLinksInsideTheRoot) {
  fs::create_symlink("/nowhere/dir", root / "abs");
  fs::create_symlink("../../../../up/dir", root / "rel");
  fs::create_symlink("abs", root / "chain");
  EXPECT_EQ(made("/abs/sub"), root / "nowhere/dir/sub");
  EXPECT_EQ(made("/rel/sub"), root / "up/dir/sub");
  EXPECT_EQ(made("/chain/other/../x"), root / "nowhere/dir/x");
  EXPECT_EQ(made("/../../.."), root);
  EXPECT_FALSE(fs::exists(top / "up"));
  EXPECT_FALSE(fs::exists("/nowhere"));
}

TEST_F(ImageFiles, MakesAFileAtTheEndAndReportsWhatItCannotMake) {
  fs::create_symlink("/etc/made", root / "etc/link");
  EXPECT_EQ(made("/etc/link", PathEnd::file), root / "etc/made");
  EXPECT_TRUE(fs::is_regular_file(root / "etc/made"));
  EXPECT_EQ(made("/etc/made/below"), "error: Not a directory");
  fs::create_symlink("loop", root / "loop");
  EXPECT_EQ(made("/loop/x"), "error: Too many levels of symbolic links");
}

}  // namespace
}  // namespace mydocker

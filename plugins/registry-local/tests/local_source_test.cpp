// Detecting what a bare path holds, and the errors for paths that hold no image.
#include <gtest/gtest.h>
#include <unistd.h>

#include <filesystem>

#include "local_source.hpp"
#include "test_support.hpp"

namespace mydocker::local {
namespace {

using namespace test;
namespace fs = std::filesystem;

class LocalSourceTest : public ::testing::Test {
 protected:
  std::string error(const std::string& ref) {
    return error_of([&] { resolve(source, ref); });
  }

  TempDir dir;
  TestHost host;
  LocalSource source{host};
};

// Runs in dir and restores the working directory however the test ends.
class InDirectory {
 public:
  explicit InDirectory(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~InDirectory() { fs::current_path(old_); }

 private:
  fs::path old_;
};

TEST_F(LocalSourceTest, MissingPath) {
  EXPECT_EQ(error("./nope.tar"), "./nope.tar: no such file or directory");
  EXPECT_EQ(error("docker-archive:./nope.tar:busybox:latest"),
            "./nope.tar: no such file or directory");
  EXPECT_EQ(error("oci:" + dir / "nope"), dir / "nope" + ": no such file or directory");
}

TEST_F(LocalSourceTest, FilesThatAreNoImage) {
  write_file(dir / "empty.tar", "");
  EXPECT_EQ(error(dir / "empty.tar"),
            dir / "empty.tar" + ": not a docker-archive or OCI image (the file is empty)");
  write_file(dir / "junk.tar", std::string(4096, 'x'));
  EXPECT_EQ(error(dir / "junk.tar"),
            dir / "junk.tar" + ": not a docker-archive or OCI image (not a tar archive)");
  write_tar(dir / "other.tar", {file("hello.txt", "hi")});
  EXPECT_EQ(error(dir / "other.tar"),
            dir / "other.tar" +
                ": not a docker-archive or OCI image (no manifest.json or "
                "index.json found)");
  fs::create_directory(dir / "plain");
  EXPECT_EQ(error(dir / "plain"),
            dir / "plain" +
                ": not a docker-archive or OCI image (a directory without an oci-layout file)");
  EXPECT_EQ(error("docker-archive:" + dir / "plain"),
            dir / "plain" +
                ": is a directory; docker-archive: needs a tar file as written by docker save or "
                "skopeo");
  EXPECT_EQ(error("/dev/null"), "/dev/null: not a regular file or directory");
}

TEST_F(LocalSourceTest, DetectsEachFormat) {
  const TestImage image = make_image("busybox", "busybox:latest");
  write_tar(dir / "docker.tar", docker_archive({image}, DockerLayout::classic));
  write_tar(dir / "docker25.tar", docker_archive({image}, DockerLayout::docker25));
  const TestImage tagged = make_image("busybox", "latest");
  write_tar(dir / "oci.tar", oci_layout({tagged}));
  write_dir(dir / "ocidir", oci_layout({tagged}));
  // Docker 25+ archives carry both; the docker-archive reading names the image by its tag.
  EXPECT_EQ(resolve(source, dir / "docker25.tar")->name(), "busybox:latest");
  EXPECT_EQ(resolve(source, dir / "docker25.tar")->root().media_type, media_type::kOciManifest);
  EXPECT_EQ(resolve(source, dir / "docker.tar")->name(), "busybox:latest");
  EXPECT_EQ(resolve(source, dir / "oci.tar")->name(), "oci:latest");
  EXPECT_EQ(resolve(source, dir / "ocidir")->name(), "ocidir:latest");
  // The Docker 25+ archive read as OCI gives the containerd name.
  EXPECT_EQ(resolve(source, "oci-archive:" + dir / "docker25.tar:latest")->name(),
            "docker.io/library/busybox:latest");
}

TEST_F(LocalSourceTest, RelativePaths) {
  const TestImage image = make_image("busybox", "latest");
  write_dir(dir / "layout", oci_layout({image}));
  write_tar(dir / "x.tar", docker_archive({image}, DockerLayout::skopeo));
  InDirectory in(dir.path());
  EXPECT_EQ(pull(source, "oci:layout").config, image.config);
  EXPECT_EQ(pull(source, "./layout").config, image.config);
  EXPECT_EQ(pull(source, "x.tar").config, image.config);
  EXPECT_EQ(pull(source, "docker-archive:./x.tar").config, image.config);
  EXPECT_EQ(pull(source, "oci:layout/.").name, "layout:latest");
  InDirectory in_layout(dir.path() / "layout");
  EXPECT_EQ(pull(source, "oci:.").name, "layout:latest");  // named after the directory "." is
  EXPECT_EQ(pull(source, ".").config, image.config);
}

TEST_F(LocalSourceTest, PathsWithColons) {
  const TestImage image = make_image("busybox", "busybox:latest");
  const std::string path = dir / "my:image.tar";
  write_tar(path, docker_archive({image}, DockerLayout::skopeo));
  EXPECT_EQ(pull(source, path).config, image.config);
  EXPECT_EQ(pull(source, "docker-archive:" + path).config, image.config);
  EXPECT_EQ(pull(source, "docker-archive:" + path + ":busybox:latest").config, image.config);
  EXPECT_EQ(pull(source, path + ":busybox:latest").config, image.config);
}

}  // namespace
}  // namespace mydocker::local

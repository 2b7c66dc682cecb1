// Hostile image files and paths run through the real pipeline: nothing read out of an image
// blocks or fills memory, and what a run creates through an image's symlinks is created inside
// the rootfs, never on the host. Images from tests/fixtures/make-images.sh, section 12.
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>

#include "harness.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

std::string image(const std::string& name) {
  return "oci:" + images_dir() + "/" + name + "-oci:latest";
}

int lines_of(const std::string& text) {
  return static_cast<int>(std::count(text.begin(), text.end(), '\n'));
}

class HostileImage : public ::testing::Test {
 protected:
  // A run that must end by itself: one that hangs is killed after 10 seconds (exit 137 and a
  // "[harness: timed out" note), which fails the expectations that follow.
  Result run(const std::vector<std::string>& flags, const std::string& ref,
             const std::vector<std::string>& command) {
    std::vector<std::string> args{"--root", store.str(), "run"};
    args.insert(args.end(), flags.begin(), flags.end());
    args.push_back(ref);
    args.insert(args.end(), command.begin(), command.end());
    return mydocker(RunSpec{args, "", 10});
  }

  // Neither on the host's / nor anywhere in the store (where a relative link from the rootfs
  // would lead) may a run have made `name`.
  void expect_not_on_host(const std::string& name) {
    EXPECT_FALSE(fs::exists(fs::path("/") / name)) << "/" << name << " was created on the host";
    for (const auto& e : fs::recursive_directory_iterator(store.path())) {
      EXPECT_NE(e.path().filename(), name) << e.path() << " was created in the store";
    }
  }

  TempDir store;
};

TEST_F(HostileImage, FifoPasswdDoesNotMatterWithoutUser) {
  const auto r = run({}, image("passwd-fifo"), {"/bin/sh", "-c", "echo home=$HOME"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "home=/\n");
  // Said once, not fatal.
  EXPECT_NE(r.err.find("the image's /etc/passwd is a FIFO, not a regular file"), std::string::npos)
      << r.err;
  EXPECT_EQ(lines_of(r.err), 1) << r.err;
}

TEST_F(HostileImage, FifoPasswdRunsNumericUsers) {
  const auto r = run({"-u", "65534"}, image("passwd-fifo"), {"grep", "^Uid:", "/proc/self/status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Uid:\t65534\t65534\t65534\t65534\n");
}

TEST_F(HostileImage, FifoPasswdRefusesUserNames) {
  const auto r = run({"-u", "nobody"}, image("passwd-fifo"), {"/bin/echo", "ran"});
  EXPECT_EQ(r.exit_code, 125) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("unable to find user nobody: the image's /etc/passwd is a FIFO, not a "
                       "regular file; refusing to read it"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(lines_of(r.err), 1) << r.err;
}

TEST_F(HostileImage, HugeSparsePasswdIsRefusedForNamesOnly) {
  auto r = run({"-u", "nobody"}, image("passwd-sparse"), {"/bin/echo", "ran"});
  EXPECT_EQ(r.exit_code, 125) << r.err;
  EXPECT_NE(r.err.find("unable to find user nobody: the image's /etc/passwd is 21474836480 "
                       "bytes, over the 4 MiB limit for reading it"),
            std::string::npos)
      << r.err;
  EXPECT_EQ(lines_of(r.err), 1) << r.err;
  r = run({}, image("passwd-sparse"), {"/bin/echo", "ran"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "ran\n");
}

TEST_F(HostileImage, HugeSparseGroupIsRefusedForGroupNamesOnly) {
  auto r = run({"-u", "nobody:nogroup"}, image("group-sparse"), {"/bin/echo", "ran"});
  EXPECT_EQ(r.exit_code, 125) << r.err;
  EXPECT_NE(r.err.find("unable to find group nogroup: the image's /etc/group is 21474836480 "
                       "bytes, over the 4 MiB limit for reading it"),
            std::string::npos)
      << r.err;
  r = run({"-u", "nobody"}, image("group-sparse"), {"grep", "^Uid:", "/proc/self/status"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Uid:\t65534\t65534\t65534\t65534\n");
}

class DanglingLinks : public HostileImage, public ::testing::WithParamInterface<std::string> {
 protected:
  Result run_in(const std::vector<std::string>& flags, const std::string& name,
                const std::vector<std::string>& command) {
    std::vector<std::string> all{"--isolation=" + GetParam()};
    all.insert(all.end(), flags.begin(), flags.end());
    return run(all, image(name), command);
  }
};

TEST_P(DanglingLinks, WorkingDirectoryIsCreatedInsideTheRootfs) {
  // The image's WorkingDir /work -> /nonexistent-mydocker-workdir/dir.
  auto r = run_in({}, "workdir-dangling", {"/bin/sh", "-c", "pwd; ls -ld /work | cut -c1"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/nonexistent-mydocker-workdir/dir\nl\n");
  // -w through a relative link that climbs past the root: it stops at the container's root.
  r = run_in({"-w", "/rel/sub"}, "workdir-dangling", {"pwd"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "/nonexistent-mydocker-rel/dir/sub\n");
  expect_not_on_host("nonexistent-mydocker-workdir");
  expect_not_on_host("nonexistent-mydocker-rel");
}

TEST_P(DanglingLinks, VolumeTargetIsCreatedInsideTheRootfs) {
  TempDir host;
  std::ofstream(host.path() / "hello") << "hello\n";
  // /mnt/vol -> /nonexistent-mydocker-vol/dir in the image; read-only through it too.
  const auto r = run_in({"-v", host.str() + ":/mnt/vol/data", "-v", host.str() + ":/mnt/vol/ro:ro"},
                        "volume-target-dangling",
                        {"/bin/sh", "-c",
                         "cat /nonexistent-mydocker-vol/dir/data/hello; touch /mnt/vol/ro/x "
                         "2>/dev/null || echo read-only"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hello\nread-only\n");
  EXPECT_FALSE(fs::exists(host.path() / "x"));
  expect_not_on_host("nonexistent-mydocker-vol");
}

TEST_P(DanglingLinks, EtcFilesAreBoundThroughADanglingEtc) {
  // /etc -> /nonexistent-mydocker-etc in the image.
  const auto r = run_in({"--hostname", "box"}, "etc-dangling",
                        {"/bin/sh", "-c", "cat /etc/hostname; ls /nonexistent-mydocker-etc"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "box\nhostname\nhosts\nresolv.conf\n");
  expect_not_on_host("nonexistent-mydocker-etc");
}

INSTANTIATE_TEST_SUITE_P(Isolators, DanglingLinks, ::testing::Values("pivot_root", "chroot"));

// An OCI layout directory the user names is as untrusted as an image: a copy of busybox-oci
// with one file replaced.
class HostileLayout : public HostileImage {
 protected:
  std::string layout_with(const std::string& file, void (*replace)(const fs::path&)) {
    const fs::path copy = dir.path() / "layout";
    fs::copy(images_dir() + "/busybox-oci", copy, fs::copy_options::recursive);
    fs::remove(copy / file);
    replace(copy / file);
    return "oci:" + copy.string() + ":latest";
  }
  static void fifo(const fs::path& p) { ASSERT_EQ(mkfifo(p.c_str(), 0644), 0); }
  static void sparse(const fs::path& p) {
    std::ofstream(p).close();
    fs::resize_file(p, std::uintmax_t{20} << 30);
  }

  TempDir dir;
};

TEST_F(HostileLayout, FifoMetadataIsRefused) {
  for (const std::string file : {"index.json", "oci-layout"}) {
    const auto r = run({}, layout_with(file, fifo), {"/bin/echo", "ran"});
    EXPECT_EQ(r.exit_code, 125) << file << ": " << r.err;
    EXPECT_EQ(lines_of(r.err), 1) << r.err;
    // (A FIFO oci-layout reads as "no oci-layout file": what is not a regular file is not one.)
    if (file == "index.json") {
      EXPECT_NE(r.err.find("index.json is a FIFO, not a regular file"), std::string::npos) << r.err;
    }
    fs::remove_all(dir.path() / "layout");
  }
}

TEST_F(HostileLayout, FifoBlobIsRefused) {
  std::string blob;
  for (const auto& e : fs::directory_iterator(images_dir() + "/busybox-oci/blobs/sha256")) {
    if (fs::file_size(e.path()) > 100000) blob = "blobs/sha256/" + e.path().filename().string();
  }
  ASSERT_FALSE(blob.empty());
  const auto r = run({}, layout_with(blob, fifo), {"/bin/echo", "ran"});
  EXPECT_EQ(r.exit_code, 125) << r.err;
  EXPECT_NE(r.err.find(blob + " is a FIFO, not a regular file"), std::string::npos) << r.err;
}

TEST_F(HostileLayout, HugeSparseIndexIsRefused) {
  const auto r = run({}, layout_with("index.json", sparse), {"/bin/echo", "ran"});
  EXPECT_EQ(r.exit_code, 125) << r.err;
  EXPECT_NE(r.err.find("index.json is 21474836480 bytes, over the 16 MiB limit"), std::string::npos)
      << r.err;
}

// A store that cannot be written still runs the images it holds. The store is bound read-only
// onto itself in a mount namespace of this test process's own (each test is a process of its
// own under ctest; the bind is undone before the store is removed).
TEST_F(HostileImage, ReadOnlyStoreRunsWhatItHolds) {
  const std::string layout = "oci:" + images_dir() + "/busybox-oci:latest";
  auto r = mydocker({"--root", store.str(), "load", "-i", images_dir() + "/busybox-docker.tar"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const std::vector<std::string> command{"cat", "/etc/image-name"};
  for (const std::string& ref : {std::string("busybox"), layout}) {
    r = run({}, ref, command);
    ASSERT_EQ(r.exit_code, 0) << ref << ": " << r.err;
  }
  ASSERT_EQ(unshare(CLONE_NEWNS), 0);
  ASSERT_EQ(mount(nullptr, "/", nullptr, MS_REC | MS_PRIVATE, nullptr), 0);
  ASSERT_EQ(mount(store.str().c_str(), store.str().c_str(), nullptr, MS_BIND, nullptr), 0);
  ASSERT_EQ(mount(nullptr, store.str().c_str(), nullptr, MS_BIND | MS_REMOUNT | MS_RDONLY, nullptr),
            0);
  const Result by_name = run({"--pull=never"}, "busybox", command);
  const Result by_layout = run({}, layout, command);
  umount2(store.str().c_str(), MNT_DETACH);
  EXPECT_EQ(by_name.exit_code, 0) << by_name.err;
  EXPECT_EQ(by_name.out, "busybox\n");
  EXPECT_EQ(by_layout.exit_code, 0) << by_layout.err;
  EXPECT_EQ(by_layout.out, "busybox\n");
}

}  // namespace
}  // namespace mydocker::test

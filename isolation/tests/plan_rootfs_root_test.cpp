// The planned rootfs for real, as root: a child in a mount namespace of its own builds a tiny
// rootfs from a plan, enters it, and checks what a container would see. Skipped without root.
#include <dirent.h>
#include <fcntl.h>
#include <sched.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/wait.h>
#include <unistd.h>

#include <gtest/gtest.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>

#include "plan_rootfs.hpp"

namespace mydocker::isolation {
namespace {

namespace fs = std::filesystem;

class TempDir {
 public:
  TempDir() {
    char name[] = "/tmp/plan-rootfs-XXXXXX";
    if (::mkdtemp(name) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = name;
  }
  ~TempDir() {
    std::error_code ignored;
    fs::remove_all(path_, ignored);
  }
  const fs::path& path() const { return path_; }

 private:
  fs::path path_;
};

void write_file(const fs::path& path, const std::string& text) { std::ofstream(path) << text; }

// What the container sees; each failed check has its own exit status.
enum Check {
  kMounted = 10,
  kEntered,
  kFinished,
  kBindContent = 20,
  kBindReadOnly,
  kMaskedDirectory,
  kMaskedFile,
  kReadOnlyPath,
  kDevNull,
  kPtmx,
  kProcSys,
  kThroughSymlink,
  kExec = 30,
};

std::string read_all(const char* path) {
  std::ifstream in(path);
  return std::string(std::istreambuf_iterator<char>(in), {});
}

bool is_empty_directory(const char* path) {
  DIR* dir = ::opendir(path);
  if (dir == nullptr) return false;
  int entries = 0;
  while (const dirent* e = ::readdir(dir)) {
    if (std::strcmp(e->d_name, ".") != 0 && std::strcmp(e->d_name, "..") != 0) ++entries;
  }
  ::closedir(dir);
  return entries == 0;
}

bool write_fails_read_only(const char* path) {
  const int fd = ::open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0644);
  if (fd >= 0) ::close(fd);
  return fd < 0 && errno == EROFS;
}

// The child: a forked copy of the test, so it may allocate; only its exit status counts.
[[noreturn]] void run_container(const ContainerPlan& plan) {
  const Syscalls& sys = real_syscalls();
  const char* failed = nullptr;
  if (::unshare(CLONE_NEWNS) != 0 || !mount_planned_rootfs(sys, plan, &failed)) _exit(kMounted);
  if (!enter_rootfs(sys, plan.rootfs.c_str())) _exit(kEntered);
  if (!finish_planned_rootfs(sys, plan, &failed)) _exit(kFinished);
  if (read_all("/etc/greeting") != "hello from the host\n") _exit(kBindContent);
  if (!write_fails_read_only("/etc/greeting")) _exit(kBindReadOnly);
  if (!is_empty_directory("/secret")) _exit(kMaskedDirectory);
  struct stat st {};
  if (!read_all("/etc/passwords").empty() || ::stat("/etc/passwords", &st) != 0 ||
      !S_ISCHR(st.st_mode)) {
    _exit(kMaskedFile);
  }
  if (!write_fails_read_only("/data/new") || read_all("/data/old") != "kept\n") {
    _exit(kReadOnlyPath);
  }
  if (::stat("/dev/null", &st) != 0 || !S_ISCHR(st.st_mode) || st.st_rdev != makedev(1, 3) ||
      (st.st_mode & 0777) != 0666) {
    _exit(kDevNull);
  }
  char link[64] = {};
  if (::readlink("/dev/ptmx", link, sizeof link - 1) < 0 || std::strcmp(link, "pts/ptmx") != 0 ||
      ::access("/dev/ptmx", R_OK | W_OK) != 0) {
    _exit(kPtmx);
  }
  if (!write_fails_read_only("/proc/sys/kernel/hostname")) _exit(kProcSys);
  // The tmpfs planned at /var/run/secrets, through the image's /var/run -> ../run.
  write_file("/run/secrets/token", "t\n");
  if (read_all("/var/run/secrets/token") != "t\n") _exit(kThroughSymlink);
  ::execl("/bin/busybox", "busybox", "true", nullptr);
  _exit(kExec);
}

TEST(PlanRootfsAsRoot, ContainerSeesItsBindsMasksAndReadOnlyPaths) {
  if (::geteuid() != 0) GTEST_SKIP() << "needs root (mount namespaces, pivot_root)";
  TempDir dir;
  const fs::path rootfs = dir.path() / "rootfs";
  for (const char* sub : {"bin", "etc", "proc", "dev", "secret", "data", "var", "run"}) {
    fs::create_directories(rootfs / sub);
  }
  fs::create_directory_symlink("../run", rootfs / "var/run");
  // An absolute symlink in the image names a path in the container, never the host's.
  const fs::path host_side = dir.path() / "host-side";
  fs::create_directory(host_side);
  fs::create_directory_symlink(host_side, rootfs / "escape");
  fs::copy_file("/bin/busybox", rootfs / "bin/busybox");
  fs::permissions(rootfs / "bin/busybox", fs::perms::owner_all);
  write_file(rootfs / "secret/key", "do not show\n");
  write_file(rootfs / "etc/passwords", "do not show either\n");
  write_file(rootfs / "data/old", "kept\n");
  write_file(dir.path() / "greeting", "hello from the host\n");

  ContainerPlan plan;
  plan.rootfs = rootfs.string();
  plan.mounts = {
      {"/proc", "proc", "proc", MS_NOSUID | MS_NODEV | MS_NOEXEC, 0, ""},
      {"/dev", "tmpfs", "tmpfs", MS_NOSUID | MS_STRICTATIME, 0, "mode=755,size=65536k"},
      {"/dev/pts", "devpts", "devpts", MS_NOSUID | MS_NOEXEC, 0,
       "newinstance,ptmxmode=0666,mode=0620"},
      {"/etc/greeting", "bind", (dir.path() / "greeting").string(), MS_BIND | MS_RDONLY, 0, ""},
      {"/var/run/secrets", "tmpfs", "tmpfs", MS_NOSUID | MS_NODEV, 0, "size=64k"},
      {"/escape/x", "tmpfs", "tmpfs", 0, 0, "size=64k"},
  };
  plan.masked_paths = {"/secret", "/etc/passwords", "/not/there"};
  plan.readonly_paths = {"/data", "/proc/sys", "/not/there"};

  const pid_t child = ::fork();
  ASSERT_GE(child, 0);
  if (child == 0) run_container(plan);
  int status = 0;
  ASSERT_EQ(::waitpid(child, &status, 0), child);
  ASSERT_TRUE(WIFEXITED(status)) << "status " << status;
  EXPECT_EQ(WEXITSTATUS(status), 0) << "the first failed check (see enum Check)";

  // Nothing leaked into the host's mount namespace, nothing of the image was changed.
  EXPECT_TRUE(fs::is_empty(rootfs / "proc"));
  EXPECT_TRUE(fs::is_empty(rootfs / "dev"));
  EXPECT_EQ(read_all((rootfs / "secret/key").c_str()), "do not show\n");
  EXPECT_TRUE(fs::is_regular_file(rootfs / "etc/greeting")) << "the bind's target stays";
  EXPECT_TRUE(fs::is_symlink(rootfs / "var/run"));
  EXPECT_TRUE(fs::is_directory(rootfs / "run/secrets"));
  EXPECT_TRUE(fs::is_empty(host_side)) << "made beneath the rootfs, not through the symlink";
  EXPECT_TRUE(fs::is_directory(rootfs / host_side.relative_path() / "x"));
}

}  // namespace
}  // namespace mydocker::isolation

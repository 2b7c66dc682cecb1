// The layer unpacker, the one place untrusted tarballs touch the disk. Each input is unpacked
// twice, as the store does it (overlay form, into a fresh directory) and as the vfs driver does
// it (applied onto an earlier layer's files, which include symlinks pointing out of the root),
// inside a sandbox on tmpfs:
//
//   <sandbox>/outside/...  sentinel files and directories that must never change
//   <sandbox>/root/        where the layer goes; removed after every input
//
// After each unpack the target aborts if anything outside the root changed: the sandbox's
// listing, any sentinel's inode, type, mode, owner, size, link count or ctime (which moves
// with any write, chmod, chown, xattr or new hard link), or the listings of "/" and the current
// directory, where an absolute or relative path would land had it not been resolved inside
// the root. Run as root (owners, whiteout devices and trusted.* xattrs need it).
#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <filesystem>
#include <map>
#include <set>
#include <string>
#include <tuple>

#include "fuzz_input.hpp"
#include "mydocker/unique_fd.hpp"
#include "tar_mutator.hpp"
#include "unpack/layer_unpacker.hpp"
#include "unpack/safe_path.hpp"

namespace {

using namespace mydocker;
namespace fs = std::filesystem;

using Inode = std::tuple<ino_t, mode_t, uid_t, gid_t, off_t, nlink_t, long, long>;

Inode inode_of(const fs::path& path) {
  struct stat st {};
  fuzz::require(::lstat(path.c_str(), &st) == 0, "a sentinel can be stat'ed");
  return {st.st_ino,  st.st_mode,  st.st_uid,         st.st_gid,
          st.st_size, st.st_nlink, st.st_ctim.tv_sec, st.st_ctim.tv_nsec};
}

std::set<std::string> names_in(const fs::path& dir) {
  std::set<std::string> names;
  for (const auto& entry : fs::directory_iterator(dir)) names.insert(entry.path().filename());
  return names;
}

// Everything outside the root the unpacker could reach if it escaped.
struct Outside {
  std::map<std::string, Inode> sentinels;
  std::set<std::string> sandbox, slash, cwd;

  static Outside observe(const fs::path& sandbox) {
    Outside o;
    const fs::path outside = sandbox / "outside";
    o.sentinels.emplace(outside, inode_of(outside));
    for (const auto& entry : fs::recursive_directory_iterator(outside)) {
      o.sentinels.emplace(entry.path(), inode_of(entry.path()));
    }
    o.sandbox = names_in(sandbox);
    o.sandbox.erase("root");
    o.slash = names_in("/");
    o.cwd = names_in(fs::current_path());
    return o;
  }
  bool operator==(const Outside&) const = default;
};

void write_file(const fs::path& path, const std::string& content) {
  const UniqueFd fd(::open(path.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644));
  fuzz::require(fd && ::write(fd.get(), content.data(), content.size()) ==
                          static_cast<ssize_t>(content.size()),
                "sandbox file written");
}

void make_dir(const fs::path& path) {
  fuzz::require(::mkdir(path.c_str(), 0755) == 0, "sandbox directory created");
}

void make_symlink(const std::string& target, const fs::path& path) {
  fuzz::require(::symlink(target.c_str(), path.c_str()) == 0, "sandbox symlink created");
}

class Sandbox {
 public:
  Sandbox() {
    const char* shm = "/dev/shm/mydocker-fuzz-unpack.XXXXXX";
    std::string dir = fs::is_directory("/dev/shm") ? shm : "/tmp/mydocker-fuzz-unpack.XXXXXX";
    fuzz::require(::mkdtemp(dir.data()) != nullptr, "sandbox created");
    path_ = dir;
    make_dir(path_ / "outside");
    make_dir(path_ / "outside/dir");
    write_file(path_ / "outside/file", "sentinel\n");
    write_file(path_ / "outside/dir/file", "sentinel\n");
    make_symlink("file", path_ / "outside/link");
    fd_ = UniqueFd(::open(path_.c_str(), O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    fuzz::require(static_cast<bool>(fd_), "sandbox opened");
    before_ = Outside::observe(path_);
  }
  ~Sandbox() {
    remove_tree(fd_.get(), "root");
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  Sandbox(const Sandbox&) = delete;
  Sandbox& operator=(const Sandbox&) = delete;

  std::string root() const { return path_ / "root"; }

  // An empty root, or one holding an earlier layer whose symlinks lead out of it.
  void fresh_root(bool with_earlier_layer) const {
    const fs::path root = path_ / "root";
    make_dir(root);
    if (!with_earlier_layer) return;
    make_dir(root / "etc");
    write_file(root / "etc/passwd", "root:x:0:0:root:/root:/bin/sh\n");
    make_dir(root / "dir");
    write_file(root / "dir/file", "lower\n");
    make_symlink("..", root / "up");
    make_symlink("../../outside", root / "dir/out");
    make_symlink((path_ / "outside").string(), root / "abs");
    make_symlink("/", root / "slash");
    make_symlink("/proc/self/cwd", root / "cwd");
  }

  void check_and_clear() const {
    fuzz::require(Outside::observe(path_) == before_, "nothing outside the root changed");
    const int error = remove_tree(fd_.get(), "root");
    fuzz::require(error == 0, "the root can be removed");
  }

 private:
  fs::path path_;
  UniqueFd fd_;
  Outside before_;
};

void unpack(int layer_fd, const Sandbox& sandbox, WhiteoutMode mode) {
  sandbox.fresh_root(mode == WhiteoutMode::apply);
  fuzz::require(::lseek(layer_fd, 0, SEEK_SET) == 0, "layer rewound");
  fuzz::refused_is_fine([&] { apply_layer(layer_fd, sandbox.root(), "layer 1/1", "", mode); });
  sandbox.check_and_clear();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  static const Sandbox sandbox;
  static const UniqueFd layer(::memfd_create("fuzz-layer.tar", MFD_CLOEXEC));
  fuzz::require(layer && ::ftruncate(layer.get(), 0) == 0, "memfd usable");
  fuzz::require(::pwrite(layer.get(), data, size, 0) == static_cast<ssize_t>(size),
                "layer written");
  unpack(layer.get(), sandbox, WhiteoutMode::overlay);
  unpack(layer.get(), sandbox, WhiteoutMode::apply);
  return 0;
}

#include "unpack/safe_path.hpp"

#include <fcntl.h>
#include <linux/openat2.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <climits>
#include <utility>
#include <vector>

#include "mydocker/errors.hpp"
#include "util/open_in_root.hpp"

namespace mydocker {

namespace {

// The kernel's own limit on symlinks followed in one lookup.
constexpr int kMaxSymlinkHops = 40;

}  // namespace

UniqueFd open_dir_in_root(int root_fd, const std::string& path, bool& via_symlink) {
  // Most paths contain no symlink; proving that lets the caller trust the fd to stay what the
  // path names until that path itself changes, which is what makes caching it safe.
  via_symlink = false;
  UniqueFd fd = openat2_fd(root_fd, path.c_str(), O_PATH | O_DIRECTORY,
                           RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS);
  if (fd || errno != ELOOP) return fd;
  via_symlink = true;
  return open_in_root(root_fd, path, O_PATH | O_DIRECTORY);
}

UniqueFd make_dirs_in_root(int root_fd, const std::string& path,
                           const std::function<void(const std::string&)>& on_created) {
  std::string wanted = path;
  std::string prefix;
  std::string name;
  for (int hops = 0; hops <= kMaxSymlinkHops; ++hops) {
    UniqueFd current;  // empty: the root itself
    prefix.clear();
    bool creating = false;  // once one component was made, none of the next can exist
    bool restart = false;
    std::size_t pos = 0;
    while (pos < wanted.size()) {
      std::size_t end = wanted.find('/', pos);
      if (end == std::string::npos) end = wanted.size();
      name.assign(wanted, pos, end - pos);
      pos = end + 1;
      if (name.empty()) continue;
      const std::size_t parent_length = prefix.size();
      if (!prefix.empty()) prefix += '/';
      prefix += name;
      const int dir_fd = current ? current.get() : root_fd;
      // "." and ".." (from a symlink's target) always exist once their directory does.
      if (!creating || name == "." || name == "..") {
        UniqueFd next = open_in_root(root_fd, prefix, O_PATH | O_DIRECTORY);
        if (next) {
          current = std::move(next);
          creating = false;
          continue;
        }
        if (errno != ENOENT) return {};
      }
      if (::mkdirat(dir_fd, name.c_str(), 0755) != 0) {
        if (errno != EEXIST || creating) return {};
        // The lookup said ENOENT but the name exists: a symlink to something missing. Create
        // its target instead; the new path is resolved inside the root like any other.
        char target[PATH_MAX];
        const ssize_t length = ::readlinkat(dir_fd, name.c_str(), target, sizeof(target));
        if (length <= 0 || length >= static_cast<ssize_t>(sizeof(target))) {
          errno = EEXIST;
          return {};
        }
        std::string next_path;
        if (target[0] != '/') next_path.assign(prefix, 0, parent_length).append("/");
        next_path.append(target, static_cast<std::size_t>(length));
        if (pos < wanted.size()) next_path.append("/").append(wanted, pos);
        if (next_path.size() >= PATH_MAX) {
          errno = ENAMETOOLONG;
          return {};
        }
        wanted = std::move(next_path);
        restart = true;
        break;
      }
      UniqueFd made(
          ::openat(dir_fd, name.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      // The umask would otherwise decide the mode of directories the layer never mentioned.
      if (!made || ::fchmod(made.get(), 0755) != 0) return {};
      if (hops == 0) on_created(prefix);
      current = std::move(made);
      creating = true;
    }
    if (!restart) {
      if (current) return current;
      // Everything resolved to the root (e.g. a symlink to "/"): hand out a copy of it.
      return UniqueFd(::fcntl(root_fd, F_DUPFD_CLOEXEC, 0));
    }
  }
  errno = ELOOP;
  return {};
}

int remove_tree(int parent_fd, const char* name) {
  if (::unlinkat(parent_fd, name, 0) == 0 || errno == ENOENT) return 0;
  if (errno != EISDIR) return errno;
  UniqueFd top(::openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!top) return errno == ENOENT ? 0 : errno;
  // Walk down, and back up through "..", holding only the current directory open: a deep tree
  // must not exhaust file descriptors. Each directory was entered with O_NOFOLLOW from its
  // parent, so ".." leads back exactly the way we came and never above `name`.
  std::vector<std::string> below;  // names from `name` down to the current directory
  DirReader current(std::move(top));
  std::string subdir;
  for (;;) {
    if (!current.ok()) return current.error();
    subdir.clear();
    while (const dirent* entry = current.next()) {
      if (entry->d_type == DT_DIR) {
        subdir = entry->d_name;
        break;
      }
      if (::unlinkat(current.fd(), entry->d_name, 0) == 0 || errno == ENOENT) continue;
      if (errno != EISDIR) return errno;
      subdir = entry->d_name;
      break;
    }
    if (subdir.empty() && current.error() != 0) return current.error();
    if (!subdir.empty()) {
      UniqueFd child(
          ::openat(current.fd(), subdir.c_str(), O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
      if (!child) return errno;
      below.push_back(subdir);
      current = DirReader(std::move(child));
      continue;
    }
    if (below.empty()) break;
    UniqueFd up(::openat(current.fd(), "..", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
    if (!up) return errno;
    if (::unlinkat(up.get(), below.back().c_str(), AT_REMOVEDIR) != 0 && errno != ENOENT) {
      return errno;
    }
    below.pop_back();
    current = DirReader(std::move(up));
  }
  if (::unlinkat(parent_fd, name, AT_REMOVEDIR) != 0 && errno != ENOENT) return errno;
  return 0;
}

DirReader::DirReader(UniqueFd fd) {
  if (!fd) {
    error_ = EBADF;
    return;
  }
  dir_ = ::fdopendir(fd.get());
  // On success the DIR owns the descriptor; on failure it is still ours to close.
  if (dir_) {
    fd.release();
  } else {
    error_ = errno;
  }
}

DirReader::DirReader(DirReader&& other) noexcept
    : dir_(std::exchange(other.dir_, nullptr)), error_(other.error_) {}

DirReader& DirReader::operator=(DirReader&& other) noexcept {
  if (this != &other) {
    if (dir_) ::closedir(dir_);
    dir_ = std::exchange(other.dir_, nullptr);
    error_ = other.error_;
  }
  return *this;
}

DirReader::~DirReader() {
  if (dir_) ::closedir(dir_);
}

const dirent* DirReader::next() {
  if (!dir_) return nullptr;
  for (;;) {
    errno = 0;
    const dirent* entry = ::readdir(dir_);
    if (!entry) {
      error_ = errno;
      return nullptr;
    }
    const char* n = entry->d_name;
    if (n[0] == '.' && (n[1] == '\0' || (n[1] == '.' && n[2] == '\0'))) continue;
    return entry;
  }
}

}  // namespace mydocker

#include "unpack/layer_applier.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <linux/openat2.h>
#include <spdlog/spdlog.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstdio>
#include <cstring>

#include "mydocker/errors.hpp"
#include "unpack/safe_path.hpp"
#include "util/interruption.hpp"
#include "util/open_in_root.hpp"

namespace mydocker {

namespace {

constexpr std::string_view kWhiteoutPrefix = ".wh.";
constexpr std::string_view kWhiteoutMetaPrefix = ".wh..wh.";
constexpr std::string_view kOpaqueMarker = ".wh..wh..opq";
constexpr const char* kOverlayOpaqueXattr = "trusted.overlay.opaque";

// A C string for the last component of a normalised path: it ends where the path does.
const char* tail_of(const std::string& path, std::string_view tail) {
  return path.c_str() + (path.size() - tail.size());
}

// Layer directories become overlayfs lower layers, and overlayfs takes these xattrs as its own
// metadata (opaque directories, redirects, metacopy): a layer must not be able to forge them.
bool is_overlay_xattr(std::string_view name) {
  return name.starts_with("trusted.overlay.") || name.starts_with("user.overlay.");
}

}  // namespace

LayerApplier::LayerApplier(int root_fd, std::string_view layer_name, WhiteoutMode mode)
    : root_fd_(root_fd), layer_name_(layer_name), mode_(mode), is_root_(::geteuid() == 0) {}

void LayerApplier::apply(archive* tar, archive_entry* entry) {
  tar_ = tar;
  entry_ = entry;
  const char* name = archive_entry_pathname(entry);
  raw_name_ = name ? std::string_view(name) : std::string_view();
  if (!name) refuse("has no name");
  check_path(normalize_entry_path(raw_name_, path_), nullptr);

  const auto [parent, base] = split_entry_path(path_);
  if (base.starts_with(kWhiteoutPrefix)) {
    apply_whiteout(parent, base);
    return;
  }
  if (path_.empty()) {
    apply_root();
    return;
  }
  // Whatever this entry replaces may be (an ancestor of) the cached parent.
  forget_cached(path_);
  const int parent_fd = open_parent(parent, true);
  const char* last = tail_of(path_, base);

  const char* hardlink = archive_entry_hardlink(entry);
  if (hardlink) {
    if (!write_hardlink(parent_fd, last, hardlink)) return;
  } else {
    switch (archive_entry_filetype(entry)) {
      case AE_IFDIR:
        write_directory(parent_fd, last);
        break;
      case AE_IFREG:
        write_file(parent_fd, last);
        break;
      case AE_IFLNK:
        write_symlink(parent_fd, last);
        break;
      case AE_IFIFO:
        write_fifo(parent_fd, last);
        break;
      case AE_IFCHR:
      case AE_IFBLK:
        // The runtime mounts its own /dev; device nodes from an image are never needed.
        skip_special(parent_fd, last, "device");
        return;
      case AE_IFSOCK:
        skip_special(parent_fd, last, "socket");
        return;
      default:
        skip_special(parent_fd, last, "entry of unknown type");
        return;
    }
  }
  if (!skipped_.empty()) skipped_.erase(path_);
  written_.emplace(path_);
}

void LayerApplier::apply_root() {
  if (archive_entry_filetype(entry_) != AE_IFDIR || archive_entry_hardlink(entry_)) {
    spdlog::debug("{}: skipping entry {}: it names the root but is not a directory", layer_name_,
                  quote_entry_name(raw_name_));
    return;
  }
  defer_directory_metadata(true);
}

// ---- whiteouts

void LayerApplier::apply_whiteout(std::string_view parent, std::string_view base) {
  if (base == kOpaqueMarker) {
    if (mode_ == WhiteoutMode::overlay) {
      mark_overlay_opaque(parent);
    } else {
      make_opaque(parent);
    }
    return;
  }
  if (base.starts_with(kWhiteoutMetaPrefix)) {
    // aufs bookkeeping (.wh..wh.plnk, .wh..wh.aufs): meaningless outside aufs.
    spdlog::debug("{}: ignoring {}", layer_name_, quote_entry_name(raw_name_));
    return;
  }
  const std::string_view victim = base.substr(kWhiteoutPrefix.size());
  if (victim.empty() || victim == "." || victim == "..") refuse("is not a valid whiteout");
  join_entry_path(parent, victim, target_);
  if (written_.contains(target_)) {
    spdlog::debug("{}: whiteout {} names a file of the same layer: ignored", layer_name_,
                  quote_entry_name(raw_name_));
    return;
  }
  switch (mode_) {
    case WhiteoutMode::apply:
      delete_from_lower(parent, tail_of(path_, victim));
      break;
    case WhiteoutMode::overlay:
      write_overlay_whiteout(parent, tail_of(path_, victim));
      break;
  }
}

void LayerApplier::write_overlay_whiteout(std::string_view parent, const char* victim) {
  forget_cached(target_);
  const int parent_fd = open_parent(parent, true);
  // overlayfs's whiteout: a character device 0/0 in place of what a lower layer has.
  if (::mknodat(parent_fd, victim, S_IFCHR | 0, makedev(0, 0)) != 0) {
    if (errno != EEXIST) fail("cannot create the overlay whiteout", errno);
    remove_in_place(parent_fd, victim);
    if (::mknodat(parent_fd, victim, S_IFCHR | 0, makedev(0, 0)) != 0) {
      fail("cannot create the overlay whiteout", errno);
    }
  }
  written_.emplace(target_);
}

void LayerApplier::mark_overlay_opaque(std::string_view dir) {
  forget_cached(dir, false);
  const int dir_fd = open_parent(dir, true);
  UniqueFd writable(::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  // Set directly: set_xattr drops trusted.overlay.* coming from the tar itself, which a
  // hostile layer could otherwise use to steer the overlay mount.
  if (!writable || ::fsetxattr(writable.get(), kOverlayOpaqueXattr, "y", 1, 0) != 0) {
    fail("cannot mark the directory opaque for overlayfs", errno);
  }
}

void LayerApplier::delete_from_lower(std::string_view parent, const char* victim) {
  forget_cached(target_);
  const int parent_fd = open_parent(parent, false);
  if (parent_fd < 0) return;  // nothing there to delete
  if (!written_below(target_)) {
    const int error = remove_tree(parent_fd, victim);
    if (error != 0) fail("cannot delete what it whites out", error);
    return;
  }
  // This layer already wrote below the victim: only what earlier layers left there goes.
  prune(parent_fd, victim, target_);
}

void LayerApplier::make_opaque(std::string_view dir) {
  forget_cached(dir, false);
  const int dir_fd = open_parent(dir, false);
  if (dir_fd < 0) return;
  UniqueFd readable(::openat(dir_fd, ".", O_RDONLY | O_DIRECTORY | O_CLOEXEC));
  if (!readable) fail("cannot read the directory it makes opaque", errno);
  target_.assign(dir);
  prune_children(std::move(readable), target_);
}

void LayerApplier::prune(int parent_fd, const char* name, std::string& path) {
  UniqueFd dir(::openat(parent_fd, name, O_RDONLY | O_DIRECTORY | O_NOFOLLOW | O_CLOEXEC));
  if (!dir) {
    if (errno == ENOENT) return;
    // Not a directory after all (what this layer wrote below it was replaced since).
    if (errno == ENOTDIR || errno == ELOOP) {
      const int error = remove_tree(parent_fd, name);
      if (error != 0) fail("cannot delete " + quote_entry_name(path), error);
      return;
    }
    fail("cannot read directory " + quote_entry_name(path), errno);
  }
  prune_children(std::move(dir), path);
}

void LayerApplier::prune_children(UniqueFd dir, std::string& path) {
  DirReader reader(std::move(dir));
  if (!reader.ok()) fail("cannot read directory " + quote_entry_name(path), reader.error());
  const std::size_t length = path.size();
  while (const dirent* child = reader.next()) {
    path.resize(length);
    if (length != 0) path += '/';
    path += child->d_name;
    const bool own = written_.contains(path);
    if (!own && !written_below(path)) {
      const int error = remove_tree(reader.fd(), child->d_name);
      if (error != 0) fail("cannot delete " + quote_entry_name(path), error);
      continue;
    }
    bool is_dir = child->d_type == DT_DIR;
    if (child->d_type == DT_UNKNOWN) {
      struct stat st {};
      is_dir = ::fstatat(reader.fd(), child->d_name, &st, AT_SYMLINK_NOFOLLOW) == 0 &&
               S_ISDIR(st.st_mode);
    }
    // A directory of this layer may have been merged into one of an earlier layer: what the
    // earlier layer put in it is hidden by the opaque ancestor all the same.
    if (is_dir) {
      prune(reader.fd(), child->d_name, path);
    } else if (!own) {
      const int error = remove_tree(reader.fd(), child->d_name);
      if (error != 0) fail("cannot delete " + quote_entry_name(path), error);
    }
  }
  path.resize(length);
  if (reader.error() != 0) fail("cannot read directory " + quote_entry_name(path), reader.error());
}

void LayerApplier::skip_special(int parent_fd, const char* name, const char* why) {
  spdlog::debug("{}: not creating {} {}", layer_name_, why, quote_entry_name(raw_name_));
  // The entry still replaces what earlier layers had at that name.
  remove_in_place(parent_fd, name);
  skipped_.emplace(path_);
}

// ---- entries

void LayerApplier::write_directory(int parent_fd, const char* name) {
  // Owner-only until finish(): the final mode could forbid adding the children that follow.
  if (::mkdirat(parent_fd, name, 0700) != 0) {
    if (errno != EEXIST) fail("cannot create directory", errno);
    struct stat st {};
    if (::fstatat(parent_fd, name, &st, AT_SYMLINK_NOFOLLOW) != 0) {
      fail("cannot inspect what is in its place", errno);
    }
    if (!S_ISDIR(st.st_mode)) {
      remove_in_place(parent_fd, name);
      if (::mkdirat(parent_fd, name, 0700) != 0) fail("cannot create directory", errno);
    }
  }
  defer_directory_metadata(parent_exact_);
}

void LayerApplier::defer_directory_metadata(bool exact) {
  DirMetadata& dir = directories_.emplace_back();
  dir.path = path_;
  dir.exact = exact;
  dir.metadata = metadata_of_entry();
  if (archive_entry_xattr_reset(entry_) > 0) {
    const char* key;
    const void* value;
    std::size_t size;
    while (archive_entry_xattr_next(entry_, &key, &value, &size) == ARCHIVE_OK) {
      dir.xattrs.emplace_back(key, std::string(static_cast<const char*>(value), size));
    }
  }
}

void LayerApplier::write_file(int parent_fd, const char* name) {
  // O_EXCL: never write through what is there (a symlink, or a hard link shared with another
  // file); replace it instead.
  constexpr int kFlags = O_WRONLY | O_CREAT | O_EXCL | O_NOFOLLOW | O_CLOEXEC;
  UniqueFd fd(::openat(parent_fd, name, kFlags, 0600));
  if (!fd && errno == EEXIST) {
    remove_in_place(parent_fd, name);
    fd.reset(::openat(parent_fd, name, kFlags, 0600));
  }
  if (!fd) fail("cannot create file", errno);
  write_data(fd.get());
  set_metadata(fd.get(), metadata_of_entry());
}

void LayerApplier::write_data(int fd) {
  std::int64_t end = 0;
  for (;;) {
    throw_if_interrupted();  // a single file can be gigabytes
    const void* block = nullptr;
    std::size_t size = 0;
    la_int64_t offset = 0;
    const int status = archive_read_data_block(tar_, &block, &size, &offset);
    if (status == ARCHIVE_EOF) break;
    if (status != ARCHIVE_OK && status != ARCHIVE_WARN) {
      const char* message = archive_error_string(tar_);
      fail(std::string("cannot read its data: ") + (message ? message : "unknown error"));
    }
    // Offsets skip the holes of sparse files; pwrite leaves them unallocated.
    const auto* bytes = static_cast<const char*>(block);
    std::size_t done = 0;
    while (done < size) {
      const ssize_t written =
          ::pwrite(fd, bytes + done, size - done, static_cast<off_t>(offset + done));
      if (written < 0) {
        if (errno == EINTR) continue;
        fail("cannot write file", errno);
      }
      done += static_cast<std::size_t>(written);
    }
    end = std::max<std::int64_t>(end, offset + static_cast<std::int64_t>(size));
  }
  // A sparse file may end in a hole, which no data block covers.
  if (archive_entry_size_is_set(entry_) && archive_entry_size(entry_) > end) {
    if (::ftruncate(fd, static_cast<off_t>(archive_entry_size(entry_))) != 0) {
      fail("cannot set the file's size", errno);
    }
  }
}

void LayerApplier::write_symlink(int parent_fd, const char* name) {
  const char* target = archive_entry_symlink(entry_);
  if (!target) refuse("is a symlink without a target");
  // The target is stored as text and never followed here: inside the container it resolves
  // against the container's root, and during unpacking every lookup is confined by openat2.
  if (::symlinkat(target, parent_fd, name) != 0) {
    if (errno != EEXIST) fail("cannot create symlink", errno);
    remove_in_place(parent_fd, name);
    if (::symlinkat(target, parent_fd, name) != 0) fail("cannot create symlink", errno);
  }
  const Metadata metadata = metadata_of_entry();
  check_chown(::fchownat(parent_fd, name, metadata.uid, metadata.gid, AT_SYMLINK_NOFOLLOW),
              metadata);
  if (metadata.times[1].tv_nsec != UTIME_OMIT &&
      ::utimensat(parent_fd, name, metadata.times, AT_SYMLINK_NOFOLLOW) != 0) {
    fail("cannot set the symlink's times", errno);
  }
}

void LayerApplier::write_fifo(int parent_fd, const char* name) {
  if (::mkfifoat(parent_fd, name, 0600) != 0) {
    if (errno != EEXIST) fail("cannot create FIFO", errno);
    remove_in_place(parent_fd, name);
    if (::mkfifoat(parent_fd, name, 0600) != 0) fail("cannot create FIFO", errno);
  }
  // O_NONBLOCK: opening a FIFO for reading must not wait for a writer.
  UniqueFd fd(::openat(parent_fd, name, O_RDONLY | O_NONBLOCK | O_NOFOLLOW | O_CLOEXEC));
  if (!fd) fail("cannot open the FIFO it created", errno);
  set_metadata(fd.get(), metadata_of_entry());
}

bool LayerApplier::write_hardlink(int parent_fd, const char* name, const char* target_name) {
  check_path(normalize_entry_path(target_name, target_), target_name);
  if (target_.empty()) refuse("is a hard link to the root directory");
  if (target_ == path_) {
    // Removing the name to link it to itself would lose the file.
    spdlog::debug("{}: {} is a hard link to itself", layer_name_, quote_entry_name(raw_name_));
    return false;
  }
  if (skipped_.contains(target_)) {
    skip_special(parent_fd, name, "hard link to a skipped special file");
    return false;
  }
  // The target is looked up like any entry path, inside the root; O_NOFOLLOW links a symlink
  // itself, never what it points to.
  UniqueFd target = open_in_root(root_fd_, target_, O_PATH | O_NOFOLLOW);
  if (!target) {
    if (errno == ENOENT || errno == ENOTDIR) {
      refuse("is a hard link to " + quote_entry_name(target_name) +
             ", which is not in this layer or an earlier one");
    }
    fail("cannot open its hard link target " + quote_entry_name(target_name), errno);
  }
  const auto link = [&]() {
    if (::linkat(target.get(), "", parent_fd, name, AT_EMPTY_PATH) == 0) return 0;
    if (errno != ENOENT && errno != EPERM) return errno;
    // AT_EMPTY_PATH needs CAP_DAC_READ_SEARCH on older kernels; the fd's /proc entry reaches
    // the same inode (for a symlink, the link itself: the magic link is not followed further).
    char proc_path[64];
    std::snprintf(proc_path, sizeof(proc_path), "/proc/self/fd/%d", target.get());
    if (::linkat(AT_FDCWD, proc_path, parent_fd, name, AT_SYMLINK_FOLLOW) == 0) return 0;
    return errno;
  };
  int error = link();
  if (error == EEXIST) {
    remove_in_place(parent_fd, name);
    error = link();
  }
  if (error != 0) fail("cannot create hard link to " + quote_entry_name(target_name), error);
  return true;
}

// ---- paths

int LayerApplier::open_parent(std::string_view parent, bool create) {
  parent_exact_ = true;
  if (parent.empty()) return root_fd_;
  if (cached_fd_ && cached_path_ == parent) return cached_fd_.get();
  parent_buffer_.assign(parent);
  bool via_symlink = false;
  UniqueFd fd = open_dir_in_root(root_fd_, parent_buffer_, via_symlink);
  if (!fd && errno == ENOENT && create) {
    fd = make_dirs_in_root(root_fd_, parent_buffer_,
                           [this](const std::string& made) { written_.emplace(made); });
    // Parts of it may have resolved through symlinks: not worth proving otherwise here.
    via_symlink = true;
  }
  if (!fd) {
    if (!create && (errno == ENOENT || errno == ENOTDIR || errno == ELOOP)) return -1;
    fail("cannot open its directory " + quote_entry_name(parent), errno);
  }
  if (via_symlink) {
    parent_exact_ = false;
    uncached_fd_ = std::move(fd);
    return uncached_fd_.get();
  }
  cached_path_.assign(parent);
  cached_fd_ = std::move(fd);
  return cached_fd_.get();
}

void LayerApplier::forget_cached(std::string_view path, bool include_self) {
  if (cached_fd_ && is_same_or_below(cached_path_, path) &&
      (include_self || cached_path_.size() != path.size())) {
    cached_fd_.reset();
  }
}

bool LayerApplier::written_below(std::string_view path) {
  if (path.empty()) return !written_.empty();
  probe_.assign(path);
  probe_ += '/';
  const auto it = written_.lower_bound(probe_);
  return it != written_.end() && it->starts_with(probe_);
}

void LayerApplier::remove_in_place(int parent_fd, const char* name) {
  const int error = remove_tree(parent_fd, name);
  if (error != 0) fail("cannot remove what is in its place", error);
}

// ---- metadata

LayerApplier::Metadata LayerApplier::metadata_of_entry() const {
  Metadata metadata;
  metadata.uid = static_cast<uid_t>(archive_entry_uid(entry_));
  metadata.gid = static_cast<gid_t>(archive_entry_gid(entry_));
  // Permission bits plus setuid, setgid and sticky.
  metadata.mode = archive_entry_perm(entry_) & 07777;
  struct timespec& atime = metadata.times[0];
  struct timespec& mtime = metadata.times[1];
  if (archive_entry_mtime_is_set(entry_)) {
    mtime.tv_sec = archive_entry_mtime(entry_);
    mtime.tv_nsec = archive_entry_mtime_nsec(entry_);
  } else {
    mtime.tv_nsec = UTIME_OMIT;
  }
  if (archive_entry_atime_is_set(entry_)) {
    atime.tv_sec = archive_entry_atime(entry_);
    atime.tv_nsec = archive_entry_atime_nsec(entry_);
  } else {
    atime = mtime;  // as docker does; "now" would make unpacking irreproducible
  }
  return metadata;
}

void LayerApplier::set_metadata(int fd, const Metadata& metadata) {
  check_chown(::fchown(fd, metadata.uid, metadata.gid), metadata);
  // After chown, which clears setuid and setgid.
  if (::fchmod(fd, metadata.mode) != 0) fail("cannot set its mode", errno);
  if (archive_entry_xattr_reset(entry_) > 0) {
    const char* key;
    const void* value;
    std::size_t size;
    while (archive_entry_xattr_next(entry_, &key, &value, &size) == ARCHIVE_OK) {
      set_xattr(fd, key, value, size);
    }
  }
  if (metadata.times[1].tv_nsec != UTIME_OMIT && ::futimens(fd, metadata.times) != 0) {
    fail("cannot set its times", errno);
  }
}

void LayerApplier::check_chown(int result, const Metadata& metadata) {
  if (result == 0) return;
  if (errno == EPERM && !is_root_) return;  // unprivileged: files stay ours
  fail("cannot set its owner to " + std::to_string(metadata.uid) + ":" +
           std::to_string(metadata.gid),
       errno);
}

void LayerApplier::set_xattr(int fd, const char* name, const void* value, std::size_t size) {
  if (is_overlay_xattr(name)) {
    spdlog::debug("{}: {}: dropping xattr {}", layer_name_, quote_entry_name(raw_name_), name);
    return;
  }
  if (::fsetxattr(fd, name, value, size, 0) == 0) return;
  switch (errno) {
    case EPERM:
    case EACCES:
    case ENOTSUP:
    case EINVAL:
    case ERANGE:
    case E2BIG:
      // Not permitted here (unprivileged, or a filesystem without that namespace): the file is
      // still usable, and docker skips these too.
      spdlog::debug("{}: {}: cannot set xattr {}: {}", layer_name_, quote_entry_name(raw_name_),
                    name, std::strerror(errno));
      return;
    default:
      fail(std::string("cannot set xattr ") + name, errno);
  }
}

void LayerApplier::finish() {
  // Children before parents (reverse order), so that as non-root a parent made read-only
  // does not stop its children; a directory listed twice keeps its last metadata.
  std::unordered_set<std::string_view> done;
  for (auto it = directories_.rbegin(); it != directories_.rend(); ++it) {
    if (!done.insert(it->path).second) continue;
    raw_name_ = it->path;
    UniqueFd opened;
    int fd = root_fd_;
    if (!it->path.empty()) {
      constexpr int kFlags = O_RDONLY | O_DIRECTORY | O_NOFOLLOW;
      opened = it->exact ? openat2_fd(root_fd_, it->path.c_str(), kFlags,
                                      RESOLVE_IN_ROOT | RESOLVE_NO_SYMLINKS | RESOLVE_NO_MAGICLINKS)
                         : open_in_root(root_fd_, it->path, kFlags);
      if (!opened) {
        // Replaced later in the layer by something else; that entry's metadata stands.
        spdlog::debug("{}: directory {} is gone, not setting its metadata", layer_name_,
                      quote_entry_name(it->path));
        continue;
      }
      fd = opened.get();
    }
    check_chown(::fchown(fd, it->metadata.uid, it->metadata.gid), it->metadata);
    if (::fchmod(fd, it->metadata.mode) != 0) fail("cannot set its mode", errno);
    for (const auto& [key, value] : it->xattrs)
      set_xattr(fd, key.c_str(), value.data(), value.size());
    if (it->metadata.times[1].tv_nsec != UTIME_OMIT && ::futimens(fd, it->metadata.times) != 0) {
      fail("cannot set its times", errno);
    }
  }
  directories_.clear();
}

// ---- errors

void LayerApplier::refuse(std::string_view problem) const {
  throw Error(layer_name_ + ": entry " + quote_entry_name(raw_name_) + " " + std::string(problem));
}

void LayerApplier::fail(std::string_view what, int error) const {
  std::string message = layer_name_ + ": entry " + quote_entry_name(raw_name_) + ": ";
  message += what;
  if (error != 0) message += std::string(": ") + std::strerror(error);
  throw Error(message);
}

void LayerApplier::check_path(EntryPathStatus status, const char* link_target) const {
  const char* problem = nullptr;
  switch (status) {
    case EntryPathStatus::ok:
      return;
    case EntryPathStatus::escapes:
      problem = "escapes the layer";
      break;
    case EntryPathStatus::too_long:
      problem = "has a name too long for the filesystem";
      break;
    case EntryPathStatus::invalid:
      problem = "has a name containing a NUL byte";
      break;
  }
  std::string message = layer_name_ + ": entry " + quote_entry_name(raw_name_);
  if (link_target) message += ": its hard link target " + quote_entry_name(link_target);
  throw Error(message + " " + problem);
}

}  // namespace mydocker

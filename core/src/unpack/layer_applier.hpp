// Applying the entries of one layer tarball onto a directory, one entry at a time.
#pragma once

#include <sys/stat.h>
#include <sys/types.h>

#include <cstdint>
#include <ctime>
#include <set>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

#include "mydocker/unique_fd.hpp"
#include "unpack/entry_path.hpp"
#include "unpack/layer_unpacker.hpp"

struct archive;
struct archive_entry;

namespace mydocker {

// Every path is resolved inside root_fd (see safe_path.hpp); an entry that names anything
// outside, or that cannot be applied faithfully, throws Error naming the layer and the entry.
// The root is left half-written then: the caller discards it.
class LayerApplier {
 public:
  // root_fd must be open O_RDONLY|O_DIRECTORY and stay open while the applier lives.
  LayerApplier(int root_fd, std::string_view layer_name, WhiteoutMode mode);

  // Applies the current entry of `tar`, reading its data if it has any.
  void apply(archive* tar, archive_entry* entry);
  // Sets what had to wait for the whole layer: directories' owner, mode, xattrs and times
  // (creating children changes a directory's mtime, and as non-root a read-only directory
  // could not receive them).
  void finish();

 private:
  struct Metadata {
    uid_t uid = 0;
    gid_t gid = 0;
    mode_t mode = 0;
    struct timespec times[2] = {};  // atime, mtime (UTIME_OMIT when the entry has none)
  };
  struct DirMetadata {
    std::string path;
    bool exact = false;  // reached without symlinks: may be reopened without them
    Metadata metadata;
    std::vector<std::pair<std::string, std::string>> xattrs;
  };

  void apply_root();
  void apply_whiteout(std::string_view parent, std::string_view base);
  void delete_from_lower(std::string_view parent, const char* victim);
  void make_opaque(std::string_view dir);
  void write_overlay_whiteout(std::string_view parent, const char* victim);
  void mark_overlay_opaque(std::string_view dir);
  void prune(int parent_fd, const char* name, std::string& path);
  void prune_children(UniqueFd dir, std::string& path);
  void skip_special(int parent_fd, const char* name, const char* why);

  void write_directory(int parent_fd, const char* name);
  void defer_directory_metadata(bool exact);
  void write_file(int parent_fd, const char* name);
  void write_data(int fd);
  void write_symlink(int parent_fd, const char* name);
  void write_fifo(int parent_fd, const char* name);
  // False when no link was made (a link to itself, or to a skipped device).
  bool write_hardlink(int parent_fd, const char* name, const char* target_name);

  // The directory `parent` ("" = root) as an fd valid until the next call; created when
  // missing if `create`, else -1 when it does not resolve to a directory.
  int open_parent(std::string_view parent, bool create);
  // Drops the cached parent if it is `path` (or, with include_self false, strictly below it).
  void forget_cached(std::string_view path, bool include_self = true);
  bool written_below(std::string_view path);
  void remove_in_place(int parent_fd, const char* name);

  Metadata metadata_of_entry() const;
  void set_metadata(int fd, const Metadata& metadata);
  void check_chown(int result, const Metadata& metadata);
  void set_xattr(int fd, const char* name, const void* value, std::size_t size);

  // 'layer: entry "name" <problem>', for an entry refused as it is.
  [[noreturn]] void refuse(std::string_view problem) const;
  // 'layer: entry "name": <what>: <strerror(error)>', for a step that failed.
  [[noreturn]] void fail(std::string_view what, int error = 0) const;
  // Throws the Error for a refused entry name (or, given link_target, hard link target).
  void check_path(EntryPathStatus status, const char* link_target) const;

  int root_fd_;
  std::string layer_name_;
  WhiteoutMode mode_;
  bool is_root_;

  archive* tar_ = nullptr;
  archive_entry* entry_ = nullptr;
  std::string_view raw_name_;  // the current entry's name as found in the tar, for messages

  // Reused buffers: no allocation per entry once they are large enough.
  std::string path_;
  std::string parent_buffer_;
  std::string target_;
  std::string probe_;

  // The parent of the last entry, if it was reached without symlinks: then only a change to
  // that path or one of its ancestors can make it stale, and every such change drops it.
  std::string cached_path_;
  UniqueFd cached_fd_;
  bool parent_exact_ = false;  // the last open_parent() result was reached without symlinks
  UniqueFd uncached_fd_;

  // Paths this layer wrote (implicitly created directories included): a whiteout in this layer
  // applies only to what earlier layers left. Ordered, to ask "anything written below X?".
  std::set<std::string, std::less<>> written_;
  // Devices, sockets etc. that were not created, so that hard links to them are skipped too.
  std::unordered_set<std::string> skipped_;
  std::vector<DirMetadata> directories_;
};

}  // namespace mydocker

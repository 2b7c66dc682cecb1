#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <gtest/gtest.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <sys/xattr.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <climits>
#include <clocale>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <iterator>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <utility>
#include <vector>

#include "mydocker/errors.hpp"
#include "unpack/entry_path.hpp"
#include "unpack/layer_unpacker.hpp"
#include "util/digest_check.hpp"

namespace mydocker {
namespace {

namespace fs = std::filesystem;

constexpr time_t kMtime = 1'600'000'000;  // 2020-09-13, far from "now"

// ---- building layers in-process

enum class Kind { file, dir, symlink, hardlink, fifo, chardev };

struct Entry {
  Kind kind;
  std::string name;
  std::string content = {};  // regular files
  std::string link = {};     // symlink or hard link target
  mode_t mode = 0;           // 0: 0644 for files, 0755 for directories
  time_t mtime = kMtime;
  std::int64_t uid = 0;
  std::int64_t gid = 0;
  std::vector<std::pair<std::string, std::string>> xattrs = {};
};

Entry file(std::string name, std::string content = "", mode_t mode = 0644) {
  return {.kind = Kind::file, .name = std::move(name), .content = std::move(content), .mode = mode};
}
Entry dir(std::string name, mode_t mode = 0755) {
  return {.kind = Kind::dir, .name = std::move(name), .mode = mode};
}
Entry symlink(std::string name, std::string target) {
  return {.kind = Kind::symlink, .name = std::move(name), .link = std::move(target), .mode = 0777};
}
Entry hardlink(std::string name, std::string target) {
  return {.kind = Kind::hardlink, .name = std::move(name), .link = std::move(target), .mode = 0644};
}
Entry fifo(std::string name) { return {.kind = Kind::fifo, .name = std::move(name), .mode = 0620}; }
Entry whiteout(std::string name) { return file(std::move(name)); }

enum class Compression { none, gzip, zstd };

la_ssize_t append_to_string(archive*, void* out, const void* data, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(data), size);
  return static_cast<la_ssize_t>(size);
}

void check(archive* a, int status, const char* what) {
  if (status != ARCHIVE_OK) {
    throw std::runtime_error(std::string(what) + ": " +
                             (archive_error_string(a) ? archive_error_string(a) : "?"));
  }
}

// The uncompressed tar stream, padded like tar writes it (10240-byte blocks).
std::string make_tar(const std::vector<Entry>& entries,
                     int format = ARCHIVE_FORMAT_TAR_PAX_RESTRICTED) {
  std::string out;
  archive* a = archive_write_new();
  check(a, archive_write_set_format(a, format), "format");
  check(a, archive_write_open(a, &out, nullptr, append_to_string, nullptr), "open");
  for (const Entry& e : entries) {
    archive_entry* ae = archive_entry_new();
    archive_entry_copy_pathname(ae, e.name.c_str());
    switch (e.kind) {
      case Kind::file:
        archive_entry_set_filetype(ae, AE_IFREG);
        archive_entry_set_size(ae, static_cast<la_int64_t>(e.content.size()));
        break;
      case Kind::dir:
        archive_entry_set_filetype(ae, AE_IFDIR);
        break;
      case Kind::symlink:
        archive_entry_set_filetype(ae, AE_IFLNK);
        archive_entry_copy_symlink(ae, e.link.c_str());
        break;
      case Kind::hardlink:
        archive_entry_set_filetype(ae, AE_IFREG);
        archive_entry_copy_hardlink(ae, e.link.c_str());
        archive_entry_set_size(ae, 0);
        break;
      case Kind::fifo:
        archive_entry_set_filetype(ae, AE_IFIFO);
        break;
      case Kind::chardev:
        archive_entry_set_filetype(ae, AE_IFCHR);
        archive_entry_set_rdev(ae, makedev(1, 3));
        break;
    }
    archive_entry_set_perm(ae, e.mode != 0 ? e.mode : (e.kind == Kind::dir ? 0755 : 0644));
    archive_entry_set_mtime(ae, e.mtime, 0);
    archive_entry_set_uid(ae, e.uid);
    archive_entry_set_gid(ae, e.gid);
    for (const auto& [key, value] : e.xattrs) {
      archive_entry_xattr_add_entry(ae, key.c_str(), value.data(), value.size());
    }
    check(a, archive_write_header(a, ae), "header");
    if (e.kind == Kind::file && !e.content.empty()) {
      if (archive_write_data(a, e.content.data(), e.content.size()) !=
          static_cast<la_ssize_t>(e.content.size())) {
        throw std::runtime_error("short write");
      }
    }
    archive_entry_free(ae);
  }
  check(a, archive_write_close(a), "close");
  archive_write_free(a);
  return out;
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

std::string read_file(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return "<missing>";
  return {std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>()};
}

// Compresses exactly `stream` (libarchive's "raw" writer adds no framing of its own).
void write_layer(const std::string& path, const std::string& stream, Compression compression) {
  if (compression == Compression::none) {
    write_file(path, stream);
    return;
  }
  archive* a = archive_write_new();
  check(a,
        compression == Compression::gzip ? archive_write_add_filter_gzip(a)
                                         : archive_write_add_filter_zstd(a),
        "filter");
  check(a, archive_write_set_format_raw(a), "raw");
  check(a, archive_write_set_bytes_in_last_block(a, 1), "blocking");
  check(a, archive_write_open_filename(a, path.c_str()), "open");
  archive_entry* ae = archive_entry_new();
  archive_entry_set_filetype(ae, AE_IFREG);
  archive_entry_set_pathname(ae, "layer");
  archive_entry_set_size(ae, static_cast<la_int64_t>(stream.size()));
  check(a, archive_write_header(a, ae), "header");
  if (archive_write_data(a, stream.data(), stream.size()) !=
      static_cast<la_ssize_t>(stream.size())) {
    throw std::runtime_error("short write");
  }
  archive_entry_free(ae);
  check(a, archive_write_close(a), "close");
  archive_write_free(a);
}

// ---- looking at the result

struct Node {
  std::string path;
  char type;
  unsigned mode;
  std::string content;  // file data or symlink target
  time_t mtime;
  auto operator<=>(const Node&) const = default;
};

std::vector<Node> snapshot(const std::string& root) {
  std::vector<Node> nodes;
  for (const auto& item : fs::recursive_directory_iterator(root)) {
    struct stat st {};
    if (::lstat(item.path().c_str(), &st) != 0) throw std::runtime_error("lstat");
    Node node{item.path().lexically_relative(root).string(), '?', st.st_mode & 07777u, "",
              st.st_mtime};
    if (S_ISREG(st.st_mode)) {
      node.type = 'f';
      node.content = read_file(item.path());
    } else if (S_ISDIR(st.st_mode)) {
      node.type = 'd';
    } else if (S_ISLNK(st.st_mode)) {
      node.type = 'l';
      node.content = fs::read_symlink(item.path()).string();
      node.mode = 0;
    } else if (S_ISFIFO(st.st_mode)) {
      node.type = 'p';
    }
    nodes.push_back(std::move(node));
  }
  std::sort(nodes.begin(), nodes.end());
  return nodes;
}

class UnpackTest : public ::testing::Test {
 protected:
  void SetUp() override {
    std::string pattern = ::testing::TempDir() + "mydocker-unpack-XXXXXX";
    ASSERT_NE(::mkdtemp(pattern.data()), nullptr) << std::strerror(errno);
    base_ = pattern;
    root_ = base_ + "/root";
    outside_ = base_ + "/outside";
    layers_ = base_ + "/layers";
    for (const std::string& d : {root_, outside_, layers_}) ASSERT_EQ(::mkdir(d.c_str(), 0755), 0);
    ASSERT_EQ(::chmod(outside_.c_str(), 0755), 0);
    write_file(outside_ + "/sentinel", "precious");
  }

  void TearDown() override {
    // Some tests leave directories without write permission; removal needs it back.
    std::error_code ignored;
    for (auto it = fs::recursive_directory_iterator(base_, ignored);
         it != fs::recursive_directory_iterator(); it.increment(ignored)) {
      if (it->is_directory(ignored) && !it->is_symlink(ignored)) {
        ::chmod(it->path().c_str(), 0700);
      }
    }
    fs::remove_all(base_, ignored);
  }

  std::string write(const std::vector<Entry>& entries,
                    Compression compression = Compression::none) {
    const std::string path = layers_ + "/" + std::to_string(++layer_count_);
    write_layer(path, make_tar(entries), compression);
    return path;
  }

  UnpackStats apply(const std::vector<Entry>& entries, const std::string& root = "") {
    return apply_layer(write(entries), root.empty() ? root_ : root, "layer 1/1 sha256:abcd", "");
  }

  // The message of the Error that applying `entries` throws ("" if none).
  std::string refusal(const std::vector<Entry>& entries) {
    try {
      apply(entries);
    } catch (const Error& e) {
      return e.what();
    }
    return "";
  }

  std::string in_root(const std::string& relative) const { return root_ + "/" + relative; }

  bool exists(const std::string& relative) const {
    struct stat st {};
    return ::lstat(in_root(relative).c_str(), &st) == 0;
  }

  struct stat lstat_in_root(const std::string& relative) const {
    struct stat st {};
    EXPECT_EQ(::lstat(in_root(relative).c_str(), &st), 0) << relative;
    return st;
  }

  // Everything outside the root is as SetUp left it: nothing new, nothing changed, nothing gone.
  void expect_outside_untouched() const {
    std::set<std::string> found;
    for (const auto& item : fs::recursive_directory_iterator(base_)) {
      const std::string relative = item.path().lexically_relative(base_).string();
      if (relative == "root" || relative.starts_with("root/") || relative == "layers" ||
          relative.starts_with("layers/")) {
        continue;
      }
      found.insert(relative);
    }
    EXPECT_EQ(found, (std::set<std::string>{"outside", "outside/sentinel"}));
    EXPECT_EQ(read_file(outside_ + "/sentinel"), "precious");
    struct stat st {};
    ASSERT_EQ(::lstat(outside_.c_str(), &st), 0);
    EXPECT_EQ(st.st_mode & 07777, 0755u);
    ASSERT_EQ(::lstat((outside_ + "/sentinel").c_str(), &st), 0);
    EXPECT_TRUE(S_ISREG(st.st_mode));
    EXPECT_EQ(st.st_nlink, 1u);
    EXPECT_EQ(st.st_uid, ::geteuid());
  }

  std::string base_, root_, outside_, layers_;
  int layer_count_ = 0;
};

using UnpackLayerTest = UnpackTest;
using UnpackWhiteoutTest = UnpackTest;
using UnpackSecurityTest = UnpackTest;

std::vector<Entry> sample_entries() {
  return {
      dir("bin"),
      file("bin/tool", "#!/bin/sh\necho hi\n", 0755),
      dir("etc", 0750),
      file("etc/config", "key=value\n", 0640),
      symlink("etc/link", "config"),
      hardlink("etc/hard", "etc/config"),
      // Parents named too: one the unpacker creates gets the current time, so two unpacks a
      // second apart would differ.
      dir("usr"),
      dir("usr/share"),
      dir("usr/share/doc"),
      file("usr/share/doc/big", std::string(300'000, 'x') + "end"),
      fifo("run.pipe"),
  };
}

// ---- entry names

TEST(UnpackPath, NormalisesLikeTar) {
  std::string out;
  const std::vector<std::pair<std::string, std::string>> cases = {
      {"a/b/c", "a/b/c"},
      {"./a/b", "a/b"},
      {"/abs/x", "abs/x"},
      {"a//b/./c/", "a/b/c"},
      {".", ""},
      {"./", ""},
      {"", ""},
      {"///", ""},
      {"a/.b", "a/.b"},
      {"...", "..."},
      {"a/..b", "a/..b"},
  };
  for (const auto& [name, expected] : cases) {
    EXPECT_EQ(normalize_entry_path(name, out), EntryPathStatus::ok) << name;
    EXPECT_EQ(out, expected) << name;
  }
}

TEST(UnpackPath, RefusesDotDotAnywhere) {
  std::string out;
  for (const char* name : {"..", "../x", "a/../b", "a/b/..", "/../x", "./../x", "a/../../x"}) {
    EXPECT_EQ(normalize_entry_path(name, out), EntryPathStatus::escapes) << name;
  }
}

TEST(UnpackPath, RefusesOverlongAndNulNames) {
  std::string out;
  EXPECT_EQ(normalize_entry_path(std::string(NAME_MAX, 'a'), out), EntryPathStatus::ok);
  EXPECT_EQ(normalize_entry_path(std::string(NAME_MAX + 1, 'a'), out), EntryPathStatus::too_long);
  std::string deep;
  while (deep.size() < PATH_MAX) deep += "abcdefgh/";
  EXPECT_EQ(normalize_entry_path(deep, out), EntryPathStatus::too_long);
  EXPECT_EQ(normalize_entry_path(std::string("a\0b", 3), out), EntryPathStatus::invalid);
}

TEST(UnpackPath, SplitsAndComparesPaths) {
  EXPECT_EQ(split_entry_path("a/b/c"), (std::pair<std::string_view, std::string_view>{"a/b", "c"}));
  EXPECT_EQ(split_entry_path("c"), (std::pair<std::string_view, std::string_view>{"", "c"}));
  EXPECT_TRUE(is_same_or_below("a/b", "a"));
  EXPECT_TRUE(is_same_or_below("a", "a"));
  EXPECT_TRUE(is_same_or_below("a", ""));
  EXPECT_FALSE(is_same_or_below("ab", "a"));
  EXPECT_FALSE(is_same_or_below("a", "a/b"));
}

TEST(UnpackPath, QuotesNamesSafelyForMessages) {
  EXPECT_EQ(quote_entry_name("a/b"), "\"a/b\"");
  EXPECT_EQ(quote_entry_name("a\x1b[2J\"\\"), "\"a\\x1b[2J\\\"\\\\\"");
  EXPECT_EQ(quote_entry_name(std::string(500, 'x')).size(), 200u + 5u);
}

// ---- formats and diff_id

TEST_F(UnpackLayerTest, PlainGzipAndZstdLayersGiveIdenticalTreesAndDiffIds) {
  const std::string tar = make_tar(sample_entries());
  const std::string diff_id = sha256_digest(tar);
  std::vector<std::vector<Node>> trees;
  for (const Compression compression : {Compression::none, Compression::gzip, Compression::zstd}) {
    const std::string layer = layers_ + "/" + std::to_string(static_cast<int>(compression));
    write_layer(layer, tar, compression);
    const std::string root = base_ + "/root/" + std::to_string(static_cast<int>(compression));
    ASSERT_EQ(::mkdir(root.c_str(), 0755), 0);
    const UnpackStats stats = apply_layer(layer, root, "layer 1/1", diff_id);
    EXPECT_EQ(stats.entries, sample_entries().size());
    EXPECT_EQ(stats.bytes, tar.size());
    trees.push_back(snapshot(root));
  }
  ASSERT_FALSE(trees[0].empty());
  EXPECT_EQ(trees[0], trees[1]);
  EXPECT_EQ(trees[0], trees[2]);
  // Sanity check that the snapshot saw something real.
  EXPECT_NE(std::find_if(trees[0].begin(), trees[0].end(),
                         [](const Node& n) { return n.path == "usr/share/doc/big"; }),
            trees[0].end());
}

TEST_F(UnpackLayerTest, WrongDiffIdThrowsNamingBothDigests) {
  const std::string layer = write(sample_entries(), Compression::gzip);
  const std::string wrong = "sha256:" + std::string(64, '0');
  try {
    apply_layer(layer, root_, "layer 2/3 sha256:abcd", wrong);
    FAIL() << "no exception";
  } catch (const Error& e) {
    const std::string message = e.what();
    EXPECT_TRUE(message.starts_with("layer 2/3 sha256:abcd: ")) << message;
    EXPECT_NE(message.find(wrong), std::string::npos) << message;
    EXPECT_NE(message.find(sha256_digest(make_tar(sample_entries()))), std::string::npos)
        << message;
  }
}

TEST_F(UnpackLayerTest, MalformedExpectedDiffIdThrowsBeforeUnpacking) {
  const std::string layer = write(sample_entries());
  EXPECT_THROW(apply_layer(layer, root_, "layer 1/1", "sha256:nothex"), Error);
  EXPECT_TRUE(fs::is_empty(root_));
}

TEST_F(UnpackLayerTest, DiffIdCoversBytesAfterTheEndOfArchiveMarker) {
  const std::string tar = make_tar({file("a", "x")});
  const std::string padded = tar + std::string(4096, '\0');
  const std::string layer = layers_ + "/padded";
  write_layer(layer, padded, Compression::gzip);
  EXPECT_THROW(apply_layer(layer, root_, "layer 1/1", sha256_digest(tar)), Error);
  const UnpackStats stats = apply_layer(layer, root_, "layer 1/1", sha256_digest(padded));
  EXPECT_EQ(stats.bytes, padded.size());
  EXPECT_EQ(read_file(in_root("a")), "x");
}

TEST_F(UnpackLayerTest, EmptyDiffIdSkipsTheCheck) {
  EXPECT_NO_THROW(apply_layer(write(sample_entries()), root_, "layer 1/1", ""));
}

// ---- entry types and metadata

TEST_F(UnpackLayerTest, CreatesEveryEntryType) {
  apply({
      dir("d"),
      file("d/f", "data"),
      symlink("d/rel", "f"),
      symlink("d/abs", "/d/f"),
      symlink("d/dangling", "/nowhere/at/all"),
      hardlink("d/h", "d/f"),
      hardlink("d/hl", "/d/rel"),  // a hard link to a symlink links the symlink itself
      fifo("d/p"),
      Entry{.kind = Kind::chardev, .name = "d/null", .mode = 0666},
      file("d/empty"),
  });
  EXPECT_EQ(read_file(in_root("d/f")), "data");
  EXPECT_EQ(fs::read_symlink(in_root("d/rel")), "f");
  EXPECT_EQ(fs::read_symlink(in_root("d/abs")), "/d/f");
  EXPECT_EQ(fs::read_symlink(in_root("d/dangling")), "/nowhere/at/all");
  EXPECT_EQ(lstat_in_root("d/h").st_ino, lstat_in_root("d/f").st_ino);
  EXPECT_EQ(lstat_in_root("d/f").st_nlink, 2u);
  EXPECT_EQ(lstat_in_root("d/hl").st_ino, lstat_in_root("d/rel").st_ino);
  EXPECT_TRUE(S_ISLNK(lstat_in_root("d/hl").st_mode));
  EXPECT_TRUE(S_ISFIFO(lstat_in_root("d/p").st_mode));
  EXPECT_EQ(lstat_in_root("d/p").st_mode & 07777, 0620u);
  EXPECT_FALSE(exists("d/null"));  // devices come from the runtime's /dev
  EXPECT_EQ(read_file(in_root("d/empty")), "");
}

TEST_F(UnpackLayerTest, AppliesModesTimesAndOwners) {
  Entry owned = file("owned", "x");
  owned.uid = 1234;
  owned.gid = 5678;
  Entry old_link = symlink("old-link", "x");
  old_link.mtime = kMtime - 1000;
  apply({
      dir("dir-with-children", 0700),
      file("dir-with-children/child", "c"),
      file("dir-with-children/child2", "c"),
      dir("setgid-dir", 02775),
      dir("sticky", 01777),
      dir("readonly", 0555),
      file("setuid", "x", 04755),
      file("setgid", "x", 02711),
      file("exec", "x", 0755),
      file("private", "x", 0600),
      owned,
      old_link,
  });
  EXPECT_EQ(lstat_in_root("setuid").st_mode & 07777, 04755u);
  EXPECT_EQ(lstat_in_root("setgid").st_mode & 07777, 02711u);
  EXPECT_EQ(lstat_in_root("exec").st_mode & 07777, 0755u);
  EXPECT_EQ(lstat_in_root("private").st_mode & 07777, 0600u);
  EXPECT_EQ(lstat_in_root("setgid-dir").st_mode & 07777, 02775u);
  EXPECT_EQ(lstat_in_root("sticky").st_mode & 07777, 01777u);
  EXPECT_EQ(lstat_in_root("readonly").st_mode & 07777, 0555u);
  EXPECT_EQ(lstat_in_root("dir-with-children").st_mode & 07777, 0700u);
  // Directory times survive the creation of their children.
  EXPECT_EQ(lstat_in_root("dir-with-children").st_mtime, kMtime);
  EXPECT_EQ(lstat_in_root("dir-with-children/child").st_mtime, kMtime);
  EXPECT_EQ(lstat_in_root("dir-with-children/child").st_atime, kMtime);
  EXPECT_EQ(lstat_in_root("old-link").st_mtime, kMtime - 1000);
  if (::geteuid() == 0) {
    EXPECT_EQ(lstat_in_root("owned").st_uid, 1234u);
    EXPECT_EQ(lstat_in_root("owned").st_gid, 5678u);
  } else {
    EXPECT_EQ(lstat_in_root("owned").st_uid, ::geteuid());
  }
}

TEST_F(UnpackLayerTest, AppliesTheRootEntryToTheRootDirectory) {
  Entry root_entry = dir("./", 0751);
  root_entry.mtime = kMtime + 5;
  apply({root_entry, file("./a", "x"), file(".", "not a file")});
  struct stat st {};
  ASSERT_EQ(::stat(root_.c_str(), &st), 0);
  EXPECT_EQ(st.st_mode & 07777, 0751u);
  EXPECT_EQ(st.st_mtime, kMtime + 5);
  EXPECT_EQ(read_file(in_root("a")), "x");
}

TEST_F(UnpackLayerTest, CreatesMissingParentsWith0755) {
  const mode_t old_umask = ::umask(077);
  apply({file("a/b/c/file", "x")});
  ::umask(old_umask);
  for (const char* d : {"a", "a/b", "a/b/c"}) {
    EXPECT_TRUE(S_ISDIR(lstat_in_root(d).st_mode)) << d;
    EXPECT_EQ(lstat_in_root(d).st_mode & 07777, 0755u) << d;
  }
  EXPECT_EQ(read_file(in_root("a/b/c/file")), "x");
}

TEST_F(UnpackLayerTest, ReplacesDirectoriesFilesAndSymlinks) {
  apply({dir("was-dir"), dir("was-dir/sub"), file("was-dir/sub/f", "old"), file("was-file", "old"),
         symlink("was-link", "was-file"), dir("stays"), file("stays/old", "old")});
  apply({file("was-dir", "now a file"), dir("was-file", 0700), file("was-file/inner", "new"),
         file("was-link", "now a file too"), dir("stays", 0711), file("stays/new", "new")});
  EXPECT_EQ(read_file(in_root("was-dir")), "now a file");
  EXPECT_TRUE(S_ISDIR(lstat_in_root("was-file").st_mode));
  EXPECT_EQ(read_file(in_root("was-file/inner")), "new");
  EXPECT_TRUE(S_ISREG(lstat_in_root("was-link").st_mode));
  // A directory over a directory merges: its metadata is updated, its content kept.
  EXPECT_EQ(read_file(in_root("stays/old")), "old");
  EXPECT_EQ(read_file(in_root("stays/new")), "new");
  EXPECT_EQ(lstat_in_root("stays").st_mode & 07777, 0711u);
}

TEST_F(UnpackLayerTest, FollowsDirectoriesReplacedMidLayer) {
  // Each step changes what an earlier entry's parent path names; nothing may land in a
  // directory that is no longer reachable.
  apply({
      dir("real"),
      dir("a/b"),
      file("a/b/f1", "1"),   // a/b is now the cached parent
      symlink("a", "real"),  // the old a/b is gone with the old "a"
      file("a/b/f2", "2"),   // so this lands in real/b
      dir("other"),
      symlink("via", "other"),
      file("via/f3", "3"),
      file("other", "x"),
      dir("other"),  // the old other/ is gone
      file("via/f4", "4"),
      dir("p/q"),
      file("p/q/f5", "5"),
      file("p", "not a directory any more"),
  });
  EXPECT_TRUE(S_ISLNK(lstat_in_root("a").st_mode));
  EXPECT_EQ(read_file(in_root("real/b/f2")), "2");
  EXPECT_FALSE(exists("real/b/f1"));
  EXPECT_EQ(read_file(in_root("other/f4")), "4");
  EXPECT_FALSE(exists("other/f3"));
  EXPECT_EQ(read_file(in_root("p")), "not a directory any more");
  // The cached parent p/q went with p: a child of it now has no directory to go to.
  const std::string message =
      refusal({dir("s/t"), file("s/t/u", "u"), file("s", "x"), file("s/t/v", "v")});
  EXPECT_NE(message.find("entry \"s/t/v\": cannot open its directory \"s/t\""), std::string::npos)
      << message;
}

TEST_F(UnpackLayerTest, FollowsDanglingSymlinksInParentsInsideTheRoot) {
  apply({symlink("rel", "made/by/link"), file("rel/f", "x"), symlink("abs", "/other"),
         file("abs/deep/g", "y")});
  EXPECT_EQ(read_file(in_root("made/by/link/f")), "x");
  EXPECT_EQ(read_file(in_root("other/deep/g")), "y");
}

TEST_F(UnpackLayerTest, KeepsNonAsciiNamesAsBytes) {
  // UTF-8 names in pax records, as Go's archive/tar writes them (libarchive's writer needs a
  // UTF-8 locale for that), and a Latin-1 byte in a plain ustar header.
  const std::string utf8_dir = "caf\xc3\xa9";
  const std::string utf8_file = utf8_dir + "/" + std::string(120, 'x') + "\xe2\x98\x83.txt";
  const std::string saved = std::setlocale(LC_CTYPE, nullptr);
  if (!std::setlocale(LC_CTYPE, "C.UTF-8")) GTEST_SKIP() << "no C.UTF-8 locale";
  const std::string pax = make_tar({dir(utf8_dir), file(utf8_file, "snow")});
  std::setlocale(LC_CTYPE, saved.c_str());
  const std::string ustar = make_tar({file("latin\xe9", "l")}, ARCHIVE_FORMAT_TAR_USTAR);
  write_layer(layers_ + "/pax", pax, Compression::none);
  write_layer(layers_ + "/ustar", ustar, Compression::none);
  apply_layer(layers_ + "/pax", root_, "layer 1/2", sha256_digest(pax));
  apply_layer(layers_ + "/ustar", root_, "layer 2/2", sha256_digest(ustar));
  EXPECT_EQ(read_file(in_root(utf8_file)), "snow");
  EXPECT_EQ(read_file(in_root("latin\xe9")), "l");
}

TEST_F(UnpackLayerTest, WritesSparseFiles) {
  // A pax sparse entry: 1 MiB logically, two data regions, a hole at the end.
  std::string tar;
  {
    archive* a = archive_write_new();
    archive_write_set_format_pax_restricted(a);
    archive_write_open(a, &tar, nullptr, append_to_string, nullptr);
    archive_entry* ae = archive_entry_new();
    archive_entry_set_pathname(ae, "sparse");
    archive_entry_set_filetype(ae, AE_IFREG);
    archive_entry_set_perm(ae, 0644);
    archive_entry_set_size(ae, 1 << 20);
    archive_entry_sparse_add_entry(ae, 0, 4096);
    archive_entry_sparse_add_entry(ae, 65536, 4096);
    ASSERT_EQ(archive_write_header(a, ae), ARCHIVE_OK) << archive_error_string(a);
    // The writer takes the logical content and leaves the holes out itself.
    std::string logical(1 << 20, '\0');
    std::fill_n(logical.begin(), 4096, 's');
    std::fill_n(logical.begin() + 65536, 4096, 's');
    archive_write_data(a, logical.data(), logical.size());
    archive_entry_free(ae);
    archive_write_close(a);
    archive_write_free(a);
  }
  const std::string layer = layers_ + "/sparse";
  write_layer(layer, tar, Compression::none);
  apply_layer(layer, root_, "layer 1/1", sha256_digest(tar));
  const std::string content = read_file(in_root("sparse"));
  ASSERT_EQ(content.size(), 1u << 20);
  EXPECT_EQ(content.substr(0, 4096), std::string(4096, 's'));
  EXPECT_EQ(content.substr(4096, 65536 - 4096), std::string(65536 - 4096, '\0'));
  EXPECT_EQ(content.substr(65536, 4096), std::string(4096, 's'));
  EXPECT_EQ(content.substr(65536 + 4096), std::string((1 << 20) - 65536 - 4096, '\0'));
}

TEST_F(UnpackLayerTest, AppliesXattrsButNeverOverlayOnes) {
  // Only where this filesystem takes user xattrs at all.
  write_file(base_ + "/probe", "");
  if (::setxattr((base_ + "/probe").c_str(), "user.probe", "1", 1, 0) != 0) {
    GTEST_SKIP() << "no user xattrs on " << base_;
  }
  Entry f = file("f", "x");
  f.xattrs = {{"user.mydocker", "file"},
              {"trusted.overlay.opaque", "y"},
              {"user.overlay.redirect", "/etc"}};
  Entry d = dir("d");
  d.xattrs = {{"user.mydocker", "dir"}, {"trusted.overlay.opaque", "y"}};
  apply({f, d});
  char value[16] = {};
  EXPECT_EQ(::getxattr(in_root("f").c_str(), "user.mydocker", value, sizeof(value)), 4);
  EXPECT_EQ(std::string(value, 4), "file");
  EXPECT_EQ(::getxattr(in_root("d").c_str(), "user.mydocker", value, sizeof(value)), 3);
  EXPECT_EQ(std::string(value, 3), "dir");
  for (const char* path : {"f", "d"}) {
    EXPECT_LT(::getxattr(in_root(path).c_str(), "trusted.overlay.opaque", value, sizeof(value)), 0);
    EXPECT_LT(::getxattr(in_root(path).c_str(), "user.overlay.redirect", value, sizeof(value)), 0);
  }
}

TEST_F(UnpackLayerTest, SkipsHardLinksToSkippedDevices) {
  apply({Entry{.kind = Kind::chardev, .name = "dev/zero", .mode = 0666},
         hardlink("dev/zero2", "dev/zero"), file("after", "ok")});
  EXPECT_FALSE(exists("dev/zero"));
  EXPECT_FALSE(exists("dev/zero2"));
  EXPECT_EQ(read_file(in_root("after")), "ok");
}

TEST_F(UnpackLayerTest, RefusesOverlongNames) {
  const std::string message = refusal({file(std::string(300, 'n'), "x")});
  EXPECT_NE(message.find("too long"), std::string::npos) << message;
  EXPECT_TRUE(message.starts_with("layer 1/1 sha256:abcd: entry \"nnn")) << message;
}

// ---- damaged input

TEST_F(UnpackLayerTest, TruncatedOrCorruptGzipThrowsError) {
  // Incompressible content, so that the gzip stream is long enough to cut in its middle.
  std::string noise(200'000, '\0');
  unsigned state = 12345;
  for (char& c : noise) c = static_cast<char>((state = state * 1103515245 + 12345) >> 16);
  const std::string tar = make_tar({file("a", "x"), file("noise", noise), file("z", "z")});
  const std::string good = layers_ + "/good.gz";
  write_layer(good, tar, Compression::gzip);
  const std::string gz = read_file(good);

  write_file(layers_ + "/truncated.gz", gz.substr(0, gz.size() / 2));
  write_file(layers_ + "/tiny.gz", gz.substr(0, 20));
  std::string flipped = gz;
  for (std::size_t i = gz.size() / 3; i < gz.size() / 3 + 64; ++i) flipped[i] = ~flipped[i];
  write_file(layers_ + "/flipped.gz", flipped);
  // (A damaged CRC alone goes unnoticed by libarchive: the blob digest and diff_id cover that.)
  for (const char* name : {"truncated.gz", "tiny.gz", "flipped.gz"}) {
    const std::string root = base_ + "/root/" + name;
    ASSERT_EQ(::mkdir(root.c_str(), 0755), 0);
    try {
      apply_layer(layers_ + "/" + name, root, "layer 3/3 sha256:ef01", sha256_digest(tar));
      ADD_FAILURE() << name << ": no exception";
    } catch (const Error& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with("layer 3/3 sha256:ef01: ")) << e.what();
    }
  }
}

TEST_F(UnpackLayerTest, TruncatedTarThrowsError) {
  const std::string tar = make_tar({file("a", std::string(5000, 'a'))});
  const std::string layer = layers_ + "/cut";
  write_file(layer, tar.substr(0, 2048));
  try {
    apply_layer(layer, root_, "layer 1/1", "");
    FAIL() << "no exception";
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("entry \"a\""), std::string::npos) << e.what();
  }
}

TEST_F(UnpackLayerTest, NonTarEmptyOrMissingFilesThrowError) {
  write_file(layers_ + "/text", "this is not a tar archive, just some words\n");
  write_file(layers_ + "/empty", "");
  write_layer(layers_ + "/text.zst", std::string(3000, 'q'), Compression::zstd);
  for (const char* name : {"text", "empty", "text.zst", "missing"}) {
    try {
      apply_layer(layers_ + "/" + name, root_, "layer 1/1", "");
      ADD_FAILURE() << name << ": no exception";
    } catch (const Error& e) {
      EXPECT_TRUE(std::string(e.what()).starts_with("layer 1/1: ")) << e.what();
    }
  }
  EXPECT_TRUE(fs::is_empty(root_));
}

TEST_F(UnpackLayerTest, RootDirectoryMustExist) {
  EXPECT_THROW(apply_layer(write({file("a")}), root_ + "/nope", "layer 1/1", ""), Error);
}

// ---- whiteouts

TEST_F(UnpackWhiteoutTest, DeletesFilesTreesAndSymlinksFromEarlierLayers) {
  apply({file("keep", "k"), file("gone", "g"), dir("tree/a/b"), file("tree/a/b/f", "f"),
         symlink("tree/a/loop", ".."), dir("target"), file("target/t", "t"),
         symlink("link", "target"), dir("d"), file("d/x", "x"), file("d/y", "y")});
  apply({whiteout(".wh.gone"), whiteout(".wh.tree"), whiteout(".wh.link"), whiteout("d/.wh.x"),
         whiteout("missing-dir/.wh.anything"), whiteout(".wh.never-existed")});
  EXPECT_EQ(read_file(in_root("keep")), "k");
  EXPECT_FALSE(exists("gone"));
  EXPECT_FALSE(exists("tree"));
  EXPECT_FALSE(exists("link"));
  EXPECT_EQ(read_file(in_root("target/t")), "t");  // the symlink went, not what it named
  EXPECT_FALSE(exists("d/x"));
  EXPECT_EQ(read_file(in_root("d/y")), "y");
  EXPECT_FALSE(exists("missing-dir"));
  for (const auto& item : fs::recursive_directory_iterator(root_)) {
    EXPECT_FALSE(item.path().filename().string().starts_with(".wh.")) << item.path();
  }
}

TEST_F(UnpackWhiteoutTest, OpaqueMarkerBeforeTheLayersOwnEntries) {
  apply({dir("d"), file("d/old", "o"), dir("d/sub"), file("d/sub/old", "o"), file("other", "x")});
  apply({dir("d"), file("d/early", "e"), whiteout("d/.wh..wh..opq"), dir("d/sub"),
         file("d/sub/new", "n"), file("d/late", "l")});
  EXPECT_EQ(read_file(in_root("d/early")), "e");  // written before the marker: survives
  EXPECT_EQ(read_file(in_root("d/late")), "l");
  EXPECT_EQ(read_file(in_root("d/sub/new")), "n");
  EXPECT_FALSE(exists("d/old"));
  EXPECT_FALSE(exists("d/sub/old"));
  EXPECT_FALSE(exists("d/.wh..wh..opq"));
  EXPECT_EQ(read_file(in_root("other")), "x");
}

TEST_F(UnpackWhiteoutTest, OpaqueMarkerAfterTheLayersOwnEntries) {
  apply({dir("d"), file("d/old", "o"), dir("d/sub"), file("d/sub/old", "o"), dir("d/gone"),
         file("d/gone/f", "f"), dir("d/implicit"), file("d/implicit/old", "o")});
  apply({dir("d"), file("d/new", "n"), dir("d/sub"), file("d/sub/new", "n"),
         file("d/implicit/new", "n"), whiteout("d/.wh..wh..opq")});
  EXPECT_EQ(read_file(in_root("d/new")), "n");
  EXPECT_EQ(read_file(in_root("d/sub/new")), "n");
  EXPECT_EQ(read_file(in_root("d/implicit/new")), "n");
  EXPECT_FALSE(exists("d/old"));
  EXPECT_FALSE(exists("d/sub/old"));  // an earlier layer's content of a re-listed directory
  EXPECT_FALSE(exists("d/implicit/old"));
  EXPECT_FALSE(exists("d/gone"));
}

TEST_F(UnpackWhiteoutTest, OpaqueMarkerAtTheRoot) {
  apply({file("old", "o"), dir("olddir"), file("olddir/f", "f")});
  apply({file("new", "n"), whiteout(".wh..wh..opq")});
  EXPECT_EQ(read_file(in_root("new")), "n");
  EXPECT_FALSE(exists("old"));
  EXPECT_FALSE(exists("olddir"));
}

TEST_F(UnpackWhiteoutTest, IgnoresWhiteoutsOfTheLayersOwnFiles) {
  apply({file("f", "lower"), file("g", "lower")});
  apply({file("f", "mine"), whiteout(".wh.f"), whiteout(".wh.g"), file("g", "mine too"),
         file("h", "h"), whiteout(".wh.h")});
  EXPECT_EQ(read_file(in_root("f")), "mine");
  EXPECT_EQ(read_file(in_root("g")), "mine too");
  EXPECT_EQ(read_file(in_root("h")), "h");
}

TEST_F(UnpackWhiteoutTest, WhiteoutOfADirectoryKeepsWhatThisLayerWroteBelowIt) {
  apply({dir("d/sub"), file("d/sub/old", "o"), file("d/old", "o")});
  apply({file("d/sub/new", "n"), whiteout(".wh.d")});
  EXPECT_EQ(read_file(in_root("d/sub/new")), "n");
  EXPECT_FALSE(exists("d/sub/old"));
  EXPECT_FALSE(exists("d/old"));
}

TEST_F(UnpackWhiteoutTest, RefusesInvalidWhiteoutNames) {
  for (const char* name : {".wh.", "d/.wh..", "d/.wh..."}) {
    const std::string message = refusal({dir("d"), whiteout(name)});
    EXPECT_NE(message.find("not a valid whiteout"), std::string::npos) << name << ": " << message;
  }
}

// ---- overlay form: one layer alone, whiteouts as overlayfs wants them in a lower layer

class UnpackOverlayTest : public UnpackTest {
 protected:
  void SetUp() override {
    // 0/0 character devices and trusted.* xattrs need root.
    if (::geteuid() != 0) GTEST_SKIP() << "needs root";
    UnpackTest::SetUp();
  }
  void apply_overlay(const std::vector<Entry>& entries) {
    apply_layer(write(entries), root_, "layer 1/1 sha256:abcd", "", WhiteoutMode::overlay);
  }
  bool is_whiteout_device(const std::string& relative) const {
    const struct stat st = lstat_in_root(relative);
    return S_ISCHR(st.st_mode) && st.st_rdev == makedev(0, 0);
  }
  std::string opaque_xattr(const std::string& relative) const {
    char value[8] = {};
    const ssize_t n =
        ::lgetxattr(in_root(relative).c_str(), "trusted.overlay.opaque", value, sizeof value);
    return n < 0 ? "" : std::string(value, static_cast<std::size_t>(n));
  }
};

TEST_F(UnpackOverlayTest, WhiteoutsBecomeCharacterDevicesAndNoWhFileIsCreated) {
  apply_overlay({dir("etc"), whiteout("etc/.wh.gone"), whiteout(".wh.top"), file("etc/kept", "k")});
  EXPECT_TRUE(is_whiteout_device("etc/gone"));
  EXPECT_TRUE(is_whiteout_device("top"));
  EXPECT_EQ(read_file(in_root("etc/kept")), "k");
  for (const auto& item : fs::recursive_directory_iterator(root_)) {
    EXPECT_FALSE(item.path().filename().string().starts_with(".wh.")) << item.path();
  }
}

TEST_F(UnpackOverlayTest, OpaqueMarkersBecomeTheXattrWhereverTheyStand) {
  apply_overlay({dir("a"), file("a/mine", "1"), whiteout("a/.wh..wh..opq"),  // after its files
                 whiteout("b/.wh..wh..opq"), file("b/mine", "2"),            // before, no dir entry
                 dir("c")});
  EXPECT_EQ(opaque_xattr("a"), "y");
  EXPECT_EQ(opaque_xattr("b"), "y");
  EXPECT_EQ(opaque_xattr("c"), "");
  EXPECT_EQ(read_file(in_root("a/mine")), "1");  // the layer's own files stay
  EXPECT_EQ(read_file(in_root("b/mine")), "2");
}

TEST_F(UnpackOverlayTest, ALaterEntryReplacesAWhiteoutOfTheSameName) {
  apply_overlay({whiteout(".wh.x"), file("x", "back")});
  EXPECT_EQ(read_file(in_root("x")), "back");
}

TEST_F(UnpackOverlayTest, OverlayXattrsInTheTarAreDropped) {
  Entry d = dir("d");
  d.xattrs = {{"trusted.overlay.opaque", "y"}, {"trusted.overlay.redirect", "/etc"}};
  apply_overlay({d});
  EXPECT_EQ(opaque_xattr("d"), "");
}

TEST_F(UnpackOverlayTest, InvalidWhiteoutsAreRefusedAndNothingLeavesTheRoot) {
  for (const char* name : {".wh.", "d/.wh..", "d/.wh..."}) {
    try {
      apply_overlay({dir("d"), whiteout(name)});
      ADD_FAILURE() << name << " was accepted";
    } catch (const Error& e) {
      EXPECT_NE(std::string(e.what()).find("not a valid whiteout"), std::string::npos) << e.what();
    }
  }
  try {
    apply_overlay({symlink("out", outside_), whiteout("out/.wh.sentinel")});
  } catch (const Error&) {
  }
  expect_outside_untouched();
}

// ---- from a stream, while the layer downloads

class UnpackStreamTest : public UnpackTest {
 protected:
  // Feeds `bytes` into a socket from a thread while apply_layer reads the other end; returns
  // what apply_layer threw ("" if nothing) and checks that the writer got everything out.
  std::string apply_streamed(const std::string& bytes, const std::string& diff_id) {
    int fds[2];
    EXPECT_EQ(::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds), 0);
    std::size_t sent = 0;
    std::thread writer([&] {
      while (sent < bytes.size()) {
        const ssize_t n = ::send(fds[1], bytes.data() + sent, bytes.size() - sent, MSG_NOSIGNAL);
        if (n <= 0) break;
        sent += static_cast<std::size_t>(n);
      }
      ::close(fds[1]);
    });
    std::string error;
    try {
      apply_layer(fds[0], root_, "layer 1/1 sha256:abcd", diff_id, WhiteoutMode::apply);
    } catch (const Error& e) {
      error = e.what();
    }
    writer.join();
    ::close(fds[0]);
    EXPECT_EQ(sent, bytes.size()) << "the reader stopped before the end of the stream";
    return error;
  }

  std::string layer_bytes(const std::vector<Entry>& entries, Compression compression) {
    return read_file(write(entries, compression));
  }
};

TEST_F(UnpackStreamTest, UnpacksPlainGzipAndZstdStreamsAndChecksTheDiffId) {
  const std::vector<Entry> entries{dir("d"), file("d/f", std::string(300000, 'x'))};
  const std::string diff_id = sha256_digest(make_tar(entries));
  for (const auto compression : {Compression::none, Compression::gzip, Compression::zstd}) {
    fs::remove_all(root_);
    fs::create_directory(root_);
    EXPECT_EQ(apply_streamed(layer_bytes(entries, compression), diff_id), "");
    EXPECT_EQ(read_file(in_root("d/f")).size(), 300000u);
  }
}

TEST_F(UnpackStreamTest, ARefusedLayerStillReadsTheWholeStream) {
  // The refused entry comes first; a large file after it must still be consumed.
  const std::string bytes = layer_bytes(
      {file("../escape", "x"), file("big", std::string(4 << 20, 'y'))}, Compression::gzip);
  const std::string error = apply_streamed(bytes, "");
  EXPECT_NE(error.find("escape"), std::string::npos) << error;
  expect_outside_untouched();
}

TEST_F(UnpackStreamTest, AWrongDiffIdThrows) {
  const std::string error = apply_streamed(layer_bytes({file("f", "x")}, Compression::gzip),
                                           "sha256:" + std::string(64, '0'));
  EXPECT_NE(error.find("does not match the image config"), std::string::npos) << error;
}

TEST_F(UnpackStreamTest, AnEmptyOrGarbageStreamThrows) {
  EXPECT_NE(apply_streamed("", ""), "");
  EXPECT_NE(apply_streamed(std::string(100000, 'z'), ""), "");
}

// ---- security: nothing outside the root is ever created, changed, linked or deleted

TEST_F(UnpackSecurityTest, DotDotEntriesAreRefused) {
  for (const std::vector<Entry>& layer : std::vector<std::vector<Entry>>{
           {file("../evil", "x")},
           {file("ok", "fine"), file("a/../../evil", "x")},
           {dir("../evil-dir")},
           {symlink("../evil-link", "/etc/passwd")},
           {file("/../outside/sentinel", "pwned")},
       }) {
    const std::string message = refusal(layer);
    EXPECT_NE(message.find("escapes the layer"), std::string::npos) << message;
    EXPECT_TRUE(message.starts_with("layer 1/1 sha256:abcd: entry \"")) << message;
  }
  EXPECT_EQ(refusal({file("../evil", "x")}),
            "layer 1/1 sha256:abcd: entry \"../evil\" escapes the layer");
  expect_outside_untouched();
  EXPECT_FALSE(fs::exists(base_ + "/evil"));
}

TEST_F(UnpackSecurityTest, AbsoluteNamesLandInsideTheRoot) {
  apply({file("/etc/absolute", "a"), file(outside_ + "/sentinel", "pwned"), dir(outside_, 0700)});
  EXPECT_EQ(read_file(in_root("etc/absolute")), "a");
  EXPECT_EQ(read_file(in_root(outside_.substr(1) + "/sentinel")), "pwned");
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, AbsoluteSymlinksInParentsResolveInsideTheRoot) {
  apply({symlink("escape", outside_), file("escape/x", "in root"), file("escape/sentinel", "pwned"),
         dir("escape/newdir", 0700), fifo("escape/p")});
  const std::string mirrored = outside_.substr(1);  // the same path, inside the root
  EXPECT_EQ(read_file(in_root(mirrored + "/x")), "in root");
  EXPECT_EQ(read_file(in_root(mirrored + "/sentinel")), "pwned");
  EXPECT_TRUE(S_ISDIR(lstat_in_root(mirrored + "/newdir").st_mode));
  EXPECT_TRUE(S_ISLNK(lstat_in_root("escape").st_mode));
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, RelativeSymlinksCannotClimbOutOfTheRoot) {
  apply({symlink("up", "../../.."), file("up/x", "x"), dir("deep/er"),
         symlink("deep/er/up", "../../../../outside"), file("deep/er/up/sentinel", "pwned"),
         symlink("chain1", "chain2"), symlink("chain2", "/../../outside"), file("chain1/y", "y")});
  EXPECT_EQ(read_file(in_root("x")), "x");
  EXPECT_EQ(read_file(in_root("outside/sentinel")), "pwned");
  EXPECT_EQ(read_file(in_root("outside/y")), "y");
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, SymlinksInTheLastComponentAreReplacedNeverFollowed) {
  const std::string sentinel = outside_ + "/sentinel";
  apply({symlink("file-link", sentinel), symlink("dir-link", outside_),
         symlink("fifo-link", sentinel), symlink("link-link", sentinel),
         symlink("hard-link", sentinel), file("t", "t")});
  apply({file("file-link", "pwned"), dir("dir-link", 0700), fifo("fifo-link"),
         symlink("link-link", "elsewhere"), hardlink("hard-link", "t")});
  EXPECT_EQ(read_file(in_root("file-link")), "pwned");
  EXPECT_TRUE(S_ISDIR(lstat_in_root("dir-link").st_mode));
  EXPECT_TRUE(S_ISFIFO(lstat_in_root("fifo-link").st_mode));
  EXPECT_EQ(fs::read_symlink(in_root("link-link")), "elsewhere");
  EXPECT_EQ(lstat_in_root("hard-link").st_ino, lstat_in_root("t").st_ino);
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, HardLinksOutsideTheRootAreRefused) {
  std::string message = refusal({hardlink("h", "../outside/sentinel")});
  EXPECT_NE(message.find("hard link target \"../outside/sentinel\" escapes the layer"),
            std::string::npos)
      << message;
  message = refusal({hardlink("h", outside_ + "/sentinel")});
  EXPECT_NE(message.find("which is not in this layer or an earlier one"), std::string::npos)
      << message;
  message = refusal({symlink("l", outside_), hardlink("h", "l/sentinel")});
  EXPECT_NE(message.find("not in this layer"), std::string::npos) << message;
  message = refusal({dir("d"), hardlink("h", "d")});
  EXPECT_NE(message.find("cannot create hard link"), std::string::npos) << message;
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, AbsoluteHardLinkTargetsResolveInsideTheRoot) {
  const std::string target = outside_ + "/sentinel";
  apply({file(target, "copy in root"), hardlink("h", target)});
  const struct stat link = lstat_in_root("h");
  EXPECT_EQ(link.st_ino, lstat_in_root(target.substr(1)).st_ino);
  struct stat real {};
  ASSERT_EQ(::lstat(target.c_str(), &real), 0);
  EXPECT_NE(link.st_ino, real.st_ino);
  EXPECT_EQ(read_file(in_root("h")), "copy in root");
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, AFileOverAHardLinkDoesNotWriteThroughIt) {
  const std::string target = outside_ + "/sentinel";
  apply(
      {file("t", "original"), hardlink("h", "t"), file(target, "in root"), hardlink("h2", target)});
  apply({file("h", "replaced"), file("h2", "replaced too")});
  EXPECT_EQ(read_file(in_root("t")), "original");
  EXPECT_EQ(read_file(in_root("h")), "replaced");
  EXPECT_EQ(read_file(in_root(target.substr(1))), "in root");
  EXPECT_EQ(read_file(in_root("h2")), "replaced too");
  EXPECT_EQ(lstat_in_root("t").st_nlink, 1u);
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, WhiteoutsCannotReachOutside) {
  for (const char* name :
       {"../.wh.sentinel", "../outside/.wh.sentinel", "a/../../.wh.x", "../outside/.wh..wh..opq"}) {
    const std::string message = refusal({whiteout(name)});
    EXPECT_NE(message.find("escapes the layer"), std::string::npos) << name << ": " << message;
  }
  apply({symlink("abs", outside_), symlink("rel", "../outside"), symlink("up", "../../..")});
  apply({whiteout("abs/.wh.sentinel"), whiteout("rel/.wh.sentinel"), whiteout("up/.wh.outside"),
         whiteout("abs/.wh..wh..opq"), whiteout("up/outside/.wh..wh..opq"),
         whiteout(outside_ + "/.wh.sentinel")});
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, WhiteoutThroughASymlinkDeletesInsideTheRootOnly) {
  apply({file(outside_ + "/sentinel", "in root"), symlink("abs", outside_)});
  apply({whiteout("abs/.wh.sentinel")});
  EXPECT_FALSE(exists(outside_.substr(1) + "/sentinel"));
  EXPECT_TRUE(S_ISLNK(lstat_in_root("abs").st_mode));
  expect_outside_untouched();
}

TEST_F(UnpackSecurityTest, NothingIsCreatedOutsideWhenALayerIsRefusedHalfway) {
  const std::string message =
      refusal({symlink("escape", outside_), file("escape/a", "a"), file("../b", "b")});
  EXPECT_NE(message.find("escapes the layer"), std::string::npos) << message;
  expect_outside_untouched();
}

}  // namespace
}  // namespace mydocker

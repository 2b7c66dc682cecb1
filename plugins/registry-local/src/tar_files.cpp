#include "tar_files.hpp"

#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <map>
#include <vector>

#include "member_path.hpp"
#include "mydocker/errors.hpp"
#include "tar_reader.hpp"

namespace mydocker::local {

namespace {

constexpr std::size_t kChunk = 1024 * 1024;
// A hostile archive could otherwise make the index or the kept metadata exhaust memory.
constexpr std::size_t kMaxMembers = 200000;
constexpr std::size_t kMaxKeptBytes = 64 * 1024 * 1024;

// Members worth keeping in memory at scan time: the layouts' fixed metadata files, configs
// named *.json (docker save, skopeo), and OCI blobs that look like JSON (manifests, indexes,
// configs). Anything else is streamed when asked for.
bool is_metadata(const std::string& name, std::string_view head) {
  if (name == "manifest.json" || name == "index.json" || name == "oci-layout" ||
      name == "repositories") {
    return true;
  }
  if (name.ends_with(".json")) return true;
  return name.starts_with("blobs/") && head.starts_with('{');
}

std::size_t read_fully(TarReader& reader, char* buf, std::size_t size) {
  std::size_t got = 0;
  while (got < size) {
    const std::size_t n = reader.read(buf + got, size - got);
    if (n == 0) break;
    got += n;
  }
  return got;
}

}  // namespace

TarFiles::TarFiles(const std::string& path) : label_("archive " + path) { scan(path); }

void TarFiles::scan(const std::string& path) {
  // O_NONBLOCK: a FIFO put there since the caller's stat must not block the open; it is
  // refused below, and regular files ignore the flag.
  fd_.reset(::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NOCTTY | O_NONBLOCK));
  if (!fd_) throw Error(path + ": " + std::strerror(errno));
  struct stat st {};
  if (::fstat(fd_.get(), &st) != 0) throw Error(path + ": " + std::strerror(errno));
  // Fetching needs a second pass, so the archive must be a file we can read again.
  if (!S_ISREG(st.st_mode)) throw Error(path + ": not a regular file");
  if (st.st_size == 0) {
    throw Error(path + ": not a docker-archive or OCI image (the file is empty)");
  }
  try {
    TarReader reader(fd_.get(), label_);
    std::size_t position = 0;
    while (archive_entry* entry = reader.next()) {
      if (position == kMaxMembers) {
        throw Error(label_ + ": more than " + std::to_string(kMaxMembers) +
                    " members, not an image archive");
      }
      add_entry(entry, position++, reader);
    }
  } catch (const TarError& e) {
    if (!e.before_first_entry()) throw;
    throw Error(path + ": not a docker-archive or OCI image (not a tar archive)");
  }
}

void TarFiles::add_entry(archive_entry* entry, std::size_t position, TarReader& reader) {
  const char* raw = archive_entry_pathname(entry);
  if (!raw) return;
  // Members with unsafe names cannot be referred to (references are normalised the same way
  // and refused when unsafe), so they are simply left out of the index.
  auto name = normalize_member_path(raw);
  if (!name || name->empty()) return;

  Member m;
  m.data_entry = position;
  if (const char* target = archive_entry_hardlink(entry)) {
    // A tar hardlink names an earlier member; it shares that member's bytes.
    auto target_name = normalize_member_path(target);
    auto it = target_name ? members_.find(*target_name) : members_.end();
    if (it != members_.end() && it->second.kind == Member::Kind::regular) {
      m = it->second;
    } else {
      m.kind = Member::Kind::broken_hardlink;
    }
    members_[*name] = std::move(m);
    return;
  }
  switch (archive_entry_filetype(entry)) {
    case AE_IFREG:
      m.kind = Member::Kind::regular;
      break;
    case AE_IFLNK:
      m.kind = Member::Kind::symlink;
      if (const char* target = archive_entry_symlink(entry)) m.link_target = target;
      break;
    case AE_IFDIR:
      m.kind = Member::Kind::directory;
      break;
    default:
      m.kind = Member::Kind::other;
      break;
  }
  if (m.kind == Member::Kind::regular) {
    m.size = archive_entry_size(entry);
    m.head.resize(kHeadSize);
    m.head.resize(read_fully(reader, m.head.data(), kHeadSize));
    const auto size = static_cast<std::size_t>(m.size);
    if (size <= kMetadataLimit && kept_bytes_ + size <= kMaxKeptBytes &&
        is_metadata(*name, m.head)) {
      std::string content = m.head;
      content.resize(size);
      const std::size_t rest =
          read_fully(reader, content.data() + m.head.size(), size - std::min(size, m.head.size()));
      if (m.head.size() + rest != size) {
        throw Error(label_ + ": truncated or corrupt tar archive (" + *name + " is short)");
      }
      kept_bytes_ += size;
      m.content = std::move(content);
    }
  }
  members_[*name] = std::move(m);
}

const TarFiles::Member* TarFiles::find_regular(const std::string& path, std::string& why) const {
  // Classic `docker save` writes a repeated layer as a symlink to its first copy, so symlinks
  // are followed, but only through the archive's own index and never outside it.
  constexpr int kMaxHops = 16;
  std::string current = path;
  for (int hop = 0; hop <= kMaxHops; ++hop) {
    auto it = members_.find(current);
    const std::string via = current == path ? "" : " (via a symbolic link to " + current + ")";
    if (it == members_.end()) {
      why = path + " is missing" + via;
      return nullptr;
    }
    const Member& m = it->second;
    switch (m.kind) {
      case Member::Kind::regular:
        return &m;
      case Member::Kind::symlink: {
        auto next = resolve_link_target(current, m.link_target);
        if (!next) {
          why = path + " is a symbolic link to \"" + m.link_target + "\"" + via +
                ", outside the archive";
          return nullptr;
        }
        current = std::move(*next);
        continue;
      }
      case Member::Kind::broken_hardlink:
        why = path + " is a hard link to a member that is not a regular file" + via;
        return nullptr;
      default:
        why = path + " is not a regular file" + via;
        return nullptr;
    }
  }
  why = path + ": too many levels of symbolic links";
  return nullptr;
}

const TarFiles::Member& TarFiles::regular(const std::string& path) const {
  std::string why;
  const Member* m = find_regular(path, why);
  if (!m) throw Error(label_ + ": " + why);
  return *m;
}

bool TarFiles::has_file(const std::string& path) {
  std::string why;
  return find_regular(path, why) != nullptr;
}

FileInfo TarFiles::info(const std::string& path) {
  const Member& m = regular(path);
  return FileInfo{m.size, m.head};
}

std::string TarFiles::read_small(const std::string& path, std::size_t limit) {
  const Member& m = regular(path);
  if (static_cast<std::uint64_t>(m.size) > limit) {
    throw Error(label_ + ": " + path + " is larger than " + std::to_string(limit >> 20) +
                " MiB, too large for image metadata");
  }
  if (m.content) return *m.content;

  // Not kept at scan time (the memory budget ran out): one more pass for it.
  std::string out;
  struct Collect final : FileConsumer {
    explicit Collect(std::string& s) : out(s) {}
    void write(const void* data, std::size_t size) override {
      out.append(static_cast<const char*>(data), size);
    }
    void finish() override {}
    std::string& out;
  };
  read_files({path}, [&](const std::string&) { return std::make_unique<Collect>(out); });
  return out;
}

void TarFiles::read_files(const std::vector<std::string>& paths, const ConsumerFactory& open) {
  // entry position -> the paths whose bytes it holds (hardlinks can make that several)
  std::map<std::size_t, std::vector<std::string>> wanted;
  for (const auto& path : paths) {
    const Member& m = regular(path);
    if (m.content) {
      auto consumer = open(path);
      consumer->write(m.content->data(), m.content->size());
      consumer->finish();
    } else {
      wanted[m.data_entry].push_back(path);
    }
  }
  if (wanted.empty()) return;

  TarReader reader(fd_.get(), label_);
  std::vector<char> buf(kChunk);
  std::size_t position = 0;
  while (!wanted.empty()) {
    archive_entry* entry = reader.next();
    if (!entry) break;
    auto it = wanted.find(position++);
    if (it == wanted.end()) continue;
    std::vector<std::unique_ptr<FileConsumer>> consumers;
    for (const auto& path : it->second) consumers.push_back(open(path));
    for (;;) {
      const std::size_t n = reader.read(buf.data(), buf.size());
      if (n == 0) break;
      for (auto& c : consumers) c->write(buf.data(), n);
    }
    for (auto& c : consumers) c->finish();
    wanted.erase(it);
  }
  if (!wanted.empty()) {
    throw Error(label_ + ": " + wanted.begin()->second.front() +
                " was not found again; the archive changed while it was being read");
  }
}

}  // namespace mydocker::local

// The image source "dir": IMAGE is a directory holding a root filesystem, served as an image
// of one uncompressed layer. The layer is a tar of the directory, written once to an unnamed
// temporary file when the reference is resolved; the manifest and config are made up around
// it. The core verifies every blob as usual and unpacks the layer like any other.
#include <archive.h>
#include <archive_entry.h>
#include <fcntl.h>
#include <sys/stat.h>
#include <sys/utsname.h>
#include <unistd.h>

#include <cstdio>
#include <nlohmann/json.hpp>
#include <string>

#include "mydocker/plugin.hpp"
#include "mydocker/sha256.hpp"
#include "mydocker/unique_fd.hpp"

namespace {

using mydocker::Descriptor;
using mydocker::Error;
using mydocker::UniqueFd;

constexpr const char* kLayerType = "application/vnd.oci.image.layer.v1.tar";
constexpr const char* kConfigType = "application/vnd.oci.image.config.v1+json";
constexpr const char* kManifestType = "application/vnd.oci.image.manifest.v1+json";

std::string oci_architecture() {
  struct utsname u {};
  ::uname(&u);
  const std::string machine = u.machine;
  if (machine == "x86_64") return "amd64";
  if (machine == "aarch64") return "arm64";
  return machine;
}

struct ArchiveFree {
  void operator()(archive* a) const { archive_free(a); }
};
using ArchivePtr = std::unique_ptr<archive, ArchiveFree>;

// Writes a tar of `dir` (names relative to it, symlinks not followed) to `fd`.
// Tarring a big directory takes a while: stop when the user interrupts mydocker.
void write_layer(const std::string& dir, int fd, const mydocker::IHost& host) {
  ArchivePtr disk(archive_read_disk_new());
  ArchivePtr tar(archive_write_new());
  archive_read_disk_set_standard_lookup(disk.get());
  archive_read_disk_set_symlink_physical(disk.get());
  archive_write_set_format_pax_restricted(tar.get());
  archive_write_set_bytes_in_last_block(tar.get(), 1);
  if (archive_read_disk_open(disk.get(), dir.c_str()) != ARCHIVE_OK ||
      archive_write_open_fd(tar.get(), fd) != ARCHIVE_OK) {
    throw Error("dir: cannot read " + dir + ": " + archive_error_string(disk.get()));
  }
  archive_entry* entry = archive_entry_new();
  while (archive_read_next_header2(disk.get(), entry) == ARCHIVE_OK) {
    if (host.cancelled()) throw Error("dir: interrupted");
    archive_read_disk_descend(disk.get());
    const std::string path = archive_entry_pathname(entry);
    if (path == dir) {
      archive_entry_clear(entry);
      continue;  // the root itself
    }
    archive_entry_set_pathname(entry, path.substr(dir.size() + 1).c_str());
    if (archive_write_header(tar.get(), entry) != ARCHIVE_OK) {
      throw Error("dir: cannot add " + path + ": " + archive_error_string(tar.get()));
    }
    if (archive_entry_filetype(entry) == AE_IFREG && archive_entry_size(entry) > 0) {
      UniqueFd in(::open(archive_entry_sourcepath(entry), O_RDONLY | O_CLOEXEC | O_NOFOLLOW));
      if (!in) throw Error("dir: cannot read " + path);
      char buf[65536];
      for (ssize_t n; (n = ::read(in.get(), buf, sizeof buf)) > 0;) {
        archive_write_data(tar.get(), buf, static_cast<std::size_t>(n));
      }
    }
    archive_entry_clear(entry);
  }
  archive_entry_free(entry);
  if (archive_write_close(tar.get()) != ARCHIVE_OK) throw Error("dir: cannot write the layer");
}

std::string file_digest(int fd, std::int64_t& size) {
  mydocker::Sha256 hash;
  size = 0;
  char buf[65536];
  for (ssize_t n; (n = ::pread(fd, buf, sizeof buf, size)) > 0; size += n) {
    hash.update(buf, static_cast<std::size_t>(n));
  }
  return hash.finish();
}

Descriptor describe(const char* media_type, const std::string& digest, std::int64_t size) {
  Descriptor d;
  d.media_type = media_type;
  d.digest = digest;
  d.size = size;
  return d;
}

class DirImage : public mydocker::IResolvedImage {
 public:
  DirImage(const std::string& dir, const mydocker::IHost& host) : dir_(dir) {
    layer_.reset(::open("/tmp", O_TMPFILE | O_RDWR | O_CLOEXEC, 0600));
    if (!layer_) throw Error("dir: cannot create a temporary file");
    write_layer(dir_, layer_.get(), host);
    std::int64_t layer_size = 0;
    const std::string layer_digest = file_digest(layer_.get(), layer_size);
    layer_desc_ = describe(kLayerType, layer_digest, layer_size);

    config_ = nlohmann::json{{"architecture", oci_architecture()},
                             {"os", "linux"},
                             {"config", nlohmann::json::object()},
                             {"rootfs", {{"type", "layers"}, {"diff_ids", {layer_digest}}}}}
                  .dump();
    config_desc_ = describe(kConfigType, mydocker::sha256_digest(config_),
                            static_cast<std::int64_t>(config_.size()));
    const auto as_json = [](const Descriptor& d) {
      return nlohmann::json{{"mediaType", d.media_type}, {"digest", d.digest}, {"size", d.size}};
    };
    manifest_ = nlohmann::json{{"schemaVersion", 2},
                               {"mediaType", kManifestType},
                               {"config", as_json(config_desc_)},
                               {"layers", {as_json(layer_desc_)}}}
                    .dump();
    manifest_desc_ = describe(kManifestType, mydocker::sha256_digest(manifest_),
                              static_cast<std::int64_t>(manifest_.size()));
  }

  std::string name() const override { return ""; }
  Descriptor root() const override { return manifest_desc_; }

  void fetch(const std::vector<Descriptor>& blobs, mydocker::IBlobSink& sink) override {
    for (const auto& blob : blobs) {
      auto writer = sink.open(blob);
      if (blob.digest == manifest_desc_.digest) {
        writer->write(manifest_.data(), manifest_.size());
      } else if (blob.digest == config_desc_.digest) {
        writer->write(config_.data(), config_.size());
      } else if (blob.digest == layer_desc_.digest) {
        char buf[65536];
        off_t at = 0;
        for (ssize_t n; (n = ::pread(layer_.get(), buf, sizeof buf, at)) > 0; at += n) {
          writer->write(buf, static_cast<std::size_t>(n));
        }
      } else {
        throw Error("dir: " + dir_ + " has no blob " + blob.digest);
      }
      writer->commit();
    }
  }

 private:
  std::string dir_;
  UniqueFd layer_;
  std::string config_, manifest_;
  Descriptor layer_desc_, config_desc_, manifest_desc_;
};

class DirSource : public mydocker::IImageSource {
 public:
  explicit DirSource(const mydocker::IHost& host) : host_(host) {}

  std::unique_ptr<mydocker::IResolvedImage> resolve(
      const mydocker::ImageRequest& request) override {
    std::string dir = request.reference;
    while (dir.size() > 1 && dir.back() == '/') dir.pop_back();
    struct stat st {};
    if (::stat(dir.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) {
      throw Error("dir: " + request.reference + " is not a directory");
    }
    return std::make_unique<DirImage>(dir, host_);
  }

 private:
  const mydocker::IHost& host_;
};

}  // namespace

MYDOCKER_SOURCE_PLUGIN("dir", "1.0", [](mydocker::IHost& host) -> mydocker::IImageSource* {
  return new DirSource(host);
});

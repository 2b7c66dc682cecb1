// Helpers for the local source's tests: temp dirs, tiny archives written with libarchive, an
// IBlobSink that verifies what it receives, and builders for each image format.
#pragma once

#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "mydocker/host.hpp"
#include "mydocker/image_source.hpp"

namespace mydocker::local::test {

std::string sha256_of(const std::string& bytes);
Descriptor desc(std::string media_type, std::string digest, std::int64_t size);
std::string hex_of(const std::string& digest);  // "sha256:ab.." -> "ab.."

class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  const std::filesystem::path& path() const { return path_; }
  std::string operator/(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

void write_file(const std::string& path, const std::string& bytes);

// One member of an archive or file of a layout directory.
struct Entry {
  enum class Kind { file, dir, symlink, hardlink };
  std::string name;
  std::string bytes;   // file content
  std::string target;  // symlink or hardlink target
  Kind kind = Kind::file;
};
using Entries = std::vector<Entry>;

Entry file(std::string name, std::string bytes);
Entry symlink(std::string name, std::string target);
Entry hardlink(std::string name, std::string target);

// A tar of entries; gzip compresses the whole archive.
std::string tar_bytes(const Entries& entries, bool gzip = false);
void write_tar(const std::string& path, const Entries& entries, bool gzip = false);
// Writes entries as files under dir (symlinks as symlinks; hardlinks as hard links).
void write_dir(const std::string& dir, const Entries& entries);

// A small image: its layers (tar bytes, maybe gzip) and a config listing their diff_ids.
struct TestImage {
  std::vector<std::string> layers;
  std::vector<std::string> diff_ids;
  std::string config;
  std::string tag;  // RepoTag for docker-archive, ref name for OCI
};
// marker names the image: it ends up in /etc/image-name of its last layer.
TestImage make_image(const std::string& marker, const std::string& tag, bool gzip_layers = false,
                     std::size_t layer_count = 2);

enum class DockerLayout { classic, skopeo, docker25 };
Entries docker_archive(const std::vector<TestImage>& images, DockerLayout layout);

struct OciManifest {
  std::string bytes;
  std::string digest;
};
OciManifest oci_manifest(const TestImage& image);
// An OCI layout; each image gets an index.json entry with its tag as ref name (none if empty).
Entries oci_layout(const std::vector<TestImage>& images,
                   const std::map<std::string, std::string>& extra_annotations = {});

// Records every blob; commit() checks size and digest like the core's store does.
class RecordingSink final : public IBlobSink {
 public:
  std::unique_ptr<IBlobWriter> open(const Descriptor& blob) override;
  std::map<std::string, std::string> blobs;  // digest -> bytes, committed only
  int opened = 0;
};

class TestHost final : public IHost {
 public:
  void log(LogLevel, std::string_view message) override { logs.emplace_back(message); }
  const std::map<std::string, std::string>& options() const override { return options_; }
  bool cancelled() const override { return false; }
  std::vector<std::string> logs;

 private:
  std::map<std::string, std::string> options_;
};

// source.resolve() with a plain reference, as the core passes a local path.
std::unique_ptr<IResolvedImage> resolve(IImageSource& source, const std::string& reference);

// What the core does with a source: resolve, fetch the root, pick the first manifest of an
// index, then fetch the config and layers in one call.
struct Pulled {
  std::string name;
  Descriptor root;
  std::string manifest;
  std::string config;
  std::vector<std::string> layers;
  std::vector<std::string> layer_media_types;
  int fetch_calls = 0;
};
Pulled pull(IImageSource& source, const std::string& reference);

// Runs f and returns the mydocker::Error message it threw, or "" when it threw nothing.
template <typename F>
std::string error_of(F&& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return {};
}

}  // namespace mydocker::local::test

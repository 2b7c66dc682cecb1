// docker-archive and OCI archive tarballs (`mydocker load`, `run docker-archive:...`): the local
// source scans the tar, reads manifest.json or oci-layout and index.json, and serves blobs by
// member path or digest. The input is the archive; it is resolved as the core does it, then
// walked like a pull: root, the first manifest of an index, config and layers.
#include <sys/mman.h>
#include <unistd.h>

#include <map>
#include <memory>
#include <string>

#include "fuzz_input.hpp"
#include "image/image_model.hpp"
#include "local_source.hpp"
#include "mydocker/unique_fd.hpp"
#include "quiet_host.hpp"
#include "tar_mutator.hpp"

namespace {

using namespace mydocker;

using fuzz::QuietHost;

// Keeps what it is sent without verifying it: the digests in a mutated archive rarely match,
// and the walk should go on regardless (the core's store would refuse such a blob; the parsers
// behind it have fuzz targets of their own).
class KeepingSink final : public IBlobSink {
 public:
  std::unique_ptr<IBlobWriter> open(const Descriptor& blob) override {
    return std::make_unique<Writer>(blobs[blob.digest]);
  }
  std::map<std::string, std::string> blobs;

 private:
  class Writer final : public IBlobWriter {
   public:
    explicit Writer(std::string& out) : out_(out) { out_.clear(); }
    void write(const void* data, std::size_t size) override {
      out_.append(static_cast<const char*>(data), size);
    }
    std::size_t written() const override { return out_.size(); }
    void commit() override {}

   private:
    std::string& out_;
  };
};

std::string fetch_one(IResolvedImage& image, const Descriptor& blob) {
  KeepingSink sink;
  image.fetch({blob}, sink);
  return sink.blobs[blob.digest];
}

void pull(IImageSource& source, const std::string& reference) {
  ImageRequest request;
  request.reference = reference;
  const auto image = source.resolve(request);
  Descriptor root = image->root();
  std::string manifest_bytes = fetch_one(*image, root);
  if (is_index_media_type(root.media_type)) {
    const ImageIndex index = parse_index(manifest_bytes, "index");
    if (index.manifests.empty()) return;
    root = index.manifests.front().descriptor;
    manifest_bytes = fetch_one(*image, root);
  }
  const ImageManifest manifest = parse_manifest(manifest_bytes, "manifest");
  std::vector<Descriptor> blobs = manifest.layers;
  blobs.push_back(manifest.config);
  KeepingSink sink;
  image->fetch(blobs, sink);
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  // The archive lives in a memfd, named by its /proc/self/fd path like any file.
  static const UniqueFd archive(::memfd_create("fuzz-archive.tar", MFD_CLOEXEC));
  static const std::string path = "/proc/self/fd/" + std::to_string(archive.get());
  fuzz::require(archive && ::ftruncate(archive.get(), 0) == 0, "memfd usable");
  fuzz::require(::pwrite(archive.get(), data, size, 0) == static_cast<ssize_t>(size),
                "archive written");

  QuietHost host;
  local::LocalSource source(host);
  fuzz::refused_is_fine([&] { pull(source, path); });
  fuzz::refused_is_fine([&] {
    ImageRequest request;
    request.reference = path;
    source.list(request);
  });
  fuzz::refused_is_fine([&] { pull(source, "oci-archive:" + path); });
  return 0;
}

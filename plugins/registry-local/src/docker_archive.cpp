#include "docker_archive.hpp"

#include <map>
#include <optional>

#include "docker_manifest.hpp"
#include "json_util.hpp"
#include "layer_media.hpp"
#include "local_image.hpp"
#include "mydocker/digest.hpp"
#include "mydocker/errors.hpp"
#include "mydocker/sha256.hpp"
#include "synthesized_manifest.hpp"

namespace mydocker::local {

namespace {

// rootfs.diff_ids of an image config, or {} when it has none usable: they only save hashing.
std::vector<std::string> diff_ids(const std::string& config, const std::string& what) {
  const nlohmann::json doc = parse_json(config, what);
  if (!doc.is_object()) throw Error(what + " is not a JSON object");
  auto rootfs = doc.find("rootfs");
  if (rootfs == doc.end() || !rootfs->is_object()) return {};
  auto ids = rootfs->find("diff_ids");
  if (ids == rootfs->end() || !ids->is_array()) return {};
  std::vector<std::string> out;
  for (const auto& id : *ids) out.push_back(id.is_string() ? id.get<std::string>() : "");
  return out;
}

// Docker 25+ stores blobs as blobs/sha256/<hex>: the name is a digest claim.
std::optional<std::string> digest_from_blob_path(const std::string& path) {
  constexpr std::string_view prefix = "blobs/sha256/";
  if (!path.starts_with(prefix)) return std::nullopt;
  std::string digest = "sha256:" + path.substr(prefix.size());
  if (!is_valid_digest(digest)) return std::nullopt;
  return digest;
}

Descriptor descriptor(std::string media_type, std::string digest, std::int64_t size) {
  Descriptor d;
  d.media_type = std::move(media_type);
  d.digest = std::move(digest);
  d.size = size;
  return d;
}

class HashConsumer final : public FileConsumer {
 public:
  explicit HashConsumer(std::string& out) : out_(out) {}
  void write(const void* data, std::size_t size) override { hash_.update(data, size); }
  void finish() override { out_ = hash_.finish(); }

 private:
  Sha256 hash_;
  std::string& out_;
};

}  // namespace

std::unique_ptr<IResolvedImage> open_docker_archive(std::shared_ptr<LayoutFiles> files,
                                                    const LocalReference& ref,
                                                    const std::string& reference_prefix,
                                                    IHost& host) {
  const std::string& label = files->label();
  const auto images =
      parse_docker_manifest(files->read_small("manifest.json", kMetadataLimit), label);
  const DockerChoice choice = choose_docker_image(images, ref.selector, reference_prefix, label);
  const DockerArchiveImage& image = images[choice.index];

  std::string config = files->read_small(image.config, kMetadataLimit);
  const Descriptor config_desc = descriptor(media_type::kOciConfig, sha256_digest(config),
                                            static_cast<std::int64_t>(config.size()));
  const auto ids = diff_ids(config, label + ": " + image.config);

  // The sink verifies every digest when the bytes arrive, so a claimed digest (a diff_id of an
  // uncompressed layer, a content-addressed file name) is safe to use; only the rest is hashed,
  // all in one pass over the archive.
  std::vector<Descriptor> layers;
  std::map<std::string, std::string> hashed;  // path -> digest, for the layers to hash
  for (std::size_t i = 0; i < image.layers.size(); ++i) {
    const std::string& path = image.layers[i];
    const FileInfo info = files->info(path);
    const LayerKind kind = sniff_layer(info.head);
    Descriptor layer = descriptor(kind.media_type, {}, info.size);
    if (kind.plain_tar && i < ids.size() && is_valid_digest(ids[i])) {
      layer.digest = ids[i];
    } else if (auto claimed = digest_from_blob_path(path)) {
      layer.digest = *claimed;
    } else {
      hashed.emplace(path, std::string());
    }
    layers.push_back(std::move(layer));
  }
  if (!hashed.empty()) {
    host.log(LogLevel::debug, label + ": hashing " + std::to_string(hashed.size()) + " layer(s)");
    std::vector<std::string> paths;
    for (const auto& [path, digest] : hashed) paths.push_back(path);
    files->read_files(paths, [&](const std::string& path) {
      return std::make_unique<HashConsumer>(hashed.at(path));
    });
    for (std::size_t i = 0; i < layers.size(); ++i) {
      if (layers[i].digest.empty()) layers[i].digest = hashed.at(image.layers[i]);
    }
  }

  std::string manifest = synthesize_manifest(config_desc, layers);
  const Descriptor root = descriptor(media_type::kOciManifest, sha256_digest(manifest),
                                     static_cast<std::int64_t>(manifest.size()));
  host.log(LogLevel::debug,
           label + ": image " + (choice.name.empty() ? "(untagged)" : choice.name) + ", " +
               std::to_string(layers.size()) + " layer(s), manifest " + root.digest);

  auto resolved = std::make_unique<LocalImage>(files, choice.name, root);
  resolved->add_memory_blob(root.digest, std::move(manifest));
  resolved->add_memory_blob(config_desc.digest, std::move(config));
  for (std::size_t i = 0; i < layers.size(); ++i) {
    resolved->add_file_blob(layers[i].digest, image.layers[i]);
  }
  return resolved;
}

}  // namespace mydocker::local

#include "test_support.hpp"

#include <archive.h>
#include <archive_entry.h>
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <set>
#include <stdexcept>

#include "mydocker/errors.hpp"
#include "mydocker/sha256.hpp"
#include "mydocker/types.hpp"

namespace mydocker::local::test {

namespace fs = std::filesystem;
using nlohmann::json;

std::string sha256_of(const std::string& bytes) { return sha256_digest(bytes); }

Descriptor desc(std::string media_type, std::string digest, std::int64_t size) {
  Descriptor d;
  d.media_type = std::move(media_type);
  d.digest = std::move(digest);
  d.size = size;
  return d;
}

std::string hex_of(const std::string& digest) { return digest.substr(7); }

TempDir::TempDir() {
  std::string tmpl = (fs::temp_directory_path() / "registry-local-test.XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) throw std::runtime_error("mkdtemp failed");
  path_ = tmpl;
}

TempDir::~TempDir() {
  std::error_code ec;
  fs::remove_all(path_, ec);
}

void write_file(const std::string& path, const std::string& bytes) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
  if (!out) throw std::runtime_error("cannot write " + path);
}

Entry file(std::string name, std::string bytes) {
  return Entry{std::move(name), std::move(bytes), {}, Entry::Kind::file};
}
Entry symlink(std::string name, std::string target) {
  return Entry{std::move(name), {}, std::move(target), Entry::Kind::symlink};
}
Entry hardlink(std::string name, std::string target) {
  return Entry{std::move(name), {}, std::move(target), Entry::Kind::hardlink};
}

namespace {

struct ArchiveWriteFree {
  void operator()(archive* a) const noexcept { archive_write_free(a); }
};
struct EntryFree {
  void operator()(archive_entry* e) const noexcept { archive_entry_free(e); }
};

la_ssize_t append(archive*, void* out, const void* buf, size_t size) {
  static_cast<std::string*>(out)->append(static_cast<const char*>(buf), size);
  return static_cast<la_ssize_t>(size);
}

void check(archive* a, int r) {
  if (r != ARCHIVE_OK) throw std::runtime_error(archive_error_string(a));
}

}  // namespace

std::string tar_bytes(const Entries& entries, bool gzip) {
  std::string out;
  std::unique_ptr<archive, ArchiveWriteFree> a(archive_write_new());
  check(a.get(), archive_write_set_format_pax_restricted(a.get()));
  if (gzip) check(a.get(), archive_write_add_filter_gzip(a.get()));
  check(a.get(), archive_write_open(a.get(), &out, nullptr, append, nullptr));
  for (const auto& e : entries) {
    std::unique_ptr<archive_entry, EntryFree> entry(archive_entry_new());
    archive_entry_set_pathname(entry.get(), e.name.c_str());
    archive_entry_set_perm(entry.get(), 0644);
    switch (e.kind) {
      case Entry::Kind::file:
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_size(entry.get(), static_cast<la_int64_t>(e.bytes.size()));
        break;
      case Entry::Kind::dir:
        archive_entry_set_filetype(entry.get(), AE_IFDIR);
        archive_entry_set_perm(entry.get(), 0755);
        break;
      case Entry::Kind::symlink:
        archive_entry_set_filetype(entry.get(), AE_IFLNK);
        archive_entry_set_symlink(entry.get(), e.target.c_str());
        break;
      case Entry::Kind::hardlink:
        archive_entry_set_filetype(entry.get(), AE_IFREG);
        archive_entry_set_hardlink(entry.get(), e.target.c_str());
        archive_entry_set_size(entry.get(), 0);
        break;
    }
    check(a.get(), archive_write_header(a.get(), entry.get()));
    if (e.kind == Entry::Kind::file && !e.bytes.empty()) {
      if (archive_write_data(a.get(), e.bytes.data(), e.bytes.size()) !=
          static_cast<la_ssize_t>(e.bytes.size())) {
        throw std::runtime_error(archive_error_string(a.get()));
      }
    }
  }
  check(a.get(), archive_write_close(a.get()));
  return out;
}

void write_tar(const std::string& path, const Entries& entries, bool gzip) {
  write_file(path, tar_bytes(entries, gzip));
}

void write_dir(const std::string& dir, const Entries& entries) {
  for (const auto& e : entries) {
    const fs::path p = fs::path(dir) / e.name;
    fs::create_directories(p.parent_path());
    switch (e.kind) {
      case Entry::Kind::file:
        write_file(p.string(), e.bytes);
        break;
      case Entry::Kind::dir:
        fs::create_directories(p);
        break;
      case Entry::Kind::symlink:
        fs::create_symlink(e.target, p);
        break;
      case Entry::Kind::hardlink:
        fs::create_hard_link(fs::path(dir) / e.target, p);
        break;
    }
  }
}

TestImage make_image(const std::string& marker, const std::string& tag, bool gzip_layers,
                     std::size_t layer_count) {
  TestImage image;
  image.tag = tag;
  for (std::size_t i = 0; i < layer_count; ++i) {
    Entries files{
        file("layer" + std::to_string(i) + "/" + marker, marker + " layer " + std::to_string(i))};
    if (i + 1 == layer_count) files.push_back(file("etc/image-name", marker + "\n"));
    const std::string tar = tar_bytes(files);
    image.diff_ids.push_back(sha256_of(tar));
    image.layers.push_back(gzip_layers ? tar_bytes(files, true) : tar);
  }
  json config = {{"architecture", "amd64"},
                 {"os", "linux"},
                 {"config", {{"Cmd", {"/bin/sh"}}, {"Labels", {{"marker", marker}}}}},
                 {"rootfs", {{"type", "layers"}, {"diff_ids", image.diff_ids}}}};
  image.config = config.dump();
  return image;
}

namespace {

// Adds e unless an entry of that name is there already (images may share layers).
void add(Entries& entries, std::set<std::string>& names, Entry e) {
  if (names.insert(e.name).second) entries.push_back(std::move(e));
}

bool is_gzip(const std::string& bytes) {
  return bytes.size() >= 2 && bytes[0] == '\x1f' && bytes[1] == '\x8b';
}

json descriptor(const char* media_type, const std::string& bytes) {
  return {{"mediaType", media_type},
          {"digest", sha256_of(bytes)},
          {"size", static_cast<std::int64_t>(bytes.size())}};
}

}  // namespace

OciManifest oci_manifest(const TestImage& image) {
  json m = {{"schemaVersion", 2},
            {"mediaType", media_type::kOciManifest},
            {"config", descriptor(media_type::kOciConfig, image.config)},
            {"layers", json::array()}};
  for (const auto& layer : image.layers) {
    m["layers"].push_back(
        descriptor(is_gzip(layer) ? media_type::kOciLayerGzip : media_type::kOciLayer, layer));
  }
  OciManifest out{m.dump(), {}};
  out.digest = sha256_of(out.bytes);
  return out;
}

Entries oci_layout(const std::vector<TestImage>& images,
                   const std::map<std::string, std::string>& extra_annotations) {
  Entries entries;
  std::set<std::string> names;
  json index = {
      {"schemaVersion", 2}, {"mediaType", media_type::kOciIndex}, {"manifests", json::array()}};
  for (const auto& image : images) {
    for (const auto& layer : image.layers) {
      add(entries, names, file("blobs/sha256/" + hex_of(sha256_of(layer)), layer));
    }
    add(entries, names, file("blobs/sha256/" + hex_of(sha256_of(image.config)), image.config));
    const OciManifest m = oci_manifest(image);
    add(entries, names, file("blobs/sha256/" + hex_of(m.digest), m.bytes));
    json entry = descriptor(media_type::kOciManifest, m.bytes);
    json annotations = json::object();
    if (!image.tag.empty()) annotations["org.opencontainers.image.ref.name"] = image.tag;
    for (const auto& [k, v] : extra_annotations) annotations[k] = v;
    if (!annotations.empty()) entry["annotations"] = annotations;
    index["manifests"].push_back(entry);
  }
  entries.push_back(file("index.json", index.dump()));
  entries.push_back(file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
  return entries;
}

Entries docker_archive(const std::vector<TestImage>& images, DockerLayout layout) {
  Entries entries;
  std::set<std::string> names;
  json manifest = json::array();
  json index = {{"schemaVersion", 2}, {"manifests", json::array()}};
  for (const auto& image : images) {
    json item = {{"Layers", json::array()}};
    item["RepoTags"] = image.tag.empty() ? json(nullptr) : json::array({image.tag});
    for (std::size_t i = 0; i < image.layers.size(); ++i) {
      const std::string& layer = image.layers[i];
      std::string path;
      switch (layout) {
        case DockerLayout::classic: {
          const std::string id = hex_of(sha256_of(image.diff_ids[i] + "/" + std::to_string(i)));
          add(entries, names, Entry{id, {}, {}, Entry::Kind::dir});
          add(entries, names, file(id + "/VERSION", "1.0"));
          add(entries, names, file(id + "/json", R"({"id":")" + id + R"("})"));
          path = id + "/layer.tar";
          break;
        }
        case DockerLayout::skopeo:
          path = hex_of(sha256_of(layer)) + ".tar";
          break;
        case DockerLayout::docker25:
          path = "blobs/sha256/" + hex_of(sha256_of(layer));
          break;
      }
      add(entries, names, file(path, layer));
      item["Layers"].push_back(path);
    }
    const std::string config_hex = hex_of(sha256_of(image.config));
    const std::string config_path =
        layout == DockerLayout::docker25 ? "blobs/sha256/" + config_hex : config_hex + ".json";
    add(entries, names, file(config_path, image.config));
    item["Config"] = config_path;
    manifest.push_back(item);
    if (layout == DockerLayout::docker25) {
      const OciManifest m = oci_manifest(image);
      add(entries, names, file("blobs/sha256/" + hex_of(m.digest), m.bytes));
      json entry = descriptor(media_type::kOciManifest, m.bytes);
      entry["annotations"] = {{"io.containerd.image.name", "docker.io/library/" + image.tag},
                              {"org.opencontainers.image.ref.name", "latest"}};
      index["manifests"].push_back(entry);
    }
  }
  if (layout == DockerLayout::docker25) {
    entries.push_back(file("index.json", index.dump()));
    entries.push_back(file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
  }
  entries.push_back(file("manifest.json", manifest.dump()));
  if (layout == DockerLayout::classic) entries.push_back(file("repositories", "{}"));
  return entries;
}

namespace {

class RecordingWriter final : public IBlobWriter {
 public:
  RecordingWriter(RecordingSink& sink, Descriptor desc) : sink_(sink), desc_(std::move(desc)) {}
  void write(const void* data, std::size_t size) override {
    bytes_.append(static_cast<const char*>(data), size);
  }
  std::size_t written() const override { return bytes_.size(); }
  void commit() override {
    if (desc_.size >= 0 && static_cast<std::size_t>(desc_.size) != bytes_.size()) {
      throw Error("blob " + desc_.digest + ": size " + std::to_string(bytes_.size()) +
                  ", expected " + std::to_string(desc_.size));
    }
    if (sha256_of(bytes_) != desc_.digest) {
      throw Error("blob " + desc_.digest + ": digest mismatch (got " + sha256_of(bytes_) + ")");
    }
    sink_.blobs[desc_.digest] = bytes_;
  }

 private:
  RecordingSink& sink_;
  Descriptor desc_;
  std::string bytes_;
};

Descriptor descriptor_from(const json& j) {
  Descriptor d;
  d.media_type = j.value("mediaType", "");
  d.digest = j.at("digest").get<std::string>();
  d.size = j.at("size").get<std::int64_t>();
  return d;
}

}  // namespace

std::unique_ptr<IBlobWriter> RecordingSink::open(const Descriptor& blob) {
  ++opened;
  return std::make_unique<RecordingWriter>(*this, blob);
}

std::unique_ptr<IResolvedImage> resolve(IImageSource& source, const std::string& reference) {
  ImageRequest request;
  request.reference = reference;
  return source.resolve(request);
}

Pulled pull(IImageSource& source, const std::string& reference) {
  auto image = resolve(source, reference);
  RecordingSink sink;
  Pulled p;
  p.name = image->name();
  p.root = image->root();
  image->fetch({p.root}, sink);
  ++p.fetch_calls;
  json doc = json::parse(sink.blobs.at(p.root.digest));
  std::string manifest_digest = p.root.digest;
  if (doc.value("mediaType", "") == media_type::kOciIndex) {
    const Descriptor chosen = descriptor_from(doc.at("manifests").at(0));
    image->fetch({chosen}, sink);
    ++p.fetch_calls;
    manifest_digest = chosen.digest;
    doc = json::parse(sink.blobs.at(chosen.digest));
  }
  p.manifest = sink.blobs.at(manifest_digest);
  std::vector<Descriptor> blobs{descriptor_from(doc.at("config"))};
  for (const auto& layer : doc.at("layers")) {
    blobs.push_back(descriptor_from(layer));
    p.layer_media_types.push_back(blobs.back().media_type);
  }
  image->fetch(blobs, sink);
  ++p.fetch_calls;
  p.config = sink.blobs.at(blobs[0].digest);
  for (std::size_t i = 1; i < blobs.size(); ++i) p.layers.push_back(sink.blobs.at(blobs[i].digest));
  return p;
}

}  // namespace mydocker::local::test

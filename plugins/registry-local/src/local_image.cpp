#include "local_image.hpp"

#include <set>

#include "mydocker/digest.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::local {

namespace {

// Streams one file into the writers of every descriptor it provides.
class BlobConsumer final : public FileConsumer {
 public:
  BlobConsumer(IBlobSink& sink, const std::vector<const Descriptor*>& blobs) {
    for (const Descriptor* d : blobs) writers_.push_back(sink.open(*d));
  }
  void write(const void* data, std::size_t size) override {
    for (auto& w : writers_) w->write(data, size);
  }
  void finish() override {
    for (auto& w : writers_) w->commit();
  }

 private:
  std::vector<std::unique_ptr<IBlobWriter>> writers_;
};

}  // namespace

LocalImage::LocalImage(std::shared_ptr<LayoutFiles> files, std::string name, Descriptor root)
    : files_(std::move(files)), name_(std::move(name)), root_(std::move(root)) {}

void LocalImage::add_memory_blob(const std::string& digest, std::string bytes) {
  memory_blobs_.emplace(digest, std::move(bytes));
}

void LocalImage::add_file_blob(const std::string& digest, std::string path) {
  file_blobs_.emplace(digest, std::move(path));
}

std::string LocalImage::file_for(const std::string& digest) const {
  if (auto it = file_blobs_.find(digest); it != file_blobs_.end()) return it->second;
  // The digest becomes a file name: only the strict form may reach the file system.
  if (content_addressed_ && is_valid_digest(digest)) {
    return "blobs/sha256/" + std::string(digest_hex(digest));
  }
  throw Error(files_->label() + " holds no blob " + digest);
}

void LocalImage::fetch(const std::vector<Descriptor>& blobs, IBlobSink& sink) {
  std::lock_guard lock(fetch_mutex_);
  std::set<std::string> seen;
  std::map<std::string, std::vector<const Descriptor*>> by_file;
  std::vector<std::string> files;
  for (const auto& blob : blobs) {
    if (!seen.insert(blob.digest).second) continue;
    if (auto it = memory_blobs_.find(blob.digest); it != memory_blobs_.end()) {
      auto writer = sink.open(blob);
      writer->write(it->second.data(), it->second.size());
      writer->commit();
      continue;
    }
    const std::string path = file_for(blob.digest);
    auto& for_file = by_file[path];
    if (for_file.empty()) files.push_back(path);
    for_file.push_back(&blob);
  }
  if (files.empty()) return;
  files_->read_files(files, [&](const std::string& path) -> std::unique_ptr<FileConsumer> {
    return std::make_unique<BlobConsumer>(sink, by_file.at(path));
  });
}

}  // namespace mydocker::local

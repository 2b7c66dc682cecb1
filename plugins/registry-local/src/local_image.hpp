// A resolved local image: its name, its root descriptor and where each of its blobs lives,
// either in memory (a synthesised manifest, a config already read) or in a file of the layout.
#pragma once

#include <map>
#include <memory>
#include <mutex>
#include <string>

#include "layout_files.hpp"
#include "mydocker/image_source.hpp"

namespace mydocker::local {

class LocalImage final : public IResolvedImage {
 public:
  LocalImage(std::shared_ptr<LayoutFiles> files, std::string name, Descriptor root);

  void add_memory_blob(const std::string& digest, std::string bytes);
  void add_file_blob(const std::string& digest, std::string path);
  // Serve any other valid digest from blobs/<alg>/<hex>, as OCI layouts store them.
  void serve_content_addressed() { content_addressed_ = true; }

  std::string name() const override { return name_; }
  Descriptor root() const override { return root_; }
  void fetch(const std::vector<Descriptor>& blobs, IBlobSink& sink) override;

 private:
  std::string file_for(const std::string& digest) const;

  std::shared_ptr<LayoutFiles> files_;
  std::string name_;
  Descriptor root_;
  std::map<std::string, std::string> memory_blobs_;
  std::map<std::string, std::string> file_blobs_;
  bool content_addressed_ = false;
  // An archive is read through one file offset, so fetches take turns.
  std::mutex fetch_mutex_;
};

}  // namespace mydocker::local

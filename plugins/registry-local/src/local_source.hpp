// The "local" image source: images in files on this machine, named by skopeo-style references.
#pragma once

#include "mydocker/host.hpp"
#include "mydocker/image_source.hpp"

namespace mydocker::local {

class LocalSource final : public IImageSource {
 public:
  explicit LocalSource(IHost& host) : host_(host) {}
  // Only request.reference is used: local references are paths, not registry names.
  std::unique_ptr<IResolvedImage> resolve(const ImageRequest& request) override;
  // One reference per image in the archive or layout: docker-archive:PATH:NAME:TAG for each
  // RepoTag (:@INDEX when untagged), oci:DIR:TAG (or :DIGEST) for each index entry.
  std::vector<std::string> list(const ImageRequest& request) override;

 private:
  IHost& host_;
};

}  // namespace mydocker::local

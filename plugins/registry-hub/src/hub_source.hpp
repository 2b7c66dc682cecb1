// The `hub` image source: registry references resolved over the Docker Registry HTTP API v2
// (Docker Hub, mirrors, any OCI distribution registry).
#pragma once

#include <memory>

#include "mydocker/host.hpp"
#include "mydocker/image_source.hpp"

namespace mydocker::hub {

class HubSource : public IImageSource {
 public:
  explicit HubSource(IHost& host);
  std::unique_ptr<IResolvedImage> resolve(const ImageRequest& request) override;

 private:
  IHost& host_;
};

}  // namespace mydocker::hub

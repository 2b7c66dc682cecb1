// An image resolved on one registry endpoint: its root descriptor, the root's body (kept so
// the core's first fetch does not download it again), and parallel blob downloads.
#pragma once

#include <memory>
#include <mutex>
#include <optional>
#include <string>

#include "mydocker/image_source.hpp"
#include "session.hpp"

namespace mydocker::hub {

class HubImage : public IResolvedImage {
 public:
  HubImage(std::shared_ptr<Session> session, std::string name, Descriptor root,
           std::string root_body);

  std::string name() const override { return name_; }
  Descriptor root() const override { return root_; }
  void fetch(const std::vector<Descriptor>& blobs, IBlobSink& sink) override;

 private:
  // True when `blob` was the cached root and has been written from memory.
  bool write_cached_root(const Descriptor& blob, IBlobSink& sink);

  std::shared_ptr<Session> session_;
  std::string name_;
  Descriptor root_;
  std::mutex root_mutex_;
  std::optional<std::string> root_body_;
};

}  // namespace mydocker::hub

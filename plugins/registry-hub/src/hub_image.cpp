#include "hub_image.hpp"

#include <atomic>

#include "blob_fetch.hpp"
#include "mydocker/digest.hpp"
#include "parallel_for.hpp"
#include "registry_connection.hpp"

namespace mydocker::hub {

HubImage::HubImage(std::shared_ptr<Session> session, std::string name, Descriptor root,
                   std::string root_body)
    : session_(std::move(session)),
      name_(std::move(name)),
      root_(std::move(root)),
      root_body_(std::move(root_body)) {}

bool HubImage::write_cached_root(const Descriptor& blob, IBlobSink& sink) {
  std::string body;
  {
    std::lock_guard lock(root_mutex_);
    if (blob.digest != root_.digest || !root_body_) return false;
    body = std::move(*root_body_);
    root_body_.reset();  // served once; a later request (after a failure) downloads it again
  }
  auto writer = sink.open(blob);
  writer->write(body.data(), body.size());
  writer->commit();
  return true;
}

void HubImage::fetch(const std::vector<Descriptor>& blobs, IBlobSink& sink) {
  for (const auto& blob : blobs) {
    // Digests become URL paths here and file names in the store: check them first.
    if (!is_valid_digest(blob.digest)) {
      throw Error("image " + name_ + " refers to an invalid digest \"" + blob.digest + "\"");
    }
  }
  std::atomic<bool> cancel{false};
  parallel_for(blobs.size(), session_->max_concurrent_downloads, cancel, [&]() -> Worker {
    auto connection = std::make_shared<RegistryConnection>(*session_, &cancel);
    return [this, connection, &blobs, &sink](std::size_t i) {
      if (!write_cached_root(blobs[i], sink)) fetch_blob(*connection, blobs[i], sink);
    };
  });
}

}  // namespace mydocker::hub

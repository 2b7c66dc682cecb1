#include "image/image_fetcher.hpp"

#include "image/platform.hpp"
#include "image/source_choice.hpp"
#include "plugins/plugin_host.hpp"

namespace mydocker {

namespace {

// Tells the display the pull is over however it ends, so a bar display leaves a clean line.
class ProgressDone {
 public:
  explicit ProgressDone(PullProgress* progress) : progress_(progress) {}
  ProgressDone(const ProgressDone&) = delete;
  ProgressDone& operator=(const ProgressDone&) = delete;
  ~ProgressDone() {
    if (progress_ != nullptr) progress_->done();
  }

 private:
  PullProgress* progress_;
};

}  // namespace

PulledImage fetch_image(const FetchRequest& request, const PluginLoader& loader, BlobStore& store,
                        PullProgress* progress) {
  const Platform platform =
      request.platform.empty() ? host_platform() : parse_platform_string(request.platform);
  const std::string source_name =
      request.source.empty() ? default_source_for(request.image) : request.source;
  // The host outlives the source object it serves: declared first, destroyed last.
  PluginHost host(source_name, request.source_options);
  auto source = loader.open_source(source_name, host);
  ProgressDone done(progress);
  return pull_image(*source, request.image, platform, store, progress);
}

}  // namespace mydocker

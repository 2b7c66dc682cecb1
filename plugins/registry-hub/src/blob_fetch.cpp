#include "blob_fetch.hpp"

#include <charconv>

#include "endpoints.hpp"
#include "media_types.hpp"
#include "registry_error.hpp"
#include "retry.hpp"
#include "status_errors.hpp"
#include "url.hpp"

namespace mydocker::hub {

namespace {

std::string short_digest(const std::string& digest) { return digest.substr(0, 7 + 12); }

// "bytes 100-199/200" -> 100
std::optional<std::size_t> range_start(std::string_view content_range) {
  if (!content_range.starts_with("bytes ")) return std::nullopt;
  content_range.remove_prefix(6);
  std::size_t start = 0;
  const auto [end, ec] =
      std::from_chars(content_range.data(), content_range.data() + content_range.size(), start);
  if (ec != std::errc() || end == content_range.data() + content_range.size() || *end != '-') {
    return std::nullopt;
  }
  return start;
}

// Routes a 200 or 206 body into the writer, replacing the writer when the server sends the
// whole blob again instead of the rest of it.
class WriterTarget : public BodyTarget {
 public:
  WriterTarget(IBlobSink& sink, const Descriptor& blob, std::unique_ptr<IBlobWriter>& writer)
      : sink_(sink), blob_(blob), writer_(writer), offset_(writer->written()) {}

  void begin(const HttpResponse& head) override {
    if (head.status == 206) {
      if (range_start(head.header("content-range")) == offset_) return;
      writer_ = sink_.open(blob_);
      throw RetryableStatus("the registry sent another part of the blob than asked for",
                            std::nullopt);
    }
    if (offset_ > 0) writer_ = sink_.open(blob_);
  }

  void write(const char* data, std::size_t size) override { writer_->write(data, size); }

 private:
  IBlobSink& sink_;
  const Descriptor& blob_;
  std::unique_ptr<IBlobWriter>& writer_;
  std::size_t offset_;
};

// One try at each foreign URL (non-distributable layers); any failure falls back to the registry.
bool fetch_from_urls(RegistryConnection& connection, const Descriptor& blob, IBlobSink& sink) {
  for (const auto& url : blob.urls) {
    if (!parse_url(url)) continue;
    try {
      auto writer = sink.open(blob);
      WriterTarget target(sink, blob, writer);
      const HttpResponse response = connection.get_foreign(url, &target);
      if (response.status == 200) {
        writer->commit();
        return true;
      }
      connection.session().host.log(LogLevel::debug,
                                    url + " answered HTTP " + std::to_string(response.status));
    } catch (const std::exception& e) {
      connection.session().host.log(LogLevel::debug, url + ": " + e.what());
    }
  }
  return false;
}

}  // namespace

void fetch_blob(RegistryConnection& connection, const Descriptor& blob, IBlobSink& sink) {
  Session& session = connection.session();
  if (!blob.urls.empty() && fetch_from_urls(connection, blob, sink)) return;

  const bool manifest = is_manifest_media_type(blob.media_type);
  const std::string what = (manifest ? "manifest " : "blob ") + short_digest(blob.digest);
  const std::string path = manifest ? manifest_path(session.repository, blob.digest)
                                    : blob_path(session.repository, blob.digest);
  auto writer = sink.open(blob);
  const RetryContext context{
      session.retry,
      session.endpoint.host,
      what,
      connection.cancellation(),
      [&session](const std::string& line) { session.host.log(LogLevel::info, line); },
      [&writer](Millis delay) { writer->retrying(delay); }};
  with_retries(context, [&] {
    std::vector<std::string> headers;
    if (manifest) headers.emplace_back(kManifestAccept);
    if (const std::size_t offset = writer->written(); offset > 0) {
      headers.push_back("Range: bytes=" + std::to_string(offset) + "-");
      session.host.log(LogLevel::debug, what + ": resuming at byte " + std::to_string(offset));
    }
    WriterTarget target(sink, blob, writer);
    const HttpResponse response = connection.get(path, headers, &target, 64 * 1024);
    if (response.status == 416) {
      writer = sink.open(blob);  // our offset is past what the server has: start over
      throw RetryableStatus("the registry refused to resume " + what, std::nullopt);
    }
    if (response.status != 200 && response.status != 206) {
      fail_on_status(response, session, what + " not found in " + session.display_repository, what);
    }
  });
  writer->commit();
}

}  // namespace mydocker::hub

#include "image/layer_streaming_sink.hpp"

#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <exception>
#include <thread>

#include "mydocker/unique_fd.hpp"
#include "unpack/layer_unpacker.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

class StreamingLayerWriter : public IBlobWriter {
 public:
  StreamingLayerWriter(std::unique_ptr<IBlobWriter> blob, LayerStore::Pending layer,
                       const LayerTarget& target, std::string digest, PullProgress* progress)
      : blob_(std::move(blob)),
        layer_(std::move(layer)),
        digest_(std::move(digest)),
        progress_(progress) {
    // A socket pair rather than a pipe: send() with MSG_NOSIGNAL cannot raise SIGPIPE, which
    // would kill mydocker if the unpacker ever stopped reading.
    int fds[2];
    if (::socketpair(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0, fds) != 0) {
      throw_errno("cannot create a socket pair");
    }
    UniqueFd read_end(fds[0]);
    stream_.reset(fds[1]);
    ::shutdown(read_end.get(), SHUT_WR);
    // A bigger buffer lets the download run ahead of the unpacker by more than a few blocks.
    const int size = 1 << 20;
    ::setsockopt(stream_.get(), SOL_SOCKET, SO_SNDBUF, &size, sizeof size);
    unpacker_ = std::thread([this, fd = std::move(read_end), target]() mutable {
      try {
        stats_ = apply_layer(fd.get(), layer_.dir().string(), target.name, target.diff_id,
                             WhiteoutMode::overlay);
      } catch (...) {
        error_ = std::current_exception();
      }
    });
  }

  StreamingLayerWriter(const StreamingLayerWriter&) = delete;
  StreamingLayerWriter& operator=(const StreamingLayerWriter&) = delete;

  ~StreamingLayerWriter() override { stop_unpacker(); }

  void write(const void* data, std::size_t size) override {
    blob_->write(data, size);
    const char* p = static_cast<const char*>(data);
    while (size > 0) {
      // The unpacker reads to the end even after a failure, so this never blocks for good.
      const ssize_t n = ::send(stream_.get(), p, size, MSG_NOSIGNAL);
      if (n < 0 && errno == EINTR) continue;
      if (n < 0) throw_errno("cannot pass the layer to the unpacker");
      p += n;
      size -= static_cast<std::size_t>(n);
    }
  }

  std::size_t written() const override { return blob_->written(); }

  // The blob first, as docker shows it (verified, downloaded, then extracted): the unpacker
  // may still be busy with the last megabyte. The layer is published only after both checks.
  void commit() override {
    blob_->commit();
    tell(LayerStage::downloaded);
    tell(LayerStage::extracting);
    stop_unpacker();
    if (error_) std::rethrow_exception(error_);
    layer_.commit(stats_.content_bytes);
  }

 private:
  void tell(LayerStage stage) {
    if (progress_ != nullptr) progress_->stage(digest_, stage);
  }

  void stop_unpacker() noexcept {
    stream_.reset();  // end of stream
    if (unpacker_.joinable()) unpacker_.join();
  }

  std::unique_ptr<IBlobWriter> blob_;
  LayerStore::Pending layer_;
  std::string digest_;
  PullProgress* progress_;
  UniqueFd stream_;
  std::thread unpacker_;
  UnpackStats stats_;
  std::exception_ptr error_;
};

}  // namespace

std::unique_ptr<IBlobWriter> LayerStreamingSink::open(const Descriptor& blob) {
  auto writer = inner_.open(blob);
  const auto it = targets_.find(blob.digest);
  if (layers_ == nullptr || it == targets_.end()) return writer;
  auto layer = layers_->begin(it->second.chain_id);
  if (!layer) return writer;  // unpacked meanwhile by another process
  return std::make_unique<StreamingLayerWriter>(std::move(writer), std::move(*layer), it->second,
                                                blob.digest, progress_);
}

}  // namespace mydocker

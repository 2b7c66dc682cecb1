#include "image/pull_progress.hpp"

namespace mydocker {

namespace {

class ProgressBlobWriter : public IBlobWriter {
 public:
  ProgressBlobWriter(std::unique_ptr<IBlobWriter> inner, std::string digest, PullProgress& progress)
      : inner_(std::move(inner)), digest_(std::move(digest)), progress_(progress) {}

  void write(const void* data, std::size_t size) override {
    inner_->write(data, size);
    progress_.received(digest_, inner_->written());
  }
  std::size_t written() const override { return inner_->written(); }
  void commit() override {
    progress_.stage(digest_, LayerStage::verifying);
    inner_->commit();
    progress_.stored(digest_);
  }
  void retrying(std::chrono::milliseconds delay) override { progress_.retrying(digest_, delay); }

 private:
  std::unique_ptr<IBlobWriter> inner_;
  std::string digest_;
  PullProgress& progress_;
};

}  // namespace

std::unique_ptr<IBlobWriter> ProgressBlobSink::open(const Descriptor& blob) {
  return std::make_unique<ProgressBlobWriter>(inner_.open(blob), blob.digest, progress_);
}

}  // namespace mydocker

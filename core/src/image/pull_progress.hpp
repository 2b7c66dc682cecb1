// Watching a pull: which layers it needs and how far each download has come. The core counts
// the bytes itself as they reach the store, so every source gets progress for free.
#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "mydocker/image_source.hpp"

namespace mydocker {

// What becomes of a layer after its last byte arrived, in docker's order.
enum class LayerStage {
  verifying,   // its digest is being checked
  downloaded,  // the blob is stored
  extracting,  // waiting for the unpacker to finish the layer
};

class PullProgress {
 public:
  virtual ~PullProgress() = default;
  // The chosen manifest's layers, in order, before any is fetched; cached[i]: already stored.
  virtual void layers(const std::vector<Descriptor>& layers, const std::vector<bool>& cached) = 0;
  // From any thread: `written` bytes of `digest` have arrived so far (it may go back to 0 when
  // a source restarts a download).
  virtual void received(const std::string& digest, std::uint64_t written) = 0;
  // From any thread: the source will try `digest` again after `delay`.
  virtual void retrying(const std::string& digest, std::chrono::milliseconds delay) = 0;
  // From any thread: the layer moved on to `stage`.
  virtual void stage(const std::string& digest, LayerStage stage) = 0;
  // From any thread: the blob is verified and stored, and unpacked when it is a layer.
  virtual void stored(const std::string& digest) = 0;
  // The pull ended, successfully or not: a display may finish its last line.
  virtual void done() = 0;
};

// An IBlobSink that passes everything to `inner` and tells `progress` about it.
class ProgressBlobSink : public IBlobSink {
 public:
  ProgressBlobSink(IBlobSink& inner, PullProgress& progress) : inner_(inner), progress_(progress) {}
  std::unique_ptr<IBlobWriter> open(const Descriptor& blob) override;

 private:
  IBlobSink& inner_;
  PullProgress& progress_;
};

}  // namespace mydocker

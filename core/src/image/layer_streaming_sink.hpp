// Unpacking layers while they download: a layer's bytes go to the blob store and, through a
// socket, to an unpacker thread writing the layer's directory, so a pull costs one pass over the
// data. The layer is moved into place only after both the blob's digest and the diff_id of
// the unpacked stream verified.
#pragma once

#include <map>
#include <string>

#include "image/pull_progress.hpp"
#include "mydocker/image_source.hpp"
#include "store/layer_store.hpp"

namespace mydocker {

struct LayerTarget {
  std::string chain_id;
  std::string diff_id;
  std::string name;  // for messages: "layer 2/5 sha256:abcd…"
};

class LayerStreamingSink : public IBlobSink {
 public:
  // `targets`: by blob digest, the layer each blob unpacks into. Other blobs pass through, as
  // all do without a layer store. `progress` (optional) hears when a layer is downloaded and
  // when it waits for its unpacking.
  LayerStreamingSink(IBlobSink& inner, const LayerStore* layers,
                     std::map<std::string, LayerTarget> targets, PullProgress* progress = nullptr)
      : inner_(inner), layers_(layers), targets_(std::move(targets)), progress_(progress) {}

  std::unique_ptr<IBlobWriter> open(const Descriptor& blob) override;

 private:
  IBlobSink& inner_;
  const LayerStore* layers_;
  std::map<std::string, LayerTarget> targets_;
  PullProgress* progress_;
};

}  // namespace mydocker

// Each layer of a pull as its display keeps it, and how a layer reads: the states docker shows
// (Waiting, Downloading, Retrying in N seconds, Verifying Checksum, Download complete,
// Extracting, Pull complete, Already exists), fitted to a terminal's width. Pure: the time is a
// parameter, so tests pin it.
#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <map>
#include <string>
#include <vector>

#include "image/pull_progress.hpp"

namespace mydocker {

using ProgressClock = std::chrono::steady_clock;

enum class LayerPhase {
  waiting,
  downloading,
  retrying,
  verifying,
  downloaded,
  extracting,
  complete,
  cached,
};

// A download with no new byte for this long says it is stalled (and for how long), rather
// than show a bar that seems merely slow.
inline constexpr std::chrono::seconds kStalledAfter{5};

struct LayerStatus {
  std::string id;             // the first 12 hex digits of the blob digest, as docker
  std::uint64_t size = 0;     // 0 when the manifest does not say
  std::uint64_t written = 0;  // bytes of this attempt so far
  LayerPhase phase = LayerPhase::waiting;
  ProgressClock::time_point since{};     // the last byte, or when the phase began
  ProgressClock::time_point retry_at{};  // retrying: when the next attempt starts
};

// The layers of one pull in manifest order, each once, found by digest (anything else, such as
// the config, is not among them). Each event returns whether the layer's phase changed.
class LayerTable {
 public:
  void reset(const std::vector<Descriptor>& layers, const std::vector<bool>& cached,
             ProgressClock::time_point now);
  bool received(const std::string& digest, std::uint64_t written, ProgressClock::time_point now);
  bool retrying(const std::string& digest, std::chrono::milliseconds delay,
                ProgressClock::time_point now);
  bool enter(const std::string& digest, LayerPhase phase, ProgressClock::time_point now);
  const LayerStatus* find(const std::string& digest) const;
  const std::vector<LayerStatus>& rows() const { return rows_; }

 private:
  LayerStatus* row(const std::string& digest);

  std::vector<LayerStatus> rows_;
  std::map<std::string, std::size_t> index_;
};

LayerPhase phase_of(LayerStage stage);

// The state in words, for a line of its own: "Retrying in 3 seconds", "Pull complete".
std::string phase_text(const LayerStatus& layer, ProgressClock::time_point now);

// "<id>: <state>" in at most `width` columns, for a display redrawn in place. While
// downloading: a bar and the sizes when there is room, and "stalled Ns" when no byte came
// for kStalledAfter.
std::string layer_line(const LayerStatus& layer, std::size_t width, ProgressClock::time_point now);

}  // namespace mydocker

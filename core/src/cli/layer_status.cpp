#include "cli/layer_status.hpp"

#include <algorithm>

#include "cli/human_units.hpp"
#include "mydocker/digest.hpp"

namespace mydocker {

namespace {

constexpr std::size_t kMaxBar = 50;  // docker's bar width
constexpr std::size_t kMinBar = 10;  // narrower says nothing a size does not

// A retry whose wait is over is a download again, with no byte yet.
bool downloading(const LayerStatus& layer, ProgressClock::time_point now) {
  return layer.phase == LayerPhase::downloading ||
         (layer.phase == LayerPhase::retrying && now >= layer.retry_at);
}

std::string retry_text(ProgressClock::duration left) {
  const auto seconds = std::max<std::int64_t>(
      1, std::chrono::ceil<std::chrono::seconds>(left).count());  // "in 0 seconds" is a lie
  return "Retrying in " + std::to_string(seconds) + (seconds == 1 ? " second" : " seconds");
}

std::string bar(const LayerStatus& layer, std::size_t width) {
  const auto filled = static_cast<std::size_t>(std::min(layer.written, layer.size) * width /
                                               std::max<std::uint64_t>(layer.size, 1));
  std::string text(width, ' ');
  std::fill_n(text.begin(), filled, '=');
  if (filled < width) text[filled] = '>';
  return "[" + text + "]";
}

std::string fit(std::string text, std::size_t width) {
  if (text.size() > width) text.resize(width);
  return text;
}

std::string download_line(const LayerStatus& layer, std::size_t width,
                          ProgressClock::time_point now) {
  const std::string head = layer.id + ": Downloading";
  std::string sizes = human_size(layer.written);
  if (layer.size > 0) sizes += "/" + human_size(layer.size);
  const auto quiet = now - std::max(layer.since, layer.retry_at);
  std::string stalled;
  if (quiet >= kStalledAfter) {
    stalled =
        "stalled " + std::to_string(std::chrono::floor<std::chrono::seconds>(quiet).count()) + "s";
  }
  const std::string tail = stalled.empty() ? sizes : sizes + " (" + stalled + ")";
  // What fits, most first: the bar, then the sizes; a stall is worth more than the sizes.
  const std::size_t without_bar = head.size() + 1 + tail.size();
  if (layer.size > 0 && width >= without_bar + 3 + kMinBar) {
    const std::size_t room = std::min(kMaxBar, width - without_bar - 3);
    return head + " " + bar(layer, room) + " " + tail;
  }
  if (width >= without_bar) return head + " " + tail;
  return fit(stalled.empty() ? head : head + " (" + stalled + ")", width);
}

}  // namespace

void LayerTable::reset(const std::vector<Descriptor>& layers, const std::vector<bool>& cached,
                       ProgressClock::time_point now) {
  rows_.clear();
  index_.clear();
  for (std::size_t i = 0; i < layers.size(); ++i) {
    if (index_.count(layers[i].digest) != 0) continue;  // a layer listed twice shows once
    index_[layers[i].digest] = rows_.size();
    LayerStatus row;
    row.id = std::string(digest_hex(layers[i].digest).substr(0, 12));
    row.size = static_cast<std::uint64_t>(std::max<std::int64_t>(layers[i].size, 0));
    row.phase = i < cached.size() && cached[i] ? LayerPhase::cached : LayerPhase::waiting;
    row.since = now;
    rows_.push_back(row);
  }
}

LayerStatus* LayerTable::row(const std::string& digest) {
  const auto it = index_.find(digest);
  return it == index_.end() ? nullptr : &rows_[it->second];
}

const LayerStatus* LayerTable::find(const std::string& digest) const {
  const auto it = index_.find(digest);
  return it == index_.end() ? nullptr : &rows_[it->second];
}

bool LayerTable::received(const std::string& digest, std::uint64_t written,
                          ProgressClock::time_point now) {
  LayerStatus* layer = row(digest);
  if (layer == nullptr) return false;
  // Only new bytes count as activity: a restarted download going back to 0 is not progress.
  if (written > layer->written || layer->phase != LayerPhase::downloading) layer->since = now;
  layer->written = written;
  return enter(digest, LayerPhase::downloading, now);
}

bool LayerTable::retrying(const std::string& digest, std::chrono::milliseconds delay,
                          ProgressClock::time_point now) {
  LayerStatus* layer = row(digest);
  if (layer == nullptr) return false;
  layer->retry_at = now + delay;
  layer->phase = LayerPhase::retrying;
  return true;  // a new wait even when the last one was a retry too
}

bool LayerTable::enter(const std::string& digest, LayerPhase phase, ProgressClock::time_point now) {
  LayerStatus* layer = row(digest);
  if (layer == nullptr || layer->phase == phase) return false;
  layer->phase = phase;
  if (phase != LayerPhase::downloading) layer->since = now;
  return true;
}

LayerPhase phase_of(LayerStage stage) {
  switch (stage) {
    case LayerStage::verifying:
      return LayerPhase::verifying;
    case LayerStage::downloaded:
      return LayerPhase::downloaded;
    case LayerStage::extracting:
      break;
  }
  return LayerPhase::extracting;
}

std::string phase_text(const LayerStatus& layer, ProgressClock::time_point now) {
  switch (layer.phase) {
    case LayerPhase::waiting:
      return "Waiting";
    case LayerPhase::downloading:
      return "Downloading";
    case LayerPhase::retrying:
      return now >= layer.retry_at ? "Downloading" : retry_text(layer.retry_at - now);
    case LayerPhase::verifying:
      return "Verifying Checksum";
    case LayerPhase::downloaded:
      return "Download complete";
    case LayerPhase::extracting:
      return "Extracting";
    case LayerPhase::complete:
      return "Pull complete";
    case LayerPhase::cached:
      break;
  }
  return "Already exists";
}

std::string layer_line(const LayerStatus& layer, std::size_t width, ProgressClock::time_point now) {
  if (downloading(layer, now)) return download_line(layer, width, now);
  return fit(layer.id + ": " + phase_text(layer, now), width);
}

}  // namespace mydocker

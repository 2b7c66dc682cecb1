#include "cli/progress_display.hpp"

#include <unistd.h>

#include <chrono>
#include <map>
#include <mutex>

#include "cli/human_units.hpp"
#include "mydocker/digest.hpp"

namespace mydocker {

namespace {

using Clock = std::chrono::steady_clock;

std::string short_id(const std::string& digest) {
  return std::string(digest_hex(digest).substr(0, 12));
}

struct LayerState {
  std::string id;
  std::uint64_t size = 0;
  std::uint64_t written = 0;
  enum { waiting, downloading, complete, cached } state = waiting;
};

// Shared bookkeeping: layers in order, looked up by digest (the config is not among them).
class LayerTable {
 public:
  void reset(const std::vector<Descriptor>& layers, const std::vector<bool>& cached) {
    rows_.clear();
    index_.clear();
    for (std::size_t i = 0; i < layers.size(); ++i) {
      if (index_.count(layers[i].digest) != 0) continue;  // a layer listed twice shows once
      index_[layers[i].digest] = rows_.size();
      LayerState row;
      row.id = short_id(layers[i].digest);
      row.size = static_cast<std::uint64_t>(std::max<std::int64_t>(layers[i].size, 0));
      if (cached[i]) row.state = LayerState::cached;
      rows_.push_back(row);
    }
  }
  LayerState* find(const std::string& digest) {
    auto it = index_.find(digest);
    return it == index_.end() ? nullptr : &rows_[it->second];
  }
  const std::vector<LayerState>& rows() const { return rows_; }

 private:
  std::vector<LayerState> rows_;
  std::map<std::string, std::size_t> index_;
};

class LineProgress : public PullProgress {
 public:
  explicit LineProgress(std::FILE* out) : out_(out) {}

  void layers(const std::vector<Descriptor>& layers, const std::vector<bool>& cached) override {
    std::lock_guard lock(mutex_);
    table_.reset(layers, cached);
    for (const auto& row : table_.rows()) {
      if (row.state == LayerState::cached)
        std::fprintf(out_, "%s: Already exists\n", row.id.c_str());
    }
    std::fflush(out_);
  }
  void received(const std::string&, std::uint64_t) override {}
  void stored(const std::string& digest) override {
    std::lock_guard lock(mutex_);
    if (auto* row = table_.find(digest); row != nullptr && row->state != LayerState::complete) {
      row->state = LayerState::complete;
      std::fprintf(out_, "%s: Pull complete\n", row->id.c_str());
      std::fflush(out_);
    }
  }
  void done() override {}

 private:
  std::FILE* out_;
  std::mutex mutex_;
  LayerTable table_;
};

class BarProgress : public PullProgress {
 public:
  explicit BarProgress(std::FILE* out) : out_(out) {}

  void layers(const std::vector<Descriptor>& layers, const std::vector<bool>& cached) override {
    std::lock_guard lock(mutex_);
    table_.reset(layers, cached);
    draw();
  }
  void received(const std::string& digest, std::uint64_t written) override {
    std::lock_guard lock(mutex_);
    auto* row = table_.find(digest);
    if (row == nullptr) return;
    row->state = LayerState::downloading;
    row->written = written;
    // Redrawing on every buffer would cost more than the download; ten times a second is plenty.
    if (Clock::now() - last_draw_ >= std::chrono::milliseconds(100)) draw();
  }
  void stored(const std::string& digest) override {
    std::lock_guard lock(mutex_);
    if (auto* row = table_.find(digest); row != nullptr) {
      row->state = LayerState::complete;
      draw();
    }
  }
  void done() override {
    std::lock_guard lock(mutex_);
    draw();
  }

 private:
  void draw() {
    std::string text;
    if (drawn_lines_ > 0) text += "\x1b[" + std::to_string(drawn_lines_) + "A";
    for (const auto& row : table_.rows()) text += "\x1b[2K" + line(row) + "\n";
    drawn_lines_ = table_.rows().size();
    std::fputs(text.c_str(), out_);
    std::fflush(out_);
    last_draw_ = Clock::now();
  }

  static std::string line(const LayerState& row) {
    switch (row.state) {
      case LayerState::waiting:
        return row.id + ": Waiting";
      case LayerState::cached:
        return row.id + ": Already exists";
      case LayerState::complete:
        return row.id + ": Pull complete";
      case LayerState::downloading:
        break;
    }
    constexpr std::size_t kWidth = 50;
    const std::size_t filled =
        row.size == 0
            ? 0
            : static_cast<std::size_t>(std::min(row.written, row.size) * kWidth / row.size);
    std::string bar(kWidth, ' ');
    for (std::size_t i = 0; i < filled; ++i) bar[i] = '=';
    if (filled < kWidth) bar[filled] = '>';
    return row.id + ": Downloading [" + bar + "] " + human_size(row.written) + "/" +
           human_size(row.size);
  }

  std::FILE* out_;
  std::mutex mutex_;
  LayerTable table_;
  std::size_t drawn_lines_ = 0;
  Clock::time_point last_draw_{};
};

}  // namespace

ProgressStyle progress_style_for(std::FILE* out, bool lines_when_not_a_terminal) {
  if (::isatty(::fileno(out)) == 1) return ProgressStyle::bars;
  return lines_when_not_a_terminal ? ProgressStyle::lines : ProgressStyle::none;
}

std::unique_ptr<PullProgress> make_progress_display(ProgressStyle style, std::FILE* out) {
  switch (style) {
    case ProgressStyle::lines:
      return std::make_unique<LineProgress>(out);
    case ProgressStyle::bars:
      return std::make_unique<BarProgress>(out);
    case ProgressStyle::none:
      break;
  }
  return nullptr;
}

}  // namespace mydocker

#include "cli/progress_display.hpp"

#include <unistd.h>

#include <condition_variable>
#include <mutex>
#include <thread>

#include "cli/layer_status.hpp"
#include "cli/terminal_width.hpp"

namespace mydocker {

namespace {

// One line per change of state, never a cursor movement: for logs, pipes and narrow terminals.
class LineProgress : public PullProgress {
 public:
  explicit LineProgress(std::FILE* out) : out_(out) {}

  void layers(const std::vector<Descriptor>& layers, const std::vector<bool>& cached) override {
    std::lock_guard lock(mutex_);
    table_.reset(layers, cached, ProgressClock::now());
    for (const auto& row : table_.rows()) print(row);
  }
  void received(const std::string& digest, std::uint64_t written) override {
    std::lock_guard lock(mutex_);
    if (table_.received(digest, written, ProgressClock::now())) print(digest);
  }
  void retrying(const std::string& digest, std::chrono::milliseconds delay) override {
    std::lock_guard lock(mutex_);
    if (table_.retrying(digest, delay, ProgressClock::now())) print(digest);
  }
  void stage(const std::string& digest, LayerStage stage) override {
    std::lock_guard lock(mutex_);
    if (table_.enter(digest, phase_of(stage), ProgressClock::now())) print(digest);
  }
  void stored(const std::string& digest) override {
    std::lock_guard lock(mutex_);
    if (table_.enter(digest, LayerPhase::complete, ProgressClock::now())) print(digest);
  }
  void done() override {}

 private:
  void print(const std::string& digest) {
    if (const LayerStatus* row = table_.find(digest); row != nullptr) print(*row);
  }
  void print(const LayerStatus& row) {
    std::fprintf(out_, "%s: %s\n", row.id.c_str(), phase_text(row, ProgressClock::now()).c_str());
    std::fflush(out_);
  }

  std::FILE* out_;
  std::mutex mutex_;
  LayerTable table_;
};

// Every layer on a line of its own, redrawn in place. A ticker redraws while the pull runs,
// so a retry counts down, a stall shows as one and a resized terminal is followed even when
// no byte arrives; it is joined in done(), before `run` clones the container.
class BarProgress : public PullProgress {
 public:
  BarProgress(std::FILE* out, std::function<std::size_t()> columns)
      : out_(out), columns_(std::move(columns)) {}
  ~BarProgress() override { stop_ticker(); }
  BarProgress(const BarProgress&) = delete;
  BarProgress& operator=(const BarProgress&) = delete;

  void layers(const std::vector<Descriptor>& layers, const std::vector<bool>& cached) override {
    std::lock_guard lock(mutex_);
    table_.reset(layers, cached, ProgressClock::now());
    draw();
    if (!ticker_.joinable()) ticker_ = std::thread([this] { tick(); });
  }
  void received(const std::string& digest, std::uint64_t written) override {
    std::lock_guard lock(mutex_);
    const auto now = ProgressClock::now();
    // Redrawing on every buffer would cost more than the download; ten times a second is plenty.
    if (table_.received(digest, written, now) || now - last_draw_ >= std::chrono::milliseconds(100))
      draw();
  }
  void retrying(const std::string& digest, std::chrono::milliseconds delay) override {
    std::lock_guard lock(mutex_);
    if (table_.retrying(digest, delay, ProgressClock::now())) draw();
  }
  void stage(const std::string& digest, LayerStage stage) override {
    std::lock_guard lock(mutex_);
    if (table_.enter(digest, phase_of(stage), ProgressClock::now())) draw();
  }
  void stored(const std::string& digest) override {
    std::lock_guard lock(mutex_);
    if (table_.enter(digest, LayerPhase::complete, ProgressClock::now())) draw();
  }
  void done() override {
    stop_ticker();
    std::lock_guard lock(mutex_);
    draw();
  }

 private:
  void tick() {
    std::unique_lock lock(mutex_);
    while (!stopping_) {
      wake_.wait_for(lock, std::chrono::milliseconds(250));
      if (!stopping_) draw();
    }
  }

  void stop_ticker() {
    {
      std::lock_guard lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (ticker_.joinable()) ticker_.join();
  }

  // Moves up over the last frame and writes this one, unless nothing on it changed.
  void draw() {
    const auto now = ProgressClock::now();
    const std::size_t width = columns_();
    std::vector<std::string> frame;
    for (const auto& row : table_.rows()) frame.push_back(layer_line(row, width, now));
    last_draw_ = now;
    if (frame == last_frame_) return;
    std::string text;
    if (!last_frame_.empty()) text += "\x1b[" + std::to_string(last_frame_.size()) + "A";
    for (const auto& line : frame) text += "\x1b[2K" + line + "\n";
    std::fputs(text.c_str(), out_);
    std::fflush(out_);
    last_frame_ = std::move(frame);
  }

  std::FILE* out_;
  std::function<std::size_t()> columns_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread ticker_;
  LayerTable table_;
  std::vector<std::string> last_frame_;
  ProgressClock::time_point last_draw_{};
};

}  // namespace

ProgressStyle progress_style_for(std::FILE* out, bool lines_when_not_a_terminal) {
  if (::isatty(::fileno(out)) == 1) return ProgressStyle::bars;
  return lines_when_not_a_terminal ? ProgressStyle::lines : ProgressStyle::none;
}

std::unique_ptr<PullProgress> make_progress_display(ProgressStyle style, std::FILE* out,
                                                    std::function<std::size_t()> columns) {
  if (style == ProgressStyle::bars) {
    if (!columns) columns = [fd = ::fileno(out)] { return terminal_width(fd); };
    if (columns() >= kMinBarColumns) return std::make_unique<BarProgress>(out, std::move(columns));
    style = ProgressStyle::lines;
  }
  if (style == ProgressStyle::lines) return std::make_unique<LineProgress>(out);
  return nullptr;
}

}  // namespace mydocker

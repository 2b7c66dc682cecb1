#include "cli/progress_display.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <cctype>
#include <cstdio>
#include <string>
#include <vector>

#include "cli/human_units.hpp"
#include "cli/layer_status.hpp"

namespace mydocker {
namespace {

std::string digest_of(char c) { return "sha256:" + std::string(64, c); }

Descriptor layer(char c, std::int64_t size) {
  Descriptor d;
  d.digest = digest_of(c);
  d.size = size;
  return d;
}

// Everything a display wrote to a temporary file.
std::string contents(std::FILE* f) {
  std::fflush(f);
  std::rewind(f);
  std::string out;
  char buf[512];
  for (std::size_t n; (n = std::fread(buf, 1, sizeof buf, f)) > 0;) out.append(buf, n);
  return out;
}

TEST(HumanSize, UsesDecimalUnitsLikeDocker) {
  EXPECT_EQ(human_size(0), "0B");
  EXPECT_EQ(human_size(999), "999B");
  EXPECT_EQ(human_size(1000), "1.00kB");
  EXPECT_EQ(human_size(34'500), "34.5kB");
  EXPECT_EQ(human_size(340'000), "340kB");
  EXPECT_EQ(human_size(1'234'567), "1.23MB");
  EXPECT_EQ(human_size(200'000'000), "200MB");
  EXPECT_EQ(human_size(5'000'000'000), "5.00GB");
}

TEST(HumanAge, ReadsRfc3339AndSaysHowLongAgoLikeDocker) {
  const std::time_t now = 1'700'000'000;  // 2023-11-14T22:13:20Z
  EXPECT_EQ(human_age("2023-11-14T22:13:20Z", now), "Less than a second ago");
  EXPECT_EQ(human_age("2023-11-14T22:13:00Z", now), "20 seconds ago");
  EXPECT_EQ(human_age("2023-11-14T22:12:00.123456789Z", now), "About a minute ago");
  EXPECT_EQ(human_age("2023-11-14T21:13:20Z", now), "About an hour ago");
  EXPECT_EQ(human_age("2023-11-14T23:13:20+03:00", now), "2 hours ago");
  EXPECT_EQ(human_age("2023-11-11T22:13:20Z", now), "3 days ago");
  EXPECT_EQ(human_age("2023-10-14T22:13:20Z", now), "4 weeks ago");
  EXPECT_EQ(human_age("2021-11-14T22:13:20Z", now), "2 years ago");
  EXPECT_EQ(human_age("", now), "N/A");
  EXPECT_EQ(human_age("yesterday", now), "N/A");
  EXPECT_EQ(human_age("2023-11-14T22:13:20", now), "N/A");  // no zone: ambiguous
}

// Strips cursor movements and line erasures: what the terminal shows of the lines.
std::vector<std::string> shown_lines(const std::string& out) {
  std::vector<std::string> lines;
  std::string line;
  for (std::size_t i = 0; i < out.size(); ++i) {
    if (out[i] == '\x1b') {
      while (i < out.size() && !std::isalpha(static_cast<unsigned char>(out[i]))) ++i;
      continue;
    }
    if (out[i] == '\n') {
      lines.push_back(line);
      line.clear();
    } else {
      line += out[i];
    }
  }
  if (!line.empty()) lines.push_back(line);
  return lines;
}

using namespace std::chrono_literals;

const ProgressClock::time_point t0{};

LayerStatus status(LayerPhase phase, std::uint64_t written = 0, std::uint64_t size = 0) {
  LayerStatus s;
  s.id = "0123456789ab";
  s.phase = phase;
  s.written = written;
  s.size = size;
  s.since = t0;
  return s;
}

TEST(LayerLine, NeverWiderThanTheTerminal) {
  std::vector<LayerStatus> all;
  for (auto phase : {LayerPhase::waiting, LayerPhase::verifying, LayerPhase::downloaded,
                     LayerPhase::extracting, LayerPhase::complete, LayerPhase::cached}) {
    all.push_back(status(phase));
  }
  all.push_back(status(LayerPhase::downloading, 1'234'567, 987'654'321));
  all.push_back(status(LayerPhase::downloading, 999'999'999'999, 999'999'999'999));
  all.push_back(status(LayerPhase::downloading, 5, 0));  // size unknown
  auto retry = status(LayerPhase::retrying);
  retry.retry_at = t0 + 10s;
  all.push_back(retry);
  for (const std::size_t width : {20u, 40u, 80u, 200u}) {
    for (const auto& layer : all) {
      for (const auto now : {t0, t0 + 2s, t0 + 1h}) {  // fresh, retried, long stalled
        const std::string line = layer_line(layer, width, now);
        EXPECT_LE(line.size(), width) << line;
        EXPECT_EQ(line.rfind("0123456789ab", 0), 0u) << line;
      }
    }
  }
}

TEST(LayerLine, ShowsABarAndSizesWhenThereIsRoom) {
  const auto half = status(LayerPhase::downloading, 2'000'000, 4'000'000);
  EXPECT_EQ(layer_line(half, 200, t0), "0123456789ab: Downloading [" + std::string(25, '=') + ">" +
                                           std::string(24, ' ') + "] 2.00MB/4.00MB");
  const std::string at80 = layer_line(half, 80, t0);
  EXPECT_EQ(at80.size(), 80u) << at80;
  EXPECT_NE(at80.find("=>"), std::string::npos) << at80;
  EXPECT_TRUE(at80.ends_with("] 2.00MB/4.00MB")) << at80;
  EXPECT_EQ(layer_line(half, 40, t0), "0123456789ab: Downloading 2.00MB/4.00MB");
  EXPECT_EQ(layer_line(half, 20, t0), "0123456789ab: Downlo");
}

TEST(LayerLine, AStalledDownloadSaysSoAndDoesNotMove) {
  const auto layer = status(LayerPhase::downloading, 1'000'000, 4'000'000);
  // No new byte: the same line, whatever the time, until the stall is long enough to say so.
  EXPECT_EQ(layer_line(layer, 80, t0 + 1s), layer_line(layer, 80, t0 + 4s));
  EXPECT_EQ(layer_line(layer, 80, t0 + 4s).find("stalled"), std::string::npos);
  const std::string stalled = layer_line(layer, 80, t0 + 7s);
  EXPECT_TRUE(stalled.ends_with("1.00MB/4.00MB (stalled 7s)")) << stalled;
  EXPECT_LE(stalled.size(), 80u);
  EXPECT_EQ(layer_line(layer, 40, t0 + 7s), "0123456789ab: Downloading (stalled 7s)");
}

TEST(LayerLine, ARetryCountsDownThenDownloadsAgain) {
  auto layer = status(LayerPhase::retrying);
  layer.retry_at = t0 + 3s;
  EXPECT_EQ(layer_line(layer, 80, t0), "0123456789ab: Retrying in 3 seconds");
  EXPECT_EQ(layer_line(layer, 80, t0 + 2500ms), "0123456789ab: Retrying in 1 second");
  EXPECT_EQ(layer_line(layer, 80, t0 + 3s), "0123456789ab: Downloading 0B");
  EXPECT_EQ(phase_text(layer, t0 + 1s), "Retrying in 2 seconds");
}

TEST(LayerTable, ARestartFromZeroIsNotProgress) {
  LayerTable table;
  table.reset({layer('a', 100)}, {false}, t0);
  EXPECT_TRUE(table.received(digest_of('a'), 40, t0 + 1s));
  EXPECT_FALSE(table.received(digest_of('a'), 60, t0 + 2s));
  EXPECT_FALSE(table.received(digest_of('a'), 0, t0 + 9s));  // the source started over
  const LayerStatus* row = table.find(digest_of('a'));
  ASSERT_NE(row, nullptr);
  EXPECT_EQ(row->written, 0u);
  EXPECT_EQ(row->since, t0 + 2s);
  EXPECT_NE(layer_line(*row, 80, t0 + 9s).find("(stalled 7s)"), std::string::npos);
}

TEST(LineProgress, OneLinePerChangeOfStateAsDockerNames) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    auto display = make_progress_display(ProgressStyle::lines, f);
    display->layers({layer('a', 10), layer('b', 20), layer('c', 30)}, {true, false, false});
    display->received(digest_of('c'), 5);
    display->received(digest_of('c'), 10);  // more bytes: no new line
    display->retrying(digest_of('c'), std::chrono::milliseconds(1500));
    display->received(digest_of('c'), 30);
    display->stage(digest_of('c'), LayerStage::verifying);
    display->stage(digest_of('c'), LayerStage::downloaded);
    display->stage(digest_of('c'), LayerStage::extracting);
    display->stored(digest_of('c'));
    display->stored(digest_of('f'));  // the config: not a layer, not shown
    display->received(digest_of('b'), 20);
    display->stored(digest_of('b'));
    display->stored(digest_of('b'));  // told twice, shown once
    display->done();
  }
  EXPECT_EQ(contents(f),
            "aaaaaaaaaaaa: Already exists\n"
            "bbbbbbbbbbbb: Waiting\n"
            "cccccccccccc: Waiting\n"
            "cccccccccccc: Downloading\n"
            "cccccccccccc: Retrying in 2 seconds\n"
            "cccccccccccc: Downloading\n"
            "cccccccccccc: Verifying Checksum\n"
            "cccccccccccc: Download complete\n"
            "cccccccccccc: Extracting\n"
            "cccccccccccc: Pull complete\n"
            "bbbbbbbbbbbb: Downloading\n"
            "bbbbbbbbbbbb: Pull complete\n");
  std::fclose(f);
}

TEST(BarProgress, RedrawsEveryLayerInPlace) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    auto display = make_progress_display(ProgressStyle::bars, f, [] { return std::size_t{80}; });
    display->layers({layer('a', 100), layer('b', 100)}, {false, true});
    display->received(digest_of('a'), 50);
    display->stored(digest_of('a'));
    display->done();
  }
  const std::string out = contents(f);
  std::fclose(f);
  EXPECT_NE(out.find("aaaaaaaaaaaa: Waiting\n"), std::string::npos) << out;
  EXPECT_NE(out.find("aaaaaaaaaaaa: Downloading ["), std::string::npos) << out;
  EXPECT_NE(out.find("bbbbbbbbbbbb: Already exists\n"), std::string::npos) << out;
  // The last frame moves up over the two lines and shows the layer done.
  const auto last = out.rfind("\x1b[2A");
  ASSERT_NE(last, std::string::npos) << out;
  EXPECT_EQ(out.substr(last),
            "\x1b[2A\x1b[2Kaaaaaaaaaaaa: Pull complete\n"
            "\x1b[2Kbbbbbbbbbbbb: Already exists\n");
}

TEST(BarProgress, FitsTheWidthAndFollowsAResize) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  std::atomic<std::size_t> width{200};
  {
    auto display = make_progress_display(ProgressStyle::bars, f, [&] { return width.load(); });
    display->layers({layer('a', 50'000'000), layer('b', 100)}, {false, false});
    display->received(digest_of('a'), 20'000'000);
    width = 45;  // the terminal narrowed: the next frame fits it
    display->received(digest_of('b'), 10);
    display->done();
  }
  const auto lines = shown_lines(contents(f));
  std::fclose(f);
  ASSERT_GE(lines.size(), 6u);
  EXPECT_NE(lines[2].find("[====="), std::string::npos) << lines[2];
  for (std::size_t i = lines.size() - 2; i < lines.size(); ++i) {
    EXPECT_LE(lines[i].size(), 45u) << lines[i];
  }
  EXPECT_EQ(lines[lines.size() - 2], "aaaaaaaaaaaa: Downloading 20.0MB/50.0MB");
}

TEST(BarProgress, TooNarrowATerminalGetsPlainLines) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    auto display = make_progress_display(ProgressStyle::bars, f, [] { return std::size_t{20}; });
    display->layers({layer('a', 100)}, {false});
    display->received(digest_of('a'), 100);
    display->stored(digest_of('a'));
    display->done();
  }
  EXPECT_EQ(contents(f),
            "aaaaaaaaaaaa: Waiting\n"
            "aaaaaaaaaaaa: Downloading\n"
            "aaaaaaaaaaaa: Pull complete\n");
  std::fclose(f);
}

}  // namespace
}  // namespace mydocker

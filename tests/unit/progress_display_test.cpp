#include "cli/progress_display.hpp"

#include "cli/human_units.hpp"

#include <gtest/gtest.h>

#include <cstdio>
#include <string>

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

TEST(LineProgress, OneLinePerLayerInTheOrderTheyFinish) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    auto display = make_progress_display(ProgressStyle::lines, f);
    display->layers({layer('a', 10), layer('b', 20), layer('c', 30)}, {true, false, false});
    display->received(digest_of('c'), 5);
    display->stored(digest_of('c'));
    display->stored(digest_of('f'));  // the config: not a layer, not shown
    display->received(digest_of('b'), 20);
    display->stored(digest_of('b'));
    display->stored(digest_of('b'));  // told twice, shown once
    display->done();
  }
  EXPECT_EQ(contents(f),
            "aaaaaaaaaaaa: Already exists\n"
            "cccccccccccc: Pull complete\n"
            "bbbbbbbbbbbb: Pull complete\n");
  std::fclose(f);
}

TEST(BarProgress, RedrawsEveryLayerInPlace) {
  std::FILE* f = std::tmpfile();
  ASSERT_NE(f, nullptr);
  {
    auto display = make_progress_display(ProgressStyle::bars, f);
    display->layers({layer('a', 100), layer('b', 100)}, {false, true});
    display->received(digest_of('a'), 50);
    display->stored(digest_of('a'));
    display->done();
  }
  const std::string out = contents(f);
  std::fclose(f);
  EXPECT_NE(out.find("aaaaaaaaaaaa: Waiting\n"), std::string::npos) << out;
  EXPECT_NE(out.find("bbbbbbbbbbbb: Already exists\n"), std::string::npos) << out;
  // The last frame moves up over the two lines and shows the layer done.
  const auto last = out.rfind("\x1b[2A");
  ASSERT_NE(last, std::string::npos) << out;
  EXPECT_EQ(out.substr(last),
            "\x1b[2A\x1b[2Kaaaaaaaaaaaa: Pull complete\n"
            "\x1b[2Kbbbbbbbbbbbb: Already exists\n");
}

}  // namespace
}  // namespace mydocker

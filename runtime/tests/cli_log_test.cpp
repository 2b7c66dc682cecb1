#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "cli/runtime_log.hpp"

namespace mydocker::runtime {
namespace {

TEST(RuntimeLog, JsonLineIsWhatContainerdParses) {
  const auto line = log_line(LogFormat::json, "error", "container does not exist: a\"b",
                             "2026-12-07T15:42:49.000000001Z");
  ASSERT_EQ(line.back(), '\n');
  const auto json = nlohmann::json::parse(line);
  EXPECT_EQ(json["level"], "error");
  EXPECT_EQ(json["msg"], "container does not exist: a\"b");
  EXPECT_EQ(json["time"], "2026-12-07T15:42:49.000000001Z");
}

TEST(RuntimeLog, TextLineQuotesTheMessage) {
  EXPECT_EQ(log_line(LogFormat::text, "warning", "hook \"x\" failed", "T"),
            "time=\"T\" level=warning msg=\"hook \\\"x\\\" failed\"\n");
}

TEST(RuntimeLog, FileIsCreatedEvenWithNothingToSay) {
  const auto path = std::filesystem::temp_directory_path() /
                    ("runtime-log-test-" + std::to_string(::getpid()) + ".json");
  std::filesystem::remove(path);
  {
    RuntimeLog log;
    log.open(path.string(), LogFormat::json, false);
    log.debug("not without --debug");
  }
  ASSERT_TRUE(std::filesystem::exists(path));
  EXPECT_EQ(std::filesystem::file_size(path), 0u);
  {
    RuntimeLog log;
    log.open(path.string(), LogFormat::json, false);
    log.error("first");
    log.error("second");
  }
  std::ifstream file(path);
  std::string line;
  std::vector<std::string> messages;
  while (std::getline(file, line)) messages.push_back(nlohmann::json::parse(line)["msg"]);
  EXPECT_EQ(messages, (std::vector<std::string>{"first", "second"}));
  std::filesystem::remove(path);
}

}  // namespace
}  // namespace mydocker::runtime

#include <unistd.h>

#include <gtest/gtest.h>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "cli/pid_file.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::runtime {
namespace {

TEST(PidFile, DecimalWithoutNewlineAndNoTemporaryLeft) {
  const auto dir =
      std::filesystem::temp_directory_path() / ("pid-file-test-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  write_pid_file((dir / "init.pid").string(), 4242);
  write_pid_file((dir / "init.pid").string(), 17);  // replaced, not appended
  std::ifstream file(dir / "init.pid");
  std::ostringstream content;
  content << file.rdbuf();
  EXPECT_EQ(content.str(), "17");
  EXPECT_EQ(std::distance(std::filesystem::directory_iterator(dir), {}), 1);
  std::filesystem::remove_all(dir);
}

TEST(PidFile, MissingDirectoryIsAnError) {
  EXPECT_THROW(write_pid_file("/nonexistent-dir/x.pid", 1), Error);
}

}  // namespace
}  // namespace mydocker::runtime

// Running the real mydocker binary the way a user would, and looking at what they would see.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mydocker::test {

struct Result {
  int exit_code = -1;  // 128+N when killed by signal N
  std::string out;
  std::string err;
};

struct RunSpec {
  std::vector<std::string> args;  // after "mydocker"
  std::string stdin_data;
  int timeout_seconds = 60;
};

// Runs mydocker with the given arguments; stdin is `stdin_data` (then EOF).
Result mydocker(const RunSpec& spec);
Result mydocker(const std::vector<std::string>& args);
// The same for another program of the project (mydocker-runtime); `spec.args` follow it.
Result run_program(const std::string& binary, const RunSpec& spec);

// A started mydocker that the test can signal; wait() collects its result.
class Background {
 public:
  explicit Background(const std::vector<std::string>& args);
  ~Background();
  int pid() const { return pid_; }
  // Reads stdout until it contains `text` (or the timeout passes); returns whether it did.
  bool wait_for_stdout(const std::string& text, int timeout_seconds = 30);
  Result wait(int timeout_seconds = 60);

 private:
  int pid_ = -1;
  int out_fd_ = -1;
  int err_fd_ = -1;
  std::string out_;
};

std::string images_dir();
std::string explorer_on_host();

// A fresh store directory per test, removed afterwards.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  const std::filesystem::path& path() const { return path_; }
  std::string str() const { return path_.string(); }

 private:
  std::filesystem::path path_;
};

// The pid of the first child process of `pid` (the container's init under mydocker), or -1.
int first_child_of(int pid, int timeout_seconds = 10);

}  // namespace mydocker::test

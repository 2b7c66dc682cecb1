// Shared by the oci_*_test.cpp files: JSON written inline, and the message of the
// mydocker::Error a call throws.
#pragma once

#include <stdlib.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <filesystem>
#include <fstream>
#include <string>
#include <utility>

#include <nlohmann/json.hpp>

#include "mydocker/errors.hpp"
#include "oci/oci_json.hpp"
#include "seccomp_filter.hpp"

namespace mydocker::runtime::oci::testing {

// A parsed document kept alive beside the fields read from it (JsonField refers to it).
class Document {
 public:
  explicit Document(const std::string& text, std::string file = "config.json")
      : json_(nlohmann::json::parse(text)), file_(std::move(file)) {}
  JsonField root() const { return JsonField(json_, file_); }
  // The member `key` of the root: {"process": {...}} -> the process field.
  JsonField at(const char* key) const { return root().at(key); }

 private:
  nlohmann::json json_;
  std::string file_;
};

// The message of the mydocker::Error `call` throws; "no error" when it returns.
template <typename Call>
std::string error_of(Call&& call) {
  try {
    call();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

// A directory of its own under $TMPDIR, removed with everything in it.
class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "oci-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw Error("mkdtemp failed");
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }
  const std::string& path() const { return path_; }
  // Writes `text` to the file `name` in the directory; returns its path.
  std::string write(const std::string& name, const std::string& text) const {
    const std::string file = path_ + "/" + name;
    std::ofstream(file) << text;
    return file;
  }

 private:
  std::string path_;
};

// The errno the raw system call `number` fails with, 0 when it succeeds: a probe for
// exit_status_under below.
template <typename... Args>
int syscall_errno(long number, Args... args) {
  errno = 0;
  return ::syscall(number, args...) == -1 ? errno : 0;
}

// A filter that denies by default also denies the system calls the sanitizers' runtime makes
// in the probe's child (sigaltstack before every noreturn call): such probes run only in the
// normal build.
#if defined(__SANITIZE_ADDRESS__) || defined(__SANITIZE_UNDEFINED__)
inline constexpr bool kSanitizerBuild = true;
#else
inline constexpr bool kSanitizerBuild = false;
#endif
inline constexpr const char* kSanitizerSkip =
    "the sanitizer runtime's own system calls are denied by a default-deny filter";

// Runs `probe` in a forked child under `filter` (installed after no_new_privs, so no root is
// needed) and returns the child's exit status: what `probe` returns, 100 if the filter could not
// be installed, -1 if the child did not exit normally. `probe` may only make system calls.
template <typename Probe>
int exit_status_under(const isolation::SeccompFilter& filter, Probe&& probe) {
  const pid_t pid = ::fork();
  if (pid == 0) {
    if (::prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0 || !filter.install()) ::_exit(100);
    ::_exit(probe());
  }
  int status = 0;
  if (pid < 0 || ::waitpid(pid, &status, 0) != pid || !WIFEXITED(status)) return -1;
  return WEXITSTATUS(status);
}

}  // namespace mydocker::runtime::oci::testing

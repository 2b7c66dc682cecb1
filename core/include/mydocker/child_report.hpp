// The report protocol between an isolator and the child it clones, header-only. The child holds
// the write end of a close-on-exec pipe (ReportPipe in child_process.hpp): when its exec
// succeeds the pipe closes and the parent reads EOF. Before that it may write records: a notice
// (the parent logs it and reads on) or a failure, after which the child exits at once with
// docker's status: 127 for an exec that found no file, 126 for any other failed exec, 125 for
// a failure before it. The parent turns a failure into the exception the core expects.
#pragma once

#include <limits.h>
#include <unistd.h>

#include <cerrno>
#include <cstdint>
#include <cstring>
#include <string>

#include "mydocker/errors.hpp"
#include "mydocker/isolator_support.hpp"  // exec_failure
#include "mydocker/unique_fd.hpp"

namespace mydocker {

// waiting: everything is set up and the child now blocks at a start gate (mydocker-runtime's
// exec fifo) until another process lets it exec; the parent stops reading there.
enum class ChildReportKind : std::int32_t { notice = 1, failed = 2, exec_failed = 3, waiting = 4 };

// One record. Smaller than PIPE_BUF, so one write(2) puts it in the pipe whole or not at all.
struct ChildReport {
  ChildReportKind kind;
  std::int32_t error;  // errno of the failed call; 0 for a notice or when `reason` says why
  char stage[64];      // what the child was doing, as "cannot <stage>" reads: "mount /proc"
  char path[160];      // the path involved, or empty
  char reason[64];     // why, when errno cannot say it ("outside the container"), or empty
};
static_assert(sizeof(ChildReport) <= PIPE_BUF);

// The exit statuses of a child that failed before its command ran, as docker's.
inline constexpr int kSetupFailedStatus = 125;
constexpr int exec_failed_status(int error) noexcept { return error == ENOENT ? 127 : 126; }

// The stages every container child goes through, worded for "cannot <stage>". An isolator
// names its own stages the same way ("pivot_root into the rootfs").
namespace child_stage {
inline constexpr const char* start = "stay tied to mydocker";
inline constexpr const char* session = "start a session of its own";
inline constexpr const char* stdio = "set up stdio";
inline constexpr const char* terminal = "take the terminal";
inline constexpr const char* hostname = "set the hostname";
inline constexpr const char* workdir = "enter the working directory";
inline constexpr const char* read_only = "make the root file system read-only";
inline constexpr const char* user = "switch user";
inline constexpr const char* init = "start the init process";
inline constexpr const char* exec = "exec";
}  // namespace child_stage

// The child's end of the pipe. No allocation, only write(2) and _exit(2): callable anywhere
// between clone and exec.
class ChildReporter {
 public:
  explicit ChildReporter(int fd) noexcept : fd_(fd) {}

  void notice(const char* stage, const char* path = nullptr) const noexcept {
    send(ChildReportKind::notice, stage, path, 0, nullptr);
  }
  // The last record before the child blocks at its start gate (see ChildReportKind::waiting).
  void waiting(const char* stage) const noexcept {
    send(ChildReportKind::waiting, stage, nullptr, 0, nullptr);
  }
  [[noreturn]] void fail(const char* stage, const char* path = nullptr,
                         int error = errno) const noexcept {
    send(ChildReportKind::failed, stage, path, error, nullptr);
    ::_exit(kSetupFailedStatus);
  }
  [[noreturn]] void fail_because(const char* stage, const char* path,
                                 const char* reason) const noexcept {
    send(ChildReportKind::failed, stage, path, 0, reason);
    ::_exit(kSetupFailedStatus);
  }
  [[noreturn]] void exec_failed(int error = errno) const noexcept {
    send(ChildReportKind::exec_failed, child_stage::exec, nullptr, error, nullptr);
    ::_exit(exec_failed_status(error));
  }

 private:
  template <std::size_t N>
  static void copy(char (&to)[N], const char* from) noexcept {
    if (from != nullptr) std::strncpy(to, from, N - 1);
  }
  void send(ChildReportKind kind, const char* stage, const char* path, int error,
            const char* reason) const noexcept {
    ChildReport r{};
    r.kind = kind;
    r.error = error;
    copy(r.stage, stage);
    copy(r.path, path);
    copy(r.reason, reason);
    // A short or failed write only loses the detail; the parent still sees the exit status.
    [[maybe_unused]] auto n = ::write(fd_, &r, sizeof r);
  }

  int fd_;
};

namespace child_report_detail {

inline std::string field(const char* text, std::size_t size) {
  return std::string(text, strnlen(text, size));
}

// "<who>: cannot <stage>: [<path>: ]<reason>", or the ExecError of a failed exec.
[[noreturn]] inline void throw_failure(const ChildReport& r, const std::string& who,
                                       const std::string& command) {
  if (r.kind == ChildReportKind::exec_failed) throw exec_failure(command, r.error);
  std::string detail =
      r.reason[0] != '\0' ? field(r.reason, sizeof r.reason) : std::strerror(r.error);
  if (r.path[0] != '\0') detail = field(r.path, sizeof r.path) + ": " + detail;
  throw Error(who + ": cannot " + field(r.stage, sizeof r.stage) + ": " + detail);
}

}  // namespace child_report_detail

// The parent's end: reads records until EOF, which means the child exec'd its command (returns
// true), or until the child reports it is waiting at a start gate (returns false). Each
// notice goes to on_notice(stage, path); a failure throws ExecError (126/127, naming `command`)
// for the exec, Error naming `who` ("chroot isolator") and the stage for anything before it.
// The caller reaps the child (ChildProcess does when it goes out of scope).
template <typename OnNotice>
bool await_exec(const UniqueFd& report, const std::string& who, const std::string& command,
                OnNotice&& on_notice) {
  while (true) {
    ChildReport r{};
    ssize_t n;
    while ((n = ::read(report.get(), &r, sizeof r)) < 0 && errno == EINTR) {
    }
    if (n != static_cast<ssize_t>(sizeof r)) return true;
    if (r.kind == ChildReportKind::waiting) return false;
    if (r.kind != ChildReportKind::notice) child_report_detail::throw_failure(r, who, command);
    on_notice(child_report_detail::field(r.stage, sizeof r.stage),
              child_report_detail::field(r.path, sizeof r.path));
  }
}

inline bool await_exec(const UniqueFd& report, const std::string& who, const std::string& command) {
  return await_exec(report, who, command, [](const std::string&, const std::string&) {});
}

}  // namespace mydocker

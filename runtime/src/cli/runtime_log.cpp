#include "cli/runtime_log.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <nlohmann/json.hpp>

#include "mydocker/errors.hpp"
#include "state/timestamp.hpp"

namespace mydocker::runtime {

std::string log_line(LogFormat format, const std::string& level, const std::string& message,
                     const std::string& time) {
  if (format == LogFormat::json) {
    return nlohmann::json{{"level", level}, {"msg", message}, {"time", time}}.dump() + "\n";
  }
  // A JSON string is a quoted, escaped string as logrus's text format writes it.
  return "time=\"" + time + "\" level=" + level + " msg=" + nlohmann::json(message).dump() + "\n";
}

void RuntimeLog::open(const std::string& path, LogFormat format, bool debug) {
  format_ = format;
  debug_ = debug;
  if (path.empty()) return;
  file_.reset(::open(path.c_str(), O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0644));
  if (!file_) throw Error("cannot open the log file " + path + ": " + std::strerror(errno));
}

void RuntimeLog::error(const std::string& message) const { write("error", message); }

void RuntimeLog::warning(const std::string& message) const {
  std::fprintf(stderr, "mydocker-runtime: warning: %s\n", message.c_str());
  write("warning", message);
}

void RuntimeLog::debug(const std::string& message) const {
  if (debug_) write("debug", message);
}

void RuntimeLog::write(const std::string& level, const std::string& message) const {
  if (!file_) return;
  const std::string line = log_line(format_, level, message, rfc3339_now());
  // One write per line with O_APPEND: concurrent calls sharing the file never interleave.
  [[maybe_unused]] const ssize_t n = ::write(file_.get(), line.data(), line.size());
}

}  // namespace mydocker::runtime

// The --log file callers read the runtime's errors from: created on every call (containerd
// reports "unable to retrieve OCI runtime error" when it is missing), one line per message,
// logrus-shaped JSON with --log-format json, logrus-shaped text otherwise.
#pragma once

#include <string>

#include "mydocker/unique_fd.hpp"

namespace mydocker::runtime {

enum class LogFormat { text, json };

// One line, ending in '\n': {"level":"error","msg":"...","time":"..."} or
// time="..." level=error msg="...".
std::string log_line(LogFormat format, const std::string& level, const std::string& message,
                     const std::string& time);

class RuntimeLog {
 public:
  // Creates or appends to `path` (empty: no file). Throws mydocker::Error.
  void open(const std::string& path, LogFormat format, bool debug);
  // To the file only: main prints errors on stderr itself.
  void error(const std::string& message) const;
  // To the file and stderr: a hook that failed where the runtime carries on.
  void warning(const std::string& message) const;
  // To the file, with --debug only.
  void debug(const std::string& message) const;

 private:
  void write(const std::string& level, const std::string& message) const;

  UniqueFd file_;
  LogFormat format_ = LogFormat::text;
  bool debug_ = false;
};

}  // namespace mydocker::runtime

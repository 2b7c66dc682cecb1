// What the core offers every plugin: logging, its configuration, and whether to stop.
#pragma once

#include <map>
#include <string>
#include <string_view>

namespace mydocker {

enum class LogLevel { trace, debug, info, warn, error };

// Handed to a plugin's factory; outlives every object the plugin makes.
class IHost {
 public:
  virtual ~IHost() = default;
  // Logs through mydocker's logger (stderr, never the container's stdout), tagged with the
  // plugin's name. Messages below the user's --log-level are dropped cheaply.
  virtual void log(LogLevel level, std::string_view message) = 0;
  // Plugin settings from the command line and the configuration file (key -> value).
  virtual const std::map<std::string, std::string>& options() const = 0;
  // True once the user interrupted mydocker (Ctrl-C, SIGTERM): mydocker must end within a
  // second. Anything that can take longer (a download, a wait for a stalled server, a retry
  // back-off, reading a big archive) checks it at least every few hundred milliseconds and
  // then throws mydocker::Error; the core reports the interruption, not the message. Cheap
  // (an atomic load) and callable from any thread. The core's IBlobWriter::write throws by
  // itself once interrupted, so a source stuck only in writes needs no check of its own.
  virtual bool cancelled() const = 0;
};

}  // namespace mydocker

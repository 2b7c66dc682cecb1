// What the core offers every plugin: logging and its configuration.
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
};

}  // namespace mydocker

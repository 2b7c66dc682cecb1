#include "loader/plugin_host.hpp"

#include <spdlog/spdlog.h>

#include "util/interruption.hpp"

namespace mydocker {

void PluginHost::log(LogLevel level, std::string_view message) {
  const auto spd = static_cast<spdlog::level::level_enum>(static_cast<int>(level));
  if (!spdlog::should_log(spd)) return;
  spdlog::log(spd, "[{}] {}", name_, message);
}

bool PluginHost::cancelled() const { return interrupted(); }

}  // namespace mydocker

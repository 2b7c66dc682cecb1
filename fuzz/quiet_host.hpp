// The IHost a plugin's code gets in a fuzz target: no log, no options, never cancelled.
#pragma once

#include <map>
#include <string>
#include <string_view>

#include "mydocker/host.hpp"

namespace mydocker::fuzz {

class QuietHost final : public IHost {
 public:
  void log(LogLevel, std::string_view) override {}
  const std::map<std::string, std::string>& options() const override { return options_; }
  bool cancelled() const override { return false; }

 private:
  std::map<std::string, std::string> options_;
};

}  // namespace mydocker::fuzz

// The IHost the core hands each plugin: its logs go to mydocker's logger, tagged with its name;
// cancelled() is util/interruption's.
#pragma once

#include <map>
#include <string>

#include "mydocker/host.hpp"

namespace mydocker {

class PluginHost : public IHost {
 public:
  PluginHost(std::string plugin_name, std::map<std::string, std::string> options)
      : name_(std::move(plugin_name)), options_(std::move(options)) {}

  void log(LogLevel level, std::string_view message) override;
  const std::map<std::string, std::string>& options() const override { return options_; }
  bool cancelled() const override;

 private:
  std::string name_;
  std::map<std::string, std::string> options_;
};

}  // namespace mydocker

#include <cstdio>
#include <memory>
#include <nlohmann/json.hpp>

#include "cli/commands.hpp"
#include "cli/field_output.hpp"
#include "cli/library_versions.hpp"
#include "mydocker/plugin.hpp"

namespace mydocker {

namespace {

// docker's keys, so `--format json` reads like `docker version --format json`'s Client part.
nlohmann::ordered_json version_json() {
  nlohmann::ordered_json client{
      {"Version", MYDOCKER_VERSION}, {"GitCommit", build_git_commit()}, {"PluginABI", kAbiVersion}};
  for (const auto& [library, version] : library_versions()) client["Libraries"][library] = version;
  return {{"Client", client}};
}

void print_text(const nlohmann::ordered_json& json) {
  const auto& client = json.at("Client");
  std::printf("Client: mydocker\n");
  print_field("Version", client.at("Version").get<std::string>());
  const auto commit = client.at("GitCommit").get<std::string>();
  print_field("Git commit", commit.empty() ? "unknown" : commit);
  print_field("Plugin ABI", std::to_string(client.at("PluginABI").get<unsigned>()));
  std::printf(" Libraries:\n");
  for (const auto& [library, version] : client.at("Libraries").items()) {
    print_field(" " + library, version.get<std::string>());
  }
}

}  // namespace

CommandAction add_version_command(CLI::App& app) {
  CLI::App* command = app.add_subcommand(
      "version", "Show the version, build commit, plugin ABI and library versions");
  auto format = std::make_shared<std::string>();
  command->add_option("-f,--format", *format, "Output format: json (default: text)")
      ->check(CLI::IsMember({"json"}));
  return [format] {
    const auto json = version_json();
    if (*format == "json") {
      std::printf("%s\n", json.dump().c_str());
    } else {
      print_text(json);
    }
    return 0;
  };
}

}  // namespace mydocker

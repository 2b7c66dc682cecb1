// The plugin's configuration: the host's options (from the command line) over mydocker's JSON
// config file, which is shaped like dockerd's daemon.json where the same setting exists.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <vector>

#include "retry_policy.hpp"

namespace mydocker::hub {

struct Settings {
  std::filesystem::path config_path;              // may not exist
  std::vector<std::string> mirrors;               // for docker.io, tried in order
  std::vector<std::string> insecure_registries;   // host[:port] or CIDR
  std::vector<std::filesystem::path> certs_dirs;  // each holds HOST[:PORT]/ subdirectories
  std::filesystem::path docker_config_dir;        // where config.json with credentials lives
  int max_concurrent_downloads = 3;
  RetryPolicy retry;
};

// Options understood (all optional):
//   config                    path of the JSON config (default: $MYDOCKER_CONFIG, then
//                             /etc/mydocker/config.json); a missing file means defaults
//   registry-mirrors          comma-separated mirror URLs, tried before the config's
//   insecure-registries       comma-separated, added to the config's
//   max-concurrent-downloads  default 3 (config key of the same name)
//   max-download-attempts     default 5 (config key of the same name)
//   docker-config             directory of config.json with credentials (default:
//                             $DOCKER_CONFIG, then ~/.docker)
// Throws mydocker::Error naming the file or option that is wrong.
Settings load_settings(const std::map<std::string, std::string>& options);

// Applies the JSON text of a config file (`path` is for messages and for certs.d beside it).
void apply_config_json(Settings& settings, std::string_view json, const std::string& path);

// "a, b,,c" -> {"a", "b", "c"}
std::vector<std::string> split_list(std::string_view text);

// A mirror as written in the config ("mirror.example", "http://127.0.0.1:5001/") as a base URL
// without trailing slash; throws mydocker::Error when it is not an http(s) URL of a host.
std::string normalise_mirror(const std::string& mirror);

}  // namespace mydocker::hub

#include "settings.hpp"

#include <pwd.h>
#include <unistd.h>

#include <charconv>
#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <sstream>

#include "mydocker/errors.hpp"
#include "url.hpp"

namespace mydocker::hub {

namespace {

constexpr const char* kDefaultConfig = "/etc/mydocker/config.json";
constexpr const char* kDockerCertsDir = "/etc/docker/certs.d";

std::string env(const char* name) {
  const char* value = std::getenv(name);
  return value == nullptr ? std::string() : std::string(value);
}

std::filesystem::path home_dir() {
  if (std::string home = env("HOME"); !home.empty()) return home;
  if (const passwd* pw = ::getpwuid(::getuid()); pw != nullptr && pw->pw_dir != nullptr) {
    return pw->pw_dir;
  }
  return "/";
}

int parse_count(const std::string& text, const std::string& what, int max) {
  int value = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc() || end != text.data() + text.size() || value < 1 || value > max) {
    throw Error("invalid " + what + " \"" + text + "\": expected a number from 1 to " +
                std::to_string(max));
  }
  return value;
}

std::string option(const std::map<std::string, std::string>& options, const std::string& key) {
  auto it = options.find(key);
  return it == options.end() ? std::string() : it->second;
}

// Insecure registries are host[:port]; tolerate a scheme or trailing slash as docker does.
std::string normalise_insecure(std::string entry) {
  for (const char* scheme : {"http://", "https://"}) {
    if (entry.starts_with(scheme)) entry.erase(0, std::string_view(scheme).size());
  }
  while (entry.ends_with('/')) entry.pop_back();  // a CIDR never ends with one
  return entry;
}

std::vector<std::string> string_array(const nlohmann::json& doc, const char* key,
                                      const std::string& path) {
  std::vector<std::string> out;
  if (!doc.contains(key)) return out;
  const auto& value = doc.at(key);
  if (!value.is_array()) throw Error(path + ": \"" + key + "\" must be an array of strings");
  for (const auto& item : value) {
    if (!item.is_string()) throw Error(path + ": \"" + key + "\" must be an array of strings");
    out.push_back(item.get<std::string>());
  }
  return out;
}

int count_setting(const nlohmann::json& doc, const char* key, const std::string& path, int max) {
  const auto& value = doc.at(key);
  if (!value.is_number_integer() || value.get<long long>() < 1 || value.get<long long>() > max) {
    throw Error(path + ": \"" + key + "\" must be a number from 1 to " + std::to_string(max));
  }
  return value.get<int>();
}

}  // namespace

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> out;
  while (!text.empty()) {
    const auto comma = text.find(',');
    std::string_view item = text.substr(0, comma);
    while (!item.empty() && item.front() == ' ') item.remove_prefix(1);
    while (!item.empty() && item.back() == ' ') item.remove_suffix(1);
    if (!item.empty()) out.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return out;
}

std::string normalise_mirror(const std::string& mirror) {
  std::string url = mirror.find("://") == std::string::npos ? "https://" + mirror : mirror;
  const auto parsed = parse_url(url);
  if (!parsed || (parsed->target != "/" && parsed->target != "")) {
    throw Error("invalid registry mirror \"" + mirror +
                "\": expected an http(s) URL of a host, e.g. https://mirror.example:5000");
  }
  return parsed->scheme + "://" + parsed->authority;
}

void apply_config_json(Settings& settings, std::string_view json, const std::string& path) {
  nlohmann::json doc;
  try {
    doc = nlohmann::json::parse(json);
  } catch (const nlohmann::json::exception& e) {
    throw Error("cannot parse " + path + ": " + e.what());
  }
  if (!doc.is_object()) throw Error("cannot use " + path + ": expected a JSON object");
  for (const auto& mirror : string_array(doc, "registry-mirrors", path)) {
    settings.mirrors.push_back(normalise_mirror(mirror));
  }
  for (const auto& entry : string_array(doc, "insecure-registries", path)) {
    settings.insecure_registries.push_back(normalise_insecure(entry));
  }
  if (doc.contains("max-concurrent-downloads")) {
    settings.max_concurrent_downloads = count_setting(doc, "max-concurrent-downloads", path, 64);
  }
  if (doc.contains("max-download-attempts")) {
    settings.retry.max_attempts = count_setting(doc, "max-download-attempts", path, 20);
  }
}

Settings load_settings(const std::map<std::string, std::string>& options) {
  Settings settings;
  std::string config = option(options, "config");
  if (config.empty()) config = env("MYDOCKER_CONFIG");
  if (config.empty()) config = kDefaultConfig;
  settings.config_path = config;

  // Command-line mirrors come first: they are the more specific wish.
  for (const auto& mirror : split_list(option(options, "registry-mirrors"))) {
    settings.mirrors.push_back(normalise_mirror(mirror));
  }
  for (const auto& entry : split_list(option(options, "insecure-registries"))) {
    settings.insecure_registries.push_back(normalise_insecure(entry));
  }

  std::ifstream in(settings.config_path, std::ios::binary);
  if (in) {
    std::ostringstream text;
    text << in.rdbuf();
    apply_config_json(settings, text.str(), settings.config_path.string());
  } else if (std::error_code ec; std::filesystem::exists(settings.config_path, ec)) {
    throw Error("cannot read " + settings.config_path.string());
  }

  if (auto n = option(options, "max-concurrent-downloads"); !n.empty()) {
    settings.max_concurrent_downloads = parse_count(n, "max-concurrent-downloads", 64);
  }
  if (auto n = option(options, "max-download-attempts"); !n.empty()) {
    settings.retry.max_attempts = parse_count(n, "max-download-attempts", 20);
  }

  settings.certs_dirs = {kDockerCertsDir, settings.config_path.parent_path() / "certs.d"};
  std::string docker_config = option(options, "docker-config");
  if (docker_config.empty()) docker_config = env("DOCKER_CONFIG");
  settings.docker_config_dir =
      docker_config.empty() ? home_dir() / ".docker" : std::filesystem::path(docker_config);
  return settings;
}

}  // namespace mydocker::hub

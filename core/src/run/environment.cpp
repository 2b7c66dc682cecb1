#include "run/environment.hpp"

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include "mydocker/errors.hpp"

namespace mydocker {

namespace {

// Works on a const and a mutable list alike.
template <typename Env>
auto find_env(Env& env, std::string_view name) {
  for (auto it = env.begin(); it != env.end(); ++it) {
    if (it->size() > name.size() && it->starts_with(name) && (*it)[name.size()] == '=') return it;
  }
  return env.end();
}

std::string checked_name(std::string_view setting, const std::string& where) {
  const std::string name(setting.substr(0, setting.find('=')));
  if (name.empty() || name.find_first_of(" \t") != std::string::npos) {
    throw Error(where + "invalid environment variable \"" + std::string(setting) +
                "\": expected KEY=VALUE or KEY");
  }
  return name;
}

}  // namespace

std::vector<std::string> read_env_file(const std::filesystem::path& path) {
  std::ifstream in(path);
  if (!in) throw Error("cannot read the env file " + path.string() + ": " + std::strerror(errno));
  std::vector<std::string> settings;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    if (!line.empty() && line.back() == '\r') line.pop_back();
    const auto start = line.find_first_not_of(" \t");
    if (start == std::string::npos || line[start] == '#') continue;
    line.erase(0, start);
    checked_name(line, path.string() + ":" + std::to_string(number) + ": ");
    settings.push_back(line);
  }
  return settings;
}

void apply_env_settings(std::vector<std::string>& env, const std::vector<std::string>& settings) {
  for (const auto& setting : settings) {
    const std::string name = checked_name(setting, "");
    std::string kv = setting;
    if (setting.find('=') == std::string::npos) {
      const char* value = std::getenv(name.c_str());
      if (value == nullptr) continue;
      kv = name + "=" + value;
    }
    const auto it = find_env(env, name);
    if (it != env.end()) {
      *it = kv;
    } else {
      env.push_back(kv);
    }
  }
}

std::string env_value(const std::vector<std::string>& env, std::string_view name) {
  const auto it = find_env(env, name);
  return it == env.end() ? std::string() : it->substr(name.size() + 1);
}

bool has_env(const std::vector<std::string>& env, std::string_view name) {
  return find_env(env, name) != env.end();
}

}  // namespace mydocker

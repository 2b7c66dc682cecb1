// The container's environment from docker's flags: -e KEY=VALUE, -e KEY (the value mydocker
// itself has, or nothing when it has none) and --env-file lines in the same two forms.
#pragma once

#include <filesystem>
#include <string>
#include <vector>

namespace mydocker {

// The settings of an env file, in order: blank lines and lines starting with '#' skipped.
// Throws Error naming the file and line when a line is not KEY=VALUE or KEY.
std::vector<std::string> read_env_file(const std::filesystem::path& path);

// Applies settings to env: a KEY=VALUE replaces KEY or is appended; a bare KEY takes its
// value from mydocker's environment. Throws Error for an empty or malformed name.
void apply_env_settings(std::vector<std::string>& env, const std::vector<std::string>& settings);

// The value of NAME in a KEY=VALUE list ("" if absent) and whether it is there.
std::string env_value(const std::vector<std::string>& env, std::string_view name);
bool has_env(const std::vector<std::string>& env, std::string_view name);

}  // namespace mydocker

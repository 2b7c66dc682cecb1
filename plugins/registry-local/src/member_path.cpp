#include "member_path.hpp"

#include <vector>

#include "mydocker/errors.hpp"

namespace mydocker::local {

std::optional<std::string> normalize_member_path(std::string_view path) {
  if (path.starts_with('/')) return std::nullopt;
  std::string out;
  while (!path.empty()) {
    const auto slash = path.find('/');
    const std::string_view part = path.substr(0, slash);
    path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
    if (part.empty() || part == ".") continue;
    if (part == "..") return std::nullopt;
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::optional<std::string> resolve_link_target(std::string_view link, std::string_view target) {
  if (target.starts_with('/')) return std::nullopt;
  std::vector<std::string_view> parts;
  auto walk = [&](std::string_view path, bool dirs_only) {
    if (dirs_only) {
      const auto slash = path.rfind('/');
      path = slash == std::string_view::npos ? std::string_view{} : path.substr(0, slash);
    }
    while (!path.empty()) {
      const auto slash = path.find('/');
      const std::string_view part = path.substr(0, slash);
      path = slash == std::string_view::npos ? std::string_view{} : path.substr(slash + 1);
      if (part.empty() || part == ".") continue;
      if (part == "..") {
        if (parts.empty()) return false;
        parts.pop_back();
      } else {
        parts.push_back(part);
      }
    }
    return true;
  };
  if (!walk(link, true) || !walk(target, false) || parts.empty()) return std::nullopt;
  std::string out;
  for (auto part : parts) {
    if (!out.empty()) out += '/';
    out += part;
  }
  return out;
}

std::string require_member_path(std::string_view path, std::string_view label,
                                std::string_view source) {
  auto normal = normalize_member_path(path);
  if (!normal) {
    throw Error(std::string(label) + ": " + std::string(source) + " refers to \"" +
                std::string(path) + "\", outside the archive");
  }
  if (normal->empty()) {
    throw Error(std::string(label) + ": " + std::string(source) + " refers to \"" +
                std::string(path) + "\", which is not a file");
  }
  return *normal;
}

}  // namespace mydocker::local

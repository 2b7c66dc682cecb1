#include "unpack/entry_path.hpp"

#include <climits>
#include <cstdio>

namespace mydocker {

EntryPathStatus normalize_entry_path(std::string_view name, std::string& out) {
  out.clear();
  if (name.find('\0') != std::string_view::npos) return EntryPathStatus::invalid;
  std::size_t pos = 0;
  while (pos < name.size()) {
    std::size_t end = name.find('/', pos);
    if (end == std::string_view::npos) end = name.size();
    const std::string_view component = name.substr(pos, end - pos);
    pos = end + 1;
    if (component.empty() || component == ".") continue;
    if (component == "..") return EntryPathStatus::escapes;
    if (component.size() > NAME_MAX) return EntryPathStatus::too_long;
    if (!out.empty()) out += '/';
    out += component;
  }
  // The kernel counts the terminating NUL in PATH_MAX.
  if (out.size() >= PATH_MAX) return EntryPathStatus::too_long;
  return EntryPathStatus::ok;
}

void join_entry_path(std::string_view dir, std::string_view name, std::string& out) {
  out.assign(dir);
  if (!out.empty()) out += '/';
  out += name;
}

std::string quote_entry_name(std::string_view name) {
  constexpr std::size_t kShown = 200;
  std::string out = "\"";
  for (std::size_t i = 0; i < name.size() && i < kShown; ++i) {
    const auto c = static_cast<unsigned char>(name[i]);
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20 || c == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  if (name.size() > kShown) out += "...";
  out += '"';
  return out;
}

}  // namespace mydocker

#include "state/process_stat.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <sstream>

namespace mydocker::runtime {

std::optional<ProcessStat> parse_process_stat(std::string_view content) {
  const auto close = content.rfind(')');
  if (close == std::string_view::npos) return std::nullopt;
  // After ") ": field 3 (state) is the first, field 22 (starttime) the twentieth.
  std::string_view rest = content.substr(close + 1);
  ProcessStat stat;
  int field = 2;
  while (!rest.empty()) {
    const auto start = rest.find_first_not_of(' ');
    if (start == std::string_view::npos) break;
    rest.remove_prefix(start);
    const auto end = std::min(rest.find(' '), rest.size());
    const std::string_view value = rest.substr(0, end);
    ++field;
    if (field == 3) {
      if (value.size() != 1) return std::nullopt;
      stat.state = value[0];
    } else if (field == 22) {
      const auto [ptr, ec] =
          std::from_chars(value.data(), value.data() + value.size(), stat.start_time);
      if (ec != std::errc{} || ptr != value.data() + value.size()) return std::nullopt;
      return stat;
    }
    rest.remove_prefix(end);
  }
  return std::nullopt;
}

std::optional<ProcessStat> read_process_stat(pid_t pid, const std::string& proc_root) {
  if (pid <= 0) return std::nullopt;
  std::ifstream file(proc_root + "/" + std::to_string(pid) + "/stat");
  if (!file) return std::nullopt;
  std::ostringstream content;
  content << file.rdbuf();
  return parse_process_stat(content.str());
}

}  // namespace mydocker::runtime

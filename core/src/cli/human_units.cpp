#include "cli/human_units.hpp"

#include <cstdio>
#include <iterator>

namespace mydocker {

std::string human_size(std::uint64_t bytes) {
  static constexpr const char* kUnits[] = {"B", "kB", "MB", "GB", "TB"};
  double value = static_cast<double>(bytes);
  std::size_t unit = 0;
  while (value >= 1000 && unit + 1 < std::size(kUnits)) {
    value /= 1000;
    ++unit;
  }
  char buf[32];
  if (unit == 0) {
    std::snprintf(buf, sizeof buf, "%lluB", static_cast<unsigned long long>(bytes));
  } else {
    std::snprintf(buf, sizeof buf,
                  value < 10    ? "%.2f%s"
                  : value < 100 ? "%.1f%s"
                                : "%.0f%s",
                  value, kUnits[unit]);
  }
  return buf;
}

namespace {

// Seconds since the epoch of an RFC 3339 time, or -1.
long long parse_rfc3339(const std::string& text) {
  int year, month, day, hour, minute, second;
  int consumed = 0;
  if (std::sscanf(text.c_str(), "%4d-%2d-%2dT%2d:%2d:%2d%n", &year, &month, &day, &hour, &minute,
                  &second, &consumed) != 6) {
    return -1;
  }
  std::size_t at = static_cast<std::size_t>(consumed);
  if (at < text.size() && text[at] == '.') {
    ++at;
    while (at < text.size() && text[at] >= '0' && text[at] <= '9') ++at;
  }
  long long offset = 0;
  if (at < text.size() && (text[at] == '+' || text[at] == '-')) {
    int oh, om;
    if (std::sscanf(text.c_str() + at + 1, "%2d:%2d", &oh, &om) != 2) return -1;
    offset = (text[at] == '+' ? 1 : -1) * (oh * 3600LL + om * 60LL);
  } else if (at >= text.size() || (text[at] != 'Z' && text[at] != 'z')) {
    return -1;
  }
  std::tm tm{};
  tm.tm_year = year - 1900;
  tm.tm_mon = month - 1;
  tm.tm_mday = day;
  tm.tm_hour = hour;
  tm.tm_min = minute;
  tm.tm_sec = second;
  return static_cast<long long>(::timegm(&tm)) - offset;
}

std::string plural(long long n, const char* unit) {
  return std::to_string(n) + " " + unit + (n == 1 ? "" : "s") + " ago";
}

}  // namespace

std::string human_age(const std::string& rfc3339, std::time_t now) {
  const long long then = parse_rfc3339(rfc3339);
  if (then < 0) return "N/A";
  const long long s = static_cast<long long>(now) - then;
  if (s < 1) return "Less than a second ago";
  if (s < 60) return plural(s, "second");
  if (s < 3600) return s < 120 ? "About a minute ago" : plural(s / 60, "minute");
  if (s < 86400 * 2) return s < 7200 ? "About an hour ago" : plural(s / 3600, "hour");
  if (s < 86400 * 14) return plural(s / 86400, "day");
  if (s < 86400 * 60) return plural(s / (86400 * 7), "week");
  if (s < 86400 * 365 * 2) return plural(s / (86400 * 30), "month");
  return plural(s / (86400 * 365), "year");
}

std::string docker_time(const std::string& rfc3339) {
  const long long then = parse_rfc3339(rfc3339);
  if (then < 0) return "N/A";
  const auto seconds = static_cast<std::time_t>(then);
  std::tm tm{};
  ::gmtime_r(&seconds, &tm);
  char buf[64];
  std::strftime(buf, sizeof buf, "%Y-%m-%d %H:%M:%S +0000 UTC", &tm);
  return buf;
}

}  // namespace mydocker

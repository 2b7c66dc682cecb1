#include "state/timestamp.hpp"

#include <cstdio>

namespace mydocker::runtime {

std::string rfc3339_nanos(const timespec& when) {
  tm utc{};
  gmtime_r(&when.tv_sec, &utc);
  char text[64];
  std::snprintf(text, sizeof text, "%04d-%02d-%02dT%02d:%02d:%02d.%09ldZ", utc.tm_year + 1900,
                utc.tm_mon + 1, utc.tm_mday, utc.tm_hour, utc.tm_min, utc.tm_sec, when.tv_nsec);
  return text;
}

std::string rfc3339_now() {
  timespec now{};
  clock_gettime(CLOCK_REALTIME, &now);
  return rfc3339_nanos(now);
}

}  // namespace mydocker::runtime

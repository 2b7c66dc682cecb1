// Sizes and ages the way docker prints them.
#pragma once

#include <cstdint>
#include <ctime>
#include <string>

namespace mydocker {

// "1.2MB", "340kB", "12B": decimal units.
std::string human_size(std::uint64_t bytes);

// "3 days ago", "About an hour ago" for an RFC 3339 time ("2024-05-01T10:00:00Z", fractions
// and offsets allowed) seen at `now`; "N/A" when it cannot be read.
std::string human_age(const std::string& rfc3339, std::time_t now);

// docker's CreatedAt, Go's time.String() in UTC: "2024-05-01 10:00:00 +0000 UTC"; "N/A" when
// the RFC 3339 time cannot be read.
std::string docker_time(const std::string& rfc3339);

}  // namespace mydocker

// Times as the OCI state and the --log lines carry them: RFC 3339 in UTC with nanoseconds.
#pragma once

#include <ctime>
#include <string>

namespace mydocker::runtime {

// "2026-12-07T15:42:49.012345678Z"
std::string rfc3339_nanos(const timespec& when);
std::string rfc3339_now();

}  // namespace mydocker::runtime

// --memory, --cpus and --pids-limit as docker spells them.
#pragma once

#include <cstdint>
#include <string>

namespace mydocker {

// "64m", "1g", "512k", "1048576", "64MiB", "2gb": binary units, case-insensitive. Throws Error.
std::int64_t parse_memory_size(const std::string& text);

// "0.5", "2": a positive number of CPUs. Throws Error.
double parse_cpus(const std::string& text);

}  // namespace mydocker

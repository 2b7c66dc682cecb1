#include "run/resource_limits.hpp"

#include <cctype>
#include <charconv>
#include <cmath>
#include <limits>

#include "mydocker/errors.hpp"

namespace mydocker {

std::int64_t parse_memory_size(const std::string& text) {
  const auto bad = [&] {
    return Error("invalid memory size \"" + text + "\": expected a number with an optional unit " +
                 "b, k, m or g (as in 64m)");
  };
  double number = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, number);
  if (ec != std::errc() || ptr == text.data() || !(number >= 0)) throw bad();
  std::string unit(ptr, end);
  for (auto& c : unit) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  if (unit.ends_with("ib")) {
    unit.erase(unit.size() - 2);
  } else if (unit.size() == 2 && unit.back() == 'b') {
    unit.pop_back();
  }
  double scale = 1;
  if (unit == "k") {
    scale = 1024.0;
  } else if (unit == "m") {
    scale = 1024.0 * 1024;
  } else if (unit == "g") {
    scale = 1024.0 * 1024 * 1024;
  } else if (unit == "t") {
    scale = 1024.0 * 1024 * 1024 * 1024;
  } else if (!unit.empty() && unit != "b") {
    throw bad();
  }
  const double bytes = number * scale;
  if (bytes >= static_cast<double>(std::numeric_limits<std::int64_t>::max())) throw bad();
  return static_cast<std::int64_t>(bytes);
}

double parse_cpus(const std::string& text) {
  double cpus = 0;
  const char* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, cpus);
  if (ec != std::errc() || ptr != end || !(cpus > 0) || !std::isfinite(cpus)) {
    throw Error("invalid --cpus \"" + text + "\": expected a positive number such as 0.5 or 2");
  }
  return cpus;
}

}  // namespace mydocker

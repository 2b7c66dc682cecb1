// What the fuzz targets share: the input as text, and split into the parts a target needs.
//
// Every target lets mydocker::Error pass silently (the parser refused the input, as it should)
// and lets anything else escape: libFuzzer reports an uncaught exception as a crash, since a
// parser that throws a JSON library error or std::out_of_range shows the user no clear message.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string_view>
#include <vector>

#include "mydocker/errors.hpp"

namespace mydocker::fuzz {

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// The separator between the parts of one input: a line holding only "%%".
inline constexpr std::string_view kPartSeparator = "\n%%\n";

// Exactly `count` parts: split at the first count-1 separators, missing parts empty.
inline std::vector<std::string_view> split_parts(std::string_view text, std::size_t count) {
  std::vector<std::string_view> parts;
  while (parts.size() + 1 < count) {
    const auto at = text.find(kPartSeparator);
    if (at == std::string_view::npos) break;
    parts.push_back(text.substr(0, at));
    text.remove_prefix(at + kPartSeparator.size());
  }
  parts.push_back(text);
  parts.resize(count);
  return parts;
}

// Runs f, swallowing the mydocker::Error a parser throws for input it refuses.
template <typename F>
void refused_is_fine(F&& f) {
  try {
    f();
  } catch (const Error&) {
  }
}

// Aborts, so libFuzzer keeps the input, when a property the parser promises does not hold.
inline void require(bool holds, const char* property) {
  if (holds) return;
  std::fprintf(stderr, "fuzz: property broken: %s\n", property);
  std::abort();
}

}  // namespace mydocker::fuzz

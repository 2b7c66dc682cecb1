// docker's "key: value" listing (`docker version`, `docker info`): one indented field a line.
#pragma once

#include <cstdio>
#include <string>

namespace mydocker {

inline void print_field(const std::string& key, const std::string& value) {
  std::printf(" %-16s %s\n", (key + ":").c_str(), value.c_str());
}

}  // namespace mydocker

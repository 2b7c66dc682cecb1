// The seccomp program for Docker's default capability set, compiled at build time by
// seccomp_program_generator.cpp, so the usual container starts without running libseccomp.
#pragma once

#include <linux/filter.h>

#include <cstddef>

namespace mydocker::pivot_root {

extern const sock_filter kDefaultSeccompProgram[];
extern const std::size_t kDefaultSeccompProgramSize;

}  // namespace mydocker::pivot_root

// Showing a pull's progress the way docker does: a redrawn bar per layer on a terminal, or one
// line per layer when the output is a file or a pipe.
#pragma once

#include <cstdio>
#include <memory>

#include "image/pull_progress.hpp"

namespace mydocker {

enum class ProgressStyle { none, lines, bars };

// The style for `out`: bars on a terminal, else lines if `lines_when_not_a_terminal`.
ProgressStyle progress_style_for(std::FILE* out, bool lines_when_not_a_terminal);

// nullptr for ProgressStyle::none.
std::unique_ptr<PullProgress> make_progress_display(ProgressStyle style, std::FILE* out);

}  // namespace mydocker

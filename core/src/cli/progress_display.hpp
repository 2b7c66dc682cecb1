// Showing a pull's progress the way docker does: a line per layer redrawn in place on a
// terminal, fitted to its width (asked again at every redraw, so a resized terminal is
// followed), or one line per change of state when the output is a file, a pipe or a terminal
// too narrow for that.
#pragma once

#include <cstddef>
#include <cstdio>
#include <functional>
#include <memory>

#include "image/pull_progress.hpp"

namespace mydocker {

enum class ProgressStyle { none, lines, bars };

// Narrower than this, a redrawn line says too little: the display prints lines instead.
inline constexpr std::size_t kMinBarColumns = 40;

// The style for `out`: bars on a terminal, else lines if `lines_when_not_a_terminal`.
ProgressStyle progress_style_for(std::FILE* out, bool lines_when_not_a_terminal);

// nullptr for ProgressStyle::none. `columns` gives the width for bars (default: the terminal
// `out` is on, asked at every redraw).
std::unique_ptr<PullProgress> make_progress_display(ProgressStyle style, std::FILE* out,
                                                    std::function<std::size_t()> columns = {});

}  // namespace mydocker

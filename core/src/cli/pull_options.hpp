// The options of every command that pulls: which source and platform, and how to show it.
#pragma once

#include <CLI/CLI.hpp>
#include <cstdio>
#include <memory>
#include <string>

#include "cli/progress_display.hpp"
#include "image/image_fetcher.hpp"

namespace mydocker {

struct ProgressChoice {
  std::string mode = "auto";  // auto, plain, tty, quiet
  bool quiet = false;

  // The display for `out`. With "auto": bars on a terminal, otherwise lines only if
  // `lines_by_default`.
  std::unique_ptr<PullProgress> make_display(std::FILE* out, bool lines_by_default) const;
};

void add_progress_options(CLI::App& command, ProgressChoice& choice);
// --source, --platform and the IMAGE positional.
void add_image_options(CLI::App& command, FetchRequest& request);

}  // namespace mydocker

#include "cli/pull_options.hpp"

namespace mydocker {

std::unique_ptr<PullProgress> ProgressChoice::make_display(std::FILE* out,
                                                           bool lines_by_default) const {
  if (quiet || mode == "quiet") return nullptr;
  if (mode == "plain") return make_progress_display(ProgressStyle::lines, out);
  if (mode == "tty") return make_progress_display(ProgressStyle::bars, out);
  return make_progress_display(progress_style_for(out, lines_by_default), out);
}

void add_progress_options(CLI::App& command, ProgressChoice& choice) {
  command
      .add_option("--progress", choice.mode,
                  "Pull progress: auto (bars on a terminal), plain (a line per layer), tty, quiet")
      ->check(CLI::IsMember({"auto", "plain", "tty", "quiet"}))
      ->capture_default_str();
  command.add_flag("-q,--quiet", choice.quiet, "Print no pull progress");
}

void add_image_options(CLI::App& command, FetchRequest& request) {
  command.add_option("--source", request.source,
                     "Image source plugin (default: local for archives and paths, hub otherwise)");
  command.add_option("--platform", request.platform,
                     "Platform to pick from a multi-platform image, os/arch[/variant]");
  command
      .add_option("IMAGE", request.image,
                  "Image: a registry reference, docker-archive:PATH[:NAME:TAG], "
                  "oci:DIR[:TAG], oci-archive:PATH[:TAG] or a path")
      ->required();
}

}  // namespace mydocker

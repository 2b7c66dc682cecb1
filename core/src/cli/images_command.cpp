#include <cstdio>
#include <ctime>

#include "cli/commands.hpp"
#include "cli/human_units.hpp"
#include "image/image_reference.hpp"
#include "mydocker/errors.hpp"
#include "store/image_names.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

namespace {

struct Row {
  std::string repository, tag, digest, created, size;
};

// docker's short forms: docker.io/library/alpine is "alpine", docker.io/x/y is "x/y".
Row row_of(const ImageRecord& record, std::time_t now) {
  Row row{record.name, "<none>", short_digest(record.manifest_digest),
          human_age(record.created, now), human_size(static_cast<std::uint64_t>(record.size))};
  try {
    const ImageReference ref = parse_reference(record.name);
    row.repository = ref.name();
    for (const std::string prefix : {"docker.io/library/", "docker.io/"}) {
      if (row.repository.starts_with(prefix) &&
          row.repository.find('/', prefix.size()) == std::string::npos) {
        row.repository = row.repository.substr(prefix.size());
        break;
      }
    }
    if (row.repository.starts_with("docker.io/")) row.repository = row.repository.substr(10);
    if (!ref.tag.empty()) row.tag = ref.tag;
  } catch (const Error&) {
    // A name that is not a registry reference is shown whole.
  }
  return row;
}

}  // namespace

CommandAction add_images_command(CLI::App& app, const GlobalOptions& global) {
  app.add_subcommand("images", "List the images in the store");
  return [&global] {
    const ImageNames names(global.root);
    const std::time_t now = std::time(nullptr);
    std::vector<Row> rows{{"REPOSITORY", "TAG", "DIGEST", "CREATED", "SIZE"}};
    for (const auto& record : names.list()) rows.push_back(row_of(record, now));
    std::size_t w[4] = {0, 0, 0, 0};
    for (const auto& r : rows) {
      w[0] = std::max(w[0], r.repository.size());
      w[1] = std::max(w[1], r.tag.size());
      w[2] = std::max(w[2], r.digest.size());
      w[3] = std::max(w[3], r.created.size());
    }
    for (const auto& r : rows) {
      std::printf("%-*s   %-*s   %-*s   %-*s   %s\n", static_cast<int>(w[0]), r.repository.c_str(),
                  static_cast<int>(w[1]), r.tag.c_str(), static_cast<int>(w[2]), r.digest.c_str(),
                  static_cast<int>(w[3]), r.created.c_str(), r.size.c_str());
    }
    return 0;
  };
}

}  // namespace mydocker

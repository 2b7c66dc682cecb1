#include <cstdio>
#include <ctime>
#include <memory>
#include <set>

#include "cli/commands.hpp"
#include "cli/format_template.hpp"
#include "cli/human_units.hpp"
#include "cli/image_filter.hpp"
#include "image/content_size.hpp"
#include "image/image_reference.hpp"
#include "mydocker/errors.hpp"
#include "store/store.hpp"
#include "util/digest_check.hpp"

namespace mydocker {

namespace {

struct ImagesOptions {
  bool quiet = false;
  bool no_trunc = false;
  bool digests = false;
  std::string format;
  std::vector<std::string> filters;
};

const std::vector<FormatField> kFields = {{"Repository", "REPOSITORY"},
                                          {"Tag", "TAG"},
                                          {"ID", "IMAGE ID"},
                                          {"Digest", "DIGEST"},
                                          {"CreatedSince", "CREATED"},
                                          {"CreatedAt", "CREATED AT"},
                                          {"Size", "SIZE"}};

// docker's short forms: docker.io/library/alpine is "alpine", docker.io/x/y is "x/y". A name
// that is not a registry reference is shown whole, without a tag.
std::pair<std::string, std::string> repository_and_tag(const std::string& name) {
  try {
    const ImageReference ref = parse_reference(name);
    std::string repository = ref.name();
    for (const std::string prefix : {"docker.io/library/", "docker.io/"}) {
      if (repository.starts_with(prefix) &&
          repository.find('/', prefix.size()) == std::string::npos) {
        repository = repository.substr(prefix.size());
        break;
      }
    }
    if (repository.starts_with("docker.io/")) repository = repository.substr(10);
    return {repository, ref.tag.empty() ? "<none>" : ref.tag};
  } catch (const Error&) {
    return {name, "<none>"};
  }
}

// Names recorded before sizes were counted uncompressed are counted now (without writing:
// listing works on a read-only store).
std::string size_of(const ImageRecord& record, const Store& store) {
  std::int64_t size = record.size;
  if (size < 0) {
    try {
      size = image_content_size(read_stored_image(store.blobs, record.name, record.manifest_digest),
                                store.blobs, store.layers);
    } catch (const Error&) {
      return "N/A";
    }
  }
  return human_size(static_cast<std::uint64_t>(size));
}

FormatValues values_of(const ImageRecord& record, const ImagesOptions& options, const Store& store,
                       std::time_t now) {
  const auto [repository, tag] = repository_and_tag(record.name);
  std::string id = record.config_digest;
  if (!options.no_trunc) id = id.substr(id.find(':') + 1, 12);
  return {{"Repository", repository},
          {"Tag", tag},
          {"ID", id},
          {"Digest", record.pulled ? record.manifest_digest : "<none>"},
          {"CreatedSince", human_age(record.created, now)},
          {"CreatedAt", docker_time(record.created)},
          {"Size", size_of(record, store)}};
}

std::string format_of(const ImagesOptions& options) {
  if (options.quiet) return "{{.ID}}";
  if (!options.format.empty()) return options.format;
  return options.digests
             ? "table {{.Repository}}\t{{.Tag}}\t{{.Digest}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}"
             : "table {{.Repository}}\t{{.Tag}}\t{{.ID}}\t{{.CreatedSince}}\t{{.Size}}";
}

}  // namespace

CommandAction add_images_command(CLI::App& app, const GlobalOptions& global) {
  auto options = std::make_shared<ImagesOptions>();
  CLI::App* images = app.add_subcommand("images", "List the images in the store");
  images->add_flag("-q,--quiet", options->quiet, "Only show image IDs");
  images->add_flag("--no-trunc", options->no_trunc, "Don't truncate output (full image IDs)");
  images->add_flag("--digests", options->digests, "Show digests");
  images->add_option("--format", options->format,
                     "Format output using a Go template subset: {{.Repository}}, {{.Tag}}, "
                     "{{.ID}}, {{.Digest}}, {{.CreatedSince}}, {{.CreatedAt}}, {{.Size}}, "
                     "{{json .}}, 'table ...'");
  images->add_option("-f,--filter", options->filters, "Filter output: reference=PATTERN")
      ->allow_extra_args(false);
  return [options, &global] {
    // Both checked before anything is read, so a typo prints one error and nothing else.
    const FormatTemplate format(format_of(*options), kFields);
    const ImageFilter filter(options->filters);
    const Store store(global.root, StoreAccess::read_only);
    const std::time_t now = std::time(nullptr);
    std::vector<FormatValues> rows;
    std::set<std::string> ids;
    for (const auto& record : store.names.list()) {
      const auto [repository, tag] = repository_and_tag(record.name);
      if (!filter.matches(repository, tag == "<none>" ? "" : tag)) continue;
      if (options->quiet && !ids.insert(record.config_digest).second) continue;
      rows.push_back(values_of(record, *options, store, now));
    }
    std::fputs(format.render(rows).c_str(), stdout);
    return 0;
  };
}

}  // namespace mydocker

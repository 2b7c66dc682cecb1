#include <spdlog/spdlog.h>

#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/human_units.hpp"
#include "image/image_reference.hpp"
#include "mydocker/errors.hpp"
#include "store/store.hpp"
#include "store/store_gc.hpp"

namespace mydocker {

namespace {

// The store's name for what the user typed: "alpine" is docker.io/library/alpine:latest.
std::string stored_name(const ImageNames& names, const std::string& typed) {
  if (names.find(typed)) return typed;
  try {
    return parse_reference(typed).canonical();
  } catch (const Error&) {
    return typed;
  }
}

// docker's "No such image: alpine:latest": what was typed, with the tag it implies.
void report_missing(const std::string& typed) {
  std::string shown = typed;
  try {
    parse_reference(typed);
    const auto slash = typed.rfind('/');
    const std::string last = typed.substr(slash == std::string::npos ? 0 : slash + 1);
    if (last.find(':') == std::string::npos && typed.find('@') == std::string::npos) {
      shown += ":latest";
    }
  } catch (const Error&) {
  }
  std::fprintf(stderr, "mydocker: No such image: %s\n", shown.c_str());
}

}  // namespace

CommandAction add_rmi_command(CLI::App& app, const GlobalOptions& global) {
  auto images = std::make_shared<std::vector<std::string>>();
  CLI::App* rmi = app.add_subcommand("rmi", "Remove images from the store");
  rmi->add_option("IMAGE", *images, "Image names")->required();
  return [images, &global] {
    // Looking names up writes nothing: a name that is not there is the same error on a fresh
    // or read-only store as on any other.
    const ImageNames names(global.root);
    std::vector<std::string> present;
    int status = 0;
    for (const auto& typed : *images) {
      const std::string name = stored_name(names, typed);
      if (names.find(name)) {
        present.push_back(name);
      } else {
        report_missing(typed);
        status = 1;
      }
    }
    if (present.empty()) return status;
    Store store(global.root);
    for (const auto& name : present) {
      if (!store.names.remove(name)) {  // removed meanwhile by another rmi
        report_missing(name);
        status = 1;
        continue;
      }
      std::printf("Untagged: %s\n", name.c_str());
    }
    // What only those images used goes now, unless other commands are busy with the store;
    // `mydocker system prune` removes it later then.
    try {
      const GcResult gc = collect_garbage(store);
      if (gc.blobs + gc.layers > 0) {
        std::printf("Deleted: %llu blobs, %llu layers (%s)\n",
                    static_cast<unsigned long long>(gc.blobs),
                    static_cast<unsigned long long>(gc.layers), human_size(gc.bytes).c_str());
      }
    } catch (const Error& e) {
      spdlog::info("{}", e.what());
    }
    return status;
  };
}

}  // namespace mydocker

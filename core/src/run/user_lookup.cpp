#include "run/user_lookup.hpp"

#include <linux/openat2.h>
#include <spdlog/spdlog.h>

#include <algorithm>
#include <charconv>
#include <optional>
#include <sstream>

#include "mydocker/errors.hpp"
#include "mydocker/untrusted_file.hpp"

namespace mydocker {

namespace {

// One line of passwd or group, split at ':'.
std::vector<std::string> fields_of(const std::string& line) {
  std::vector<std::string> fields;
  std::string field;
  std::istringstream in(line);
  while (std::getline(in, field, ':')) fields.push_back(field);
  if (!line.empty() && line.back() == ':') fields.emplace_back();
  return fields;
}

std::optional<std::uint32_t> parse_id(const std::string& text) {
  std::uint32_t value = 0;
  const auto* end = text.data() + text.size();
  const auto [ptr, ec] = std::from_chars(text.data(), end, value);
  if (text.empty() || ec != std::errc() || ptr != end) return std::nullopt;
  return value;
}

// The first entry whose name (field 0) or, for a number, id (field 2) matches.
std::optional<std::vector<std::string>> find_entry(const std::string& file, const std::string& name,
                                                   std::optional<std::uint32_t> id,
                                                   std::size_t min_fields) {
  std::istringstream in(file);
  std::string line;
  while (std::getline(in, line)) {
    if (line.empty() || line.front() == '#') continue;
    auto fields = fields_of(line);
    if (fields.size() < min_fields) continue;
    if (id ? parse_id(fields[2]) == id : fields[0] == name) return fields;
  }
  return std::nullopt;
}

// An image file resolve_user reads: its content (empty when the image lacks it), or why it
// could not be read (a FIFO, a device, a sparse file of gigabytes).
struct ImageFile {
  std::string content;
  std::string problem;
};

ImageFile read_image_file(int root_fd, const char* path) {
  try {
    return {read_untrusted_file(root_fd, path, RESOLVE_IN_ROOT | RESOLVE_NO_MAGICLINKS,
                                std::string("the image's ") + path)
                .value_or(""),
            ""};
  } catch (const Error& e) {
    return {"", e.what()};
  }
}

// A bad file matters only when a name has to be looked up in it; a number or root does without
// it, as it does with an image that has no such file.
const std::string& usable(const ImageFile& file, const std::string& name_or_id, const char* what) {
  if (file.problem.empty()) return file.content;
  if (!parse_id(name_or_id)) {
    throw Error("unable to find " + std::string(what) + " " + name_or_id + ": " + file.problem);
  }
  spdlog::warn("{}; going on without it", file.problem);
  return file.content;
}

}  // namespace

ContainerUser resolve_user(const std::string& user, const std::string& passwd,
                           const std::string& group) {
  const auto colon = user.find(':');
  const std::string user_part = user.empty() ? "0" : user.substr(0, colon);
  const std::string group_part = colon == std::string::npos ? "" : user.substr(colon + 1);
  if (user_part.empty() || (colon != std::string::npos && group_part.empty())) {
    throw Error("invalid user \"" + user + "\": expected name, uid, name:group or uid:gid");
  }

  ContainerUser out;
  const auto uid = parse_id(user_part);
  const auto entry = find_entry(passwd, user_part, uid, 7);
  if (entry) {
    // Found by name, its uid field is unchecked: never guess one (docker's parser takes 0).
    const auto entry_uid = parse_id((*entry)[2]);
    if (!entry_uid) {
      throw Error("invalid entry for user " + user_part + " in the image's passwd file: uid \"" +
                  (*entry)[2] + "\" is not a number");
    }
    out.uid = *entry_uid;
    out.gid = parse_id((*entry)[3]).value_or(0);
    out.home = (*entry)[5].empty() ? "/" : (*entry)[5];
  } else if (uid) {
    out.uid = *uid;
  } else {
    throw Error("unable to find user " + user_part +
                ": no matching entries in the image's passwd file");
  }

  if (!group_part.empty()) {
    const auto gid = parse_id(group_part);
    const auto group_entry = find_entry(group, group_part, gid, 3);
    if (group_entry) {
      out.gid = parse_id((*group_entry)[2]).value_or(0);
    } else if (gid) {
      out.gid = *gid;
    } else {
      throw Error("unable to find group " + group_part +
                  ": no matching entries in the image's group file");
    }
  }

  // Supplementary groups as docker gives them: the primary group, then every group listing
  // the user by name.
  out.additional_gids.push_back(out.gid);
  if (entry) {
    std::istringstream in(group);
    std::string line;
    while (std::getline(in, line)) {
      const auto fields = fields_of(line);
      if (fields.size() < 4) continue;
      std::istringstream members(fields[3]);
      std::string member;
      while (std::getline(members, member, ',')) {
        const auto gid = parse_id(fields[2]);
        if (member == (*entry)[0] && gid &&
            std::find(out.additional_gids.begin(), out.additional_gids.end(), *gid) ==
                out.additional_gids.end()) {
          out.additional_gids.push_back(*gid);
        }
      }
    }
  }
  return out;
}

ContainerUser resolve_user(int root_fd, const std::string& user) {
  const auto colon = user.find(':');
  const std::string user_part = user.empty() ? "0" : user.substr(0, colon);
  const std::string group_part = colon == std::string::npos ? "0" : user.substr(colon + 1);
  const ImageFile passwd = read_image_file(root_fd, "/etc/passwd");
  const ImageFile group = read_image_file(root_fd, "/etc/group");
  return resolve_user(user, usable(passwd, user_part, "user"), usable(group, group_part, "group"));
}

}  // namespace mydocker

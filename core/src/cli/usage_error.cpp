#include "cli/usage_error.hpp"

#include <optional>
#include <vector>

#include "cli/suggestion.hpp"

namespace mydocker {

namespace {

// The innermost subcommand the parser entered: its help is the one to point at.
const CLI::App* command_being_parsed(const CLI::App& root) {
  const CLI::App* command = &root;
  for (auto subs = command->get_subcommands(); !subs.empty(); subs = command->get_subcommands()) {
    command = subs.back();
  }
  return command;
}

// A message about an option ("--log-level: loud not in {…}") points at the help of the command
// that has that option, which may be a parent of the one being parsed.
const CLI::App* owner_of_named_option(const CLI::App* command, const std::string& message) {
  const auto colon = message.find(':');
  if (!message.starts_with("-") || colon == std::string::npos) return command;
  const std::string name = message.substr(0, colon);
  for (const CLI::App* app = command; app != nullptr; app = app->get_parent()) {
    if (app->get_option_no_throw(name) != nullptr) return app;
  }
  return command;
}

// "mydocker system check": the root's name and every subcommand down to `command`.
std::string command_path(const CLI::App* command) {
  std::string path;
  for (; command != nullptr; command = command->get_parent()) {
    path = command->get_name() + (path.empty() ? "" : " ") + path;
  }
  return path;
}

// Every flag valid here: the command's own and, since options fall through to the parents,
// theirs.
std::vector<std::string> flags_of(const CLI::App* command) {
  std::vector<std::string> flags;
  for (; command != nullptr; command = command->get_parent()) {
    for (const CLI::Option* option : command->get_options()) {
      for (const auto& name : option->get_lnames()) flags.push_back("--" + name);
      for (const auto& name : option->get_snames()) flags.push_back("-" + name);
    }
  }
  return flags;
}

std::vector<std::string> subcommand_names(const CLI::App* command) {
  std::vector<std::string> names;
  for (const CLI::App* sub : command->get_subcommands({})) names.push_back(sub->get_name());
  return names;
}

std::string did_you_mean(const std::string& typed, const std::vector<std::string>& known) {
  const auto match = closest_match(typed, known);
  return match ? " Did you mean '" + *match + "'?" : "";
}

// The first argument no command took, if any: a typo of a command or flag.
std::optional<std::string> first_unknown_argument(const CLI::App& root) {
  const auto leftovers = root.remaining(true);
  if (leftovers.empty()) return std::nullopt;
  return leftovers.front();
}

}  // namespace

UsageError describe_usage_error(const CLI::App& app, const CLI::ParseError& error) {
  const CLI::App* command = owner_of_named_option(command_being_parsed(app), error.what());
  const std::string path = command_path(command);
  UsageError result{error.what(), "See '" + path + " --help'."};
  const auto unknown = first_unknown_argument(app);
  if (!unknown) return result;
  if (unknown->starts_with("-")) {
    const std::string flag = unknown->substr(0, unknown->find('='));
    result.message = "unknown flag: " + flag + "." + did_you_mean(flag, flags_of(command));
  } else if (!command->get_subcommands({}).empty()) {
    result.message = "'" + *unknown + "' is not a " + path + " command." +
                     did_you_mean(*unknown, subcommand_names(command));
  }
  return result;
}

}  // namespace mydocker

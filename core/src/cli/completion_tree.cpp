#include "cli/completion_tree.hpp"

namespace mydocker {

namespace {

// CLI11 shows an IsMember check in the type name: "TEXT:{none,host}".
std::vector<std::string> choices_of(const CLI::Option& option) {
  const std::string type = option.get_type_name();
  const auto open = type.find(":{");
  const auto close = type.find('}', open);
  if (open == std::string::npos || close == std::string::npos) return {};
  std::vector<std::string> choices;
  std::string list = type.substr(open + 2, close - open - 2);
  for (std::size_t start = 0; start <= list.size();) {
    const auto comma = std::min(list.find(',', start), list.size());
    if (comma > start) choices.push_back(list.substr(start, comma - start));
    start = comma + 1;
  }
  return choices;
}

void add_option(CompletionCommand& command, const CLI::Option& option) {
  if (option.get_positional()) {
    command.positionals.push_back(
        {option.get_name(true, false), option.get_items_expected_max() > 1});
    return;
  }
  command.options.push_back({option.get_lnames(), option.get_snames(), option.get_description(),
                             option.get_items_expected_max() > 0, option.get_expected_max() > 1,
                             choices_of(option)});
}

void collect(const CompletionCommand& command, std::vector<std::string>& path,
             std::vector<CommandAtPath>& out) {
  out.push_back({path, &command});
  for (const auto& sub : command.subcommands) {
    path.push_back(sub.name);
    collect(sub, path, out);
    path.pop_back();
  }
}

}  // namespace

CompletionCommand completion_tree(const CLI::App& app) {
  CompletionCommand command{app.get_name(), app.get_description(), {}, {}, {}};
  for (const CLI::Option* option : app.get_options()) add_option(command, *option);
  for (const CLI::App* sub : app.get_subcommands({})) {
    if (!sub->get_name().empty()) command.subcommands.push_back(completion_tree(*sub));
  }
  return command;
}

std::vector<CommandAtPath> commands_by_path(const CompletionCommand& root) {
  std::vector<CommandAtPath> out;
  std::vector<std::string> path;
  collect(root, path, out);
  return out;
}

std::string single_quoted(const std::string& text) {
  std::string out = "'";
  for (const char c : text) out += c == '\'' ? std::string("'\\''") : std::string(1, c);
  return out + "'";
}

}  // namespace mydocker

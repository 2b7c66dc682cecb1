#include "cli/completion_scripts.hpp"

namespace mydocker {

namespace {

std::string joined(const std::vector<std::string>& words) {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : " ") + word;
  return out;
}

// The condition under which a command's own completions apply: each name on its path seen,
// and none of its subcommands yet.
std::string condition(const std::vector<std::string>& path, const CompletionCommand& command) {
  std::string test;
  for (const auto& word : path) test += "__fish_seen_subcommand_from " + word + "; and ";
  std::vector<std::string> subs;
  for (const auto& sub : command.subcommands) subs.push_back(sub.name);
  if (subs.empty()) return test.empty() ? "true" : test.substr(0, test.size() - 6);
  return test + "not __fish_seen_subcommand_from " + joined(subs);
}

std::string option_line(const std::string& when, const CompletionOption& option) {
  std::string line = "complete -c mydocker -n " + single_quoted(when);
  for (const auto& name : option.long_names) line += " -l " + name;
  for (const auto& name : option.short_names) line += " -s " + name;
  if (option.takes_value) {
    line += option.choices.empty() ? " -r" : " -x -a " + single_quoted(joined(option.choices));
  }
  return line + " -d " + single_quoted(option.description) + "\n";
}

}  // namespace

std::string fish_completion(const CompletionCommand& root) {
  std::string lines;
  for (const auto& [path, command] : commands_by_path(root)) {
    const std::string when = condition(path, *command);
    for (const auto& sub : command->subcommands) {
      lines += "complete -c mydocker -f -n " + single_quoted(when) + " -a " + sub.name + " -d " +
               single_quoted(sub.description) + "\n";
    }
    for (const auto& option : command->options) lines += option_line(when, option);
    for (const auto& positional : command->positionals) {
      if (positional.is_image()) {
        lines +=
            "complete -c mydocker -n " + single_quoted(when) + " -a '(__mydocker_image_names)'\n";
      }
    }
  }
  return R"sh(# fish completion for mydocker, generated from its commands by `mydocker completion fish`.
function __mydocker_image_names
    mydocker images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null | string match -v '*<none>*'
end

)sh" + lines;
}

}  // namespace mydocker

#include "cli/completion_scripts.hpp"

namespace mydocker {

namespace {

std::string function_name(const std::vector<std::string>& path) {
  std::string name = "_mydocker";
  for (const auto& word : path) name += "_" + word;
  return name;
}

// An _arguments description: brackets end it unless quoted.
std::string described(const std::string& text) {
  std::string out;
  for (const char c : text) {
    if (c == '[' || c == ']' || c == '\\') out += '\\';
    out += c;
  }
  return out;
}

std::string value_action(const CompletionOption& option) {
  if (option.choices.empty()) return "_files";
  std::string list;
  for (const auto& choice : option.choices) list += (list.empty() ? "" : " ") + choice;
  return "(" + list + ")";
}

// One _arguments spec per name: "--env=[…]:value:_files", "-q[…]".
std::string option_specs(const CompletionOption& option) {
  std::string specs;
  const std::string repeat = option.repeatable ? "*" : "";
  const std::string tail = "[" + described(option.description) + "]" +
                           (option.takes_value ? ":value:" + value_action(option) : "");
  for (const auto& name : option.long_names) {
    specs +=
        " \\\n    " + single_quoted(repeat + "--" + name + (option.takes_value ? "=" : "") + tail);
  }
  for (const auto& name : option.short_names) {
    specs +=
        " \\\n    " + single_quoted(repeat + "-" + name + (option.takes_value ? "+" : "") + tail);
  }
  return specs;
}

std::string positional_specs(const CompletionCommand& command) {
  std::string specs;
  int index = 1;
  for (const auto& positional : command.positionals) {
    const std::string action = positional.is_image() ? "__mydocker_image_names" : "_files";
    const std::string position = positional.variadic ? "*" : std::to_string(index++);
    specs += " \\\n    " + single_quoted(position + ":" + positional.name + ":" + action);
  }
  return specs;
}

std::string command_function(const std::vector<std::string>& path,
                             const CompletionCommand& command) {
  std::string options;
  for (const auto& option : command.options) options += option_specs(option);
  if (command.subcommands.empty()) {
    return function_name(path) + "() {\n  _arguments -s -S" + options + positional_specs(command) +
           "\n}\n\n";
  }
  std::string names, dispatch;
  for (const auto& sub : command.subcommands) {
    names += "\n    " + single_quoted(sub.name + ":" + sub.description);
    auto sub_path = path;
    sub_path.push_back(sub.name);
    dispatch += "        " + sub.name + ") " + function_name(sub_path) + " ;;\n";
  }
  return function_name(path) + "() {\n  local curcontext=$curcontext state line\n" +
         "  local -a commands=(" + names + "\n  )\n  _arguments -C -s -S" + options +
         " \\\n    '1: :->command' '*:: :->argument'\n  case $state in\n" +
         "    command) _describe -t commands 'mydocker command' commands ;;\n" +
         "    argument)\n      case $line[1] in\n" + dispatch + "      esac ;;\n  esac\n}\n\n";
}

}  // namespace

std::string zsh_completion(const CompletionCommand& root) {
  std::string functions;
  for (const auto& [path, command] : commands_by_path(root)) {
    functions += command_function(path, *command);
  }
  return R"sh(#compdef mydocker
# zsh completion for mydocker, generated from its commands by `mydocker completion zsh`.

__mydocker_image_names() {
  local -a images
  images=(${(f)"$(_call_program images mydocker images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null)"})
  compadd -a images
  _files
}

)sh" + functions +
         R"sh(if [[ ${zsh_eval_context[-1]} == loadautofunc ]]; then
  _mydocker "$@"
else
  compdef _mydocker mydocker
fi
)sh";
}

}  // namespace mydocker

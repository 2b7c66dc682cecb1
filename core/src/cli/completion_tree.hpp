// The command tree as shell completion needs it, read from the CLI11 App at run time, so the
// completion scripts cannot drift from the commands and options mydocker really has.
#pragma once

#include <CLI/CLI.hpp>
#include <string>
#include <vector>

namespace mydocker {

struct CompletionOption {
  std::vector<std::string> long_names;   // without "--"
  std::vector<std::string> short_names;  // without "-"
  std::string description;
  bool takes_value = false;
  bool repeatable = false;
  std::vector<std::string> choices;  // from a CLI::IsMember check; empty: any value (a path)
};

struct CompletionPositional {
  std::string name;  // IMAGE, COMMAND
  bool variadic = false;
  bool is_image() const { return name == "IMAGE"; }
};

struct CompletionCommand {
  std::string name;
  std::string description;
  std::vector<CompletionOption> options;
  std::vector<CompletionPositional> positionals;
  std::vector<CompletionCommand> subcommands;
};

CompletionCommand completion_tree(const CLI::App& app);

// Each command with the names leading to it from the root ("system check" has {"system",
// "check"}; the root {}), parents before children.
struct CommandAtPath {
  std::vector<std::string> path;
  const CompletionCommand* command;
};
std::vector<CommandAtPath> commands_by_path(const CompletionCommand& root);

// `text` in single quotes for a POSIX shell, fish or zsh.
std::string single_quoted(const std::string& text);

}  // namespace mydocker

#include <cstdio>
#include <memory>

#include "cli/commands.hpp"
#include "cli/completion_scripts.hpp"

namespace mydocker {

CommandAction add_completion_command(CLI::App& app) {
  CLI::App* command =
      app.add_subcommand("completion", "Print the shell completion script for bash, zsh or fish");
  auto shell = std::make_shared<std::string>();
  command->add_option("SHELL", *shell, "bash, zsh or fish")
      ->required()
      ->check(CLI::IsMember({"bash", "zsh", "fish"}));
  return [&app, shell] {
    const CompletionCommand tree = completion_tree(app);
    const std::string script = *shell == "bash"  ? bash_completion(tree)
                               : *shell == "zsh" ? zsh_completion(tree)
                                                 : fish_completion(tree);
    std::fputs(script.c_str(), stdout);
    return 0;
  };
}

}  // namespace mydocker

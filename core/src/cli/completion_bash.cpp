#include "cli/completion_scripts.hpp"

namespace mydocker {

namespace {

std::string joined(const std::vector<std::string>& words, const std::string& separator = " ") {
  std::string out;
  for (const auto& word : words) out += (out.empty() ? "" : separator) + word;
  return out;
}

std::vector<std::string> flag_names(const CompletionOption& option) {
  std::vector<std::string> names;
  for (const auto& name : option.long_names) names.push_back("--" + name);
  for (const auto& name : option.short_names) names.push_back("-" + name);
  return names;
}

// The tables the completion function looks things up in, keyed by command path ("mydocker",
// "mydocker system check": bash refuses an empty key). Options fall through to the parent commands,
// so an option taking a value is known as one below its command too.
std::string tables(const CompletionCommand& root) {
  std::string subcommands, flags, valued, choices, images;
  std::vector<std::string> inherited_valued;
  for (const auto& [path, command] : commands_by_path(root)) {
    const std::string command_path = joined(path).empty() ? "mydocker" : "mydocker " + joined(path);
    const std::string key = single_quoted(command_path);
    std::vector<std::string> names, own_flags;
    for (const auto& sub : command->subcommands) names.push_back(sub.name);
    std::vector<std::string> valued_here =
        path.empty() ? std::vector<std::string>{} : inherited_valued;
    for (const auto& option : command->options) {
      for (const auto& name : flag_names(option)) {
        own_flags.push_back(name);
        if (!option.takes_value) continue;
        valued_here.push_back(name);
        if (!option.choices.empty()) {
          choices += "    [" + single_quoted(command_path + " " + name) +
                     "]=" + single_quoted(joined(option.choices)) + "\n";
        }
      }
    }
    if (path.empty()) inherited_valued = valued_here;
    subcommands += "    [" + key + "]=" + single_quoted(joined(names)) + "\n";
    flags += "    [" + key + "]=" + single_quoted(joined(own_flags)) + "\n";
    valued += "    [" + key + "]=" + single_quoted(" " + joined(valued_here) + " ") + "\n";
    for (const auto& positional : command->positionals) {
      if (!positional.is_image()) continue;
      images += "    [" + key + "]=" + (positional.variadic ? "all" : "first") + "\n";
    }
  }
  return "  local -A subcommands=(\n" + subcommands + "  )\n  local -A flags=(\n" + flags +
         "  )\n  local -A valued=(\n" + valued + "  )\n  local -A choices=(\n" + choices +
         "  )\n  local -A images=(\n" + images + "  )\n";
}

}  // namespace

std::string bash_completion(const CompletionCommand& root) {
  return R"sh(# bash completion for mydocker, generated from its commands by `mydocker completion bash`.
__mydocker_image_names() {
  mydocker ${1:+--root "$1"} images --format '{{.Repository}}:{{.Tag}}' 2>/dev/null |
    grep -v '<none>'
}

_mydocker() {
)sh" + tables(root) +
         R"sh(  local cur=${COMP_WORDS[COMP_CWORD]} path=mydocker root="" option="" word i
  local awaiting_value=0 positionals=0
  for ((i = 1; i < COMP_CWORD; i++)); do
    word=${COMP_WORDS[i]}
    [[ $word == = ]] && continue  # --opt=value is split at '=' by COMP_WORDBREAKS
    if ((awaiting_value)); then
      awaiting_value=0
      [[ $option == --root ]] && root=$word
    elif [[ $word == -* ]]; then
      option=${word%%=*}
      [[ $word != *=* && ${valued[$path]-} == *" $word "* ]] && awaiting_value=1
    elif [[ " ${subcommands[$path]-} " == *" $word "* && $positionals == 0 ]]; then
      path="$path $word"
    else
      positionals=$((positionals + 1))
    fi
  done
  [[ $cur == = ]] && cur=""
  COMPREPLY=()
  if ((awaiting_value)); then
    if [[ -n ${choices["$path $option"]-} || -n ${choices["mydocker $option"]-} ]]; then
      local values=${choices["$path $option"]-${choices["mydocker $option"]}}
      mapfile -t COMPREPLY < <(compgen -W "$values" -- "$cur")
    else
      compopt -o default 2>/dev/null
    fi
  elif [[ $cur == -* ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${flags[$path]-}" -- "$cur")
  elif [[ -n ${subcommands[$path]-} ]]; then
    mapfile -t COMPREPLY < <(compgen -W "${subcommands[$path]}" -- "$cur")
  else
    if [[ ${images[$path]-} == all || (${images[$path]-} == first && $positionals == 0) ]]; then
      mapfile -t COMPREPLY < <(compgen -W "$(__mydocker_image_names "$root")" -- "$cur")
    fi
    compopt -o default 2>/dev/null
  fi
  return 0
}

complete -F _mydocker mydocker
)sh";
}

}  // namespace mydocker

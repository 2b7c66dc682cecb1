// What a user sees when the command line cannot be parsed: one line saying what is wrong
// (with a "Did you mean" for a typo of a command or flag), and one pointing at the help of the
// command that was being parsed, as docker does:
//   mydocker: 'rnu' is not a mydocker command. Did you mean 'run'?
//   See 'mydocker --help'.
#pragma once

#include <CLI/CLI.hpp>
#include <string>

namespace mydocker {

struct UsageError {
  std::string message;  // without the "mydocker: " prefix
  std::string hint;     // "See 'mydocker run --help'."
};

// `app` is the root command after parse() threw `error`.
UsageError describe_usage_error(const CLI::App& app, const CLI::ParseError& error);

}  // namespace mydocker

// Help text that fits the terminal: CLI11 prints each description on one line however long;
// this formatter wraps them under their column at the width of the terminal.
#pragma once

#include <CLI/CLI.hpp>
#include <cstddef>
#include <string>

namespace mydocker {

// `text` broken at spaces into lines of at most `width` characters (a longer word stays whole);
// every line after the first is indented by `indent`.
std::string wrap_text(const std::string& text, std::size_t width, std::size_t indent);

class HelpFormatter : public CLI::Formatter {
 public:
  explicit HelpFormatter(std::size_t width);

  std::string make_option(const CLI::Option* option, bool is_positional) const override;
  std::string make_subcommand(const CLI::App* sub) const override;
  std::string make_description(const CLI::App* app) const override;

 private:
  // The name in the left column and the description wrapped in the right one.
  std::string two_columns(const std::string& name, const std::string& description) const;

  std::size_t width_;
};

}  // namespace mydocker

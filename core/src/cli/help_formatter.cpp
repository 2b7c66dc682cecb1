#include "cli/help_formatter.hpp"

#include <algorithm>
#include <cstdlib>
#include <sstream>

namespace mydocker {

namespace {

constexpr std::size_t kMinimumWidth = 40;  // below that, wrapping helps no one
constexpr std::size_t kNameColumn = 30;    // CLI11's default left column

}  // namespace

std::string wrap_text(const std::string& text, std::size_t width, std::size_t indent) {
  std::string out;
  std::size_t line_length = 0;
  std::istringstream words(text);
  for (std::string word; words >> word;) {
    if (line_length > 0 && line_length + 1 + word.size() > width) {
      out += "\n" + std::string(indent, ' ');
      line_length = 0;
    } else if (line_length > 0) {
      out += ' ';
      ++line_length;
    }
    out += word;
    line_length += word.size();
  }
  return out;
}

HelpFormatter::HelpFormatter(std::size_t width) : width_(std::max(width, kMinimumWidth)) {
  column_width(std::min(kNameColumn, width_ / 3));
}

std::string HelpFormatter::two_columns(const std::string& name,
                                       const std::string& description) const {
  const std::size_t column = get_column_width();
  std::string out = "  " + name;
  if (!description.empty()) {
    if (out.size() >= column) {
      out += "\n" + std::string(column, ' ');
    } else {
      out.resize(column, ' ');
    }
    out += wrap_text(description, width_ - column, column);
  }
  return out + "\n";
}

std::string HelpFormatter::make_option(const CLI::Option* option, bool is_positional) const {
  return two_columns(make_option_name(option, is_positional) + make_option_opts(option),
                     make_option_desc(option));
}

std::string HelpFormatter::make_subcommand(const CLI::App* sub) const {
  return two_columns(sub->get_display_name(true), sub->get_description());
}

std::string HelpFormatter::make_description(const CLI::App* app) const {
  const std::string description = CLI::Formatter::make_description(app);
  return description.empty() ? description : wrap_text(description, width_, 0) + "\n";
}

}  // namespace mydocker

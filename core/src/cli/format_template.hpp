// docker's --format for the listing commands: the subset of Go's text/template that docker
// users write, shared by `images` and, later, `ps` and `inspect`.
//   {{.Field}}        the field's text          {{json .Field}}  the field as a JSON string
//   {{json .}}        every field, one JSON object, keys sorted (as docker prints it)
//   table ...         a header line first, columns aligned as docker's tabwriter does
//   json              alone: the same as {{json .}}
//   \t, \n            a tab and a newline, unescaped as docker does
// Anything else, an unknown field included, is refused when the template is parsed, with one
// line naming it: nothing is printed from a template that cannot be rendered whole.
#pragma once

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace mydocker {

struct FormatField {
  std::string name;    // "Repository", as written after the dot
  std::string header;  // "REPOSITORY", its column title in a table
};

using FormatValues = std::map<std::string, std::string>;  // field name -> text

class FormatTemplate {
 public:
  // Throws Error naming what it cannot render; `fields` are the ones the command has.
  FormatTemplate(std::string_view text, const std::vector<FormatField>& fields);

  bool table() const { return table_; }
  // One line per row, each ending with a newline; a table starts with its header line and has
  // its tab-separated cells aligned.
  std::string render(const std::vector<FormatValues>& rows) const;

 private:
  enum class Kind { literal, field, json_field, json_all };
  struct Piece {
    Kind kind;
    std::string text;  // the literal, or the field's name
  };

  void parse_action(std::string_view action, const std::vector<FormatField>& fields);
  std::string render_row(const FormatValues& row, bool header) const;

  bool table_ = false;
  std::vector<Piece> pieces_;
  FormatValues headers_;
};

// Go's text/tabwriter as docker configures it for tables (minimum width 10, padding 3): every
// tab-terminated cell is padded with spaces to its column's width; the last cell of a line
// is left as it is.
std::string align_columns(std::string_view text);

}  // namespace mydocker

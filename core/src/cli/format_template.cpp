#include "cli/format_template.hpp"

#include <algorithm>
#include <nlohmann/json.hpp>

#include "mydocker/errors.hpp"

namespace mydocker {

namespace {

constexpr std::size_t kMinWidth = 10;
constexpr std::size_t kPadding = 3;

std::string replace_all(std::string text, std::string_view from, std::string_view to) {
  for (auto at = text.find(from); at != std::string::npos; at = text.find(from, at + to.size())) {
    text.replace(at, from.size(), to);
  }
  return text;
}

std::string_view trim(std::string_view text) {
  while (!text.empty() && text.front() == ' ') text.remove_prefix(1);
  while (!text.empty() && text.back() == ' ') text.remove_suffix(1);
  return text;
}

// Width on a terminal, counting UTF-8 code points rather than bytes.
std::size_t display_width(std::string_view text) {
  return static_cast<std::size_t>(
      std::count_if(text.begin(), text.end(), [](char c) { return (c & 0xC0) != 0x80; }));
}

std::vector<std::vector<std::string_view>> split_cells(std::string_view text) {
  std::vector<std::vector<std::string_view>> lines;
  while (!text.empty()) {
    const auto end = text.find('\n');
    std::string_view line = text.substr(0, end);
    std::vector<std::string_view> cells;
    for (auto tab = line.find('\t'); tab != std::string_view::npos; tab = line.find('\t')) {
      cells.push_back(line.substr(0, tab));
      line.remove_prefix(tab + 1);
    }
    cells.push_back(line);  // the last cell: not part of any column
    lines.push_back(std::move(cells));
    text.remove_prefix(end == std::string_view::npos ? text.size() : end + 1);
  }
  return lines;
}

}  // namespace

FormatTemplate::FormatTemplate(std::string_view text, const std::vector<FormatField>& fields) {
  std::string format(text);
  if (format == "json") format = "{{json .}}";
  if (format.starts_with("table")) {
    table_ = true;
    format.erase(0, 5);
  }
  format = replace_all(replace_all(std::string(trim(format)), "\\t", "\t"), "\\n", "\n");
  for (const auto& field : fields) headers_[field.name] = field.header;
  std::string_view rest = format;
  while (!rest.empty()) {
    const auto open = rest.find("{{");
    if (open != 0) {
      pieces_.push_back({Kind::literal, std::string(rest.substr(0, open))});
      if (open == std::string_view::npos) break;
    }
    const auto close = rest.find("}}", open + 2);
    if (close == std::string_view::npos) {
      throw Error("--format: \"{{\" without its \"}}\" in \"" + std::string(text) + "\"");
    }
    parse_action(trim(rest.substr(open + 2, close - open - 2)), fields);
    rest.remove_prefix(close + 2);
  }
}

void FormatTemplate::parse_action(std::string_view action, const std::vector<FormatField>& fields) {
  Kind kind = Kind::field;
  std::string_view operand = action;
  if (action.starts_with("json ")) {
    kind = Kind::json_field;
    operand = trim(action.substr(5));
    if (operand == ".") {
      pieces_.push_back({Kind::json_all, ""});
      return;
    }
  }
  const std::string name(operand.starts_with('.') ? operand.substr(1) : std::string_view());
  if (!name.empty() && headers_.count(name) != 0) {
    pieces_.push_back({kind, name});
    return;
  }
  std::string known;
  for (const auto& field : fields) known += (known.empty() ? "." : ", .") + field.name;
  if (name.empty()) {
    throw Error("--format: unsupported {{" + std::string(action) +
                "}} (supported: {{.Field}}, {{json .Field}}, {{json .}}; fields: " + known + ")");
  }
  throw Error("--format: unknown field ." + name + " (fields: " + known + ")");
}

std::string FormatTemplate::render_row(const FormatValues& row, bool header) const {
  std::string out;
  for (const auto& piece : pieces_) {
    const auto value = [&]() -> std::string {
      if (header) return headers_.at(piece.text);
      const auto it = row.find(piece.text);
      return it == row.end() ? std::string() : it->second;
    };
    switch (piece.kind) {
      case Kind::literal:
        out += piece.text;
        break;
      case Kind::field:
        out += value();
        break;
      case Kind::json_field:
        out += header ? value() : nlohmann::json(value()).dump();
        break;
      case Kind::json_all:
        if (!header) out += nlohmann::json(row).dump();
        break;
    }
  }
  return out + "\n";
}

std::string FormatTemplate::render(const std::vector<FormatValues>& rows) const {
  std::string out;
  if (table_) out += render_row({}, true);
  for (const auto& row : rows) out += render_row(row, false);
  return table_ ? align_columns(out) : out;
}

std::string align_columns(std::string_view text) {
  const auto lines = split_cells(text);
  std::vector<std::size_t> widths;
  for (const auto& cells : lines) {
    for (std::size_t c = 0; c + 1 < cells.size(); ++c) {
      if (widths.size() <= c) widths.push_back(kMinWidth);
      widths[c] = std::max(widths[c], display_width(cells[c]) + kPadding);
    }
  }
  std::string out;
  for (const auto& cells : lines) {
    for (std::size_t c = 0; c + 1 < cells.size(); ++c) {
      out += cells[c];
      out.append(widths[c] - display_width(cells[c]), ' ');
    }
    out += cells.back();
    out += '\n';
  }
  return out;
}

}  // namespace mydocker

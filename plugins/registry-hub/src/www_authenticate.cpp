#include "www_authenticate.hpp"

#include <cctype>

namespace mydocker::hub {

namespace {

bool is_token_char(char c) {
  if (std::isalnum(static_cast<unsigned char>(c))) return true;
  return std::string_view("!#$%&'*+-.^_`|~/").find(c) != std::string_view::npos;
}

std::string lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

class Cursor {
 public:
  explicit Cursor(std::string_view text) : text_(text) {}
  bool done() const { return pos_ >= text_.size(); }
  char peek() const { return done() ? '\0' : text_[pos_]; }
  void skip_spaces() {
    while (!done() && (text_[pos_] == ' ' || text_[pos_] == '\t')) ++pos_;
  }
  void skip_spaces_and_commas() {
    while (!done() && (text_[pos_] == ' ' || text_[pos_] == '\t' || text_[pos_] == ',')) ++pos_;
  }
  std::string token() {
    const std::size_t start = pos_;
    while (!done() && is_token_char(text_[pos_])) ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  // A quoted-string with backslash escapes; the cursor is on the opening quote.
  std::string quoted() {
    std::string out;
    ++pos_;
    while (!done() && text_[pos_] != '"') {
      if (text_[pos_] == '\\' && pos_ + 1 < text_.size()) ++pos_;
      out += text_[pos_++];
    }
    if (!done()) ++pos_;
    return out;
  }
  // Unquoted values should be tokens, but servers send URLs unquoted too: take all up to a
  // comma or space.
  std::string bare_value() {
    const std::size_t start = pos_;
    while (!done() && text_[pos_] != ',' && text_[pos_] != ' ' && text_[pos_] != '\t') ++pos_;
    return std::string(text_.substr(start, pos_ - start));
  }
  void skip(char c) {
    if (peek() == c) ++pos_;
  }
  std::size_t pos() const { return pos_; }
  void rewind(std::size_t pos) { pos_ = pos; }

 private:
  std::string_view text_;
  std::size_t pos_ = 0;
};

// Reads "name=value" pairs of one challenge; stops before a token that starts the next one.
void read_params(Cursor& in, Challenge& challenge) {
  while (true) {
    in.skip_spaces_and_commas();
    if (in.done()) return;
    const std::size_t start = in.pos();
    std::string name = in.token();
    in.skip_spaces();
    if (name.empty() || in.peek() != '=') {
      // token68 ("Basic dXNlcg==") is never used by registries; a bare token begins a new
      // challenge, anything else is junk we step over.
      if (name.empty()) {
        in.rewind(start + 1);
        continue;
      }
      in.rewind(start);
      return;
    }
    in.skip('=');
    in.skip_spaces();
    std::string value = in.peek() == '"' ? in.quoted() : in.bare_value();
    challenge.params[lower(std::move(name))] = std::move(value);
  }
}

}  // namespace

std::string Challenge::param(const std::string& name) const {
  auto it = params.find(name);
  return it == params.end() ? std::string() : it->second;
}

std::vector<Challenge> parse_www_authenticate(std::string_view header) {
  std::vector<Challenge> out;
  Cursor in(header);
  while (true) {
    in.skip_spaces_and_commas();
    if (in.done()) break;
    std::string scheme = in.token();
    if (scheme.empty()) {
      in.rewind(in.pos() + 1);
      continue;
    }
    Challenge challenge{lower(std::move(scheme)), {}};
    read_params(in, challenge);
    out.push_back(std::move(challenge));
  }
  return out;
}

}  // namespace mydocker::hub

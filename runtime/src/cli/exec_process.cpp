#include "cli/exec_process.hpp"

#include <algorithm>
#include <charconv>

#include "mydocker/errors.hpp"

namespace mydocker::runtime {

namespace {

std::uint32_t parse_id(const std::string& text, const std::string& user) {
  std::uint32_t value = 0;
  const auto [ptr, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || ec != std::errc{} || ptr != text.data() + text.size()) {
    throw Error("invalid --user \"" + user + "\": expected uid[:gid] as numbers");
  }
  return value;
}

}  // namespace

std::pair<std::uint32_t, std::uint32_t> parse_exec_user(const std::string& user) {
  const auto colon = user.find(':');
  if (colon == std::string::npos) return {parse_id(user, user), 0};
  return {parse_id(user.substr(0, colon), user), parse_id(user.substr(colon + 1), user)};
}

isolation::ProcessPlan exec_process_from_flags(const isolation::ProcessPlan& container,
                                               const ExecRequest& request) {
  if (request.args.empty()) {
    throw Error("exec needs a command after the container ID, or --process FILE");
  }
  isolation::ProcessPlan process = container;
  process.args = request.args;
  process.terminal = request.tty;
  if (!request.cwd.empty()) process.cwd = request.cwd;
  for (const auto& entry : request.env) {
    const std::string key = entry.substr(0, entry.find('=')) + "=";
    auto& env = process.env;
    env.erase(
        std::remove_if(env.begin(), env.end(),
                       [&](const std::string& existing) { return existing.starts_with(key); }),
        env.end());
    env.push_back(entry);
  }
  if (!request.user.empty()) {
    std::tie(process.uid, process.gid) = parse_exec_user(request.user);
    process.additional_gids.clear();
  }
  return process;
}

}  // namespace mydocker::runtime

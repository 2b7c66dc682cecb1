#include "run/process_config.hpp"

#include "mydocker/errors.hpp"

namespace mydocker {

namespace {

bool has_env(const std::vector<std::string>& env, std::string_view name) {
  for (const auto& kv : env) {
    if (kv.size() > name.size() && kv.starts_with(name) && kv[name.size()] == '=') return true;
  }
  return false;
}

}  // namespace

std::string env_value(const std::vector<std::string>& env, std::string_view name) {
  for (const auto& kv : env) {
    if (kv.size() > name.size() && kv.starts_with(name) && kv[name.size()] == '=') {
      return kv.substr(name.size() + 1);
    }
  }
  return {};
}

ProcessConfig make_process_config(const ImageConfig& image, const RunOptions& options) {
  ProcessConfig p;
  // As in docker: arguments on the command line replace the image's Cmd, never its Entrypoint.
  p.args = image.entrypoint;
  const auto& cmd = options.command.empty() ? image.cmd : options.command;
  p.args.insert(p.args.end(), cmd.begin(), cmd.end());
  if (p.args.empty() || p.args.front().empty()) {
    throw Error("no command specified: the image has no Entrypoint or Cmd, give one after " +
                options.image.image);
  }

  p.env = image.env;
  if (!has_env(p.env, "PATH")) p.env.push_back(std::string("PATH=") + kDefaultPath);
  if (!has_env(p.env, "HOME")) p.env.push_back("HOME=/root");

  p.cwd = image.working_dir.empty() ? "/" : image.working_dir;
  if (p.cwd.front() != '/') p.cwd = "/" + p.cwd;
  return p;
}

}  // namespace mydocker

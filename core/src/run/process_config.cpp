#include "run/process_config.hpp"

#include "mydocker/errors.hpp"
#include "run/environment.hpp"

namespace mydocker {

ProcessConfig make_process_config(const ImageConfig& image, const RunOptions& options) {
  ProcessConfig p;
  // As in docker: arguments on the command line replace the image's Cmd; --entrypoint replaces
  // its Entrypoint and drops its Cmd too, since that Cmd was written for the old Entrypoint.
  if (options.entrypoint) {
    if (!options.entrypoint->empty()) p.args.push_back(*options.entrypoint);
    p.args.insert(p.args.end(), options.command.begin(), options.command.end());
  } else {
    p.args = image.entrypoint;
    const auto& cmd = options.command.empty() ? image.cmd : options.command;
    p.args.insert(p.args.end(), cmd.begin(), cmd.end());
  }
  if (p.args.empty() || p.args.front().empty()) {
    throw Error("no command specified: the image has no Entrypoint or Cmd, give one after " +
                options.image.image);
  }

  p.env = image.env;
  if (!has_env(p.env, "PATH")) p.env.push_back(std::string("PATH=") + kDefaultPath);
  apply_env_settings(p.env, options.env_settings);

  if (options.workdir) {
    if (!options.workdir->starts_with('/')) {
      throw Error("the working directory \"" + *options.workdir +
                  "\" is invalid: it must be an absolute path");
    }
    p.cwd = *options.workdir;
  } else {
    p.cwd = image.working_dir.empty() ? "/" : image.working_dir;
    if (p.cwd.front() != '/') p.cwd = "/" + p.cwd;
  }
  p.user = options.user.value_or(image.user);
  return p;
}

}  // namespace mydocker

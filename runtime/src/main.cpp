// mydocker-runtime: an OCI runtime with runc's command line. Parses the global flags and the
// subcommand, opens the --log file, dispatches. Every failure is one line on stderr, an error
// line in the --log file, and exit status 1 (as runc).
#include <CLI/CLI.hpp>
#include <cstdio>
#include <exception>
#include <string>

#include "cli/commands.hpp"
#include "cli/context.hpp"
#include "mydocker/errors.hpp"

namespace {

constexpr int kFailure = 1;

int fail(const mydocker::runtime::RuntimeContext& context, const std::string& message,
         int status = kFailure) {
  std::fprintf(stderr, "mydocker-runtime: %s\n", message.c_str());
  context.log.error(message);
  return status;
}

mydocker::runtime::LogFormat log_format(const std::string& name) {
  return name == "json" ? mydocker::runtime::LogFormat::json : mydocker::runtime::LogFormat::text;
}

}  // namespace

int main(int argc, char** argv) {
  using namespace mydocker::runtime;
  RuntimeContext context;
  CLI::App app{"mydocker-runtime: an OCI runtime on mydocker's isolation library",
               "mydocker-runtime"};
  app.set_version_flag("--version,-v", version_text());
  app.require_subcommand(1);
  app.fallthrough();
  add_global_options(app, context.options);
  const auto commands = add_commands(app, context);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) return app.exit(e);
    try {
      // The flags before the error may have named the log: the caller reads it there.
      context.log.open(context.options.log, log_format(context.options.log_format), false);
    } catch (const mydocker::Error&) {
    }
    return fail(context, e.what());
  }
  try {
    context.log.open(context.options.log, log_format(context.options.log_format),
                     context.options.debug);
  } catch (const mydocker::Error& e) {
    return fail(context, e.what());
  }
  try {
    for (const auto* command : app.get_subcommands()) {
      context.log.debug("command " + command->get_name());
      return commands.at(command->get_name())();
    }
  } catch (const mydocker::ExecError& e) {
    return fail(context, e.what(), e.exit_code());
  } catch (const std::exception& e) {
    return fail(context, e.what());
  }
  return fail(context, "no command given");
}

// The mydocker command line: parses arguments, sets up logging and hands over to the library.
// Exit statuses follow docker: 125 for mydocker's own errors, 126/127 when the command cannot
// be run, 128+N when signal N (Ctrl-C, SIGTERM) interrupted mydocker itself, otherwise the
// container's own status.
#include <spdlog/sinks/stdout_sinks.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <CLI/CLI.hpp>
#include <cstdio>
#include <cstdlib>
#include <memory>

#include "cli/commands.hpp"
#include "cli/help_formatter.hpp"
#include "cli/terminal_width.hpp"
#include "cli/usage_error.hpp"
#include "mydocker/errors.hpp"
#include "util/interruption.hpp"

namespace {

constexpr int kOwnError = 125;

void print_error(const std::string& message) {
  std::fprintf(stderr, "mydocker: %s\n", message.c_str());
}

void setup_logging(const std::string& level) {
  auto logger = spdlog::stderr_logger_st("mydocker");
  logger->set_pattern("mydocker %^%l%$: %v");
  logger->set_level(spdlog::level::from_str(level));
  spdlog::set_default_logger(logger);
}

// CLI11's default message for a bad option is several lines with a usage hint; we want one
// line saying what is wrong and one pointing at the right help, as docker prints.
int report_parse_error(const CLI::App& app, const CLI::ParseError& e) {
  if (e.get_exit_code() == static_cast<int>(CLI::ExitCodes::Success)) {
    return app.exit(e);  // --help, --version
  }
  const mydocker::UsageError usage = mydocker::describe_usage_error(app, e);
  print_error(usage.message);
  std::fprintf(stderr, "%s\n", usage.hint.c_str());
  return kOwnError;
}

// Whatever failed after an interruption failed because of it (a download cut off, an unpack
// stopped): the user hears about the interruption, once.
int report_failure(const std::string& message) {
  if (const int sig = mydocker::interrupting_signal(); sig != 0) {
    print_error(mydocker::interruption_message(sig));
    return 128 + sig;
  }
  print_error(message);
  return kOwnError;
}

}  // namespace

int main(int argc, char** argv) {
  // First, before any thread exists: every thread made later inherits the blocked signals.
  const mydocker::InterruptWatch interrupt_watch;
  mydocker::GlobalOptions global;
  // Named, so help says "mydocker" however it was started (./build/bin/mydocker, a symlink).
  CLI::App app{"mydocker: run containers from registry images or saved archives, no daemon",
               "mydocker"};
  app.formatter(std::make_shared<mydocker::HelpFormatter>(mydocker::terminal_width(STDOUT_FILENO)));
  app.set_version_flag("--version", std::string("mydocker ") + MYDOCKER_VERSION);
  app.require_subcommand(1);
  app.fallthrough();
  mydocker::add_global_options(app, global);
  auto run = mydocker::add_run_command(app, global);
  auto pull = mydocker::add_pull_command(app, global);
  auto load = mydocker::add_load_command(app, global);
  auto images = mydocker::add_images_command(app, global);
  auto rmi = mydocker::add_rmi_command(app, global);
  auto system = mydocker::add_system_command(app, global);
  auto plugins = mydocker::add_plugins_command(app, global);
  auto version = mydocker::add_version_command(app);
  auto info = mydocker::add_info_command(app, global);
  auto completion = mydocker::add_completion_command(app);

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    return report_parse_error(app, e);
  }

  setup_logging(global.log_level);
  try {
    if (app.got_subcommand("run")) return run();
    if (app.got_subcommand("pull")) return pull();
    if (app.got_subcommand("load")) return load();
    if (app.got_subcommand("images")) return images();
    if (app.got_subcommand("rmi")) return rmi();
    if (app.got_subcommand("system")) return system();
    if (app.got_subcommand("plugins")) return plugins();
    if (app.got_subcommand("version")) return version();
    if (app.got_subcommand("info")) return info();
    if (app.got_subcommand("completion")) return completion();
  } catch (const mydocker::ExecError& e) {
    print_error(e.what());
    return e.exit_code();
  } catch (const std::exception& e) {
    return report_failure(e.what());
  }
  return kOwnError;
}

// Driving a program on a real pseudo-terminal, as a user at a keyboard would: it becomes the
// session leader with the terminal as its controlling terminal.
#pragma once

#include <string>
#include <vector>

#include "harness.hpp"

namespace mydocker::test {

// One step of a terminal session: once the output holds `wait_for`, resize the terminal (when
// `rows` is set) and type `input`.
struct TerminalStep {
  std::string wait_for;
  std::string input;
  unsigned short rows = 0;
  unsigned short cols = 0;
};

// Runs argv (argv[0] a path) on a 33x111 terminal, driving it through `steps`; returns what the
// terminal showed and the exit status. Gives up after `timeout_seconds`.
Result run_on_terminal(const std::vector<std::string>& argv, std::vector<TerminalStep> steps,
                       int timeout_seconds = 30);

// The mydocker binary followed by `args`.
std::vector<std::string> mydocker_argv(const std::vector<std::string>& args);

}  // namespace mydocker::test

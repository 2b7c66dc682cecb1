// The isolator "record": writes the ContainerSpec the core hands it, as JSON, to the file named
// by $MYDOCKER_RECORD_SPEC, then runs the command with no isolation at all (the rootfs is only
// where the executable and the working directory are looked up). For tests of what the core
// decides: never use it for anything you do not trust.
#include <unistd.h>

#include <cstdlib>
#include <fstream>
#include <nlohmann/json.hpp>
#include <string>

#include "mydocker/child_process.hpp"
#include "mydocker/container_child.hpp"
#include "mydocker/plugin.hpp"

namespace {

using mydocker::ContainerSpec;

void record(const ContainerSpec& spec) {
  const char* path = std::getenv("MYDOCKER_RECORD_SPEC");
  if (path == nullptr || *path == '\0') return;
  const nlohmann::json doc = {{"id", spec.id},
                              {"rootfs", spec.rootfs},
                              {"executable", spec.executable},
                              {"args", spec.args},
                              {"env", spec.env},
                              {"cwd", spec.cwd},
                              {"hostname", spec.hostname},
                              {"uid", spec.uid},
                              {"gid", spec.gid},
                              {"additional_gids", spec.additional_gids},
                              {"tty", spec.tty},
                              {"init", spec.init},
                              {"read_only_rootfs", spec.read_only_rootfs},
                              {"network", spec.network},
                              {"cap_add", spec.cap_add},
                              {"cap_drop", spec.cap_drop},
                              {"seccomp", spec.seccomp},
                              {"limits",
                               {{"memory_bytes", spec.limits.memory_bytes},
                                {"pids", spec.limits.pids},
                                {"cpus", spec.limits.cpus}}},
                              {"options", spec.options}};
  std::ofstream out(path, std::ios::trunc);
  out << doc.dump(2) << "\n";
  if (!out) throw mydocker::Error(std::string("record: cannot write ") + path);
}

constexpr const char* kWho = "record isolator";

// In the child: system calls only (mydocker/container_child.hpp), the strings were built before.
[[noreturn]] void exec_child(const ContainerSpec& spec, const std::string& exe,
                             const std::string& dir, char* const* argv, char* const* envp,
                             int report_fd) {
  const mydocker::ChildReporter report(report_fd);
  mydocker::begin_container_child(report);
  mydocker::take_stdio(report, spec);
  if (::chdir(dir.c_str()) != 0) report.fail(mydocker::child_stage::workdir, spec.cwd.c_str());
  mydocker::close_inherited_fds(report);
  // No PID namespace, so no --init: the command runs as it is.
  mydocker::exec_container_command(report, {exe.c_str(), argv, envp, false, false});
}

class RecordIsolator : public mydocker::IIsolator {
 public:
  std::unique_ptr<mydocker::IContainer> start(const ContainerSpec& spec) override {
    record(spec);
    const std::string exe = spec.rootfs + spec.executable;
    const std::string dir = spec.rootfs + spec.cwd;
    const auto argv = mydocker::exec_strings(spec.args);
    const auto envp = mydocker::exec_strings(spec.env);

    mydocker::ChildPipe report(kWho);
    mydocker::ChildProcess child = mydocker::start_child(0, kWho, [&] {
      exec_child(spec, exe, dir, argv.data(), envp.data(), report.write_end.get());
    });
    report.write_end.reset();
    mydocker::await_exec(report.read_end, kWho, spec.args.front());
    return std::make_unique<mydocker::ContainerProcess>(std::move(child));
  }
};

}  // namespace

MYDOCKER_ISOLATOR_PLUGIN("record", "1.0", [](mydocker::IHost&) -> mydocker::IIsolator* {
  return new RecordIsolator();
});

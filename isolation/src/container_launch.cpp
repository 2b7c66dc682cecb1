#include "container_launch.hpp"

#include <fcntl.h>
#include <linux/sched.h>
#include <sched.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/syscall.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <utility>

#include "child_fds.hpp"
#include "mydocker/child_process.hpp"
#include "mydocker/errors.hpp"
#include "namespace_join.hpp"
#include "plan_child.hpp"
#include "planned_cgroup.hpp"
#include "user_namespace.hpp"

namespace mydocker::isolation {

namespace {

// What the spawner needs: it joins the namespaces given by path (so the caller's own never
// change, and a pid namespace joined applies to its children), then clones the container
// process as the caller's child (CLONE_PARENT: no spawner lingers as its parent, the caller
// reaps it, its parent-death signal follows the caller), writes its pid and exits.
struct Spawner {
  const std::vector<NamespaceToJoin>* joins;
  std::uint64_t new_namespaces;
  int report_fd;
  int pid_fd;
  PlanChild* child;
  bool joining;
};

[[noreturn]] void run_spawner(const Spawner& s) noexcept {
  const ChildReporter report(s.report_fd);
  // Before it enters any of the container's namespaces, and so inherited by the container
  // process: until its exec (which makes it dumpable again), nothing in the container may
  // ptrace it or open /proc/PID/fd, where the host's descriptors still are.
  if (::prctl(PR_SET_DUMPABLE, 0, 0, 0, 0) != 0) report.fail("turn non-dumpable");
  join_namespaces(report, s.joins->data(), s.joins->size());
  clone_args args{};
  // With CLONE_PARENT the exit signal is the spawner's own (SIGCHLD); clone3 wants 0 here.
  args.flags = s.new_namespaces | CLONE_PARENT;
  const long pid = ::syscall(SYS_clone3, &args, sizeof args);
  if (pid < 0) report.fail("create the container process");
  if (pid == 0) {
    if (s.joining) run_joining_child(*s.child);
    run_container_child(*s.child);
  }
  const auto child_pid = static_cast<pid_t>(pid);
  [[maybe_unused]] auto n = ::write(s.pid_fd, &child_pid, sizeof child_pid);
  ::_exit(0);
}

// Starts the spawner and returns the container process, waiting on the go pipe. The parent's
// end of `report` is closed here: from now on only the container process writes to it.
ChildProcess spawn(const std::string& who, const std::vector<NamespaceToJoin>& joins,
                   std::uint64_t new_namespaces, PlanChild& child, bool joining, ChildPipe& report,
                   const std::string& command) {
  ChildPipe pids(who);
  // Read once the spawner is gone; the container process holds a copy of the write end.
  ::fcntl(pids.read_end.get(), F_SETFL, O_NONBLOCK);
  const Spawner s{&joins, new_namespaces, report.write_end.get(), pids.write_end.get(),
                  &child, joining};
  ChildProcess spawner = start_child(0, who, [&s] { run_spawner(s); });
  report.write_end.reset();
  pids.write_end.reset();
  int status;
  while (::waitpid(spawner.pid(), &status, 0) < 0 && errno == EINTR) {
  }
  spawner.release();
  pid_t pid = -1;
  if (::read(pids.read_end.get(), &pid, sizeof pid) != static_cast<ssize_t>(sizeof pid)) {
    await_exec(report.read_end, who, command);  // throws the spawner's reported failure
    throw Error(who + ": cannot create the container process (status " + std::to_string(status) +
                ")");
  }
  UniqueFd pidfd(static_cast<int>(::syscall(SYS_pidfd_open, pid, 0)));
  return ChildProcess(pid, std::move(pidfd));
}

// The fds the container process works with (report pipe, go pipe, console socket, start
// gate) out of the range its stdio and preserved fds take.
int first_free_fd(const LaunchOptions& options) {
  return 3 + static_cast<int>(options.preserved_fds.size());
}

void prepare_stdio(PlanChild& child, const ProcessPlan& process, const LaunchOptions& options,
                   UniqueFd& console) {
  if (process.terminal) {
    if (options.console_socket_fd < 0) {
      throw Error(options.who + ": process.terminal needs a console socket");
    }
    console = fd_at_least(UniqueFd(::fcntl(options.console_socket_fd, F_DUPFD_CLOEXEC, 0)),
                          first_free_fd(options));
    child.console_socket_fd = console.get();
    child.fds = arrange_fds(-1, -1, -1, options.preserved_fds);
  } else {
    child.fds =
        arrange_fds(options.stdin_fd, options.stdout_fd, options.stderr_fd, options.preserved_fds);
  }
}

void prepare_pipes(ChildPipe& report, ChildPipe& go, PlanChild& child,
                   const LaunchOptions& options) {
  report.write_end = fd_at_least(std::move(report.write_end), first_free_fd(options));
  go.read_end = fd_at_least(std::move(go.read_end), first_free_fd(options));
  child.report_fd = report.write_end.get();
  child.go_fd = go.read_end.get();
  child.die_with_caller = options.die_with_caller;
}

UniqueFd open_start_gate(PlanChild& child, const LaunchOptions& options) {
  if (options.start_fifo.empty()) return {};
  UniqueFd fd(::open(options.start_fifo.c_str(), O_PATH | O_CLOEXEC));
  if (!fd) {
    throw Error(options.who + ": cannot open the start fifo " + options.start_fifo + ": " +
                std::strerror(errno));
  }
  fd = fd_at_least(std::move(fd), first_free_fd(options));
  child.start_fifo_fd = fd.get();
  child.start_fifo_reopen = "/proc/self/fd/" + std::to_string(fd.get());
  return fd;
}

void let_go(const ChildPipe& go, const std::string& who) {
  const char byte = 1;
  if (::write(go.write_end.get(), &byte, 1) != 1) {
    throw Error(who + ": cannot start the container process: " + std::strerror(errno));
  }
}

bool has_mount_namespace(const std::vector<NamespacePlan>& namespaces) {
  for (const auto& ns : namespaces) {
    if (ns.type == CLONE_NEWNS) return true;
  }
  return false;
}

}  // namespace

LaunchedContainer::LaunchedContainer(pid_t pid, UniqueFd pidfd,
                                     std::vector<std::string> cgroup_paths)
    : pid_(pid), pidfd_(std::move(pidfd)), cgroup_paths_(std::move(cgroup_paths)) {}

LaunchedContainer::LaunchedContainer(LaunchedContainer&& other) noexcept
    : pid_(other.pid_),
      pidfd_(std::move(other.pidfd_)),
      cgroup_paths_(std::move(other.cgroup_paths_)),
      owned_(std::exchange(other.owned_, false)) {}

LaunchedContainer::~LaunchedContainer() {
  if (!owned_) return;
  // Still our unreaped child, so the pid names no other process.
  if (pidfd_) {
    ::syscall(SYS_pidfd_send_signal, pidfd_.get(), SIGKILL, nullptr, 0);
  } else {
    ::kill(pid_, SIGKILL);
  }
  int status;
  while (::waitpid(pid_, &status, 0) < 0 && errno == EINTR) {
  }
  if (!cgroup_paths_.empty()) remove_cgroup(cgroup_paths_);
}

void LaunchedContainer::release() noexcept { owned_ = false; }

LaunchedContainer launch_container(const ContainerPlan& plan, const LaunchOptions& options) {
  const std::string& who = options.who;
  if (!has_mount_namespace(plan.namespaces)) {
    throw Error(who + ": the container needs a mount namespace of its own (or one to join)");
  }
  PlanChild child;
  child.plan = &plan;
  child.process = prepare_process(plan.process);
  ChildPipe report(who);
  ChildPipe go(who);
  prepare_pipes(report, go, child, options);
  UniqueFd console;
  prepare_stdio(child, plan.process, options, console);
  UniqueFd gate = open_start_gate(child, options);
  for (const auto& [key, value] : plan.sysctl) child.sysctls.emplace_back(sysctl_path(key), value);
  child.create_container_hooks = prepare_hooks(plan.create_container_hooks);
  child.start_container_hooks = prepare_hooks(plan.start_container_hooks);
  const std::uint64_t new_namespaces = new_namespace_flags(plan.namespaces);
  child.new_user_namespace = (new_namespaces & CLONE_NEWUSER) != 0;
  child.new_cgroup_namespace = wants_new_namespace(plan.namespaces, CLONE_NEWCGROUP);
  const std::vector<NamespaceToJoin> joins = open_plan_namespaces(plan.namespaces);
  const std::string& command = plan.process.args.front();

  ChildProcess process = spawn(who, joins, new_namespaces, child, false, report, command);
  go.read_end.reset();
  // Until the go byte the child waits: a throw from here on kills it and removes the cgroup.
  if (child.new_user_namespace) write_id_maps(process.pid(), plan.uid_mappings, plan.gid_mappings);
  std::vector<std::string> cgroup = create_planned_cgroup(plan.cgroup, plan.id);
  const pid_t pid = process.pid();
  LaunchedContainer container(pid, process.release(), std::move(cgroup));
  join_cgroup(container.cgroup_paths(), pid);
  if (options.on_created) options.on_created(pid);
  let_go(go, who);
  const bool exec_done = await_exec(report.read_end, who, command);
  if (exec_done && gate) {
    throw Error(who + ": the container process ended before it reached the start gate");
  }
  return container;
}

LaunchedContainer join_container(pid_t container_pid, const std::vector<std::string>& cgroup_paths,
                                 const ProcessPlan& process, const LaunchOptions& options) {
  const std::string& who = options.who;
  PlanChild child;
  child.process = prepare_process(process);
  ChildPipe report(who);
  ChildPipe go(who);
  prepare_pipes(report, go, child, options);
  UniqueFd console;
  prepare_stdio(child, process, options, console);
  const std::vector<NamespaceToJoin> joins = open_process_namespaces(container_pid);
  const std::string& command = process.args.front();

  ChildProcess spawned = spawn(who, joins, 0, child, true, report, command);
  go.read_end.reset();
  const pid_t pid = spawned.pid();
  // The cgroup is the container's: a failed exec must not remove it.
  LaunchedContainer joined(pid, spawned.release(), {});
  if (!cgroup_paths.empty()) join_cgroup(cgroup_paths, pid);
  if (options.on_created) options.on_created(pid);
  let_go(go, who);
  await_exec(report.read_end, who, command);
  return joined;
}

}  // namespace mydocker::isolation

#include "run/run_container.hpp"

#include <fcntl.h>
#include <spdlog/spdlog.h>
#include <unistd.h>

#include <optional>

#include "image/image_fetcher.hpp"
#include "loader/plugin_host.hpp"
#include "loader/plugin_loader.hpp"
#include "run/bind_mount.hpp"
#include "run/command_lookup.hpp"
#include "run/container_dir.hpp"
#include "run/container_session.hpp"
#include "run/environment.hpp"
#include "run/etc_files.hpp"
#include "run/mount_namespace.hpp"
#include "run/process_config.hpp"
#include "run/rootfs.hpp"
#include "run/signal_forwarding.hpp"
#include "run/stdio_relay.hpp"
#include "run/terminal.hpp"
#include "run/user_lookup.hpp"
#include "util/interruption.hpp"
#include "util/system_error.hpp"

namespace mydocker {

namespace {

std::string container_hostname(const RunOptions& options, const ContainerDir& dir) {
  if (!options.hostname.empty()) return options.hostname;
  if (options.network == "host") {
    char name[256] = {};
    if (::gethostname(name, sizeof name - 1) == 0) return name;
  }
  return dir.id().substr(0, 12);
}

void mount_volumes(const RunOptions& options, int root_fd) {
  for (const auto& volume : options.volumes) {
    // As docker's -v does: a host directory that does not exist yet is created.
    std::error_code ec;
    if (!std::filesystem::exists(volume.host, ec)) {
      std::filesystem::create_directories(volume.host, ec);
      if (ec)
        throw Error("cannot create the volume directory " + volume.host + ": " + ec.message());
    }
    bind_into_rootfs(root_fd, volume.host, volume.container,
                     {.read_only = volume.read_only, .replace_symlink = false});
  }
}

}  // namespace

int run_container(const RunOptions& options) {
  BlockedSignals signals;
  const PluginLoader loader(PluginLoader::default_search_dirs(options.plugin_dirs));

  // The host outlives the isolator it serves: declared first, destroyed last.
  PluginHost isolator_host(options.isolation, {});
  auto isolator = loader.open_isolator(options.isolation, isolator_host);

  Store store(options.store_root);
  // Held while the container runs: `system prune` must not remove the layers it runs on.
  const FileLock in_use(store.layout.lock("store"), FileLock::Mode::shared);
  const StorageDriver driver = choose_storage_driver(options.storage_driver, store.layout);
  FetchRequest request = options.image;
  request.unpack_layers = driver == StorageDriver::overlay;
  const PulledImage image = fetch_image(request, loader, store, options.progress);
  signals.throw_if_interrupted();

  ProcessConfig process = make_process_config(image.config, options);

  enter_private_mount_namespace();
  ContainerDir dir(options.store_root);
  assemble_rootfs(image, store, driver, dir, signals);
  const UniqueFd root(::open(dir.rootfs().c_str(), O_PATH | O_DIRECTORY | O_CLOEXEC));
  if (!root) throw_errno("cannot open the container root " + dir.rootfs().string());
  const std::string hostname = container_hostname(options, dir);
  // Before the volumes: a volume over /etc must not receive mydocker's files.
  provide_etc_files(dir, root.get(), {hostname, options.network == "host"});
  mount_volumes(options, root.get());
  const ContainerUser user = resolve_user(root.get(), process.user);
  if (!has_env(process.env, "HOSTNAME")) process.env.push_back("HOSTNAME=" + hostname);
  if (!has_env(process.env, "HOME")) process.env.push_back("HOME=" + user.home);
  signals.throw_if_interrupted();

  ContainerSpec spec;
  spec.id = dir.id();
  spec.rootfs = dir.rootfs().string();
  spec.executable =
      resolve_command(spec.rootfs, process.args.front(), env_value(process.env, "PATH"));
  spec.args = process.args;
  spec.env = process.env;
  spec.cwd = process.cwd;
  spec.hostname = hostname;
  spec.uid = user.uid;
  spec.gid = user.gid;
  spec.additional_gids = user.additional_gids;
  spec.tty = options.tty;
  spec.init = options.init;
  spec.read_only_rootfs = options.read_only;
  spec.network = options.network;
  spec.cap_add = options.cap_add;
  spec.cap_drop = options.cap_drop;
  spec.seccomp = options.seccomp;
  spec.limits = options.limits;

  // Without -i the container reads nothing, as with docker.
  const UniqueFd no_input(options.interactive ? -1 : ::open("/dev/null", O_RDONLY | O_CLOEXEC));
  if (!options.interactive) spec.stdin_fd = no_input.get();
  std::optional<ConsoleSocket> console;
  if (options.tty) {
    console.emplace();
    spec.console_socket_fd = console->isolator_end();
    const winsize size = own_window_size();
    spec.tty_rows = size.ws_row;
    spec.tty_cols = size.ws_col;
  }

  std::optional<StdioRelay> stdio;
  if (!options.tty) stdio.emplace(spec, options.interactive);

  // The isolator clones from a single-threaded process: the child of a multi-threaded one can
  // block forever on a lock another thread held at the clone (glibc's setxid broadcast behind
  // setgroups/setuid, malloc's), which hung one start in a few hundred.
  if (const int sig = stop_interrupt_watch(); sig != 0) throw Interrupted(sig);
  auto container = isolator->start(spec);
  ensure_own_session(*container, options.isolation);
  if (stdio) {
    stdio->container_started();
    return signals.supervise(*container, stdio->active() ? &*stdio : nullptr);
  }
  TerminalRelay relay(console->receive_master(options.isolation), options.interactive);
  std::optional<RawTerminalMode> raw;
  if (options.interactive && ::isatty(STDIN_FILENO)) raw.emplace(STDIN_FILENO);
  return signals.supervise(*container, &relay);
}

}  // namespace mydocker

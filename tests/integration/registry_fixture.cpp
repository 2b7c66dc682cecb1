#include "registry_fixture.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <chrono>
#include <cstdlib>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <thread>

namespace mydocker::test {

namespace {

using Clock = std::chrono::steady_clock;
namespace fs = std::filesystem;

std::vector<char*> c_argv(std::vector<std::string>& args) {
  std::vector<char*> out;
  for (auto& a : args) out.push_back(a.data());
  out.push_back(nullptr);
  return out;
}

// In the child: a clean signal mask (mydocker's tests may block some), death with the parent.
void child_setup() {
  sigset_t none;
  sigemptyset(&none);
  sigprocmask(SIG_SETMASK, &none, nullptr);
  prctl(PR_SET_PDEATHSIG, SIGKILL);
}

std::string tail_of(const fs::path& log) {
  std::ifstream in(log);
  std::stringstream text;
  text << in.rdbuf();
  std::string s = text.str();
  return s.size() > 2000 ? s.substr(s.size() - 2000) : s;
}

bool port_open(int port) {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return false;
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_port = htons(static_cast<uint16_t>(port));
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  const bool ok = connect(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) == 0;
  close(fd);
  return ok;
}

void write_file(const fs::path& path, const std::string& text) {
  fs::create_directories(path.parent_path());
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << text;
  if (!out) throw std::runtime_error("cannot write " + path.string());
}

std::string base64(const std::string& in) {
  static const char* k = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  int val = 0, bits = -6;
  for (unsigned char c : in) {
    val = (val << 8) + c;
    bits += 8;
    while (bits >= 0) {
      out.push_back(k[(val >> bits) & 0x3F]);
      bits -= 6;
    }
  }
  if (bits > -6) out.push_back(k[((val << 8) >> (bits + 8)) & 0x3F]);
  while (out.size() % 4) out.push_back('=');
  return out;
}

}  // namespace

ToolResult run_tool(const std::vector<std::string>& argv, int timeout_seconds) {
  int out[2];
  if (pipe2(out, O_CLOEXEC) != 0) throw std::runtime_error("pipe failed");
  std::vector<std::string> args = argv;
  auto cargs = c_argv(args);
  const int pid = fork();
  if (pid == 0) {
    child_setup();
    dup2(out[1], 1);
    dup2(out[1], 2);
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    execvp(cargs[0], cargs.data());
    _exit(127);
  }
  close(out[1]);
  ToolResult r;
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds);
  char buf[65536];
  while (true) {
    const auto left =
        std::chrono::duration_cast<std::chrono::milliseconds>(deadline - Clock::now()).count();
    if (left <= 0) {
      kill(pid, SIGKILL);
      r.output += "\n[timed out]";
      break;
    }
    pollfd p{out[0], POLLIN, 0};
    if (poll(&p, 1, static_cast<int>(left)) <= 0) continue;
    const ssize_t n = read(out[0], buf, sizeof buf);
    if (n <= 0) break;
    r.output.append(buf, static_cast<std::size_t>(n));
  }
  close(out[0]);
  int status = 0;
  waitpid(pid, &status, 0);
  r.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
  return r;
}

std::string must_run(const std::vector<std::string>& argv) {
  const ToolResult r = run_tool(argv);
  if (r.exit_code != 0) {
    std::string cmd;
    for (const auto& a : argv) cmd += a + " ";
    throw std::runtime_error(cmd + "failed (" + std::to_string(r.exit_code) + "): " + r.output);
  }
  return r.output;
}

fs::path registry_fixtures() {
  return fs::path(__FILE__).parent_path().parent_path() / "fixtures" / "registry";
}

int free_loopback_port() {
  const int fd = socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  sockaddr_in addr{};
  addr.sin_family = AF_INET;
  addr.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  socklen_t len = sizeof addr;
  if (fd < 0 || bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof addr) != 0 ||
      getsockname(fd, reinterpret_cast<sockaddr*>(&addr), &len) != 0) {
    throw std::runtime_error("cannot find a free port on 127.0.0.1");
  }
  close(fd);
  return ntohs(addr.sin_port);
}

FlakyProxy::FlakyProxy(const Registry& registry, const std::vector<std::string>& flags,
                       const fs::path& log)
    : port_(free_loopback_port()) {
  std::vector<std::string> argv{"python3",    (registry_fixtures() / "flaky_proxy.py").string(),
                                "--port",     std::to_string(port_),
                                "--upstream", registry.address()};
  argv.insert(argv.end(), flags.begin(), flags.end());
  process_ = std::make_unique<ChildProcess>(argv, log);
  process_->wait_for_port(port_);
}

ChildProcess::ChildProcess(const std::vector<std::string>& argv, const fs::path& log) : log_(log) {
  std::vector<std::string> args = argv;
  auto cargs = c_argv(args);
  const int log_fd = open(log.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (log_fd < 0) throw std::runtime_error("cannot create " + log.string());
  pid_ = fork();
  if (pid_ == 0) {
    child_setup();
    dup2(log_fd, 1);
    dup2(log_fd, 2);
    const int devnull = open("/dev/null", O_RDONLY);
    dup2(devnull, 0);
    execvp(cargs[0], cargs.data());
    _exit(127);
  }
  close(log_fd);
  if (pid_ < 0) throw std::runtime_error("fork failed");
}

ChildProcess::~ChildProcess() {
  if (pid_ <= 0) return;
  kill(pid_, SIGTERM);
  for (int i = 0; i < 100; ++i) {
    if (waitpid(pid_, nullptr, WNOHANG) == pid_) return;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  kill(pid_, SIGKILL);
  waitpid(pid_, nullptr, 0);
}

bool ChildProcess::running() {
  if (pid_ <= 0) return false;
  if (waitpid(pid_, nullptr, WNOHANG) == pid_) {
    pid_ = -1;
    return false;
  }
  return true;
}

void ChildProcess::wait_for_port(int port, int timeout_seconds) {
  const auto deadline = Clock::now() + std::chrono::seconds(timeout_seconds);
  while (!port_open(port)) {
    if (!running()) throw std::runtime_error("exited before listening:\n" + tail_of(log_));
    if (Clock::now() > deadline) {
      throw std::runtime_error("not listening on port " + std::to_string(port) + ":\n" +
                               tail_of(log_));
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
}

Registry::Registry(RegistryOptions options) : options_(std::move(options)) {
  const fs::path fixtures = registry_fixtures();
  port_ = free_loopback_port();
  std::vector<std::string> argv{(fixtures / "run-registry.sh").string(), dir().string(),
                                std::to_string(port_)};
  if (options_.tls) {
    must_run({(fixtures / "make-certs.sh").string(), "server", (dir() / "tls").string()});
    ca_cert_ = dir() / "tls" / "ca.crt";
    argv.insert(argv.end(), {"--tls", (dir() / "tls" / "server.crt").string(),
                             (dir() / "tls" / "server.key").string()});
  }
  if (!options_.basic_user.empty()) {
    write_file(dir() / "htpasswd",
               must_run({"htpasswd", "-Bbn", options_.basic_user, options_.basic_password}));
    argv.insert(argv.end(), {"--htpasswd", (dir() / "htpasswd").string()});
  }
  if (options_.token) {
    must_run({(fixtures / "make-certs.sh").string(), "signer", (dir() / "signer").string()});
    write_file(dir() / "users", options_.token_user + ":" + options_.token_password + "\n");
    const int issuer_port = free_loopback_port();
    std::vector<std::string> issuer{"python3",   (fixtures / "token_issuer.py").string(),
                                    "--port",    std::to_string(issuer_port),
                                    "--key",     (dir() / "signer" / "signer.key").string(),
                                    "--cert",    (dir() / "signer" / "signer.crt").string(),
                                    "--issuer",  "mydocker-test-issuer",
                                    "--service", "mydocker-test-registry",
                                    "--users",   (dir() / "users").string()};
    if (options_.anonymous_pull) issuer.push_back("--anonymous-pull");
    issuer_ = std::make_unique<ChildProcess>(issuer, dir() / "issuer.log");
    issuer_->wait_for_port(issuer_port);
    argv.insert(argv.end(),
                {"--token", "http://127.0.0.1:" + std::to_string(issuer_port) + "/token",
                 "mydocker-test-registry", "mydocker-test-issuer",
                 (dir() / "signer" / "signer.crt").string()});
  }
  registry_ = std::make_unique<ChildProcess>(argv, dir() / "registry.log");
  registry_->wait_for_port(port_);
}

Registry::~Registry() {
  registry_.reset();
  issuer_.reset();
}

std::vector<std::string> Registry::creds_args(const char* flag) const {
  if (!options_.basic_user.empty())
    return {flag, options_.basic_user + ":" + options_.basic_password};
  if (options_.token) return {flag, options_.token_user + ":" + options_.token_password};
  return {};
}

void Registry::push(const std::string& source, const std::string& dest,
                    const std::vector<std::string>& extra) {
  std::vector<std::string> argv{"skopeo", "--insecure-policy", "copy", "--quiet",
                                "--dest-tls-verify=false"};
  for (const auto& a : creds_args("--dest-creds")) argv.push_back(a);
  argv.insert(argv.end(), extra.begin(), extra.end());
  argv.push_back(source);
  argv.push_back("docker://" + address() + "/" + dest);
  must_run(argv);
}

void Registry::push_test_image(const std::string& layout, const std::string& dest) {
  if (!pushed_.insert(dest).second) return;
  push("oci:" + images_dir() + "/" + layout + ":latest", dest);
}

fs::path Registry::blob_data(const std::string& digest) const {
  const std::string hex = digest.substr(7);
  return dir() / "storage/docker/registry/v2/blobs/sha256" / hex.substr(0, 2) / hex / "data";
}

std::string Registry::manifest(const std::string& repo_tag, const std::string& accept) const {
  const auto colon = repo_tag.rfind(':');
  std::vector<std::string> argv{"curl", "-fsS", "-k", "-H", "Accept: " + accept};
  if (!options_.basic_user.empty()) {
    argv.insert(argv.end(), {"-u", options_.basic_user + ":" + options_.basic_password});
  }
  argv.push_back((options_.tls ? "https://" : "http://") + address() + "/v2/" +
                 repo_tag.substr(0, colon) + "/manifests/" + repo_tag.substr(colon + 1));
  return must_run(argv);
}

ScopedEnv::ScopedEnv(const char* name, const char* value) : name_(name) {
  if (const char* old = std::getenv(name)) {
    had_ = true;
    old_ = old;
  }
  if (value != nullptr) {
    setenv(name, value, 1);
  } else {
    unsetenv(name);
  }
}

ScopedEnv::~ScopedEnv() {
  if (had_) {
    setenv(name_.c_str(), old_.c_str(), 1);
  } else {
    unsetenv(name_.c_str());
  }
}

Client::Client() {
  fs::create_directories(home_.path() / "docker");
  fs::create_directories(home_.path() / "mydocker");
}

void Client::write_config(const std::string& json) { write_file(config_file(), json); }

void Client::trust_ca(const std::string& registry, const fs::path& ca_cert) {
  const fs::path dir = config_file().parent_path() / "certs.d" / registry;
  fs::create_directories(dir);
  fs::copy_file(ca_cert, dir / "ca.crt", fs::copy_options::overwrite_existing);
}

void Client::login(const std::string& registry, const std::string& user,
                   const std::string& password) {
  write_file(home_.path() / "docker" / "config.json",
             R"({"auths": {")" + registry + R"(": {"auth": ")" + base64(user + ":" + password) +
                 R"("}}})");
}

Result Client::run(const std::vector<std::string>& args, int timeout_seconds) {
  ScopedEnv config("MYDOCKER_CONFIG", config_file().c_str());
  ScopedEnv docker("DOCKER_CONFIG", (home_.path() / "docker").c_str());
  std::vector<std::string> full{"--root", store().string()};
  full.insert(full.end(), args.begin(), args.end());
  return mydocker(RunSpec{full, "", timeout_seconds});
}

std::set<std::string> stored_blobs(const fs::path& store) {
  std::set<std::string> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(store / "blobs" / "sha256", ec)) {
    out.insert("sha256:" + e.path().filename().string());
  }
  return out;
}

}  // namespace mydocker::test

// Real registries on 127.0.0.1 for the hub source's integration tests: Debian's docker-registry
// started per test suite in a temp dir (plain HTTP, TLS with a test CA, htpasswd or token auth
// with the token issuer beside it), filled with skopeo, and killed and reaped when the suite
// ends. Also the client side a user would have: mydocker's config file with certs.d beside it,
// docker's config.json with credentials, and a store.
#pragma once

#include <gtest/gtest.h>

#include <filesystem>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "harness.hpp"

namespace mydocker::test {

struct ToolResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

// Runs a tool (skopeo, openssl, ...) to completion.
ToolResult run_tool(const std::vector<std::string>& argv, int timeout_seconds = 180);
// The same, throwing std::runtime_error with the tool's output when it fails.
std::string must_run(const std::vector<std::string>& argv);

// tests/fixtures/registry in the source tree.
std::filesystem::path registry_fixtures();

// A port on 127.0.0.1 nothing listens on right now.
int free_loopback_port();

// A helper process owned by the test: it dies with the test process (PR_SET_PDEATHSIG), and
// is killed and reaped when this object goes away.
class ChildProcess {
 public:
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& log);
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;
  bool running();
  // Waits until 127.0.0.1:port accepts connections; throws with the log's tail if the process
  // exits or the port does not open in time.
  void wait_for_port(int port, int timeout_seconds = 20);

 private:
  int pid_ = -1;
  std::filesystem::path log_;
};

struct RegistryOptions {
  bool tls = false;        // HTTPS only, certificate from a test CA (Registry::ca_cert)
  std::string basic_user;  // htpasswd auth when set
  std::string basic_password;
  bool token = false;      // token auth, with a token issuer started on another port
  std::string token_user;  // the issuer's one user (push uses it)
  std::string token_password;
  bool anonymous_pull = true;  // whether the issuer grants pull without credentials
};

class Registry {
 public:
  explicit Registry(RegistryOptions options = {});
  ~Registry();

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  const std::filesystem::path& ca_cert() const { return ca_cert_; }
  const std::filesystem::path& dir() const { return dir_.path(); }

  // skopeo copy SOURCE docker://ADDRESS/DEST with push credentials when the registry needs
  // them; `extra` goes before the two image names (--all, ...).
  void push(const std::string& source, const std::string& dest,
            const std::vector<std::string>& extra = {});
  // Pushes IMAGES_DIR/LAYOUT:latest as DEST once per registry (later calls do nothing).
  void push_test_image(const std::string& layout, const std::string& dest);

  // The file the registry serves a blob from.
  std::filesystem::path blob_data(const std::string& digest) const;
  // A manifest as the registry serves it (through curl, with the push credentials).
  std::string manifest(const std::string& repo_tag, const std::string& accept) const;

 private:
  std::vector<std::string> creds_args(const char* flag) const;

  RegistryOptions options_;
  TempDir dir_;
  int port_ = 0;
  std::filesystem::path ca_cert_;
  std::unique_ptr<ChildProcess> issuer_;
  std::unique_ptr<ChildProcess> registry_;
  std::set<std::string> pushed_;
};

// One registry per test suite, shared by its tests: starting docker-registry and filling it
// takes about a second, too long to pay for every test. A suite derives from
// SharedRegistry<Suite> (SharedRegistry<Suite, ::testing::TestWithParam<T>> when parameterized),
// calls start_registry() in its SetUpTestSuite and pushes what its tests pull; the registry is
// stopped when the suite ends. Suite gives every suite a registry_ of its own.
template <typename Suite, typename Base = ::testing::Test>
class SharedRegistry : public Base {
 public:
  static void TearDownTestSuite() { registry_.reset(); }

 protected:
  static Registry& start_registry(const RegistryOptions& options = {}) {
    registry_ = std::make_unique<Registry>(options);
    return *registry_;
  }

  inline static std::unique_ptr<Registry> registry_;
};

// tests/fixtures/registry/flaky_proxy.py in front of a registry, with the given flags, logging
// each request to `log`; stopped with the object.
class FlakyProxy {
 public:
  FlakyProxy(const Registry& registry, const std::vector<std::string>& flags,
             const std::filesystem::path& log);
  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }

 private:
  int port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

// Sets (or unsets, for nullptr) an environment variable for a scope; mydocker inherits it.
class ScopedEnv {
 public:
  ScopedEnv(const char* name, const char* value);
  ~ScopedEnv();
  ScopedEnv(const ScopedEnv&) = delete;
  ScopedEnv& operator=(const ScopedEnv&) = delete;

 private:
  std::string name_;
  bool had_ = false;
  std::string old_;
};

// What a user of mydocker has: a store, mydocker's config file (MYDOCKER_CONFIG, with certs.d
// beside it) and docker's config directory (DOCKER_CONFIG). Both start empty so nothing of the
// host's own configuration leaks into a test.
class Client {
 public:
  Client();
  void write_config(const std::string& json);
  void trust_ca(const std::string& registry, const std::filesystem::path& ca_cert);
  void login(const std::string& registry, const std::string& user, const std::string& password);
  // mydocker --root STORE ARGS..., with this client's environment.
  Result run(const std::vector<std::string>& args, int timeout_seconds = 60);
  std::filesystem::path store() const { return home_.path() / "store"; }
  std::filesystem::path config_file() const { return home_.path() / "mydocker" / "config.json"; }

 private:
  TempDir home_;
};

// Digests of every blob in a store's blobs/sha256 directory ("sha256:<hex>").
std::set<std::string> stored_blobs(const std::filesystem::path& store);

}  // namespace mydocker::test

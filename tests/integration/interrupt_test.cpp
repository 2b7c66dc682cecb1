// Ctrl-C or SIGTERM in the middle of a pull, behind a proxy that stalls the manifest, trickles
// a layer, goes silent mid-layer or answers 503: mydocker must end within a second or so (a
// generous bound catches only a hang), exit 130 or 143 with one line, leave no partial blob
// or unpack behind, and the next pull must work.
#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <memory>
#include <sstream>
#include <thread>

#include "harness.hpp"
#include "mydocker/sha256.hpp"
#include "registry_fixture.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

// Far more than the second an interrupted mydocker may take: only a hang exceeds it.
constexpr int kHangSeconds = 10;

std::string read_text(const fs::path& file) {
  std::ifstream in(file);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::size_t count_of(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Every blob under its digest name is whole, and no unpack is left half done.
void expect_consistent_store(const fs::path& store) {
  for (const auto& digest : stored_blobs(store)) {
    const fs::path file = store / "blobs" / "sha256" / digest.substr(7);
    EXPECT_EQ(sha256_digest(read_text(file)), digest) << "a partial blob got a digest name";
  }
  std::error_code ec;
  const fs::path temp = store / "layers" / ".tmp";
  EXPECT_TRUE(!fs::exists(temp) || fs::is_empty(temp, ec)) << "an interrupted unpack was left";
}

class InterruptedPull : public SharedRegistry<InterruptedPull> {
 protected:
  static void SetUpTestSuite() {
    start_registry().push_test_image("busybox-oci", "busybox:latest");
  }

  // Starts the proxy in front of the registry; returns busybox's reference through it.
  std::string start_proxy(const std::vector<std::string>& flags) {
    proxy_ = std::make_unique<FlakyProxy>(*registry_, flags, work_.path() / "proxy.log");
    return proxy_->address() + "/busybox:latest";
  }

  // mydocker --root STORE ARGS... in the background, with none of the host's configuration.
  std::unique_ptr<Background> start(const std::vector<std::string>& args) {
    const ScopedEnv config("MYDOCKER_CONFIG", (work_.path() / "config.json").c_str());
    const ScopedEnv docker("DOCKER_CONFIG", (work_.path() / "docker").c_str());
    std::vector<std::string> full{"--root", store_.str()};
    full.insert(full.end(), args.begin(), args.end());
    return std::make_unique<Background>(full);
  }

  Result run(const std::vector<std::string>& args) {
    auto bg = start(args);
    return bg->wait(120);
  }

  // Waits until the proxy has logged `marker` `times` times, lets mydocker get into what the
  // marker announces, then sends `sig`.
  Result interrupt_when(Background& bg, const std::string& marker, int sig, std::size_t times = 1) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(60);
    while (count_of(read_text(work_.path() / "proxy.log"), marker) < times &&
           std::chrono::steady_clock::now() < deadline) {
      std::this_thread::sleep_for(std::chrono::milliseconds(20));
    }
    EXPECT_GE(count_of(read_text(work_.path() / "proxy.log"), marker), times) << marker;
    std::this_thread::sleep_for(std::chrono::milliseconds(300));
    ::kill(bg.pid(), sig);
    return bg.wait(kHangSeconds);
  }

  // What must hold after any interruption: a consistent store, and a pull that completes.
  void expect_next_pull_works(const std::string& ref) {
    expect_consistent_store(store_.path());
    const auto r = run({"pull", ref});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    expect_consistent_store(store_.path());
    const auto images = run({"images"});
    EXPECT_NE(images.out.find("busybox"), std::string::npos) << images.out << images.err;
  }

  TempDir work_;
  TempDir store_;
  std::unique_ptr<FlakyProxy> proxy_;
};

TEST_F(InterruptedPull, CtrlCWhileTheManifestStalls) {
  const std::string ref = start_proxy({"--stall-manifests", "1"});
  auto bg = start({"pull", ref});
  const auto r = interrupt_when(*bg, "/manifests/latest range=- -> stalled", SIGINT);
  EXPECT_EQ(r.exit_code, 130) << r.err;
  EXPECT_EQ(r.err, "mydocker: interrupted by SIGINT\n");
  expect_next_pull_works(ref);
}

TEST_F(InterruptedPull, CtrlCWhileALayerDownloads) {
  // The config, then the layer, trickle in: the second "throttled" is the layer, streaming
  // into its unpack under layers/.tmp.
  const std::string ref = start_proxy({"--throttle-blobs", "2"});
  auto bg = start({"pull", ref});
  const auto r = interrupt_when(*bg, "throttled", SIGINT, 2);
  EXPECT_EQ(r.exit_code, 130) << r.err;
  EXPECT_EQ(r.err, "mydocker: interrupted by SIGINT\n");
  expect_next_pull_works(ref);
}

TEST_F(InterruptedPull, CtrlCOfARunWhileTheRegistrySendsNothing) {
  // The config comes whole; the layer sends a quarter and then nothing at all.
  const std::string ref = start_proxy({"--throttle-blobs", "1", "--stall-blobs", "1"});
  auto bg = start({"run", ref, "explorer", "echo", "hi"});
  const auto r = interrupt_when(*bg, "-> stalled", SIGINT);
  EXPECT_EQ(r.exit_code, 130) << r.err;
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(r.err, "mydocker: interrupted by SIGINT\n");
  expect_next_pull_works(ref);
}

TEST_F(InterruptedPull, CtrlCDuringARetryBackOff) {
  const std::string ref = start_proxy({"--fail-manifests", "1000"});
  auto bg = start({"pull", ref});
  const auto r = interrupt_when(*bg, "-> 503", SIGINT);
  EXPECT_EQ(r.exit_code, 130) << r.err;
  EXPECT_EQ(r.err, "mydocker: interrupted by SIGINT\n");
}

TEST_F(InterruptedPull, SigtermWhileALayerDownloads) {
  const std::string ref = start_proxy({"--throttle-blobs", "2"});
  auto bg = start({"pull", ref});
  const auto r = interrupt_when(*bg, "throttled", SIGTERM, 2);
  EXPECT_EQ(r.exit_code, 143) << r.err;
  EXPECT_EQ(r.err, "mydocker: interrupted by SIGTERM\n");
  expect_next_pull_works(ref);
}

}  // namespace
}  // namespace mydocker::test

// A registry behind an unreliable proxy: 503 with Retry-After, and connections dropped in the
// middle of every blob. Pulls must retry, resume with Range requests, and say nothing about it
// unless asked; when the registry stays down they must give up with one clear line.
#include <gtest/gtest.h>

#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "registry_fixture.hpp"

namespace mydocker::test {
namespace {

class RegistryRetry : public SharedRegistry<RegistryRetry> {
 protected:
  static void SetUpTestSuite() { start_registry().push_test_image("layers-oci", "layers:latest"); }

  // Starts the proxy in front of the registry; returns its address.
  std::string start_proxy(const std::vector<std::string>& flags) {
    proxy_ = std::make_unique<FlakyProxy>(*registry_, flags, work_.path() / "proxy.log");
    return proxy_->address();
  }

  std::string proxy_log() const {
    std::ifstream in(work_.path() / "proxy.log");
    std::stringstream text;
    text << in.rdbuf();
    return text.str();
  }

  TempDir work_;
  std::unique_ptr<FlakyProxy> proxy_;
  Client client_;
};

TEST_F(RegistryRetry, RetriesAndResumesDroppedDownloads) {
  const std::string proxy = start_proxy({"--fail-manifests", "1", "--drop-blobs"});
  const auto r = client_.run({"run", proxy + "/layers:latest", "explorer", "cat", "/data/gone"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "back\n");
  EXPECT_EQ(r.err, "");
  const std::string log = proxy_log();
  EXPECT_NE(log.find("/manifests/latest range=- -> 503"), std::string::npos) << log;
  EXPECT_NE(log.find("/manifests/latest range=- -> 200"), std::string::npos) << log;
  // Every blob broke off half way and was resumed where it stopped, not downloaded again.
  EXPECT_NE(log.find("range=bytes="), std::string::npos) << log;
  EXPECT_NE(log.find("-> 206"), std::string::npos) << log;
}

TEST_F(RegistryRetry, GivesUpWithOneClearError) {
  const std::string proxy = start_proxy({"--fail-manifests", "100"});
  client_.write_config(R"({"max-download-attempts": 2})");
  const auto r = client_.run({"run", proxy + "/layers:latest", "explorer", "echo", "no"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find("HTTP 503"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("gave up after 2 attempts"), std::string::npos) << r.err;
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace mydocker::test

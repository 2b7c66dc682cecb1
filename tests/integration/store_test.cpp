// The store as a user sees it across commands: a cached image runs without its registry,
// shared layers are kept once, concurrent and killed pulls leave a store that works, damage is
// found and repaired, and images can be listed and removed.
#include <gtest/gtest.h>
#include <signal.h>
#include <sys/stat.h>
#include <unistd.h>

#include <fstream>
#include <map>
#include <random>
#include <sstream>

#include "harness.hpp"
#include "registry_fixture.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

std::size_t count(const std::string& text, const std::string& what) {
  std::size_t n = 0;
  for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
  return n;
}

// Unpacked layer directories by name, with their inode numbers: unchanged means not unpacked
// again.
std::map<std::string, ino_t> unpacked_layers(const fs::path& store) {
  std::map<std::string, ino_t> out;
  std::error_code ec;
  for (const auto& e : fs::directory_iterator(store / "layers", ec)) {
    if (e.path().filename() == ".tmp") continue;
    struct stat st {};
    ::stat(e.path().c_str(), &st);
    out[e.path().filename().string()] = st.st_ino;
  }
  return out;
}

std::string read_file(const fs::path& path) {
  std::ifstream in(path);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

class Store : public SharedRegistry<Store> {
 protected:
  static void SetUpTestSuite() {
    Registry& registry = start_registry();
    registry.push_test_image("busybox-oci", "busybox:latest");
    registry.push_test_image("layers-oci", "layers:latest");
  }
  static std::string ref(const std::string& repo_tag) {
    return registry_->address() + "/" + repo_tag;
  }

  Client client_;
};

TEST_F(Store, CachedImageRunsWithItsRegistryStoppedAndIsNotUnpackedAgain) {
  auto registry = std::make_unique<Registry>();
  registry->push_test_image("busybox-oci", "cached:latest");
  const std::string image = registry->address() + "/cached:latest";
  auto r = client_.run({"run", image, "explorer", "cat", "/etc/image-name"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto layers = unpacked_layers(client_.store());
  const auto blobs = stored_blobs(client_.store());
  ASSERT_EQ(layers.size(), 1u);

  registry.reset();  // stopped: any request would now fail
  r = client_.run({"run", image, "explorer", "cat", "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "busybox\n");
  EXPECT_EQ(r.err, "");
  EXPECT_EQ(unpacked_layers(client_.store()), layers);
  EXPECT_EQ(stored_blobs(client_.store()), blobs);

  r = client_.run({"run", "--pull=never", image, "explorer", "echo", "ok"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  r = client_.run({"run", "--pull=always", image, "explorer", "echo", "ok"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("cannot reach registry"), std::string::npos) << r.err;
  r = client_.run({"run", "--pull=never", ref("never-pulled:latest"), "explorer", "echo"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("is not in the store"), std::string::npos) << r.err;
}

TEST_F(Store, ALayerSharedByTwoImagesIsStoredAndUnpackedOnce) {
  // A second image: busybox's layer under another config.
  const TempDir work;
  const std::string derived = "oci:" + (work.path() / "derived").string() + ":latest";
  must_run({"skopeo", "copy", "--quiet", "oci:" + images_dir() + "/busybox-oci:latest", derived});
  must_run({"umoci", "config", "--image", derived.substr(4), "--config.env", "DERIVED=yes"});
  registry_->push(derived, "derived:latest");

  auto r = client_.run({"run", ref("busybox:latest"), "explorer", "cat", "/etc/image-name"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  r = client_.run({"run", ref("derived:latest"), "explorer", "env"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("DERIVED=yes\n"), std::string::npos) << r.out;
  EXPECT_EQ(unpacked_layers(client_.store()).size(), 1u);
  // Two manifests, two configs, one layer.
  EXPECT_EQ(stored_blobs(client_.store()).size(), 5u);
  r = client_.run({"images"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find(registry_->address() + "/busybox   latest"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find(registry_->address() + "/derived   latest"), std::string::npos) << r.out;
}

TEST_F(Store, EightConcurrentRunsOfAnUncachedImageDownloadEachBlobOnce) {
  // A logging proxy in front of the registry counts the downloads.
  const TempDir work;
  const int port = free_loopback_port();
  ChildProcess proxy({"python3", (registry_fixtures() / "flaky_proxy.py").string(), "--port",
                      std::to_string(port), "--upstream", registry_->address()},
                     work.path() / "proxy.log");
  proxy.wait_for_port(port);
  const std::string image = "127.0.0.1:" + std::to_string(port) + "/layers:latest";

  std::vector<std::unique_ptr<Background>> runs;
  for (int i = 0; i < 8; ++i) {
    runs.push_back(std::make_unique<Background>(std::vector<std::string>{
        "--root", client_.store().string(), "run", image, "explorer", "cat", "/data/gone"}));
  }
  for (auto& run : runs) {
    const auto r = run->wait(120);
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "back\n");
  }
  const std::string log = read_file(work.path() / "proxy.log");
  std::size_t blob_gets = 0;
  for (const auto& digest : stored_blobs(client_.store())) {
    const auto n = count(log, "GET /v2/layers/blobs/" + digest + " ");
    EXPECT_LE(n, 1u) << digest << "\n" << log;
    blob_gets += n;
  }
  EXPECT_EQ(blob_gets, 4u) << log;  // a config and three layers
  EXPECT_EQ(unpacked_layers(client_.store()).size(), 3u);
}

TEST_F(Store, PullsKilledAtRandomMomentsLeaveAStoreTheNextPullCompletes) {
  std::mt19937 random(20261122);
  std::uniform_int_distribution<int> delay_ms(0, 250);
  for (int i = 0; i < 8; ++i) {
    {
      Background pull({"--root", client_.store().string(), "pull", "-q", ref("layers:latest")});
      ::usleep(static_cast<useconds_t>(delay_ms(random)) * 1000);
      ::kill(pull.pid(), SIGKILL);
      pull.wait();
    }
    auto r = client_.run({"pull", "-q", ref("layers:latest")});
    ASSERT_EQ(r.exit_code, 0) << "round " << i << ": " << r.err;
    r = client_.run({"system", "check"});
    EXPECT_EQ(r.exit_code, 0) << "round " << i << ": " << r.out;
    r = client_.run({"run", "--pull=never", ref("layers:latest"), "explorer", "ls", "/data"});
    EXPECT_EQ(r.out, "added\ngone\nkeep\n") << "round " << i << ": " << r.err;
    // Empty the store for the next round; prune also clears what the kill left behind.
    ASSERT_EQ(client_.run({"rmi", ref("layers:latest")}).exit_code, 0);
    r = client_.run({"system", "prune"});
    ASSERT_EQ(r.exit_code, 0) << r.err;
    EXPECT_TRUE(stored_blobs(client_.store()).empty()) << "round " << i;
    EXPECT_TRUE(unpacked_layers(client_.store()).empty()) << "round " << i;
  }
}

TEST_F(Store, ADamagedBlobIsFoundByTheCheckAndFetchedAgain) {
  auto r = client_.run({"pull", "-q", ref("layers:latest")});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  // Damage the biggest blob: a layer.
  fs::path victim;
  for (const auto& e : fs::directory_iterator(client_.store() / "blobs" / "sha256")) {
    if (victim.empty() || fs::file_size(e.path()) > fs::file_size(victim)) victim = e.path();
  }
  {
    std::fstream f(victim, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(10);
    f.write("XXXX", 4);
  }
  const std::string digest = "sha256:" + victim.filename().string();
  r = client_.run({"system", "check"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.out.find("blob " + digest + " is damaged"), std::string::npos) << r.out;

  r = client_.run({"system", "check", "--repair"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("removed, the next pull fetches it again"), std::string::npos) << r.out;
  EXPECT_FALSE(fs::exists(victim));

  r = client_.run({"pull", "-q", ref("layers:latest")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_TRUE(fs::exists(victim));
  r = client_.run({"system", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.out;
  EXPECT_NE(r.out.find("0 problems"), std::string::npos) << r.out;
}

TEST_F(Store, RmiAndPruneLeaveAConsistentStore) {
  ASSERT_EQ(client_.run({"pull", "-q", ref("busybox:latest")}).exit_code, 0);
  ASSERT_EQ(client_.run({"pull", "-q", ref("layers:latest")}).exit_code, 0);
  EXPECT_EQ(unpacked_layers(client_.store()).size(), 4u);

  auto r = client_.run({"rmi", ref("layers:latest")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Untagged: " + ref("layers:latest")), std::string::npos) << r.out;
  EXPECT_EQ(unpacked_layers(client_.store()).size(), 1u);
  EXPECT_EQ(stored_blobs(client_.store()).size(), 3u);  // busybox: manifest, config, layer

  r = client_.run({"images"});
  EXPECT_EQ(count(r.out, "\n"), 2u) << r.out;
  EXPECT_NE(r.out.find("/busybox"), std::string::npos) << r.out;
  r = client_.run({"run", "--pull=never", ref("busybox:latest"), "explorer", "echo", "still"});
  EXPECT_EQ(r.out, "still\n") << r.err;
  EXPECT_EQ(client_.run({"system", "check"}).exit_code, 0);

  r = client_.run({"rmi", ref("nothing:here")});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_NE(r.err.find("No such image: " + ref("nothing:here")), std::string::npos) << r.err;

  r = client_.run({"system", "prune"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("Deleted 0 blobs, 0 layers"), std::string::npos) << r.out;
}

TEST_F(Store, TheVfsDriverCopiesLayersAndLeavesNoneUnpacked) {
  auto r = client_.run(
      {"--storage-driver", "vfs", "run", ref("layers:latest"), "explorer", "ls", "/data"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "added\ngone\nkeep\n");
  EXPECT_TRUE(unpacked_layers(client_.store()).empty());
}

TEST_F(Store, TheRootfsIsAnOverlayAndNothingStaysMountedOnTheHost) {
  const auto r = client_.run({"run", ref("busybox:latest"), "explorer", "cat", "/proc/mounts"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_NE(r.out.find("overlay / overlay"), std::string::npos) << r.out;
  const std::string host_mounts = read_file("/proc/self/mountinfo");
  EXPECT_EQ(host_mounts.find(client_.store().string()), std::string::npos) << host_mounts;
}

TEST_F(Store, LoadNamesEveryImageOfAnArchiveSoRunFindsThemOffline) {
  auto r = client_.run({"load", "-i", images_dir() + "/multi-docker.tar"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out,
            "Loaded image: docker.io/library/busybox:latest\n"
            "Loaded image: docker.io/library/entry:latest\n");
  r = client_.run({"run", "--pull=never", "busybox", "explorer", "cat", "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "busybox\n");
  r = client_.run({"run", "--pull=never", "entry"});
  EXPECT_EQ(r.out, "from-entrypoint default-arg\n") << r.err;
  r = client_.run({"load", "-i", images_dir() + "/no-such.tar"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("no such file or directory"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mydocker::test

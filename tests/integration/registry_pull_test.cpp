// Pulling from a real registry on 127.0.0.1 (plain HTTP, anonymous) through the hub source:
// what a user sees for good images, mirrors, multi-platform indexes, every layer compression,
// and for tampered, unknown and unreachable ones.
#include <gtest/gtest.h>

#include <chrono>
#include <filesystem>
#include <fstream>
#include <nlohmann/json.hpp>

#include "harness.hpp"
#include "registry_fixture.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

constexpr const char* kOciManifest = "application/vnd.oci.image.manifest.v1+json";

class RegistryPull : public SharedRegistry<RegistryPull> {
 protected:
  static void SetUpTestSuite() { start_registry(); }

  static std::string ref(const std::string& repo_tag) {
    return registry_->address() + "/" + repo_tag;
  }

  // The media types of the layers of REPO:TAG's OCI manifest.
  static std::vector<std::string> layer_types(const std::string& repo_tag) {
    std::vector<std::string> out;
    const auto manifest = nlohmann::json::parse(registry_->manifest(repo_tag, kOciManifest));
    for (const auto& layer : manifest.at("layers")) out.push_back(layer.at("mediaType"));
    return out;
  }

  Client client_;
};

TEST_F(RegistryPull, AnonymousOverPlainHttp) {
  registry_->push_test_image("busybox-oci", "busybox:latest");
  auto r = client_.run({"run", ref("busybox:latest"), "explorer", "echo", "hi"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hi\n");
  EXPECT_EQ(r.err, "");
  // The image's own config comes along: Cmd, Env.
  r = client_.run({"run", ref("busybox:latest")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hello from cmd\n");
}

TEST_F(RegistryPull, ByDigest) {
  registry_->push_test_image("busybox-oci", "busybox:latest");
  const std::string digest =
      must_run({"sh", "-c",
                "curl -fsS -o /dev/null -D - -H 'Accept: " + std::string(kOciManifest) +
                    "' http://" + registry_->address() +
                    "/v2/busybox/manifests/latest | tr -d '\\r' | "
                    "awk 'tolower($1)==\"docker-content-digest:\"{printf \"%s\", $2}'"});
  ASSERT_EQ(digest.size(), 71u) << digest;
  auto r = client_.run({"run", ref("busybox@" + digest), "explorer", "cat", "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "busybox\n");
  r = client_.run({"run", ref("busybox:latest@" + digest), "explorer", "echo", "ok"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
}

TEST_F(RegistryPull, UnqualifiedNamePullsThroughTheDockerHubMirror) {
  registry_->push_test_image("busybox-oci", "library/busybox:latest");
  // The first mirror is down: the next one serves, and Docker Hub itself is never asked.
  const int dead = free_loopback_port();
  client_.write_config(R"({"registry-mirrors": ["http://127.0.0.1:)" + std::to_string(dead) +
                       R"(", "http://)" + registry_->address() + R"("]})");
  const auto r = client_.run({"run", "busybox:latest", "explorer", "cat", "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "busybox\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(RegistryPull, PullPrintsALinePerLayerAndTheNameOrOnlyTheNameWithQuiet) {
  registry_->push_test_image("layers-oci", "library/layers:latest");
  // The mirror given on the command line, and one download at a time: same result.
  const std::vector<std::string> flags{"--registry-mirror", "http://" + registry_->address(),
                                       "--max-concurrent-downloads", "1"};
  const auto count = [](const std::string& text, const std::string& what) {
    std::size_t n = 0;
    for (auto at = text.find(what); at != std::string::npos; at = text.find(what, at + 1)) ++n;
    return n;
  };
  auto args = flags;
  args.insert(args.end(), {"pull", "layers"});
  auto r = client_.run(args);
  ASSERT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.err, "");
  EXPECT_TRUE(r.out.starts_with("Pulling layers\n")) << r.out;
  EXPECT_EQ(count(r.out, ": Pull complete\n"), 3u) << r.out;
  EXPECT_NE(r.out.find("\nDigest: sha256:"), std::string::npos) << r.out;
  EXPECT_TRUE(r.out.ends_with("\ndocker.io/library/layers:latest\n")) << r.out;

  r = client_.run(args);
  EXPECT_EQ(count(r.out, ": Already exists\n"), 3u) << r.out;
  EXPECT_EQ(count(r.out, ": Pull complete\n"), 0u) << r.out;

  args.push_back("-q");
  r = client_.run(args);
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "docker.io/library/layers:latest\n");

  r = client_.run({"--max-concurrent-downloads", "0", "pull", "layers"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("--max-concurrent-downloads"), std::string::npos) << r.err;
}

TEST_F(RegistryPull, RunShowsPullProgressOnlyWhenAskedTo) {
  registry_->push_test_image("busybox-oci", "progress:latest");
  auto r =
      client_.run({"run", "--progress=plain", ref("progress:latest"), "explorer", "echo", "hi"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "hi\n");
  EXPECT_NE(r.err.find(": Pull complete\n"), std::string::npos) << r.err;
  r = client_.run({"run", ref("progress:latest"), "explorer", "echo", "hi"});
  EXPECT_EQ(r.out, "hi\n");
  EXPECT_EQ(r.err, "");
}

TEST_F(RegistryPull, MultiPlatformIndex) {
  const TempDir work;
  const auto layout = work.path() / "multi";
  must_run({(registry_fixtures() / "make-multiarch.sh").string(), images_dir(), layout.string()});
  registry_->push("oci:" + layout.string() + ":latest", "multi:latest", {"--all"});

  auto r = client_.run({"run", ref("multi:latest"), "explorer", "cat", "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "busybox\n");  // linux/amd64, the host's platform
  r = client_.run({"run", "--platform", "linux/arm64", ref("multi:latest"), "explorer", "cat",
                   "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "layers\n");
  r = client_.run({"run", "--platform", "linux/s390x", ref("multi:latest"), "explorer", "true"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("linux/amd64"), std::string::npos) << r.err;
  EXPECT_NE(r.err.find("linux/arm64"), std::string::npos) << r.err;
}

TEST_F(RegistryPull, GzipZstdAndUncompressedLayers) {
  registry_->push_test_image("layers-oci", "layers:gzip");
  // skopeo recompresses only layers it has uncompressed: go through a `dir:` copy for zstd.
  const TempDir work;
  const auto zstd_dir = work.path() / "zstd";
  must_run({"skopeo", "--insecure-policy", "copy", "--quiet", "--dest-compress",
            "--dest-compress-format", "zstd", "oci:" + images_dir() + "/layers-oci:latest",
            "dir:" + zstd_dir.string()});
  registry_->push("dir:" + zstd_dir.string(), "layers:zstd");
  must_run({(registry_fixtures() / "push-uncompressed.sh").string(), images_dir() + "/layers-oci",
            "latest", registry_->address(), "layers:plain"});

  const std::map<std::string, std::string> expected{
      {"gzip", "application/vnd.oci.image.layer.v1.tar+gzip"},
      {"zstd", "application/vnd.oci.image.layer.v1.tar+zstd"},
      {"plain", "application/vnd.oci.image.layer.v1.tar"}};
  for (const auto& [tag, media_type] : expected) {
    SCOPED_TRACE(tag);
    const auto types = layer_types("layers:" + tag);
    ASSERT_EQ(types.size(), 3u);
    for (const auto& t : types) EXPECT_EQ(t, media_type);
    Client fresh;
    // /data/gone was deleted by the second layer and brought back by the third.
    const auto r = fresh.run({"run", ref("layers:" + tag), "explorer", "cat", "/data/gone"});
    EXPECT_EQ(r.exit_code, 0) << r.err;
    EXPECT_EQ(r.out, "back\n");
  }
}

TEST_F(RegistryPull, TamperedBlobIsRefused) {
  registry_->push_test_image("entry-oci", "tampered:latest");
  const auto manifest = nlohmann::json::parse(registry_->manifest("tampered:latest", kOciManifest));
  const std::string layer = manifest["layers"][0]["digest"];
  const auto data = registry_->blob_data(layer);
  ASSERT_TRUE(fs::exists(data)) << data;
  {
    // Same size, different bytes: only the digest can tell.
    std::fstream f(data, std::ios::in | std::ios::out | std::ios::binary);
    f.seekp(static_cast<std::streamoff>(fs::file_size(data) / 2));
    f.write("TAMPERED", 8);
  }
  const auto r = client_.run({"run", ref("tampered:latest"), "explorer", "echo", "no"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(r.out, "");
  EXPECT_NE(r.err.find(layer.substr(0, 7 + 12)), std::string::npos) << r.err;
  EXPECT_EQ(stored_blobs(client_.store()).count(layer), 0u);
}

TEST_F(RegistryPull, UnknownImage) {
  registry_->push_test_image("busybox-oci", "busybox:latest");
  for (const std::string name : {"nosuchimage:latest", "busybox:nosuchtag"}) {
    const auto r = client_.run({"run", ref(name), "explorer", "echo", "no"});
    EXPECT_EQ(r.exit_code, 125);
    EXPECT_EQ(r.out, "");
    EXPECT_NE(r.err.find("not found"), std::string::npos) << r.err;
    EXPECT_NE(r.err.find(ref(name)), std::string::npos) << r.err;
  }
}

TEST_F(RegistryPull, RegistryDownFailsFast) {
  const std::string down = "127.0.0.1:" + std::to_string(free_loopback_port());
  const auto start = std::chrono::steady_clock::now();
  const auto r = client_.run({"run", down + "/busybox:latest", "explorer", "echo", "no"});
  const auto seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start);
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("cannot reach registry " + down), std::string::npos) << r.err;
  EXPECT_LT(seconds.count(), 5.0);
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
}

}  // namespace
}  // namespace mydocker::test

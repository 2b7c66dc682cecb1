#include "image/image_model.hpp"

#include <gtest/gtest.h>

#include "image/platform.hpp"
#include "mydocker/errors.hpp"

namespace mydocker {
namespace {

const std::string kDigestA = "sha256:" + std::string(64, 'a');
const std::string kDigestB = "sha256:" + std::string(64, 'b');
const std::string kDigestC = "sha256:" + std::string(64, 'c');

std::string error_of(const std::function<void()>& f) {
  try {
    f();
  } catch (const Error& e) {
    return e.what();
  }
  return "no error";
}

TEST(ImageModel, ParsesAnOciManifest) {
  const std::string json = R"({"schemaVersion":2,
    "mediaType":"application/vnd.oci.image.manifest.v1+json",
    "config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":")" +
                           kDigestA + R"(","size":12},
    "layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")" +
                           kDigestB + R"(","size":34},
              {"mediaType":"application/vnd.oci.image.layer.v1.tar+zstd","digest":")" +
                           kDigestC + R"(","size":56,"urls":["https://example.com/x"]}]})";
  const auto m = parse_manifest(json, "manifest");
  EXPECT_EQ(m.config.digest, kDigestA);
  EXPECT_EQ(m.config.size, 12);
  ASSERT_EQ(m.layers.size(), 2u);
  EXPECT_EQ(m.layers[0].digest, kDigestB);
  EXPECT_EQ(m.layers[1].media_type, media_type::kOciLayerZstd);
  EXPECT_EQ(m.layers[1].urls, std::vector<std::string>{"https://example.com/x"});
  EXPECT_EQ(declared_media_type(json, "manifest"), media_type::kOciManifest);
}

TEST(ImageModel, RefusesBadDigestsAndShapes) {
  EXPECT_NE(error_of([] {
              parse_manifest(R"({"config":{"digest":"sha256:../../etc","size":1},"layers":[]})",
                             "manifest X");
            }).find("manifest X config: invalid digest"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_manifest(R"({"layers":[]})", "m"); }).find("\"config\""),
            std::string::npos);
  EXPECT_NE(error_of([] {
              parse_manifest(R"({"config":{"digest":")" + kDigestA + R"(","size":-4},"layers":[]})",
                             "m");
            }).find("non-negative"),
            std::string::npos);
  EXPECT_NE(error_of([] {
              parse_manifest("not json", "manifest Y");
            }).find("manifest Y is not valid JSON"),
            std::string::npos);
  EXPECT_NE(error_of([] { parse_index(R"([1,2])", "index Z"); }).find("not a JSON object"),
            std::string::npos);
}

TEST(ImageModel, RefusesSchema1AsTooOld) {
  EXPECT_NE(error_of([] {
              parse_manifest(R"({"schemaVersion":1,"fsLayers":[]})", "m");
            }).find("schema 1, which is unsupported (too old)"),
            std::string::npos);
}

TEST(ImageModel, ParsesConfigFields) {
  const auto c = parse_config(R"({"architecture":"amd64","os":"linux",
      "config":{"Entrypoint":["/bin/a"],"Cmd":["b","c"],"Env":["A=1"],"WorkingDir":"/w",
                "User":"1000:1000"},
      "rootfs":{"type":"layers","diff_ids":[")" +
                                  kDigestA + R"("]}})",
                              "config");
  EXPECT_EQ(c.entrypoint, std::vector<std::string>{"/bin/a"});
  EXPECT_EQ(c.cmd, (std::vector<std::string>{"b", "c"}));
  EXPECT_EQ(c.env, std::vector<std::string>{"A=1"});
  EXPECT_EQ(c.working_dir, "/w");
  EXPECT_EQ(c.user, "1000:1000");
  EXPECT_EQ(c.diff_ids, std::vector<std::string>{kDigestA});
  EXPECT_EQ(to_string(c.platform), "linux/amd64");
}

TEST(ImageModel, NullEntrypointAndCmdAreEmpty) {
  const auto c = parse_config(R"({"config":{"Entrypoint":null,"Cmd":null}})", "config");
  EXPECT_TRUE(c.entrypoint.empty());
  EXPECT_TRUE(c.cmd.empty());
}

ImageIndex two_platform_index() {
  return parse_index(
      R"({"manifests":[
    {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
          kDigestA +
          R"(","size":1,"platform":{"os":"linux","architecture":"arm64","variant":"v8"}},
    {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
          kDigestB +
          R"(","size":1,"platform":{"os":"linux","architecture":"amd64"}},
    {"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" +
          kDigestC + R"(","size":1,"platform":{"os":"linux","architecture":"amd64"}}]})",
      "index");
}

TEST(Platform, SelectsFirstMatchingEntry) {
  const auto index = two_platform_index();
  EXPECT_EQ(select_platform(index, {"linux", "amd64", ""}, "img").descriptor.digest, kDigestB);
  EXPECT_EQ(select_platform(index, {"linux", "arm64", ""}, "img").descriptor.digest, kDigestA);
  EXPECT_EQ(select_platform(index, {"linux", "arm64", "v8"}, "img").descriptor.digest, kDigestA);
}

TEST(Platform, NoMatchListsWhatTheImageHas) {
  const auto index = two_platform_index();
  EXPECT_EQ(error_of([&] {
              select_platform(index, {"linux", "s390x", ""}, "img");
            }),
            "image img has no variant for platform linux/s390x (it has: linux/arm64/v8, "
            "linux/amd64, linux/amd64)");
}

TEST(Platform, ParsesPlatformStrings) {
  EXPECT_EQ(to_string(parse_platform_string("linux/arm/v7")), "linux/arm/v7");
  EXPECT_EQ(to_string(parse_platform_string("linux/amd64")), "linux/amd64");
  for (const char* bad : {"linux", "linux/", "/amd64", "a/b/c/d", "linux/arm/"}) {
    EXPECT_NE(error_of([&] { parse_platform_string(bad); }).find("invalid platform"),
              std::string::npos)
        << bad;
  }
}

TEST(Platform, HostPlatformIsLinux) {
  const auto p = host_platform();
  EXPECT_EQ(p.os, "linux");
  EXPECT_FALSE(p.architecture.empty());
}

}  // namespace
}  // namespace mydocker

#include "settings.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <fstream>

#include "media_types.hpp"
#include "mydocker/errors.hpp"
#include "token_response.hpp"

namespace mydocker::hub {
namespace {

TEST(Settings, ConfigFileLikeDaemonJson) {
  Settings s;
  apply_config_json(s, R"({
    "registry-mirrors": ["https://mirror.example/", "127.0.0.1:5001"],
    "insecure-registries": ["http://reg.example:5000/", "10.0.0.0/8"],
    "max-concurrent-downloads": 5,
    "max-download-attempts": 2,
    "unrelated-dockerd-key": true})",
                    "c.json");
  EXPECT_EQ(s.mirrors,
            (std::vector<std::string>{"https://mirror.example", "https://127.0.0.1:5001"}));
  EXPECT_EQ(s.insecure_registries, (std::vector<std::string>{"reg.example:5000", "10.0.0.0/8"}));
  EXPECT_EQ(s.max_concurrent_downloads, 5);
  EXPECT_EQ(s.retry.max_attempts, 2);
}

TEST(Settings, BadConfigNamesTheFile) {
  Settings s;
  for (const char* bad :
       {"{", "[]", R"({"registry-mirrors": "x"})", R"({"max-concurrent-downloads": 0})",
        R"({"registry-mirrors": ["ftp://x"]})"}) {
    try {
      apply_config_json(s, bad, "/etc/mydocker/config.json");
      ADD_FAILURE() << bad;
    } catch (const Error& e) {
      EXPECT_TRUE(std::string(e.what()).find("config.json") != std::string::npos ||
                  std::string(e.what()).find("mirror") != std::string::npos)
          << e.what();
    }
  }
}

TEST(Settings, OptionsComeFirstAndMissingConfigMeansDefaults) {
  char dir[] = "/tmp/hub-settings-XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string config = std::string(dir) + "/config.json";
  std::ofstream(config) << R"({"registry-mirrors": ["https://b.example"]})";
  const Settings s = load_settings({{"config", config},
                                    {"registry-mirrors", "http://a.example:5000, "},
                                    {"max-concurrent-downloads", "7"},
                                    {"docker-config", "/somewhere"}});
  EXPECT_EQ(s.mirrors, (std::vector<std::string>{"http://a.example:5000", "https://b.example"}));
  EXPECT_EQ(s.max_concurrent_downloads, 7);
  EXPECT_EQ(s.docker_config_dir, "/somewhere");
  ASSERT_EQ(s.certs_dirs.size(), 2u);
  EXPECT_EQ(s.certs_dirs[0], "/etc/docker/certs.d");
  EXPECT_EQ(s.certs_dirs[1], std::filesystem::path(dir) / "certs.d");
  std::filesystem::remove_all(dir);

  const Settings d = load_settings({{"config", "/nonexistent/config.json"}});
  EXPECT_TRUE(d.mirrors.empty());
  EXPECT_EQ(d.max_concurrent_downloads, 3);
  EXPECT_THROW(load_settings({{"config", "/nonexistent"}, {"max-concurrent-downloads", "x"}}),
               Error);
}

TEST(Settings, SplitList) {
  EXPECT_EQ(split_list(" a, b,,c ,"), (std::vector<std::string>{"a", "b", "c"}));
  EXPECT_TRUE(split_list("").empty());
}

TEST(MediaTypes, ContentTypeParametersAreIgnored) {
  EXPECT_EQ(bare_media_type("application/vnd.oci.image.index.v1+json; charset=utf-8"),
            "application/vnd.oci.image.index.v1+json");
  EXPECT_EQ(bare_media_type(" Application/JSON "), "application/json");
  EXPECT_TRUE(is_manifest_media_type("application/vnd.docker.distribution.manifest.list.v2+json"));
  EXPECT_FALSE(is_manifest_media_type("application/vnd.oci.image.layer.v1.tar+gzip"));
  EXPECT_TRUE(is_schema1_media_type("application/vnd.docker.distribution.manifest.v1+prettyjws"));
}

TEST(MediaTypes, SniffsGenericJson) {
  EXPECT_EQ(sniff_manifest_media_type(R"({"schemaVersion":1,"fsLayers":[]})"), "schema1");
  EXPECT_EQ(sniff_manifest_media_type(R"({"schemaVersion":2,"manifests":[]})"),
            "application/vnd.oci.image.index.v1+json");
  EXPECT_EQ(sniff_manifest_media_type(R"({"schemaVersion":2,"config":{},"layers":[]})"),
            "application/vnd.oci.image.manifest.v1+json");
  EXPECT_EQ(sniff_manifest_media_type(R"({"mediaType":"x/y"})"), "x/y");
  EXPECT_EQ(sniff_manifest_media_type("<html>"), "");
}

TEST(TokenResponse, TokenOrAccessTokenAndExpiry) {
  auto t = parse_token_response(R"({"token":"abc","expires_in":300})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->value, "abc");
  EXPECT_EQ(t->lifetime_seconds, 300);
  t = parse_token_response(R"({"access_token":"xyz","expires_in":5})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->value, "xyz");
  EXPECT_EQ(t->lifetime_seconds, 60);  // raised to the spec's minimum
  t = parse_token_response(R"({"token":"a"})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->lifetime_seconds, 60);
  // Found by the fuzzer: the authenticator's renewal time overflowed with this one.
  t = parse_token_response(R"({"token":"a","expires_in":9223372036854775807})");
  ASSERT_TRUE(t);
  EXPECT_EQ(t->lifetime_seconds, 24 * 60 * 60);
  EXPECT_FALSE(parse_token_response(R"({"expires_in":5})"));
  EXPECT_FALSE(parse_token_response("not json"));
}

}  // namespace
}  // namespace mydocker::hub

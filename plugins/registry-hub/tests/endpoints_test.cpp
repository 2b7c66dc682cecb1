#include "endpoints.hpp"

#include <gtest/gtest.h>

#include "url.hpp"

namespace mydocker::hub {
namespace {

TEST(Endpoints, DockerHubUsesMirrorsFirstThenItsApiHost) {
  Settings s;
  s.mirrors = {"http://127.0.0.1:5001", "https://mirror.example"};
  const auto e = plan_endpoints(s, "docker.io");
  ASSERT_EQ(e.size(), 3u);
  EXPECT_EQ(e[0].base_url, "http://127.0.0.1:5001");
  EXPECT_TRUE(e[0].mirror);
  EXPECT_EQ(e[0].credentials_key, "127.0.0.1:5001");  // never Docker Hub's credentials
  EXPECT_EQ(e[1].base_url, "https://mirror.example");
  EXPECT_EQ(e[2].base_url, "https://registry-1.docker.io");
  EXPECT_EQ(e[2].credentials_key, "docker.io");
  EXPECT_FALSE(e[2].mirror);
}

TEST(Endpoints, MirrorsAreOnlyForDockerHub) {
  Settings s;
  s.mirrors = {"https://mirror.example"};
  const auto e = plan_endpoints(s, "ghcr.io");
  ASSERT_EQ(e.size(), 1u);
  EXPECT_EQ(e[0].base_url, "https://ghcr.io");
  EXPECT_TRUE(e[0].verify_tls);
  EXPECT_FALSE(e[0].http_fallback_follows);
}

TEST(Endpoints, LoopbackMayFallBackToPlainHttpButVerifiesTls) {
  const auto e = plan_endpoints(Settings{}, "127.0.0.1:5000");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_EQ(e[0].base_url, "https://127.0.0.1:5000");
  EXPECT_TRUE(e[0].verify_tls);
  EXPECT_TRUE(e[0].http_fallback_follows);
  EXPECT_EQ(e[1].base_url, "http://127.0.0.1:5000");
  EXPECT_EQ(plan_endpoints(Settings{}, "localhost:5000").size(), 2u);
}

TEST(Endpoints, InsecureRegistriesSkipVerificationAndFallBack) {
  Settings s;
  s.insecure_registries = {"10.0.0.0/8"};
  const auto e = plan_endpoints(s, "10.3.3.3:5000");
  ASSERT_EQ(e.size(), 2u);
  EXPECT_FALSE(e[0].verify_tls);
  EXPECT_EQ(e[1].base_url, "http://10.3.3.3:5000");
}

TEST(Endpoints, Paths) {
  EXPECT_EQ(manifest_path("library/busybox", "latest"), "/v2/library/busybox/manifests/latest");
  EXPECT_EQ(blob_path("a/b", "sha256:00"), "/v2/a/b/blobs/sha256:00");
}

TEST(Endpoints, TokenUrl) {
  EXPECT_EQ(token_url("https://auth.docker.io/token", "registry.docker.io",
                      "repository:library/busybox:pull"),
            "https://auth.docker.io/token?service=registry.docker.io&"
            "scope=repository%3Alibrary%2Fbusybox%3Apull");
  EXPECT_EQ(token_url("http://h/t?x=1", "s v", ""), "http://h/t?x=1&service=s%20v");
  EXPECT_EQ(token_url("http://h/t", "", "a"), "http://h/t?scope=a");
}

TEST(Url, ParseAndOrigin) {
  const auto u = parse_url("HTTPS://Reg.Example:443/v2/x?y#frag");
  ASSERT_TRUE(u);
  EXPECT_EQ(u->scheme, "https");
  EXPECT_EQ(u->authority, "reg.example:443");
  EXPECT_EQ(u->target, "/v2/x?y");
  EXPECT_EQ(origin_of(*u), "https://reg.example");
  EXPECT_EQ(origin_of(*parse_url("http://h:80")), "http://h");
  EXPECT_EQ(origin_of(*parse_url("http://h:5000/")), "http://h:5000");
  EXPECT_EQ(origin_of(*parse_url("http://[::1]:5000/v2/")), "http://[::1]:5000");
  EXPECT_FALSE(parse_url("ftp://h/x"));
  EXPECT_FALSE(parse_url("https://user:pw@h/x"));  // no credentials smuggled in URLs
  EXPECT_FALSE(parse_url("/relative"));
  EXPECT_FALSE(parse_url("https:///nohost"));
}

TEST(Url, OriginIsTheOneLibcurlConnectsTo) {
  // libcurl normalises IPv4 shorthands before it connects; the origin must be that host.
  EXPECT_EQ(origin_of(*parse_url("http://127.1:5000/v2/")), "http://127.0.0.1:5000");
  EXPECT_EQ(origin_of(*parse_url("http://0x7f.0.0.1:5000/")), "http://127.0.0.1:5000");
  EXPECT_EQ(origin_of(*parse_url("https://h:8443/")), "https://h:8443");
  EXPECT_NE(origin_of(*parse_url("https://h/")), origin_of(*parse_url("http://h/")));
  EXPECT_NE(origin_of(*parse_url("http://[fe80::1%25eth0]:5000/")),
            origin_of(*parse_url("http://[fe80::1%25eth1]:5000/")));
  EXPECT_EQ(parse_url("http://h:5000?q")->target, "/?q");
}

TEST(Url, RefusesWhatIsNotPlainlyAnHttpUrl) {
  EXPECT_FALSE(parse_url("https://:pw@h/x"));
  EXPECT_FALSE(parse_url("https://@h/x"));
  EXPECT_FALSE(parse_url("https:/h/x"));  // libcurl alone would take these for https://h
  EXPECT_FALSE(parse_url("https:////h/x"));
  EXPECT_FALSE(parse_url("https://"));
  EXPECT_FALSE(parse_url("https://h x/"));
  EXPECT_FALSE(parse_url("https://h/a b"));
  EXPECT_FALSE(parse_url("https://h:99999/"));
  EXPECT_FALSE(parse_url(std::string_view("https://h\0.evil/", 17)));
  EXPECT_FALSE(parse_url("file:///etc/passwd"));
  EXPECT_FALSE(parse_url(""));
}

TEST(Url, ResolveLocation) {
  const auto base = *parse_url("https://reg.example/v2/r/blobs/sha256:1");
  EXPECT_EQ(resolve_location(base, "https://cdn.example/x?sig=1"), "https://cdn.example/x?sig=1");
  EXPECT_EQ(resolve_location(base, "//cdn.example/y"), "https://cdn.example/y");
  EXPECT_EQ(resolve_location(base, "/v2/other"), "https://reg.example/v2/other");
  EXPECT_EQ(resolve_location(base, "sha256:2"), "https://reg.example/v2/r/blobs/sha256:2");
  EXPECT_FALSE(resolve_location(base, "file:///etc/passwd"));
  EXPECT_EQ(resolve_location(base, "../x"), "https://reg.example/v2/r/x");
  EXPECT_EQ(resolve_location(base, "HTTP://Cdn.Example:80/z"), "http://Cdn.Example:80/z");
  EXPECT_FALSE(resolve_location(base, "https://user:pw@cdn.example/x"));
  EXPECT_FALSE(resolve_location(base, "ftp://cdn.example/x"));
  EXPECT_EQ(resolve_location(base, "/a b"), "https://reg.example/a%20b");  // as browsers do
}

TEST(Url, PercentEncode) {
  EXPECT_EQ(percent_encode("a-b_c.d~e"), "a-b_c.d~e");
  EXPECT_EQ(percent_encode("a b/c:d&e=f"), "a%20b%2Fc%3Ad%26e%3Df");
  EXPECT_EQ(percent_encode(""), "");
  EXPECT_EQ(percent_encode(std::string("\0+\xff", 3)), "%00%2B%FF");
}

}  // namespace
}  // namespace mydocker::hub

#include "image/image_reference.hpp"

#include <gtest/gtest.h>

#include "mydocker/errors.hpp"

namespace mydocker {
namespace {

const std::string kDigest = "sha256:" + std::string(64, 'e');

struct Valid {
  std::string input;
  std::string canonical;
};

TEST(ImageReference, NormalisesLikeDocker) {
  for (const auto& c : std::vector<Valid>{
           {"alpine", "docker.io/library/alpine:latest"},
           {"alpine:3.19", "docker.io/library/alpine:3.19"},
           {"library/alpine", "docker.io/library/alpine:latest"},
           {"docker.io/alpine", "docker.io/library/alpine:latest"},
           {"index.docker.io/library/alpine:edge", "docker.io/library/alpine:edge"},
           {"user/app", "docker.io/user/app:latest"},
           {"user/app/sub:v1", "docker.io/user/app/sub:v1"},
           {"localhost/x", "localhost/x:latest"},
           {"localhost:5000/x/y:tag", "localhost:5000/x/y:tag"},
           {"127.0.0.1:5000/busybox", "127.0.0.1:5000/busybox:latest"},
           {"ghcr.io/owner/image:1.0", "ghcr.io/owner/image:1.0"},
           {"registry-1.example.com:443/a.b/c_d/e__f/g-h---i",
            "registry-1.example.com:443/a.b/c_d/e__f/g-h---i:latest"},
           {"[::1]:5000/x", "[::1]:5000/x:latest"},
           {"alpine@" + kDigest, "docker.io/library/alpine@" + kDigest},
           {"alpine:3@" + kDigest, "docker.io/library/alpine:3@" + kDigest},
           {"localhost:5000/x@" + kDigest, "localhost:5000/x@" + kDigest},
           {"x:_tag.1-2", "docker.io/library/x:_tag.1-2"},
           {"x:" + std::string(128, 'a'), "docker.io/library/x:" + std::string(128, 'a')},
       }) {
    EXPECT_EQ(parse_reference(c.input).canonical(), c.canonical) << c.input;
  }
}

TEST(ImageReference, SplitsIntoParts) {
  const auto r = parse_reference("localhost:5000/team/app:v2@" + kDigest);
  EXPECT_EQ(r.registry, "localhost:5000");
  EXPECT_EQ(r.repository, "team/app");
  EXPECT_EQ(r.tag, "v2");
  EXPECT_EQ(r.digest, kDigest);
  EXPECT_EQ(r.name(), "localhost:5000/team/app");
  const auto d = parse_reference("busybox@" + kDigest);
  EXPECT_EQ(d.tag, "");  // a digest alone pins the image: no implied tag
}

struct Invalid {
  std::string input;
  std::string why;
};

TEST(ImageReference, RefusesInvalidReferencesSayingWhy) {
  for (const auto& c : std::vector<Invalid>{
           {"", "it is empty"},
           {"Alpine", "must be lowercase"},
           {"user/App", "must be lowercase"},
           {"alpine:", "the tag"},
           {"alpine:.x", "the tag"},
           {"alpine:-x", "the tag"},
           {"alpine:a/b", "is not a valid host"},
           {"alpine:" + std::string(129, 'a'), "the tag"},
           {"alpine@sha256:abc", "the digest"},
           {"alpine@md5:" + std::string(32, 'a'), "the digest"},
           {"alpine@" + kDigest.substr(0, 70) + "E", "the digest"},
           {":tag", "repository name is missing"},
           {"localhost:5000/", "repository name is missing"},
           {"a//b", "not a valid repository name component"},
           {"-a", "not a valid repository name component"},
           {"a-", "not a valid repository name component"},
           {"a..b", "not a valid repository name component"},
           {"a___b", "not a valid repository name component"},
           {"a b", "not a valid repository name component"},
           {"host:port/x", "is not a valid host"},
           {"-bad.host/x", "is not a valid host"},
           {std::string(256, 'a'), "longer than 255"},
       }) {
    try {
      parse_reference(c.input);
      ADD_FAILURE() << "accepted: " << c.input;
    } catch (const Error& e) {
      const std::string msg = e.what();
      EXPECT_EQ(msg.rfind("invalid reference \"", 0), 0u) << msg;
      EXPECT_NE(msg.find(c.why), std::string::npos) << c.input << " -> " << msg;
    }
  }
}

}  // namespace
}  // namespace mydocker

// Splitting transport:PATH[:selector] when paths may contain colons.
#include <gtest/gtest.h>

#include <set>

#include "local_reference.hpp"
#include "mydocker/errors.hpp"

namespace mydocker::local {
namespace {

LocalReference parse(const std::string& ref, std::set<std::string> existing) {
  return parse_reference(ref, [&](const std::string& p) { return existing.contains(p); });
}

TEST(LocalReference, TransportPrefixes) {
  auto r = parse("docker-archive:x.tar", {"x.tar"});
  EXPECT_EQ(r.transport, Transport::docker_archive);
  EXPECT_EQ(r.path, "x.tar");
  EXPECT_FALSE(r.selector);

  r = parse("oci-archive:x.tar:v1", {"x.tar"});
  EXPECT_EQ(r.transport, Transport::oci_archive);
  EXPECT_EQ(r.path, "x.tar");
  EXPECT_EQ(r.selector, "v1");

  r = parse("oci:dir", {"dir"});
  EXPECT_EQ(r.transport, Transport::oci);
  EXPECT_EQ(r.path, "dir");

  r = parse("./images/x.tar", {"./images/x.tar"});
  EXPECT_EQ(r.transport, Transport::detect);
  EXPECT_EQ(r.path, "./images/x.tar");
}

TEST(LocalReference, DockerSelectorKeepsItsOwnColons) {
  auto r = parse("docker-archive:x.tar:busybox:latest", {"x.tar"});
  EXPECT_EQ(r.path, "x.tar");
  EXPECT_EQ(r.selector, "busybox:latest");

  r = parse("docker-archive:/tmp/x.tar:localhost:5000/app:v2", {"/tmp/x.tar"});
  EXPECT_EQ(r.path, "/tmp/x.tar");
  EXPECT_EQ(r.selector, "localhost:5000/app:v2");

  r = parse("docker-archive:x.tar:@1", {"x.tar"});
  EXPECT_EQ(r.selector, "@1");
}

TEST(LocalReference, PathsWithColonsPreferTheExistingPath) {
  auto r = parse("docker-archive:my:image.tar", {"my:image.tar", "my"});
  EXPECT_EQ(r.path, "my:image.tar");
  EXPECT_FALSE(r.selector);

  r = parse("my:image.tar:busybox:latest", {"my:image.tar"});
  EXPECT_EQ(r.path, "my:image.tar");
  EXPECT_EQ(r.selector, "busybox:latest");

  // The whole string wins over a shorter existing prefix.
  r = parse("oci:a:b", {"a", "a:b"});
  EXPECT_EQ(r.path, "a:b");
  EXPECT_FALSE(r.selector);

  // Else the longest existing prefix.
  r = parse("oci:a:b:c", {"a", "a:b"});
  EXPECT_EQ(r.path, "a:b");
  EXPECT_EQ(r.selector, "c");
}

TEST(LocalReference, NothingExistsSplitsAtTheFirstColonAsSkopeoDoes) {
  auto r = parse("docker-archive:./nope.tar:busybox:latest", {});
  EXPECT_EQ(r.path, "./nope.tar");
  EXPECT_EQ(r.selector, "busybox:latest");

  r = parse("./nope.tar", {});
  EXPECT_EQ(r.path, "./nope.tar");
  EXPECT_FALSE(r.selector);
}

TEST(LocalReference, TrailingColonMeansNoSelector) {
  auto r = parse("oci:dir:", {"dir"});
  EXPECT_EQ(r.path, "dir");
  EXPECT_FALSE(r.selector);
}

TEST(LocalReference, EmptyPathIsAnError) {
  EXPECT_THROW(parse("oci:", {}), Error);
  EXPECT_THROW(parse("docker-archive:", {}), Error);
  EXPECT_THROW(parse("", {}), Error);
}

TEST(LocalReference, OciArchiveIsNotReadAsOciWithAPathStartingWithArchive) {
  auto r = parse("oci-archive:x", {"x", "archive:x"});
  EXPECT_EQ(r.transport, Transport::oci_archive);
  EXPECT_EQ(r.path, "x");
}

}  // namespace
}  // namespace mydocker::local

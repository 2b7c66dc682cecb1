// index.json of OCI layouts: shape checks, choosing an entry, naming the image.
#include <gtest/gtest.h>

#include "oci_index.hpp"
#include "test_support.hpp"

namespace mydocker::local {
namespace {

using test::error_of;

const std::string kLabel = "layout ./img";
const std::string kPrefix = "oci:./img";
const std::string kA = "sha256:" + std::string(64, 'a');
const std::string kB = "sha256:" + std::string(64, 'b');
const std::string kC = "sha256:" + std::string(64, 'c');

std::string entry(const std::string& digest, const std::string& annotations = "") {
  return R"({"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":")" + digest +
         R"(","size":10)" + (annotations.empty() ? "" : ",\"annotations\":" + annotations) + "}";
}

std::vector<OciIndexEntry> three() {
  return parse_oci_index(R"({"schemaVersion":2,"manifests":[)" +
                             entry(kA, R"({"org.opencontainers.image.ref.name":"latest"})") + "," +
                             entry(kB, R"({"org.opencontainers.image.ref.name":"entry",
                        "io.containerd.image.name":"docker.io/library/entry:v1"})") +
                             "," + entry(kC) + "]}",
                         kLabel);
}

TEST(OciIndex, Parses) {
  const auto entries = three();
  ASSERT_EQ(entries.size(), 3u);
  EXPECT_EQ(entries[0].descriptor.digest, kA);
  EXPECT_EQ(entries[0].descriptor.size, 10);
  EXPECT_EQ(entries[0].descriptor.media_type, "application/vnd.oci.image.manifest.v1+json");
  EXPECT_EQ(entries[0].ref_name, "latest");
  EXPECT_EQ(entries[1].image_name, "docker.io/library/entry:v1");
  EXPECT_EQ(entries[2].ref_name, "");
}

TEST(OciIndex, RefusesWrongShapesAndBadDigests) {
  auto err = [](const std::string& text) {
    return error_of([&] { parse_oci_index(text, kLabel); });
  };
  EXPECT_EQ(err("["), "layout ./img: index.json is not valid JSON");
  EXPECT_EQ(err("[]"), "layout ./img: index.json is not a JSON object");
  EXPECT_EQ(err("{}"), "layout ./img: index.json: \"manifests\" must be an array");
  EXPECT_EQ(err(R"({"manifests":[]})"), "layout ./img: index.json lists no images");
  EXPECT_EQ(err(R"({"manifests":[{"digest":"sha256:../../../etc/passwd","size":1}]})"),
            "layout ./img: index.json entry 1 has an invalid digest "
            "\"sha256:../../../etc/passwd\" (expected sha256:<64 lowercase hex digits>)");
  EXPECT_EQ(err(R"({"manifests":[{"digest":")" + kA + R"(","size":-1}]})"),
            "layout ./img: index.json entry 1: \"size\" must be a non-negative integer");
  EXPECT_EQ(err(R"({"manifests":[{"size":1}]})"),
            "layout ./img: index.json entry 1: \"digest\" is missing");
}

TEST(OciIndex, ChoosesByTagDigestOrFullName) {
  const auto entries = three();
  EXPECT_EQ(choose_oci_entry(entries, "latest", kPrefix, kLabel), 0u);
  EXPECT_EQ(choose_oci_entry(entries, "entry", kPrefix, kLabel), 1u);
  EXPECT_EQ(choose_oci_entry(entries, kC, kPrefix, kLabel), 2u);
  EXPECT_EQ(choose_oci_entry(entries, "entry:v1", kPrefix, kLabel), 1u);
}

TEST(OciIndex, SeveralEntriesNeedAChoice) {
  EXPECT_EQ(error_of([] { choose_oci_entry(three(), std::nullopt, kPrefix, kLabel); }),
            "layout ./img holds 3 images, choose one: oci:./img:latest, oci:./img:entry, "
            "oci:./img:" +
                kC);
  EXPECT_EQ(error_of([] { choose_oci_entry(three(), "nosuchtag", kPrefix, kLabel); }),
            "layout ./img has no image tagged \"nosuchtag\"; choose one: oci:./img:latest, "
            "oci:./img:entry, oci:./img:" +
                kC);
}

TEST(OciIndex, OneEntryWithoutRefNameIsUsed) {
  const auto entries = parse_oci_index(R"({"manifests":[)" + entry(kA) + "]}", kLabel);
  EXPECT_EQ(choose_oci_entry(entries, std::nullopt, kPrefix, kLabel), 0u);
}

TEST(OciIndex, DuplicateTagsAreAmbiguous) {
  const auto entries = parse_oci_index(
      R"({"manifests":[)" + entry(kA, R"({"org.opencontainers.image.ref.name":"x"})") + "," +
          entry(kB, R"({"org.opencontainers.image.ref.name":"x"})") + "]}",
      kLabel);
  EXPECT_NE(error_of([&] {
              choose_oci_entry(entries, "x", kPrefix, kLabel);
            }).find("more than one image matches \"x\""),
            std::string::npos);
}

TEST(OciIndex, Names) {
  const auto entries = three();
  EXPECT_EQ(oci_image_name(entries[0], "./images/busybox-oci"), "busybox-oci:latest");
  EXPECT_EQ(oci_image_name(entries[0], "./images/busybox-oci/"), "busybox-oci:latest");
  EXPECT_EQ(oci_image_name(entries[0], "/x/Busybox.tar"), "busybox:latest");
  EXPECT_EQ(oci_image_name(entries[0], "/x/has space"), "");
  EXPECT_EQ(oci_image_name(entries[1], "./anything"), "docker.io/library/entry:v1");
  EXPECT_EQ(oci_image_name(entries[2], "./images/busybox-oci"), "");
}

}  // namespace
}  // namespace mydocker::local

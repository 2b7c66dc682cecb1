// manifest.json of docker-archive: shape checks and choosing among several images.
#include <gtest/gtest.h>

#include "docker_manifest.hpp"
#include "test_support.hpp"

namespace mydocker::local {
namespace {

using test::error_of;

const std::string kLabel = "archive ./x.tar";
const std::string kPrefix = "docker-archive:./x.tar";

std::vector<DockerArchiveImage> two_images() {
  return parse_docker_manifest(
      R"([{"Config":"a.json","RepoTags":["busybox:latest"],"Layers":["./l1/layer.tar"]},
          {"Config":"b.json","RepoTags":["docker.io/library/entry:latest","entry:v2"],
           "Layers":["l1/layer.tar","l2/layer.tar"]}])",
      kLabel);
}

TEST(DockerManifest, ParsesImagesAndNormalisesPaths) {
  const auto images = two_images();
  ASSERT_EQ(images.size(), 2u);
  EXPECT_EQ(images[0].config, "a.json");
  EXPECT_EQ(images[0].layers, std::vector<std::string>{"l1/layer.tar"});
  EXPECT_EQ(images[1].repo_tags.size(), 2u);
  const auto untagged = parse_docker_manifest(R"([{"Config":"c.json","RepoTags":null,
                                                   "Layers":[]}])",
                                              kLabel);
  EXPECT_TRUE(untagged[0].repo_tags.empty());
}

TEST(DockerManifest, RefusesWrongShapes) {
  auto err = [](const std::string& text) {
    return error_of([&] { parse_docker_manifest(text, kLabel); });
  };
  EXPECT_EQ(err("not json"), "archive ./x.tar: manifest.json is not valid JSON");
  EXPECT_EQ(err("{}"), "archive ./x.tar: manifest.json is not a JSON array of images");
  EXPECT_EQ(err("[]"), "archive ./x.tar: manifest.json lists no images");
  EXPECT_EQ(err("[1]"), "archive ./x.tar: manifest.json entry 1 is not a JSON object");
  EXPECT_EQ(err(R"([{"Layers":[]}])"),
            "archive ./x.tar: manifest.json entry 1: \"Config\" is missing");
  EXPECT_EQ(err(R"([{"Config":1,"Layers":[]}])"),
            "archive ./x.tar: manifest.json entry 1: \"Config\" must be a string");
  EXPECT_EQ(err(R"([{"Config":"c.json","Layers":"l.tar"}])"),
            "archive ./x.tar: manifest.json entry 1: \"Layers\" must be an array of strings");
  EXPECT_EQ(err(R"([{"Config":"c.json","Layers":[1]}])"),
            "archive ./x.tar: manifest.json entry 1: \"Layers\" must be an array of strings");
  EXPECT_EQ(err(R"([{"Config":"c.json"}])"),
            "archive ./x.tar: manifest.json entry 1: \"Layers\" must be an array of strings");
  EXPECT_EQ(err(R"([{"Config":"c.json","Layers":[],"RepoTags":"x"}])"),
            "archive ./x.tar: manifest.json entry 1: \"RepoTags\" must be an array of strings");
}

TEST(DockerManifest, RefusesPathsOutsideTheArchive) {
  auto err = [](const std::string& text) {
    return error_of([&] { parse_docker_manifest(text, kLabel); });
  };
  EXPECT_EQ(err(R"([{"Config":"../../etc/passwd","Layers":[]}])"),
            "archive ./x.tar: manifest.json refers to \"../../etc/passwd\", outside the archive");
  EXPECT_EQ(err(R"([{"Config":"c.json","Layers":["/etc/shadow"]}])"),
            "archive ./x.tar: manifest.json refers to \"/etc/shadow\", outside the archive");
  EXPECT_EQ(err(R"([{"Config":"c.json","Layers":["a/../../b"]}])"),
            "archive ./x.tar: manifest.json refers to \"a/../../b\", outside the archive");
}

TEST(DockerManifest, OneImageNeedsNoSelector) {
  const auto images = parse_docker_manifest(
      R"([{"Config":"a.json","RepoTags":["busybox:latest"],"Layers":[]}])", kLabel);
  const auto c = choose_docker_image(images, std::nullopt, kPrefix, kLabel);
  EXPECT_EQ(c.index, 0u);
  EXPECT_EQ(c.name, "busybox:latest");
}

TEST(DockerManifest, SeveralImagesWithoutSelectorListTheChoices) {
  EXPECT_EQ(error_of([] { choose_docker_image(two_images(), std::nullopt, kPrefix, kLabel); }),
            "archive ./x.tar holds 2 images, choose one: docker-archive:./x.tar:busybox:latest, "
            "docker-archive:./x.tar:docker.io/library/entry:latest, "
            "docker-archive:./x.tar:entry:v2");
}

TEST(DockerManifest, SelectorMatchesRepoTagsWithNormalisation) {
  const auto images = two_images();
  auto c = choose_docker_image(images, "entry:latest", kPrefix, kLabel);
  EXPECT_EQ(c.index, 1u);
  EXPECT_EQ(c.name, "docker.io/library/entry:latest");  // as the archive writes it
  c = choose_docker_image(images, "docker.io/library/busybox:latest", kPrefix, kLabel);
  EXPECT_EQ(c.index, 0u);
  EXPECT_EQ(c.name, "busybox:latest");
  c = choose_docker_image(images, "busybox", kPrefix, kLabel);
  EXPECT_EQ(c.index, 0u);
  c = choose_docker_image(images, "entry:v2", kPrefix, kLabel);
  EXPECT_EQ(c.name, "entry:v2");
}

TEST(DockerManifest, IndexSelectorPicksByPosition) {
  const auto images = two_images();
  auto c = choose_docker_image(images, "@1", kPrefix, kLabel);
  EXPECT_EQ(c.index, 1u);
  EXPECT_EQ(c.name, "docker.io/library/entry:latest");
  EXPECT_NE(error_of([&] { choose_docker_image(images, "@2", kPrefix, kLabel); }), "");
  EXPECT_NE(error_of([&] { choose_docker_image(images, "@x", kPrefix, kLabel); }), "");
}

TEST(DockerManifest, UnknownSelectorListsTheChoices) {
  EXPECT_EQ(error_of([] { choose_docker_image(two_images(), "nosuch:latest", kPrefix, kLabel); }),
            "archive ./x.tar has no image named nosuch:latest; choose one: "
            "docker-archive:./x.tar:busybox:latest, "
            "docker-archive:./x.tar:docker.io/library/entry:latest, "
            "docker-archive:./x.tar:entry:v2");
}

TEST(DockerManifest, UntaggedImagesAreListedByIndex) {
  const auto images = parse_docker_manifest(
      R"([{"Config":"a.json","Layers":[]},{"Config":"b.json","RepoTags":["b:1"],"Layers":[]}])",
      kLabel);
  EXPECT_EQ(error_of([&] { choose_docker_image(images, std::nullopt, kPrefix, kLabel); }),
            "archive ./x.tar holds 2 images, choose one: docker-archive:./x.tar:@0, "
            "docker-archive:./x.tar:b:1");
  const auto c = choose_docker_image(images, "@0", kPrefix, kLabel);
  EXPECT_EQ(c.index, 0u);
  EXPECT_EQ(c.name, "");
}

}  // namespace
}  // namespace mydocker::local

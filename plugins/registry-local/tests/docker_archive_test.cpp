// docker-archive end to end through IImageSource: every layout docker and skopeo write.
#include <gtest/gtest.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "mydocker/types.hpp"
#include "pull_fixture.hpp"
#include "test_support.hpp"

namespace mydocker::local {
namespace {

using namespace test;
using nlohmann::json;

class DockerArchive : public PullFixture {
 protected:
  Pulled pull_ref(const std::string& ref) { return pull(source, ref); }
};

void expect_image(const Pulled& p, const TestImage& image) {
  EXPECT_EQ(p.config, image.config);
  EXPECT_EQ(p.layers, image.layers);
  EXPECT_EQ(p.root.media_type, media_type::kOciManifest);
  EXPECT_EQ(p.root.digest, sha256_of(p.manifest));
  EXPECT_EQ(p.root.size, static_cast<std::int64_t>(p.manifest.size()));
  const auto m = json::parse(p.manifest);
  EXPECT_EQ(m["config"]["digest"], sha256_of(image.config));
  EXPECT_EQ(m["config"]["mediaType"], media_type::kOciConfig);
}

TEST_F(DockerArchive, EachLayoutResolvesAndFetches) {
  for (auto layout : {DockerLayout::classic, DockerLayout::skopeo, DockerLayout::docker25}) {
    SCOPED_TRACE(static_cast<int>(layout));
    const TestImage image = make_image("busybox", "busybox:latest");
    const std::string path = dir / ("img" + std::to_string(static_cast<int>(layout)) + ".tar");
    write_tar(path, docker_archive({image}, layout));
    for (const std::string& ref :
         {"docker-archive:" + path, path, "docker-archive:" + path + ":busybox:latest",
          "docker-archive:" + path + ":docker.io/library/busybox:latest"}) {
      const Pulled p = pull_ref(ref);
      expect_image(p, image);
      EXPECT_EQ(p.name, "busybox:latest");
      EXPECT_EQ(p.layer_media_types, std::vector<std::string>(2, media_type::kOciLayer));
    }
  }
}

TEST_F(DockerArchive, CompressedLayersAreHashedAndTypedAsSuch) {
  for (auto layout : {DockerLayout::classic, DockerLayout::skopeo, DockerLayout::docker25}) {
    const TestImage image = make_image("gz", "gz:1", /*gzip_layers=*/true);
    const std::string path = dir / ("gz" + std::to_string(static_cast<int>(layout)) + ".tar");
    write_tar(path, docker_archive({image}, layout));
    const Pulled p = pull_ref(path);
    expect_image(p, image);
    EXPECT_EQ(p.layer_media_types, std::vector<std::string>(2, media_type::kOciLayerGzip));
    const auto m = json::parse(p.manifest);
    EXPECT_EQ(m["layers"][0]["digest"], sha256_of(image.layers[0]));
  }
}

TEST_F(DockerArchive, ConfigWithoutDiffIdsStillGivesCorrectDigests) {
  TestImage image = make_image("nodiff", "nodiff:latest");
  image.config = R"({"architecture":"amd64","os":"linux"})";
  write_tar(dir / "x.tar", docker_archive({image}, DockerLayout::classic));
  expect_image(pull_ref(dir / "x.tar"), image);
}

TEST_F(DockerArchive, AWrongDiffIdIsCaughtByTheSink) {
  TestImage image = make_image("liar", "liar:latest");
  image.config = json({{"rootfs", {{"diff_ids", {sha256_of("other"), image.diff_ids[1]}}}}}).dump();
  write_tar(dir / "x.tar", docker_archive({image}, DockerLayout::classic));
  EXPECT_NE(error(dir / "x.tar").find("digest mismatch"), std::string::npos);
}

TEST_F(DockerArchive, GzippedArchiveIsRead) {
  const TestImage image = make_image("busybox", "busybox:latest");
  write_tar(dir / "x.tar.gz", docker_archive({image}, DockerLayout::skopeo), /*gzip=*/true);
  expect_image(pull_ref(dir / "x.tar.gz"), image);
}

TEST_F(DockerArchive, AllLayersComeInOneFetchAndTheRootFromMemory) {
  const TestImage image = make_image("busybox", "busybox:latest", false, 5);
  write_tar(dir / "x.tar", docker_archive({image}, DockerLayout::classic));
  const Pulled p = pull_ref(dir / "x.tar");
  EXPECT_EQ(p.layers.size(), 5u);
  EXPECT_EQ(p.fetch_calls, 2);
}

TEST_F(DockerArchive, SeveralImagesNeedAChoice) {
  const TestImage a = make_image("busybox", "busybox:latest");
  const TestImage b = make_image("entry", "docker.io/library/entry:latest");
  const std::string path = dir / "multi.tar";
  write_tar(path, docker_archive({a, b}, DockerLayout::classic));
  EXPECT_EQ(error("docker-archive:" + path),
            "archive " + path + " holds 2 images, choose one: docker-archive:" + path +
                ":busybox:latest, docker-archive:" + path + ":docker.io/library/entry:latest");
  Pulled p = pull_ref("docker-archive:" + path + ":entry:latest");
  expect_image(p, b);
  EXPECT_EQ(p.name, "docker.io/library/entry:latest");
  p = pull_ref(path + ":busybox:latest");  // a bare path takes a selector too
  expect_image(p, a);
  p = pull_ref("docker-archive:" + path + ":@1");
  expect_image(p, b);
  EXPECT_NE(error("docker-archive:" + path + ":nope:latest").find("has no image named nope:latest"),
            std::string::npos);
}

TEST_F(DockerArchive, PathsOutsideTheArchiveAreRefused) {
  const std::string path = dir / "evil.tar";
  write_tar(path, {file("manifest.json", R"([{"Config":"../../etc/passwd","Layers":[]}])")});
  EXPECT_EQ(error(path), "archive " + path +
                             ": manifest.json refers to \"../../etc/passwd\", outside the archive");
  write_tar(path, {file("c.json", "{}"),
                   file("manifest.json", R"([{"Config":"c.json","Layers":["/etc/passwd"]}])")});
  EXPECT_EQ(error(path),
            "archive " + path + ": manifest.json refers to \"/etc/passwd\", outside the archive");
}

TEST_F(DockerArchive, UnsafeMemberNamesAreNeverIndexed) {
  const std::string path = dir / "evil.tar";
  // A member literally named "../c.json" must not satisfy a reference to anything.
  write_tar(path, {file("../c.json", "{}"),
                   file("manifest.json", R"([{"Config":"c.json","Layers":[]}])")});
  EXPECT_EQ(error(path), "archive " + path + ": c.json is missing");
}

TEST_F(DockerArchive, LinksAreFollowedOnlyInsideTheArchive) {
  TestImage image = make_image("busybox", "busybox:latest", false, 1);
  const std::string manifest =
      json::array({{{"Config", "c.json"}, {"Layers", {"l/layer.tar"}}, {"RepoTags", {"b:1"}}}})
          .dump();
  // Classic docker save writes a repeated layer as a symlink to its first copy.
  write_tar(dir / "sym.tar",
            {file("real/layer.tar", image.layers[0]), symlink("l/layer.tar", "../real/layer.tar"),
             file("c.json", image.config), file("manifest.json", manifest)});
  expect_image(pull_ref(dir / "sym.tar"), image);

  for (const std::string target : {"/etc/passwd", "../../etc/passwd", "../../../real/layer.tar"}) {
    write_tar(dir / "evil.tar",
              {file("real/layer.tar", image.layers[0]), symlink("l/layer.tar", target),
               file("c.json", image.config), file("manifest.json", manifest)});
    EXPECT_EQ(error(dir / "evil.tar"), "archive " + (dir / "evil.tar") +
                                           ": l/layer.tar is a symbolic link to \"" + target +
                                           "\", outside the archive");
  }
  write_tar(dir / "loop.tar", {symlink("l/layer.tar", "layer.tar"), file("c.json", image.config),
                               file("manifest.json", manifest)});
  EXPECT_EQ(error(dir / "loop.tar"),
            "archive " + (dir / "loop.tar") + ": l/layer.tar: too many levels of symbolic links");

  write_tar(dir / "hard.tar",
            {file("c.json", image.config), file("real.tar", image.layers[0]),
             hardlink("l/layer.tar", "real.tar"), file("manifest.json", manifest)});
  expect_image(pull_ref(dir / "hard.tar"), image);

  write_tar(dir / "badhard.tar", {file("c.json", image.config), hardlink("l/layer.tar", "nothere"),
                                  file("manifest.json", manifest)});
  EXPECT_EQ(error(dir / "badhard.tar"),
            "archive " + (dir / "badhard.tar") +
                ": l/layer.tar is a hard link to a member that is not a regular file");
}

TEST_F(DockerArchive, RepeatedLayersAsDockerWritesThem) {
  // Two identical layers: docker save stores the second as a symlink to the first.
  TestImage image = make_image("twice", "twice:latest", false, 1);
  image.layers.push_back(image.layers[0]);
  image.diff_ids.push_back(image.diff_ids[0]);
  image.config = json({{"rootfs", {{"type", "layers"}, {"diff_ids", image.diff_ids}}}}).dump();
  const std::string manifest =
      json::array({{{"Config", "c.json"}, {"Layers", {"a/layer.tar", "b/layer.tar"}}}}).dump();
  write_tar(dir / "x.tar",
            {file("a/layer.tar", image.layers[0]), symlink("b/layer.tar", "../a/layer.tar"),
             file("c.json", image.config), file("manifest.json", manifest)});
  expect_image(pull_ref(dir / "x.tar"), image);
}

TEST_F(DockerArchive, BrokenMetadataGivesOneLineErrors) {
  const std::string path = dir / "bad.tar";
  write_tar(path, {file("manifest.json", "this is not json")});
  EXPECT_EQ(error(path), "archive " + path + ": manifest.json is not valid JSON");

  write_tar(path, {file("manifest.json", R"([{"Config":"c.json","Layers":{}}])")});
  EXPECT_EQ(error(path),
            "archive " + path + ": manifest.json entry 1: \"Layers\" must be an array of strings");

  write_tar(path, {file("manifest.json", R"([{"Config":"c.json","Layers":[]}])")});
  EXPECT_EQ(error(path), "archive " + path + ": c.json is missing");

  write_tar(path,
            {file("c.json", "[1,"), file("manifest.json", R"([{"Config":"c.json","Layers":[]}])")});
  EXPECT_EQ(error(path), "archive " + path + ": c.json is not valid JSON");

  write_tar(path, {file("c.json", "{}"),
                   file("manifest.json", R"([{"Config":"c.json","Layers":["l.tar"]}])")});
  EXPECT_EQ(error(path), "archive " + path + ": l.tar is missing");
}

TEST_F(DockerArchive, OversizedMetadataIsRefused) {
  const std::string path = dir / "big.tar";
  std::string big = "[" + std::string(17 * 1024 * 1024, ' ') + "]";
  write_tar(path, {file("manifest.json", big)});
  EXPECT_EQ(error(path), "archive " + path +
                             ": manifest.json is larger than 16 MiB, too large for image metadata");
}

TEST_F(DockerArchive, TruncatedArchivesFailCleanly) {
  const TestImage image = make_image("busybox", "busybox:latest");
  const std::string whole = tar_bytes(docker_archive({image}, DockerLayout::classic));
  for (std::size_t cut : {whole.size() / 3, whole.size() / 2, whole.size() - 3000}) {
    write_file(dir / "cut.tar", whole.substr(0, cut));
    const std::string e = error(dir / "cut.tar");
    EXPECT_FALSE(e.empty()) << cut;
    EXPECT_EQ(e.find('\n'), std::string::npos) << e;
    EXPECT_NE(e.find(dir / "cut.tar"), std::string::npos) << e;
  }
}

TEST_F(DockerArchive, OciArchiveGivenAsDockerArchiveGetsAHint) {
  write_tar(dir / "oci.tar", oci_layout({make_image("busybox", "latest")}));
  EXPECT_EQ(error("docker-archive:" + dir / "oci.tar"),
            "archive " + (dir / "oci.tar") +
                ": not a docker-archive (no manifest.json); it looks like an OCI archive: use "
                "oci-archive:" +
                (dir / "oci.tar"));
}

TEST_F(DockerArchive, UntaggedImageHasNoName) {
  const TestImage image = make_image("anon", "");
  write_tar(dir / "x.tar", docker_archive({image}, DockerLayout::skopeo));
  const Pulled p = pull_ref(dir / "x.tar");
  EXPECT_EQ(p.name, "");
  expect_image(p, image);
}

TEST_F(DockerArchive, UnknownBlobIsRefused) {
  write_tar(dir / "x.tar", docker_archive({make_image("b", "b:1")}, DockerLayout::skopeo));
  auto image = resolve(source, dir / "x.tar");
  RecordingSink sink;
  const std::string digest = "sha256:" + std::string(64, 'e');
  EXPECT_EQ(error_of([&] { image->fetch({desc(media_type::kOciLayer, digest, 1)}, sink); }),
            "archive " + (dir / "x.tar") + " holds no blob " + digest);
}

}  // namespace
}  // namespace mydocker::local

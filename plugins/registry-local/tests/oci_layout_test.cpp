// OCI image layouts, as directories and as tars, end to end through IImageSource.
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
namespace fs = std::filesystem;

using OciLayout = PullFixture;

void expect_image(const Pulled& p, const TestImage& image) {
  EXPECT_EQ(p.config, image.config);
  EXPECT_EQ(p.layers, image.layers);
  EXPECT_EQ(p.manifest, oci_manifest(image).bytes);
}

TEST_F(OciLayout, DirectoryAndTarResolveAndFetch) {
  const TestImage image = make_image("busybox", "latest");
  const std::string layout = dir / "busybox-oci";
  write_dir(layout, oci_layout({image}));
  write_tar(dir / "busybox-oci.tar", oci_layout({image}));
  for (const std::string& ref :
       {"oci:" + layout, "oci:" + layout + ":latest", layout, layout + "/",
        "oci-archive:" + dir / "busybox-oci.tar", "oci-archive:" + dir / "busybox-oci.tar:latest",
        dir / "busybox-oci.tar"}) {
    SCOPED_TRACE(ref);
    const Pulled p = pull(source, ref);
    expect_image(p, image);
    EXPECT_EQ(p.name, "busybox-oci:latest");
    EXPECT_EQ(p.root.digest, oci_manifest(image).digest);
    EXPECT_EQ(p.root.media_type, media_type::kOciManifest);
    EXPECT_EQ(p.fetch_calls, 2);
  }
}

TEST_F(OciLayout, GzipLayersKeepTheirDescriptors) {
  const TestImage image = make_image("gz", "v1", /*gzip_layers=*/true);
  write_tar(dir / "gz.tar", oci_layout({image}));
  const Pulled p = pull(source, "oci-archive:" + dir / "gz.tar");
  expect_image(p, image);
  EXPECT_EQ(p.layer_media_types, std::vector<std::string>(2, media_type::kOciLayerGzip));
}

TEST_F(OciLayout, SeveralImagesNeedAChoice) {
  const TestImage a = make_image("busybox", "latest");
  const TestImage b = make_image("entry", "entry");
  const std::string layout = dir / "multi-oci";
  write_dir(layout, oci_layout({a, b}));
  expect_image(pull(source, "oci:" + layout + ":entry"), b);
  expect_image(pull(source, "oci:" + layout + ":latest"), a);
  EXPECT_EQ(error("oci:" + layout), "layout " + layout + " holds 2 images, choose one: oci:" +
                                        layout + ":latest, oci:" + layout + ":entry");
  EXPECT_EQ(error("oci:" + layout + ":nosuchtag"),
            "layout " + layout + " has no image tagged \"nosuchtag\"; choose one: oci:" + layout +
                ":latest, oci:" + layout + ":entry");
  // By digest, for entries that have no tag.
  expect_image(pull(source, "oci:" + layout + ":" + oci_manifest(b).digest), b);

  write_tar(dir / "multi.tar", oci_layout({a, b}));
  EXPECT_EQ(error(dir / "multi.tar"),
            "archive " + (dir / "multi.tar") + " holds 2 images, choose one: oci-archive:" +
                (dir / "multi.tar") + ":latest, oci-archive:" + (dir / "multi.tar") + ":entry");
}

TEST_F(OciLayout, ContainerdNameIsTheImageName) {
  const TestImage image = make_image("busybox", "latest");
  write_dir(dir / "l",
            oci_layout({image}, {{"io.containerd.image.name", "docker.io/library/bb:1"}}));
  EXPECT_EQ(pull(source, "oci:" + dir / "l").name, "docker.io/library/bb:1");
}

TEST_F(OciLayout, UntaggedSingleEntryIsUsed) {
  const TestImage image = make_image("anon", "");
  write_dir(dir / "l", oci_layout({image}));
  const Pulled p = pull(source, "oci:" + dir / "l");
  expect_image(p, image);
  EXPECT_EQ(p.name, "");
}

TEST_F(OciLayout, MultiPlatformIndexIsTheRootAndManifestsAreFetchedByDigest) {
  const TestImage amd = make_image("amd", "");
  const TestImage arm = make_image("arm", "");
  Entries entries;
  for (const auto& e : oci_layout({amd, arm})) {
    if (e.name.starts_with("blobs/")) entries.push_back(e);
  }
  json nested = {
      {"schemaVersion", 2}, {"mediaType", media_type::kOciIndex}, {"manifests", json::array()}};
  for (const auto* image : {&amd, &arm}) {
    const auto m = oci_manifest(*image);
    nested["manifests"].push_back(
        {{"mediaType", media_type::kOciManifest},
         {"digest", m.digest},
         {"size", m.bytes.size()},
         {"platform", {{"os", "linux"}, {"architecture", image == &amd ? "amd64" : "arm64"}}}});
  }
  const std::string nested_bytes = nested.dump();
  entries.push_back(file("blobs/sha256/" + hex_of(sha256_of(nested_bytes)), nested_bytes));
  json index = {{"schemaVersion", 2},
                {"manifests",
                 {{{"mediaType", media_type::kOciIndex},
                   {"digest", sha256_of(nested_bytes)},
                   {"size", nested_bytes.size()},
                   {"annotations", {{"org.opencontainers.image.ref.name", "latest"}}}}}}};
  entries.push_back(file("index.json", index.dump()));
  entries.push_back(file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"));
  write_dir(dir / "multiarch", entries);
  write_tar(dir / "multiarch.tar", entries);
  for (const std::string& ref : {"oci:" + dir / "multiarch:latest", dir / "multiarch.tar"}) {
    const Pulled p = pull(source, ref);
    EXPECT_EQ(p.root.media_type, media_type::kOciIndex);
    EXPECT_EQ(p.root.digest, sha256_of(nested_bytes));
    EXPECT_EQ(p.fetch_calls, 3);
    expect_image(p, amd);
  }
}

TEST_F(OciLayout, SymlinkedBlobsAreRefusedInDirectories) {
  const TestImage image = make_image("busybox", "latest");
  const std::string layout = dir / "l";
  write_dir(layout, oci_layout({image}));
  // Replace the config blob with a symlink to a copy outside the layout.
  const std::string config = "blobs/sha256/" + hex_of(sha256_of(image.config));
  write_file(dir / "outside.json", image.config);
  fs::remove(fs::path(layout) / config);
  fs::create_symlink(dir / "outside.json", fs::path(layout) / config);
  EXPECT_EQ(error("oci:" + layout),
            "layout " + layout + ": " + config +
                " is a symbolic link or leads outside the layout; refusing to read it");
  // Even a symlink that stays inside the layout: nothing in a layout is a symlink.
  fs::remove(fs::path(layout) / config);
  write_file(layout + "/inside.json", image.config);
  fs::create_symlink("../../inside.json", fs::path(layout) / config);
  EXPECT_NE(error("oci:" + layout).find("is a symbolic link"), std::string::npos);
  // And a symlinked blobs directory.
  fs::rename(fs::path(layout) / "blobs", dir / "blobs-elsewhere");
  fs::create_symlink(dir / "blobs-elsewhere", fs::path(layout) / "blobs");
  EXPECT_NE(error("oci:" + layout).find("is a symbolic link"), std::string::npos);
}

TEST_F(OciLayout, SymlinksOutOfTarsAreRefused) {
  const TestImage image = make_image("busybox", "latest");
  Entries entries = oci_layout({image});
  const std::string config = "blobs/sha256/" + hex_of(sha256_of(image.config));
  for (auto& e : entries) {
    if (e.name == config) e = symlink(config, "/etc/passwd");
  }
  write_tar(dir / "l.tar", entries);
  EXPECT_EQ(error(dir / "l.tar"),
            "archive " + (dir / "l.tar") + ": " + config +
                " is a symbolic link to \"/etc/passwd\", outside the archive");
}

TEST_F(OciLayout, MissingPiecesAreNamed) {
  const TestImage image = make_image("busybox", "latest");
  const std::string layout = dir / "l";
  write_dir(layout, oci_layout({image}));
  const std::string layer = "blobs/sha256/" + hex_of(sha256_of(image.layers[1]));
  fs::remove(fs::path(layout) / layer);
  EXPECT_EQ(error("oci:" + layout), "layout " + layout + ": " + layer + " is missing");
  fs::remove(fs::path(layout) / "index.json");
  EXPECT_EQ(error("oci:" + layout), "layout " + layout + ": index.json is missing");
  fs::remove(fs::path(layout) / "oci-layout");
  EXPECT_EQ(error("oci:" + layout),
            "layout " + layout + ": not an OCI image layout (no oci-layout file)");
}

TEST_F(OciLayout, InvalidDigestsNeverBecomePaths) {
  const std::string layout = dir / "l";
  write_dir(layout,
            {file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"),
             file("index.json",
                  R"({"manifests":[{"digest":"sha256:../../../../etc/passwd","size":1}]})")});
  EXPECT_NE(error("oci:" + layout).find("has an invalid digest"), std::string::npos);

  write_dir(dir / "ok", oci_layout({make_image("b", "latest")}));
  auto image = resolve(source, "oci:" + dir / "ok");
  RecordingSink sink;
  EXPECT_EQ(
      error_of([&] { image->fetch({desc(media_type::kOciLayer, "sha256:../../x", 1)}, sink); }),
      "layout " + (dir / "ok") + " holds no blob sha256:../../x");
}

TEST_F(OciLayout, BrokenMetadataIsReported) {
  const std::string layout = dir / "l";
  write_dir(layout, {file("oci-layout", "nope"), file("index.json", "{}")});
  EXPECT_EQ(error("oci:" + layout), "layout " + layout + ": oci-layout is not valid JSON");
  write_dir(dir / "m", {file("oci-layout", R"({"imageLayoutVersion":"1.0.0"})"),
                        file("index.json", R"({"manifests":{}})")});
  EXPECT_EQ(error("oci:" + dir / "m"),
            "layout " + (dir / "m") + ": index.json: \"manifests\" must be an array");
}

}  // namespace
}  // namespace mydocker::local

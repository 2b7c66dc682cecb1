// The manifest written for docker-archive images, and the layer sniffing behind its types.
#include <gtest/gtest.h>

#include <nlohmann/json.hpp>

#include "layer_media.hpp"
#include "synthesized_manifest.hpp"
#include "test_support.hpp"

namespace mydocker::local {
namespace {

TEST(SynthesizedManifest, IsAnOciImageManifest) {
  const Descriptor config =
      test::desc(media_type::kOciConfig, "sha256:" + std::string(64, 'c'), 123);
  const std::vector<Descriptor> layers{
      test::desc(media_type::kOciLayer, "sha256:" + std::string(64, '1'), 1000),
      test::desc(media_type::kOciLayerGzip, "sha256:" + std::string(64, '2'), 2000)};
  const std::string text = synthesize_manifest(config, layers);
  const auto doc = nlohmann::json::parse(text);
  EXPECT_EQ(doc["schemaVersion"], 2);
  EXPECT_EQ(doc["mediaType"], "application/vnd.oci.image.manifest.v1+json");
  EXPECT_EQ(doc["config"]["mediaType"], "application/vnd.oci.image.config.v1+json");
  EXPECT_EQ(doc["config"]["digest"], config.digest);
  EXPECT_EQ(doc["config"]["size"], 123);
  ASSERT_EQ(doc["layers"].size(), 2u);
  EXPECT_EQ(doc["layers"][0]["mediaType"], "application/vnd.oci.image.layer.v1.tar");
  EXPECT_EQ(doc["layers"][0]["digest"], layers[0].digest);
  EXPECT_EQ(doc["layers"][0]["size"], 1000);
  EXPECT_EQ(doc["layers"][1]["mediaType"], "application/vnd.oci.image.layer.v1.tar+gzip");
  // Deterministic: the same inputs give the same bytes, hence the same digest.
  EXPECT_EQ(text, synthesize_manifest(config, layers));
}

TEST(LayerMedia, SniffsCompressionAndTheUstarMagic) {
  const std::string tar = test::tar_bytes({test::file("a", "x")});
  EXPECT_EQ(sniff_layer(tar.substr(0, 262)).media_type, media_type::kOciLayer);
  EXPECT_TRUE(sniff_layer(tar.substr(0, 262)).plain_tar);
  const std::string gz = test::tar_bytes({test::file("a", "x")}, true);
  EXPECT_EQ(sniff_layer(gz).media_type, media_type::kOciLayerGzip);
  EXPECT_FALSE(sniff_layer(gz).plain_tar);
  EXPECT_EQ(sniff_layer(std::string("\x28\xb5\x2f\xfd\x00", 5)).media_type,
            media_type::kOciLayerZstd);
  EXPECT_EQ(sniff_layer("").media_type, media_type::kOciLayer);
  EXPECT_FALSE(sniff_layer("").plain_tar);
  EXPECT_FALSE(sniff_layer(std::string(1024, '\0')).plain_tar);
}

}  // namespace
}  // namespace mydocker::local

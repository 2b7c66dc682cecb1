// The field readers every part of config.json goes through: errors name the JSON path.
#include "oci/oci_json.hpp"

#include <gtest/gtest.h>

#include <cstdint>

#include "oci_test_support.hpp"

namespace mydocker::runtime::oci {
namespace {

using testing::Document;
using testing::error_of;

TEST(OciJson, PathsOfMembersAndElements) {
  Document doc(R"({"process": {"args": ["sh", 3]}})");
  const auto args = doc.at("process").at("args").elements();
  ASSERT_EQ(args.size(), 2u);
  EXPECT_EQ(args[0].path(), "process.args[0]");
  EXPECT_EQ(args[0].string(), "sh");
  EXPECT_EQ(error_of([&] { args[1].string(); }),
            "config.json: process.args[1] must be a string, not a number");
}

TEST(OciJson, AbsentAndNullAreTheSame) {
  Document doc(R"({"a": null, "b": 1})");
  EXPECT_FALSE(doc.root().find("a"));
  EXPECT_FALSE(doc.root().find("missing"));
  EXPECT_TRUE(doc.root().find("b"));
  EXPECT_EQ(error_of([&] { doc.root().at("a"); }), "config.json: a is required");
  Document nested(R"({"root": {}})");
  EXPECT_EQ(error_of([&] { nested.at("root").at("path"); }), "config.json: root.path is required");
}

TEST(OciJson, WrongContainerTypes) {
  Document doc(R"({"mounts": {"x": 1}, "env": "PATH=/bin", "root": []})");
  EXPECT_EQ(error_of([&] { doc.at("mounts").elements(); }),
            "config.json: mounts must be an array, not an object");
  EXPECT_EQ(error_of([&] { doc.at("env").strings(); }),
            "config.json: env must be an array, not a string");
  EXPECT_EQ(error_of([&] { doc.at("root").find("path"); }),
            "config.json: root must be an object, not an array");
}

TEST(OciJson, IntegersAreRangeChecked) {
  Document doc(
      R"({"uid": 4294967295, "big": 4294967296, "neg": -1, "frac": 1.5, "u64": 18446744073709551615})");
  EXPECT_EQ(doc.at("uid").integer<std::uint32_t>(), 4294967295u);
  EXPECT_EQ(doc.at("u64").integer<std::uint64_t>(), UINT64_MAX);
  EXPECT_EQ(error_of([&] { doc.at("big").integer<std::uint32_t>(); }),
            "config.json: big is 4294967296, out of the range 0 to 4294967295");
  EXPECT_EQ(error_of([&] { doc.at("neg").integer<std::uint32_t>(); }),
            "config.json: neg is -1, out of the range 0 to 4294967295");
  EXPECT_EQ(doc.at("neg").integer<int>(), -1);
  EXPECT_EQ(error_of([&] { doc.at("frac").integer<int>(); }),
            "config.json: frac must be an integer, not a fractional number");
}

TEST(OciJson, StringMapsAndBooleans) {
  Document doc(R"({"annotations": {"a": "1", "b": "2"}, "bad": {"a": 1}, "t": true})");
  const auto map = doc.at("annotations").string_map();
  EXPECT_EQ(map.at("a"), "1");
  EXPECT_EQ(map.at("b"), "2");
  EXPECT_EQ(error_of([&] { doc.at("bad").string_map(); }),
            "config.json: bad.a must be a string, not a number");
  EXPECT_TRUE(doc.at("t").boolean());
  EXPECT_EQ(error_of([&] { doc.at("bad").boolean(); }),
            "config.json: bad must be a boolean, not an object");
}

TEST(OciJson, ParseErrorsAreOneLineWithoutTheLibraryTag) {
  const std::string message = error_of([] { parse_json("{\"a\": ", "config.json in /b"); });
  EXPECT_TRUE(message.starts_with("config.json in /b is not valid JSON: parse error at line 1"))
      << message;
  EXPECT_EQ(message.find('\n'), std::string::npos);
  EXPECT_EQ(message.find("json.exception"), std::string::npos);
}

}  // namespace
}  // namespace mydocker::runtime::oci

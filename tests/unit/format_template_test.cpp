// docker's --format subset (cli/format_template) and images --filter's glob (cli/image_filter).
#include "cli/format_template.hpp"

#include <gtest/gtest.h>

#include "cli/image_filter.hpp"
#include "mydocker/errors.hpp"

namespace mydocker {
namespace {

const std::vector<FormatField> kFields = {
    {"Repository", "REPOSITORY"}, {"Tag", "TAG"}, {"ID", "IMAGE ID"}};

const std::vector<FormatValues> kRows = {
    {{"Repository", "busybox"}, {"Tag", "latest"}, {"ID", "b5d05857900a"}},
    {{"Repository", "localhost:5000/a/very-long-name"}, {"Tag", "1.0"}, {"ID", "3c2a169bd4d4"}}};

TEST(FormatTemplate, FieldsAndLiterals) {
  const FormatTemplate t("{{.Repository}}:{{ .Tag }} id={{.ID}}", kFields);
  EXPECT_FALSE(t.table());
  EXPECT_EQ(
      t.render(kRows),
      "busybox:latest id=b5d05857900a\nlocalhost:5000/a/very-long-name:1.0 id=3c2a169bd4d4\n");
  EXPECT_EQ(t.render({}), "");
}

TEST(FormatTemplate, EscapedTabsAndNewlinesAreUnescapedAsDockerDoes) {
  EXPECT_EQ(FormatTemplate("{{.Tag}}\\t{{.ID}}\\n", kFields).render({kRows[0]}),
            "latest\tb5d05857900a\n\n");
}

TEST(FormatTemplate, JsonOfTheRowAndOfAField) {
  EXPECT_EQ(FormatTemplate("{{json .}}", kFields).render({kRows[0]}),
            "{\"ID\":\"b5d05857900a\",\"Repository\":\"busybox\",\"Tag\":\"latest\"}\n");
  EXPECT_EQ(FormatTemplate("json", kFields).render({kRows[0]}),
            FormatTemplate("{{json .}}", kFields).render({kRows[0]}));
  const FormatValues quoted = {{"Repository", "a\"b"}, {"Tag", "t"}, {"ID", "i"}};
  EXPECT_EQ(FormatTemplate("{{json .Repository}}", kFields).render({quoted}), "\"a\\\"b\"\n");
}

TEST(FormatTemplate, TableHasAHeaderAndAlignedColumns) {
  const FormatTemplate t("table {{.Repository}}\\t{{.Tag}}\\t{{.ID}}", kFields);
  EXPECT_TRUE(t.table());
  EXPECT_EQ(t.render(kRows),
            "REPOSITORY                        TAG       IMAGE ID\n"
            "busybox                           latest    b5d05857900a\n"
            "localhost:5000/a/very-long-name   1.0       3c2a169bd4d4\n");
  EXPECT_EQ(t.render({}), "REPOSITORY   TAG       IMAGE ID\n");
}

TEST(FormatTemplate, UnknownFieldsAndActionsAreRefusedWhenParsed) {
  try {
    FormatTemplate("{{.Repository}} {{.Nope}}", kFields);
    FAIL() << "accepted an unknown field";
  } catch (const Error& e) {
    EXPECT_EQ(std::string(e.what()),
              "--format: unknown field .Nope (fields: .Repository, .Tag, .ID)");
  }
  EXPECT_THROW(FormatTemplate("{{range .}}x{{end}}", kFields), Error);
  EXPECT_THROW(FormatTemplate("{{.Tag", kFields), Error);
  EXPECT_THROW(FormatTemplate("{{json .Nope}}", kFields), Error);
  EXPECT_THROW(FormatTemplate("{{}}", kFields), Error);
}

TEST(AlignColumns, PadsEveryCellButTheLastOfALine) {
  EXPECT_EQ(align_columns("a\tbb\tc\nccc\td\n"), "a         bb        c\nccc       d\n");
  EXPECT_EQ(align_columns("0123456789ab\tx\n"), "0123456789ab   x\n");
  EXPECT_EQ(align_columns("é\tx\n"), "é         x\n");  // width in characters, not bytes
}

TEST(GlobMatch, FollowsGoPathMatch) {
  EXPECT_TRUE(glob_match("busy*", "busybox"));
  EXPECT_TRUE(glob_match("busy*", "busybox:latest"));
  EXPECT_TRUE(glob_match("*:latest", "busybox:latest"));
  EXPECT_FALSE(glob_match("*:latest", "busybox:1.36"));
  EXPECT_FALSE(glob_match("*", "library/busybox"));  // a star never crosses a '/'
  EXPECT_TRUE(glob_match("*/*", "library/busybox"));
  EXPECT_TRUE(glob_match("b?sybox", "busybox"));
  EXPECT_FALSE(glob_match("b?sybox", "bsybox"));
  EXPECT_TRUE(glob_match("[a-c]usybox", "busybox"));
  EXPECT_FALSE(glob_match("[^a-c]usybox", "busybox"));
  EXPECT_TRUE(glob_match("busy\\*", "busy*"));
  EXPECT_FALSE(glob_match("busy\\*", "busybox"));
  EXPECT_TRUE(glob_match("", ""));
  EXPECT_FALSE(glob_match("", "x"));
  EXPECT_THROW(glob_match("[oops", "x"), Error);
  EXPECT_THROW(glob_match("x\\", "x"), Error);
  EXPECT_THROW(glob_match("[]", "x"), Error);
  EXPECT_THROW(glob_match("zzz[", "busybox"), Error);  // refused even where no name gets to it
}

TEST(ImageFilter, ReferencePatternsAreOredOnRepositoryAndTag) {
  EXPECT_TRUE(ImageFilter({}).matches("busybox", "latest"));
  const ImageFilter f({"reference=busy*", "reference=*:1.0"});
  EXPECT_TRUE(f.matches("busybox", "latest"));
  EXPECT_TRUE(f.matches("alpine", "1.0"));
  EXPECT_FALSE(f.matches("alpine", "latest"));
  EXPECT_TRUE(ImageFilter({"reference=alpine"}).matches("alpine", "3.19"));
  EXPECT_TRUE(ImageFilter({"reference=alpine"}).matches("alpine", ""));
  EXPECT_TRUE(ImageFilter({"reference=localhost:5000/*"}).matches("localhost:5000/x", "1"));
}

TEST(ImageFilter, RefusesWhatItDoesNotKnow) {
  EXPECT_THROW(ImageFilter({"dangling=true"}), Error);
  EXPECT_THROW(ImageFilter({"reference"}), Error);
  EXPECT_THROW(ImageFilter({"reference=[x"}), Error);
}

}  // namespace
}  // namespace mydocker

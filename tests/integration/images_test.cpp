// What a docker user expects of `images`, `load`, `rmi` and image names: listing a fresh or
// read-only store, `load` from a pipe, docker's IMAGE ID / --digests / -q / --format / --filter,
// one size however an image arrived, and a bare word that is an image name, never a folder.
#include <gtest/gtest.h>
#include <signal.h>
#include <unistd.h>

#include <fstream>
#include <sstream>

#include "harness.hpp"
#include "registry_fixture.hpp"
#include "terminal_session.hpp"

namespace mydocker::test {
namespace {

namespace fs = std::filesystem;

const std::string kEmptyTable = "REPOSITORY   TAG       IMAGE ID   CREATED   SIZE\n";

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::stringstream text;
  text << in.rdbuf();
  return text.str();
}

std::vector<std::string> lines_of(const std::string& text) {
  std::vector<std::string> out;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) out.push_back(line);
  return out;
}

// mydocker --root ROOT ARGS with ROOT bound read-only onto itself in a mount namespace of its
// own (root ignores file modes, not a read-only mount); stdout and stderr together.
ToolResult on_read_only_store(const fs::path& root, const std::vector<std::string>& args) {
  std::vector<std::string> argv{"unshare",
                                "-m",
                                "--propagation",
                                "private",
                                "sh",
                                "-c",
                                "mount --bind -o ro \"$0\" \"$0\" && exec \"$@\"",
                                root.string()};
  for (auto& arg : mydocker_argv({"--root", root.string()})) argv.push_back(arg);
  argv.insert(argv.end(), args.begin(), args.end());
  return run_tool(argv);
}

// The working directory for a scope.
class InDirectory {
 public:
  explicit InDirectory(const fs::path& dir) : old_(fs::current_path()) { fs::current_path(dir); }
  ~InDirectory() { fs::current_path(old_); }

 private:
  fs::path old_;
};

TEST(FreshStore, ReadOnlyCommandsWorkAndCreateNothing) {
  const TempDir parent;
  const fs::path root = parent.path() / "new-store";
  auto r = mydocker({"--root", root.string(), "images"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, kEmptyTable);
  EXPECT_EQ(r.err, "");
  r = mydocker({"--root", root.string(), "images", "-q"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "");
  r = mydocker({"--root", root.string(), "system", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "0 blobs checked, 0 problems\n");
  r = mydocker({"--root", root.string(), "rmi", "busybox"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.err, "mydocker: No such image: busybox:latest\n");
  r = mydocker({"--root", root.string(), "plugins"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_FALSE(fs::exists(root));
}

TEST(ReadOnlyStore, AnEmptyOneListsNothing) {
  const TempDir root;
  auto r = on_read_only_store(root.path(), {"images"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, kEmptyTable);
  r = on_read_only_store(root.path(), {"system", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "0 blobs checked, 0 problems\n");
  r = on_read_only_store(root.path(), {"rmi", "busybox:1.36"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "mydocker: No such image: busybox:1.36\n");
  EXPECT_TRUE(fs::is_empty(root.path()));
}

TEST(ReadOnlyStore, AFilledOneListsAndChecksItsImages) {
  const TempDir root;
  ASSERT_EQ(mydocker({"--root", root.str(), "load", "-i", images_dir() + "/busybox-docker.tar"})
                .exit_code,
            0);
  auto r = on_read_only_store(root.path(), {"images", "--format", "{{.Repository}}:{{.Tag}}"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_EQ(r.output, "busybox:latest\n");
  r = on_read_only_store(root.path(), {"system", "check"});
  EXPECT_EQ(r.exit_code, 0) << r.output;
  EXPECT_NE(r.output.find(" blobs checked, 0 problems\n"), std::string::npos) << r.output;
  r = on_read_only_store(root.path(), {"rmi", "nothing"});
  EXPECT_EQ(r.exit_code, 1);
  EXPECT_EQ(r.output, "mydocker: No such image: nothing:latest\n");
}

TEST(BareWord, IsAnImageNameEvenWhenAFolderOfThatNameIsInTheWorkingDirectory) {
  const TempDir store;
  ASSERT_EQ(
      mydocker({"--root", store.str(), "load", "-i", images_dir() + "/multi-docker.tar"}).exit_code,
      0);
  // ./busybox holds another image (entry's layout): read as a path, it would run that one.
  const TempDir work;
  fs::copy(images_dir() + "/entry-oci", work.path() / "busybox", fs::copy_options::recursive);
  const InDirectory in(work.path());
  // entry's Entrypoint would prefix the command: both runs name the program themselves.
  auto r = mydocker({"--root", store.str(), "run", "--pull=never", "--entrypoint", "explorer",
                     "busybox", "cat", "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "busybox\n");
  // Spelled as a path, the folder is what runs.
  r = mydocker({"--root", store.str(), "run", "--entrypoint", "explorer", "./busybox", "cat",
                "/etc/image-name"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "entry\n");
}

TEST(Load, ReadsAnArchiveFromStdin) {
  // A mydocker that does not read stdin must fail this test, not kill it with SIGPIPE.
  ::signal(SIGPIPE, SIG_IGN);
  const TempDir store;
  auto r = mydocker(
      RunSpec{{"--root", store.str(), "load"}, read_file(images_dir() + "/busybox-docker.tar")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out, "Loaded image: docker.io/library/busybox:latest\n");
  r = mydocker({"--root", store.str(), "run", "--pull=never", "busybox", "explorer", "cat",
                "/etc/image-name"});
  EXPECT_EQ(r.out, "busybox\n") << r.err;
  // Nothing of the copy is left behind.
  EXPECT_TRUE(fs::is_empty(store.path() / "layers" / ".tmp"));

  // An OCI archive that only tags its image: the temporary file's name is no image name.
  r = mydocker(
      RunSpec{{"--root", store.str(), "load"}, read_file(images_dir() + "/busybox-oci.tar")});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  EXPECT_EQ(r.out.rfind("Loaded image ID: sha256:", 0), 0u) << r.out;

  r = mydocker(RunSpec{{"--root", store.str(), "load"}, ""});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(r.err, "mydocker: requested load from stdin, but stdin is empty\n");
}

TEST(Load, RefusesATerminalOnStdinInsteadOfWaiting) {
  const TempDir parent;
  const fs::path root = parent.path() / "store";
  const Result r = run_on_terminal(mydocker_argv({"--root", root.string(), "load"}), {});
  EXPECT_EQ(r.exit_code, 125) << r.out;
  EXPECT_NE(r.out.find("mydocker: requested load from stdin, but stdin is empty"),
            std::string::npos)
      << r.out;
  EXPECT_FALSE(fs::exists(root));
}

class ImagesListing : public SharedRegistry<ImagesListing> {
 protected:
  static void SetUpTestSuite() {
    start_registry().push_test_image("busybox-oci", "busybox:latest");
  }

  Client client_;
};

// The same image pulled (gzip'd layer), loaded from a docker save (plain tar) and from an OCI
// layout: one IMAGE ID, one SIZE; a DIGEST only for the pull.
TEST_F(ImagesListing, OneImageHasOneIdAndOneSizeHoweverItArrived) {
  const std::string pulled = registry_->address() + "/busybox:latest";
  ASSERT_EQ(client_.run({"pull", "-q", pulled}).exit_code, 0);
  ASSERT_EQ(client_.run({"load", "-i", images_dir() + "/busybox-docker.tar"}).exit_code, 0);
  ASSERT_EQ(client_.run({"load", "-i", images_dir() + "/busybox-oci"}).exit_code, 0);

  auto r = client_.run({"images", "--format", "{{.Repository}} {{.ID}} {{.Size}} {{.Digest}}"});
  ASSERT_EQ(r.exit_code, 0) << r.err;
  const auto rows = lines_of(r.out);
  ASSERT_EQ(rows.size(), 3u) << r.out;
  std::string manifest_digest;
  for (const auto& line : lines_of(client_.run({"pull", pulled}).out)) {
    if (line.starts_with("Digest: ")) manifest_digest = line.substr(8);
  }
  ASSERT_EQ(manifest_digest.rfind("sha256:", 0), 0u) << manifest_digest;
  std::istringstream first(rows[0]);
  std::string repo, id, size;
  first >> repo >> id >> size;
  EXPECT_EQ(id.size(), 12u) << rows[0];
  EXPECT_EQ(rows[0], registry_->address() + "/busybox " + id + " " + size + " " + manifest_digest);
  // Sorted by name: docker.io/library/busybox-oci before docker.io/library/busybox:latest.
  EXPECT_EQ(rows[1], "busybox-oci " + id + " " + size + " <none>");
  EXPECT_EQ(rows[2], "busybox " + id + " " + size + " <none>");

  // docker's columns, aligned as its tabwriter does (at least 10 wide, 3 spaces apart).
  const std::string pad(registry_->address().size() + 8 + 3 - 10, ' ');
  r = client_.run({"images"});
  EXPECT_EQ(lines_of(r.out).at(0).rfind("REPOSITORY" + pad + "TAG       IMAGE ID       CREATED", 0),
            0u)
      << r.out;
  r = client_.run({"images", "-q"});
  EXPECT_EQ(r.out, id + "\n");
  r = client_.run({"images", "-q", "--no-trunc"});
  ASSERT_EQ(r.out.size(), 7u + 64u + 1u) << r.out;
  EXPECT_EQ(r.out.substr(7, 12), id);
  r = client_.run({"images", "--digests", "--format", "table {{.Repository}}\\t{{.Digest}}"});
  EXPECT_EQ(r.out, "REPOSITORY" + pad + "DIGEST\n" + registry_->address() + "/busybox   " +
                       manifest_digest + "\nbusybox-oci" + pad.substr(1) + "<none>\nbusybox" + pad +
                       "   <none>\n");
}

TEST_F(ImagesListing, FormatAndFilterFollowDocker) {
  ASSERT_EQ(client_.run({"load", "-i", images_dir() + "/multi-docker.tar"}).exit_code, 0);
  auto r = client_.run({"images", "--format", "{{json .}}", "--filter", "reference=busy*"});
  EXPECT_EQ(r.exit_code, 0) << r.err;
  ASSERT_EQ(lines_of(r.out).size(), 1u) << r.out;
  EXPECT_EQ(r.out.rfind("{\"CreatedAt\":", 0), 0u) << r.out;
  EXPECT_NE(r.out.find("\"Repository\":\"busybox\",\"Size\":"), std::string::npos) << r.out;
  EXPECT_NE(r.out.find("\"Tag\":\"latest\"}"), std::string::npos) << r.out;

  r = client_.run({"images", "--format", "{{.Repository}}", "--filter", "reference=*:latest"});
  EXPECT_EQ(r.out, "busybox\nentry\n");
  r = client_.run({"images", "--format", "{{.Repository}}", "-f", "reference=ent?y", "--filter",
                   "reference=nothing*"});
  EXPECT_EQ(r.out, "entry\n");
  r = client_.run({"images", "--format", "{{.Repository}}", "--filter", "reference=*:1.0"});
  EXPECT_EQ(r.out, "");
  r = client_.run({"images", "--format", "table {{.Tag}}", "--filter", "reference=entry"});
  EXPECT_EQ(r.out, "TAG\nlatest\n");

  r = client_.run({"images", "--format", "{{.Repository}} {{.Nope}}"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(r.out, "");
  EXPECT_EQ(std::count(r.err.begin(), r.err.end(), '\n'), 1) << r.err;
  EXPECT_NE(r.err.find("unknown field .Nope"), std::string::npos) << r.err;
  r = client_.run({"images", "--filter", "dangling=true"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_EQ(r.err, "mydocker: invalid filter 'dangling' (supported: reference)\n");
  r = client_.run({"images", "--filter", "reference=[oops"});
  EXPECT_EQ(r.exit_code, 125);
  EXPECT_NE(r.err.find("malformed pattern"), std::string::npos) << r.err;
}

}  // namespace
}  // namespace mydocker::test

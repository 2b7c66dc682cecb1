#!/usr/bin/env python3
"""Writes the seed corpus of every fuzz target into fuzz/corpus/<target>/.

The seeds are small, real examples of what each parser reads (plus a few tricky ones); the
fuzzer mutates them. Run again after changing this file; the output is deterministic.
"""
import gzip
import hashlib
import io
import json
import os
import tarfile

HERE = os.path.dirname(os.path.abspath(__file__))
CORPUS = os.path.join(HERE, "corpus")
SEP = "\n%%\n"  # fuzz_input.hpp's part separator

tarfile.RECORDSIZE = 512  # no padding to 10 KiB: seeds stay small
HEX = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"  # sha256 of ""


def sha(data):
    return "sha256:" + hashlib.sha256(data).hexdigest()


def write(target, name, data):
    os.makedirs(os.path.join(CORPUS, target), exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(CORPUS, target, name), "wb") as f:
        f.write(data)


def js(obj):
    return json.dumps(obj, separators=(",", ":"))


def tar(members, compress=False):
    """members: (name, kind, payload) with kind file|dir|symlink|hardlink|fifo|chardev."""
    buf = io.BytesIO()
    with tarfile.open(fileobj=buf, mode="w", format=tarfile.PAX_FORMAT) as t:
        for name, kind, payload in members:
            info = tarfile.TarInfo(name)
            info.mtime = 1700000000
            info.mode = 0o755 if kind == "dir" else 0o644
            data = None
            if kind == "file":
                data = payload if isinstance(payload, bytes) else payload.encode()
                info.size = len(data)
            elif kind == "dir":
                info.type = tarfile.DIRTYPE
            elif kind == "symlink":
                info.type, info.linkname = tarfile.SYMTYPE, payload
            elif kind == "hardlink":
                info.type, info.linkname = tarfile.LNKTYPE, payload
            elif kind == "fifo":
                info.type = tarfile.FIFOTYPE
            elif kind == "chardev":
                info.type, info.devmajor, info.devminor = tarfile.CHRTYPE, 0, 0
            t.addfile(info, io.BytesIO(data) if data is not None else None)
    out = buf.getvalue()
    return gzip.compress(out, mtime=0) if compress else out


def image_reference():
    digest = "sha256:" + HEX
    for i, text in enumerate([
            "alpine", "alpine:3.19", "docker.io/library/busybox:latest",
            "index.docker.io/library/alpine:edge", "localhost:5000/x/y:tag",
            "127.0.0.1:5000/busybox", "ghcr.io/owner/image@" + digest,
            "registry.example.com:443/a.b/c_d/e__f/g-h---i:v1@" + digest,
            "docker-archive:./busybox.tar:busybox:latest", "docker-archive:/tmp/x.tar:@1",
            "oci:./layout:latest", "oci-archive:img.tar@" + digest,
            "busybox:latest" + SEP + "docker.io/library/busybox:latest",
            # tricky: upper case, empty parts, short digest, IPv6, long names
            "UPPER/x", "a::b", "x@sha256:abc", "[::1]:5000/x", "a/" * 60 + "b", ":tag", "@",
    ]):
        write("image_reference", f"ref{i:02}", text)


def image_model():
    desc = {"mediaType": "application/vnd.oci.image.manifest.v1+json",
            "digest": "sha256:" + HEX, "size": 528}
    write("image_model", "oci_index", js({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.index.v1+json",
        "manifests": [dict(desc, platform={"os": "linux", "architecture": "amd64"}),
                      dict(desc, platform={"os": "linux", "architecture": "arm64",
                                           "variant": "v8"}),
                      dict(desc, platform={"os": "unknown", "architecture": "unknown"},
                           annotations={"vnd.docker.reference.type": "attestation-manifest"})]}))
    write("image_model", "docker_list", js({
        "schemaVersion": 2,
        "mediaType": "application/vnd.docker.distribution.manifest.list.v2+json",
        "manifests": [dict(desc, mediaType="application/vnd.docker.distribution.manifest.v2+json",
                           platform={"os": "linux", "architecture": "arm", "variant": "v7"})]}))
    layer = {"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
             "digest": "sha256:" + HEX, "size": 2}
    write("image_model", "oci_manifest", js({
        "schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
        "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                   "digest": "sha256:" + HEX, "size": 100},
        "layers": [layer, dict(layer, urls=["https://example.com/l"])]}))
    write("image_model", "docker_manifest", js({
        "schemaVersion": 2, "mediaType": "application/vnd.docker.distribution.manifest.v2+json",
        "config": {"mediaType": "application/vnd.docker.container.image.v1+json",
                   "digest": "sha256:" + HEX, "size": 100},
        "layers": [dict(layer, mediaType="application/vnd.docker.image.rootfs.diff.tar.gzip")]}))
    write("image_model", "config", js({
        "architecture": "amd64", "os": "linux", "created": "2024-01-01T00:00:00Z",
        "config": {"Entrypoint": ["/bin/sh", "-c"], "Cmd": ["echo hi"], "Env": ["PATH=/bin"],
                   "WorkingDir": "/srv", "User": "app:app"},
        "rootfs": {"type": "layers", "diff_ids": ["sha256:" + HEX, "sha256:" + "1" * 64]}}))
    write("image_model", "schema1", js({"schemaVersion": 1, "name": "x", "fsLayers": []}))
    write("image_model", "tricky_size", js({"manifests": [dict(desc, size=-1)],
                                            "config": dict(desc, size=18446744073709551615),
                                            "layers": [None]}))
    write("image_model", "tricky_types", js({"schemaVersion": 1.0, "config": {"Cmd": "x",
                                             "Env": [1]}, "rootfs": {"diff_ids": "x"}}))


def image_user():
    passwd = ("root:x:0:0:root:/root:/bin/sh\napp:x:1000:1000:App:/home/app:/bin/sh\n"
              "# comment\nnobody:x:65534:65534::/:/sbin/nologin\n")
    group = "root:x:0:\napp:x:1000:\nstaff:x:50:app,nobody\nwheel:x:10:root,app\n"
    for i, user in enumerate(["app", "1000:1000", "app:staff", "0", "nobody:50", "4000"]):
        write("image_user", f"user{i}", user + SEP + passwd + SEP + group)
    write("image_user", "tricky_fields", "app" + SEP + "app:x:abc:def" + SEP + "g:x")
    write("image_user", "tricky_big", "4294967296:1" + SEP + "::::" + SEP + ":::,,,")


def layer_unpack():
    write("layer_unpack", "plain", tar([("etc/", "dir", None), ("etc/hostname", "file", "box\n"),
                                        ("bin/", "dir", None), ("bin/sh", "file", "#!")]))
    write("layer_unpack", "links", tar([("a/", "dir", None), ("a/f", "file", "x"),
                                        ("a/l", "symlink", "f"), ("a/h", "hardlink", "a/f"),
                                        ("abs", "symlink", "/etc/passwd"), ("p", "fifo", None)]))
    write("layer_unpack", "whiteouts", tar([("dir/", "dir", None), ("dir/.wh..wh..opq", "file", ""),
                                            ("etc/.wh.passwd", "file", ""), (".wh.up", "file", "")]))
    write("layer_unpack", "gzip", tar([("usr/", "dir", None), ("usr/x", "file", "gz")], True))
    write("layer_unpack", "device", tar([("dev/", "dir", None), ("dev/null", "chardev", None)]))
    # escapes: each must be refused or stay inside the root
    write("layer_unpack", "escape_dotdot", tar([("../outside/x", "file", "x")]))
    write("layer_unpack", "escape_symlinks", tar([
        ("up/outside/file", "file", "x"), ("abs/new", "file", "x"), ("dir/out/new", "file", "x"),
        ("slash/tmp/new", "file", "x"), ("cwd/new", "file", "x")]))
    write("layer_unpack", "escape_own_symlink", tar([("s", "symlink", "../outside"),
                                                     ("s/file", "file", "x"), ("s/", "dir", None)]))
    write("layer_unpack", "escape_hardlink", tar([("h", "hardlink", "up/outside/file"),
                                                  ("h2", "hardlink", "../outside/file")]))
    write("layer_unpack", "escape_whiteout", tar([("up/.wh.outside", "file", ""),
                                                  ("dir/out/.wh..wh..opq", "file", "")]))


def docker_archive_members(layout):
    layer = tar([("hello", "file", "hi\n")])
    config = js({"architecture": "amd64", "os": "linux", "config": {"Cmd": ["/hello"]},
                 "rootfs": {"type": "layers", "diff_ids": [sha(layer)]}}).encode()
    if layout == "classic":
        cfg, lay = sha(config)[7:] + ".json", "abc/layer.tar"
    else:
        cfg, lay = "blobs/sha256/" + sha(config)[7:], "blobs/sha256/" + sha(layer)[7:]
    manifest = js([{"Config": cfg, "RepoTags": ["busybox:latest"], "Layers": [lay]}])
    return manifest, config, layer, cfg, lay


def oci_members():
    layer = tar([("hello", "file", "hi\n")], True)
    config = js({"architecture": "amd64", "os": "linux",
                 "rootfs": {"type": "layers", "diff_ids": ["sha256:" + HEX]}}).encode()
    manifest = js({"schemaVersion": 2, "mediaType": "application/vnd.oci.image.manifest.v1+json",
                   "config": {"mediaType": "application/vnd.oci.image.config.v1+json",
                              "digest": sha(config), "size": len(config)},
                   "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                               "digest": sha(layer), "size": len(layer)}]}).encode()
    index = js({"schemaVersion": 2, "manifests": [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": sha(manifest),
         "size": len(manifest), "annotations": {"org.opencontainers.image.ref.name": "latest",
                                                "io.containerd.image.name": "docker.io/x/y:1"}}]})
    blobs = [("blobs/sha256/" + sha(b)[7:], "file", b) for b in (layer, config, manifest)]
    return index, [("oci-layout", "file", js({"imageLayoutVersion": "1.0.0"})),
                   ("index.json", "file", index), ("blobs/", "dir", None),
                   ("blobs/sha256/", "dir", None)] + blobs


def local_metadata():
    for layout in ("classic", "docker25"):
        manifest = docker_archive_members(layout)[0]
        write("local_metadata", "manifest_" + layout, manifest)
        write("local_metadata", "manifest_" + layout + "_tag", manifest + SEP + "busybox:latest")
    write("local_metadata", "manifest_two", js([
        {"Config": "a.json", "RepoTags": ["a:1", "docker.io/library/b:2"], "Layers": ["l/1.tar"]},
        {"Config": "./b.json", "RepoTags": None, "Layers": ["l/1.tar", "l//2.tar"]}]) + SEP + "@1")
    index = oci_members()[0]
    write("local_metadata", "index", index)
    write("local_metadata", "index_tag", index + SEP + "latest")
    write("local_metadata", "index_digest", index + SEP + "sha256:" + HEX)
    write("local_metadata", "tricky_paths", js([{"Config": "../etc/passwd",
                                                 "Layers": ["/abs", "a/../../b"]}]))
    write("local_metadata", "link_target", "a/b/link" + SEP + "../../c/./d")


def local_archive():
    for layout in ("classic", "docker25"):
        manifest, config, layer, cfg, lay = docker_archive_members(layout)
        members = [("manifest.json", "file", manifest), (cfg, "file", config), (lay, "file", layer)]
        if layout == "classic":
            members.insert(0, ("abc/", "dir", None))
        write("local_archive", "docker_" + layout, tar(members))
    write("local_archive", "oci", tar(oci_members()[1]))
    write("local_archive", "oci_gzip", tar(oci_members()[1], True))
    manifest, config, layer, cfg, lay = docker_archive_members("classic")
    write("local_archive", "tricky_links", tar([
        ("manifest.json", "file", manifest), ("real.json", "file", config),
        (cfg, "symlink", "real.json"), ("abc/", "dir", None), (lay, "hardlink", "missing"),
        ("loop", "symlink", "loop")]))


def www_authenticate():
    for i, header in enumerate([
            'Bearer realm="https://auth.docker.io/token",service="registry.docker.io",'
            'scope="repository:library/busybox:pull"',
            'Basic realm="Registry Realm"',
            'Bearer realm="http://127.0.0.1:5001/auth", Basic realm="x", Negotiate',
            'bearer REALM=https://ghcr.io/token,service=ghcr.io,error="invalid_token"',
            'Bearer realm="https://a/b?x=1",scope="repository:a/b:pull,push" error=x',
            'Bearer realm="esc\\"aped\\\\",, ,service=',
            'Bearer realm="unterminated',
    ]):
        write("www_authenticate", f"header{i}", header)


def registry_response():
    for i, parts in enumerate([
            (js({"token": "abc.def.ghi", "expires_in": 300, "issued_at": "2024-01-01T00:00:00Z"}),
             "application/json", "120"),
            (js({"access_token": "t", "token": "", "expires_in": 30}), "text/plain", ""),
            (js({"errors": [{"code": "DENIED", "message": "requested access is denied"}]}),
             "application/json; charset=utf-8", "Wed, 21 Oct 2015 07:28:00 GMT"),
            (js({"schemaVersion": 2, "manifests": []}),
             "application/vnd.oci.image.index.v1+json; charset=utf-8", " 5 "),
            (js({"schemaVersion": 1, "fsLayers": []}), "", "-1"),
            (js({"token": "x", "expires_in": 9223372036854775807}), "", "99999999999999999999"),
    ]):
        write("registry_response", f"response{i}", SEP.join(parts))


def url():
    for i, parts in enumerate([
            ("https://registry-1.docker.io/v2/library/busybox/manifests/latest",
             "https://production.cloudflare.docker.com/registry-v2/docker/registry/v2/blobs/x"),
            ("https://auth.docker.io/token?service=registry.docker.io", "/v2/x/blobs/y?a=b"),
            ("http://[::1]:5000/v2/", "//cdn.example:8443/x"),
            ("http://10.1.2.3:5000/v2/x/blobs/sha256:ab", "../uploads/1?q#f"),
            ("HTTPS://Mirror.Example:443", "10.0.0.0/8"),
            ("mirror.example", "fd00::/8"),
            ("https://user:pass@host/x", "ftp://elsewhere/"),
            ("http://h:99999999999999999999/", "::ffff:10.0.0.1"),
    ]):
        write("url", f"url{i}", SEP.join(parts))


def settings():
    write("settings", "daemon", js({
        "registry-mirrors": ["https://mirror.gcr.io", "http://127.0.0.1:5001/"],
        "insecure-registries": ["10.0.0.0/8", "http://registry.local:5000/", "[::1]:5000"],
        "max-concurrent-downloads": 5, "max-download-attempts": 3}))
    write("settings", "empty", "{}")
    write("settings", "other_keys", js({"log-level": "debug", "data-root": "/var/lib/docker",
                                        "registry-mirrors": []}))
    write("settings", "tricky_counts", js({"max-concurrent-downloads": 1e3,
                                           "max-download-attempts": -9223372036854775808}))
    write("settings", "tricky_mirror", js({"registry-mirrors": ["https://m/path", "", "::"]}))
    write("settings", "list", "a, b,,c ,")


def docker_credentials():
    auth = "dXNlcjpwYXNzd29yZA=="  # user:password
    write("docker_credentials", "auths", js({"auths": {
        "https://index.docker.io/v1/": {"auth": auth},
        "localhost:5000": {"username": "u", "password": "p"},
        "ghcr.io": {"identitytoken": "refresh"}}}))
    write("docker_credentials", "helpers", js({"credsStore": "desktop",
                                               "credHelpers": {"ghcr.io": "gh", "docker.io": "x"}}))
    write("docker_credentials", "registrytoken", js({"auths": {"http://localhost:5000/v2/": {
        "registrytoken": "t"}}}))
    write("docker_credentials", "helper_output",
          js({"ServerURL": "https://index.docker.io/v1/", "Username": "u", "Secret": "s"}))
    write("docker_credentials", "helper_token", js({"Username": "<token>", "Secret": "refresh"}))
    write("docker_credentials", "tricky_auth", js({"auths": {"docker.io": {"auth": "bm9jb2xvbg=="},
                                                             "localhost:5000": {"auth": "!!"},
                                                             "ghcr.io": {"auth": 5}}}))


if __name__ == "__main__":
    # Regression inputs (regress_*, crashes found and fixed) are kept; the rest is rewritten.
    for target in os.listdir(CORPUS) if os.path.isdir(CORPUS) else []:
        for name in os.listdir(os.path.join(CORPUS, target)):
            if not name.startswith("regress_"):
                os.remove(os.path.join(CORPUS, target, name))
    for make in (image_reference, image_model, image_user, layer_unpack, local_metadata,
                 local_archive, www_authenticate, registry_response, url, settings,
                 docker_credentials):
        make()

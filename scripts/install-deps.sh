#!/usr/bin/env bash
# Installs what mydocker needs to build and test, from Debian 12's archive. Idempotent: when
# everything is installed already it changes nothing and asks no server.
set -euo pipefail

packages=(
  # build
  cmake g++ make libc6-dev
  libcurl4-openssl-dev nlohmann-json3-dev libarchive-dev libboost-dev
  libspdlog-dev libcli11-dev libssl-dev libgtest-dev libseccomp-dev pkg-config
  help2man  # man pages, made from --help at build time
  # test images and tests: real tools, no mocks
  busybox-static skopeo umoci jq python3 file util-linux
  libcap2-bin  # capsh: Docker's capability set in tests/integration/docker_capabilities_test
  docker-registry openssl apache2-utils curl
  clang libclang-rt-14-dev  # scripts/fuzz.sh: libFuzzer, ASan, UBSan
  zsh fish  # the generated completion scripts are syntax-checked by their shells
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if ((${#missing[@]})); then
  echo "installing: ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get -o DPkg::Lock::Timeout=600 update -q
  apt-get -o DPkg::Lock::Timeout=600 install -y -q --no-install-recommends "${missing[@]}" </dev/null
fi

# Builds mydocker on Debian 12 with the same packages as the scripts. Run it privileged, since
# it creates namespaces and mounts:
#   docker build -t mydocker .
#   docker run --rm --privileged -v "$PWD/images:/images" mydocker run /images/busybox.tar /bin/echo hey
FROM debian:bookworm AS build
COPY scripts/install-deps.sh /src/scripts/install-deps.sh
RUN /src/scripts/install-deps.sh
COPY . /src
RUN cmake -S /src -B /build -DCMAKE_BUILD_TYPE=Release -DMYDOCKER_TESTS=OFF \
      -DCMAKE_INSTALL_PREFIX=/usr/local \
 && cmake --build /build -j"$(nproc)" \
 && cmake --install /build

FROM debian:bookworm
RUN apt-get update -q \
 && DEBIAN_FRONTEND=noninteractive apt-get install -y -q --no-install-recommends \
      libcurl4 libarchive13 libspdlog1.10 libssl3 ca-certificates \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /usr/local /usr/local
VOLUME /var/lib/mydocker
ENTRYPOINT ["/usr/local/bin/mydocker"]
CMD ["--help"]

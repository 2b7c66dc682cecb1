// IImageSource: where images come from (a registry, an archive on disk, ...).
//
// A source only resolves references and moves bytes. The core drives a pull: it asks the
// source to resolve a reference to a root descriptor (a manifest or an index), fetches that,
// parses it, picks the platform, and asks for the config and layers it does not have yet. Every
// byte goes through an IBlobSink that verifies size and digest before anything uses it, so
// verification, caching, platform selection and manifest parsing are the same for every source.
#pragma once

#include <chrono>
#include <cstddef>
#include <memory>
#include <string>
#include <vector>

#include "mydocker/errors.hpp"
#include "mydocker/types.hpp"

namespace mydocker {

// Receives one blob. write() may be called any number of times; commit() checks the size and
// digest against the descriptor and publishes the blob, throwing mydocker::Error on mismatch.
// Destroying a writer that was not committed discards what was written.
class IBlobWriter {
 public:
  virtual ~IBlobWriter() = default;
  virtual void write(const void* data, std::size_t size) = 0;
  // Bytes already written: a source resuming an interrupted transfer continues from here.
  virtual std::size_t written() const = 0;
  virtual void commit() = 0;
  // The source will try this blob again after `delay` (a dropped connection, a 429 or 5xx), so
  // the user sees "Retrying in N seconds" rather than a download that looks stuck. Optional:
  // by default nothing is shown. (ABI 5.)
  virtual void retrying(std::chrono::milliseconds delay) { (void)delay; }
};

// The core's content store as a source sees it. Thread-safe: a source may fetch in parallel.
class IBlobSink {
 public:
  virtual ~IBlobSink() = default;
  virtual std::unique_ptr<IBlobWriter> open(const Descriptor& blob) = 0;
};

// An image reference a source has resolved: knows its canonical name and root descriptor and
// can fetch blobs of that image. Destroyed before the source that made it.
class IResolvedImage {
 public:
  virtual ~IResolvedImage() = default;
  // Canonical name for display and for naming the image in the store, e.g.
  // "docker.io/library/alpine:latest" or "busybox:latest". May be empty.
  virtual std::string name() const = 0;
  // The manifest or index the reference points at.
  virtual Descriptor root() const = 0;
  // Writes each blob into the writer sink.open(blob) returns, in any order (in parallel if the
  // source can), and commits it. Throws mydocker::Error naming the blob on failure.
  virtual void fetch(const std::vector<Descriptor>& blobs, IBlobSink& sink) = 0;
};

class IImageSource {
 public:
  virtual ~IImageSource() = default;
  // Throws mydocker::Error with a message a user can act on ("no such file", "image not
  // found", "access denied") when the reference cannot be resolved.
  virtual std::unique_ptr<IResolvedImage> resolve(const ImageRequest& request) = 0;
  // The references of every image `request` covers, each one resolve() accepts: an archive
  // holding several images gives one per image (`mydocker load` uses this). By default, a
  // reference names one image: the request itself.
  virtual std::vector<std::string> list(const ImageRequest& request) { return {request.reference}; }
};

}  // namespace mydocker

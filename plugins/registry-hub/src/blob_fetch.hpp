// Streaming one blob (a layer, a config, or a manifest by digest) into the core's store.
#pragma once

#include "mydocker/image_source.hpp"
#include "registry_connection.hpp"

namespace mydocker::hub {

// Downloads `blob` into sink.open(blob) and commits it. A dropped transfer resumes from what
// was written with a Range request; a server that ignores the range starts the blob afresh.
// Foreign `urls` are tried first, without credentials, falling back to the registry.
// Stops when connection.cancellation() says so.
void fetch_blob(RegistryConnection& connection, const Descriptor& blob, IBlobSink& sink);

}  // namespace mydocker::hub

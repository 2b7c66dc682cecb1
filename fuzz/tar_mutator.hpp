// A libFuzzer custom mutator for targets whose input is a tar archive. libarchive refuses a
// header whose checksum is wrong, so nearly every mutation of a header would end there and the
// code behind it would never see a mutated name, type or size. After libFuzzer's own mutation,
// every 512-byte block that looks like a tar header gets its checksum recomputed.
// Include it in exactly one .cpp of a fuzz target.
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstring>

extern "C" std::size_t LLVMFuzzerMutate(std::uint8_t* data, std::size_t size, std::size_t max_size);

namespace mydocker::fuzz {

inline constexpr std::size_t kTarBlock = 512;

inline void fix_tar_checksums(std::uint8_t* data, std::size_t size) {
  for (std::size_t at = 0; at + kTarBlock <= size; at += kTarBlock) {
    std::uint8_t* header = data + at;
    if (std::memcmp(header + 257, "ustar", 5) != 0) continue;  // not a header (or not ustar)
    std::memset(header + 148, ' ', 8);  // the checksum counts its own field as spaces
    unsigned sum = 0;
    for (std::size_t i = 0; i < kTarBlock; ++i) sum += header[i];
    char field[8];
    std::snprintf(field, sizeof field, "%06o", sum & 0777777u);
    std::memcpy(header + 148, field, 7);  // six digits and a NUL, then the space left above
  }
}

}  // namespace mydocker::fuzz

extern "C" std::size_t LLVMFuzzerCustomMutator(std::uint8_t* data, std::size_t size,
                                               std::size_t max_size, unsigned int /*seed*/) {
  size = LLVMFuzzerMutate(data, size, max_size);
  mydocker::fuzz::fix_tar_checksums(data, size);
  return size;
}

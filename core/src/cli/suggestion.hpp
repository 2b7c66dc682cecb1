// "Did you mean …?": the known word closest to a typo, by edit distance.
#pragma once

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace mydocker {

// Edits (insert, delete, replace, swap two neighbours) that turn `a` into `b`: "rnu" is one
// swap from "run", so it is suggested before "rmi".
std::size_t edit_distance(const std::string& a, const std::string& b);

// The candidate closest to `typed`, if close enough to be what was meant (at most 2 edits,
// and fewer than half of the typed word); ties go to the earlier candidate.
std::optional<std::string> closest_match(const std::string& typed,
                                         const std::vector<std::string>& candidates);

}  // namespace mydocker

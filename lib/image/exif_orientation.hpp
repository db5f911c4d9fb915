// exif_orientation: reads the EXIF Orientation tag (0x0112) from an EXIF block, bounds-checking every byte.
#pragma once

#include <optional>
#include <span>
#include <string>
#include <vector>

namespace bmx::image {

// exif: a TIFF-structured block ("II*\0" or "MM\0*"), optionally preceded by "Exif\0\0" as in
// a JPEG APP1 segment or some WebP EXIF chunks. Answers the tag's raw value (1-8 when valid),
// or nullopt when there is no tag or the block is malformed: a bad EXIF block is no reason to
// refuse a photo, it is shown as stored.
std::optional<int> exif_orientation(std::span<const unsigned char> exif);

// The orientation to apply for a tag as read: 1 (as stored) when there is none; a value outside
// 1-8 is ignored with a warning.
int usable_orientation(const std::optional<int>& tag, std::vector<std::string>& warnings);

// True for the orientations that swap width and height (5-8: transposed or rotated 90 degrees).
bool orientation_swaps_axes(int orientation);

}  // namespace bmx::image

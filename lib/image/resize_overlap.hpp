// ResizeOverlap: whether one thumbnail may use a second thread for its resize.
#pragma once

namespace bmx::image {

// helper_thread resizes the top of a large JPEG while its bottom is still decoding: faster
// when a core is idle (one file at a time), a few percent more total work, so a pool that
// already keeps every core busy asks for same_thread.
enum class ResizeOverlap { helper_thread, same_thread };

}  // namespace bmx::image

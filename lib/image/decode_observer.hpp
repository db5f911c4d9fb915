// DecodeObserver: lets work on the top of an image start while the decoder is still on the bottom.
#pragma once

#include "image/pixels.hpp"

namespace bmx::image {

class DecodeObserver {
public:
    virtual ~DecodeObserver() = default;
    // The output buffer exists; no row is final yet. The pixel memory stays where it is
    // until the decoded image is destroyed, though the Pixels object itself may move.
    virtual void begin(const Pixels& image) = 0;
    // Rows [0, rows) are final and will not be written again.
    virtual void rows_ready(int rows) = 0;
    // The decode failed and its buffer is about to be freed: stop reading it before returning.
    virtual void abandon() = 0;
};

}  // namespace bmx::image

// A one-line progress bar on stderr for uploads: files done, bytes sent, rate. Terminal only.
#pragma once

#include "upload/pipeline.hpp"

namespace bmx::cli {

class ProgressBar {
public:
    explicit ProgressBar(bool enabled) : enabled_(enabled) {}
    void draw(const upload::Progress& progress);
    // Erases the bar so a line can be printed; the next draw puts it back.
    void clear();

private:
    bool enabled_;
    bool shown_ = false;
};

}  // namespace bmx::cli

// BandResizer: resizes an image band by band on a helper thread while its decoder is still
// producing rows, so a single thumbnail uses two cores.
#pragma once

#include <condition_variable>
#include <mutex>
#include <thread>

#include "image/decode_observer.hpp"
#include "image/pixels.hpp"

namespace bmx::image {

class BandResizer : public DecodeObserver {
public:
    explicit BandResizer(Size target);
    // Stops the helper (if the decode failed, it is still waiting for rows) and joins it.
    ~BandResizer() override;

    BandResizer(const BandResizer&) = delete;
    BandResizer& operator=(const BandResizer&) = delete;

    void begin(const Pixels& source) override;
    void rows_ready(int rows) override;
    void abandon() override;

    // After a successful decode: waits for the last band and hands over the result. If the
    // helper thread could not be started, the resize runs here instead.
    Pixels finish();

private:
    void resize_bands();
    bool wait_for_rows(int rows);
    void stop();

    // A non-owning alias of the decoder's buffer: the decoder's Pixels object moves when
    // the decode returns, its memory does not.
    Pixels source_;
    Pixels target_;
    std::mutex mutex_;
    std::condition_variable rows_changed_;
    int rows_ready_ = 0;
    bool cancelled_ = false;
    std::thread helper_;
};

}  // namespace bmx::image

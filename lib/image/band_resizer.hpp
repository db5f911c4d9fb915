// BandResizer: resizes an image band by band on a helper thread while its decoder is still
// producing rows, so a single thumbnail uses two cores.
#pragma once

#include <condition_variable>
#include <mutex>
#include <optional>
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

    // After a successful decode: resizes the bands the helper has not reached (sharing the
    // tail with it), waits for it, and hands over the result. Without a helper thread (none
    // could be started) the whole resize runs here.
    Pixels finish();

private:
    struct Band {
        int first = 0;
        int end = 0;
    };
    std::optional<Band> claim_band();
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
    int rows_wanted_ = 0;  // what the helper waits for: the decoder wakes it only then
    int next_band_ = 0;    // first output row nobody has claimed yet
    bool cancelled_ = false;
    std::thread helper_;
};

}  // namespace bmx::image

// Decodes JPEG through libjpeg-turbo's scanline API rather than TurboJPEG's one-shot
// tjDecompress2: rows come out in bands, so the resize can run on another core while the
// entropy decoder (most of the time for a camera photo) is still working.
//
// libjpeg reports errors by longjmp. Every call into it happens inside guarded(), whose
// frame holds the setjmp, and the lambdas run there create no object with a destructor,
// so a longjmp never skips one.
#include "image/jpeg_decode.hpp"

#include <algorithm>
#include <csetjmp>
#include <cstdio>
#include <cstring>
#include <string>

#include <fmt/format.h>

// jpeglib.h needs FILE and size_t declared first.
#include <jpeglib.h>
#include <jerror.h>

namespace bmx::image {
namespace {

constexpr int rows_per_read = 16;
constexpr int rows_per_notification = 4;

struct ErrorManager {
    jpeg_error_mgr pub;  // first, so libjpeg's jpeg_error_mgr* is also an ErrorManager*
    std::jmp_buf jump;
    char message[JMSG_LENGTH_MAX];
    char first_warning[JMSG_LENGTH_MAX];
    bool truncated;
    bool out_of_memory;
    bool all_rows_read;
    bool missing_end_marker;
    int harmless_warnings;
    bool cancelled;
    int scan_limit_hit;  // the limit passed, or 0
};

// libjpeg calls the monitor once per row group while decoding and once per iMCU row while it
// reads the scans of a multi-scan image, so both checks are seen within milliseconds.
struct ProgressManager {
    jpeg_progress_mgr pub;  // first, so libjpeg's jpeg_progress_mgr* is also a ProgressManager*
    const CancelToken* cancel;
    int max_scans;
};

// Warnings about metadata or stray bytes: the pixels are still right.
bool is_harmless(int code) {
    return code == JWRN_EXTRANEOUS_DATA || code == JWRN_JFIF_MAJOR || code == JWRN_ADOBE_XFORM ||
           code == JWRN_BOGUS_ICC;
}

[[noreturn]] void on_error(j_common_ptr info) {
    auto* error = reinterpret_cast<ErrorManager*>(info->err);
    error->out_of_memory = info->err->msg_code == JERR_OUT_OF_MEMORY;
    (*info->err->format_message)(info, error->message);
    std::longjmp(error->jump, 1);
}

// Warnings about corrupt or missing data end the decode like errors: libjpeg would fill
// the rest of the image with grey and report success.
void on_message(j_common_ptr info, int level) {
    if (level >= 0) return;  // trace output
    auto* error = reinterpret_cast<ErrorManager*>(info->err);
    const int code = info->err->msg_code;
    if (code == JWRN_JPEG_EOF && error->all_rows_read) {
        error->missing_end_marker = true;  // every pixel is there; only the EOI marker is missing
        return;
    }
    if (is_harmless(code)) {
        if (error->harmless_warnings++ == 0) (*info->err->format_message)(info, error->first_warning);
        return;
    }
    error->truncated = code == JWRN_JPEG_EOF;
    (*info->err->format_message)(info, error->message);
    std::longjmp(error->jump, 1);
}

// Ends the decode the way an error does (a longjmp to guarded()), with the reason in the error manager.
void on_progress(j_common_ptr info) {
    auto* progress = reinterpret_cast<ProgressManager*>(info->progress);
    auto* error = reinterpret_cast<ErrorManager*>(info->err);
    if (progress->cancel->cancelled()) {
        error->cancelled = true;
        std::longjmp(error->jump, 1);
    }
    if (!info->is_decompressor) return;
    const auto* decompress = reinterpret_cast<j_decompress_ptr>(info);
    if (decompress->input_scan_number > progress->max_scans) {
        error->scan_limit_hit = progress->max_scans;
        std::longjmp(error->jump, 1);
    }
}

template <class Body>
bool guarded(ErrorManager& error, Body&& body) {
    if (setjmp(error.jump) != 0) return false;
    body();
    return true;
}

struct Decompressor {
    jpeg_decompress_struct info;
    ErrorManager error;
    ProgressManager progress;
    bool created = false;

    Decompressor() {
        std::memset(&info, 0, sizeof info);
        std::memset(&error, 0, sizeof error);
        std::memset(&progress, 0, sizeof progress);
    }
    ~Decompressor() {
        if (created) jpeg_destroy_decompress(&info);
    }
    Decompressor(const Decompressor&) = delete;
    Decompressor& operator=(const Decompressor&) = delete;
};

std::string lowercase_first(std::string text) {
    if (!text.empty() && text[0] >= 'A' && text[0] <= 'Z' && (text.size() < 2 || text[1] < 'A' || text[1] > 'Z'))
        text[0] = static_cast<char>(text[0] - 'A' + 'a');
    return text;
}

Error decode_error(const ErrorManager& error) {
    if (error.cancelled) return make_error(Stage::cancelled, "cancelled while decoding");
    if (error.scan_limit_hit > 0)
        return make_error(Stage::limits, fmt::format("progressive JPEG has more than {} scans (encoders write about 10, "
                                                     "and each is a pass over the whole image); raise the limit with "
                                                     "--max-jpeg-scans to decode it",
                                                     error.scan_limit_hit));
    if (error.truncated) return make_error(Stage::decode, "truncated JPEG: data ends early");
    if (error.out_of_memory) return make_error(Stage::decode, "not enough memory to decode this JPEG");
    std::string message = error.message;
    constexpr std::string_view corrupt_prefix = "Corrupt JPEG data: ";
    if (message.starts_with(corrupt_prefix)) message.erase(0, corrupt_prefix.size());
    return make_error(Stage::decode, "corrupt JPEG: " + lowercase_first(message));
}

bool is_cmyk(J_COLOR_SPACE space) { return space == JCS_CMYK || space == JCS_YCCK; }

// Same arithmetic as Pillow's CMYK to RGB, so thumbnails match the server's. Photoshop
// (the Adobe marker) stores CMYK inverted: 255 means no ink.
void cmyk_row_to_rgb(const unsigned char* cmyk, unsigned char* rgb, int width, bool inverted) {
    for (int x = 0; x < width; ++x, cmyk += 4, rgb += 3) {
        const int k = inverted ? cmyk[3] : 255 - cmyk[3];
        for (int c = 0; c < 3; ++c) {
            const int ink = inverted ? 255 - cmyk[c] : cmyk[c];
            const int value = k - (ink * k + 127) / 255;
            rgb[c] = static_cast<unsigned char>(std::clamp(value, 0, 255));
        }
    }
}

// Tells the observer to stop reading the output buffer on every way out of the decode but
// success (error returns and exceptions alike), before the buffer is freed.
class AbandonUnlessDone {
public:
    explicit AbandonUnlessDone(DecodeObserver* observer) : observer_(observer) {}
    ~AbandonUnlessDone() {
        if (observer_) observer_->abandon();
    }
    AbandonUnlessDone(const AbandonUnlessDone&) = delete;
    AbandonUnlessDone& operator=(const AbandonUnlessDone&) = delete;
    void done() { observer_ = nullptr; }

private:
    DecodeObserver* observer_;
};

}  // namespace

Result<DecodedImage> decode_jpeg(std::span<const unsigned char> bytes, ScaleFactor scale, const DecodeControl& control,
                                 DecodeObserver* observer) {
    Decompressor jpeg;
    jpeg.info.err = jpeg_std_error(&jpeg.error.pub);
    jpeg.error.pub.error_exit = on_error;
    jpeg.error.pub.emit_message = on_message;
    jpeg.progress.pub.progress_monitor = on_progress;
    jpeg.progress.cancel = &control.cancel;
    jpeg.progress.max_scans = control.max_jpeg_scans;

    bool cmyk = false;
    const bool header_read = guarded(jpeg.error, [&] {
        jpeg_create_decompress(&jpeg.info);
        jpeg.created = true;
        jpeg.info.progress = &jpeg.progress.pub;  // after create, which clears the struct
        jpeg_mem_src(&jpeg.info, bytes.data(), static_cast<unsigned long>(bytes.size()));
        jpeg_read_header(&jpeg.info, TRUE);
        cmyk = is_cmyk(jpeg.info.jpeg_color_space);
        jpeg.info.out_color_space = cmyk ? JCS_CMYK : JCS_EXT_RGB;
        jpeg.info.scale_num = static_cast<unsigned int>(scale.numerator);
        jpeg.info.scale_denom = ScaleFactor::denominator;
        jpeg_calc_output_dimensions(&jpeg.info);
    });
    if (!header_read) return decode_error(jpeg.error);

    const int width = static_cast<int>(jpeg.info.output_width);
    const int height = static_cast<int>(jpeg.info.output_height);
    DecodedImage image{Pixels::allocate(width, height, 3), {}};
    // CMYK rows land in a scratch band first; RGB rows go straight into the image.
    Pixels cmyk_band = cmyk ? Pixels::allocate(width, rows_per_read, 4) : Pixels{};
    const bool inverted = jpeg.info.saw_Adobe_marker != 0;
    if (observer) observer->begin(image.pixels);
    AbandonUnlessDone abandon_on_failure(observer);  // declared after `image`, so it runs first

    const bool decoded = guarded(jpeg.error, [&] {
        jpeg_start_decompress(&jpeg.info);
        int notified = 0;
        while (jpeg.info.output_scanline < jpeg.info.output_height) {
            const int first = static_cast<int>(jpeg.info.output_scanline);
            const int wanted = std::min(rows_per_read, height - first);
            JSAMPROW rows[rows_per_read];
            for (int i = 0; i < wanted; ++i) rows[i] = cmyk ? cmyk_band.row(i) : image.pixels.row(first + i);
            const int got = static_cast<int>(jpeg_read_scanlines(&jpeg.info, rows, static_cast<JDIMENSION>(wanted)));
            if (cmyk)
                for (int i = 0; i < got; ++i) cmyk_row_to_rgb(cmyk_band.row(i), image.pixels.row(first + i), width, inverted);
            const int done = first + got;
            if (observer && (done - notified >= rows_per_notification || done == height)) {
                observer->rows_ready(done);
                notified = done;
            }
        }
        jpeg.error.all_rows_read = true;
        jpeg_finish_decompress(&jpeg.info);
    });
    if (!decoded) return decode_error(jpeg.error);

    if (jpeg.error.missing_end_marker) image.warnings.push_back("JPEG has no end marker (EOI); every pixel was decoded");
    if (jpeg.error.harmless_warnings > 0)
        image.warnings.push_back("JPEG decoder warning: " + lowercase_first(jpeg.error.first_warning));
    abandon_on_failure.done();
    return image;
}

}  // namespace bmx::image

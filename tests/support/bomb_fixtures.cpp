// Streams PNGs through zlib and JPEGs through libjpeg with a hand-made scan script.
#include "support/bomb_fixtures.hpp"

#include <array>
#include <cstdio>
#include <cstring>
#include <sstream>
#include <stdexcept>
#include <string>
#include <utility>
#include <vector>

#include <jpeglib.h>
#include <zlib.h>

namespace bmx::testing {
namespace {

void be32_into(Bytes& out, std::uint32_t value) {
    for (int shift = 24; shift >= 0; shift -= 8) out.push_back(static_cast<unsigned char>(value >> shift));
}

void write_chunk(std::ostream& out, const char* type, const unsigned char* data, std::size_t length) {
    Bytes head;
    be32_into(head, static_cast<std::uint32_t>(length));
    head.insert(head.end(), type, type + 4);
    uLong crc = ::crc32(0, reinterpret_cast<const Bytef*>(type), 4);
    if (length > 0) crc = ::crc32(crc, data, static_cast<uInt>(length));
    Bytes tail;
    be32_into(tail, static_cast<std::uint32_t>(crc));
    out.write(reinterpret_cast<const char*>(head.data()), static_cast<std::streamsize>(head.size()));
    if (length > 0) out.write(reinterpret_cast<const char*>(data), static_cast<std::streamsize>(length));
    out.write(reinterpret_cast<const char*>(tail.data()), static_cast<std::streamsize>(tail.size()));
}

void write_signature_and_ihdr(std::ostream& out, const PngSpec& spec) {
    static constexpr unsigned char signature[] = {0x89, 'P', 'N', 'G', '\r', '\n', 0x1A, '\n'};
    out.write(reinterpret_cast<const char*>(signature), sizeof signature);
    Bytes ihdr;
    be32_into(ihdr, spec.width);
    be32_into(ihdr, spec.height);
    ihdr.push_back(static_cast<unsigned char>(spec.bit_depth));
    ihdr.push_back(static_cast<unsigned char>(spec.colour_type));
    ihdr.push_back(0);
    ihdr.push_back(0);
    ihdr.push_back(spec.interlaced ? 1 : 0);
    write_chunk(out, "IHDR", ihdr.data(), ihdr.size());
}

// Deflates what it is given into IDAT chunks of up to 1 MiB as the output fills.
class IdatWriter {
public:
    IdatWriter(std::ostream& out, int level) : out_(out), buffer_(1 << 20) {
        if (deflateInit(&stream_, level) != Z_OK) throw std::runtime_error("deflateInit failed");
    }
    ~IdatWriter() { deflateEnd(&stream_); }
    IdatWriter(const IdatWriter&) = delete;
    IdatWriter& operator=(const IdatWriter&) = delete;

    void add(const unsigned char* data, std::size_t length) { run(data, length, Z_NO_FLUSH); }
    void finish() { run(nullptr, 0, Z_FINISH); }

private:
    void run(const unsigned char* data, std::size_t length, int flush) {
        stream_.next_in = const_cast<Bytef*>(data);
        stream_.avail_in = static_cast<uInt>(length);
        for (;;) {
            stream_.next_out = buffer_.data() + used_;
            stream_.avail_out = static_cast<uInt>(buffer_.size() - used_);
            const int status = deflate(&stream_, flush);
            used_ = buffer_.size() - stream_.avail_out;
            if (used_ == buffer_.size()) emit();
            if (status == Z_STREAM_END) {
                emit();
                return;
            }
            if (flush == Z_NO_FLUSH && stream_.avail_in == 0 && stream_.avail_out != 0) return;
        }
    }
    void emit() {
        if (used_ > 0) write_chunk(out_, "IDAT", buffer_.data(), used_);
        used_ = 0;
    }

    std::ostream& out_;
    z_stream stream_{};
    std::vector<unsigned char> buffer_;
    std::size_t used_ = 0;
};

int channels_of(int colour_type) {
    switch (colour_type) {
        case 2: return 3;
        case 4: return 2;
        case 6: return 4;
        default: return 1;
    }
}

// One filtered row (filter 0) of the pixels x0, x0 + dx, ... on row y.
void add_row(IdatWriter& idat, const PngSpec& spec, const SampleAt& sample, std::uint32_t y, std::uint32_t x0,
             std::uint32_t dx, std::vector<unsigned char>& row) {
    const int channels = channels_of(spec.colour_type);
    row.clear();
    row.push_back(0);
    for (std::uint32_t x = x0; x < spec.width; x += dx)
        for (int c = 0; c < channels; ++c) {
            const unsigned value = sample(x, y, c);
            row.push_back(static_cast<unsigned char>(value >> 8));
            if (spec.bit_depth == 16) row.push_back(static_cast<unsigned char>(value & 0xFF));
        }
    idat.add(row.data(), row.size());
}

// Entropy-coded bits, most significant first, with a zero byte stuffed after each 0xFF.
class BitWriter {
public:
    explicit BitWriter(Bytes& out) : out_(out) {}
    void put(std::uint32_t bits, int count) {
        for (int i = count - 1; i >= 0; --i) {
            current_ = static_cast<unsigned char>(current_ << 1 | ((bits >> i) & 1u));
            if (++filled_ == 8) flush_byte();
        }
    }
    // Pads the last byte with one bits, as the standard asks.
    void finish() {
        while (filled_ != 0) put(1, 1);
    }

private:
    void flush_byte() {
        out_.push_back(current_);
        if (current_ == 0xFF) out_.push_back(0x00);
        current_ = 0;
        filled_ = 0;
    }
    Bytes& out_;
    unsigned char current_ = 0;
    int filled_ = 0;
};

void put_marker_segment(Bytes& out, unsigned char marker, const Bytes& payload) {
    out.push_back(0xFF);
    out.push_back(marker);
    const std::size_t length = payload.size() + 2;
    out.push_back(static_cast<unsigned char>(length >> 8));
    out.push_back(static_cast<unsigned char>(length & 0xFF));
    out.insert(out.end(), payload.begin(), payload.end());
}

void put_scan_header(Bytes& out, int ss, int se, int ah, int al) {
    put_marker_segment(out, 0xDA, {1, 1, 0x00, static_cast<unsigned char>(ss), static_cast<unsigned char>(se),
                                   static_cast<unsigned char>(ah << 4 | al)});
}

// A run of `blocks` empty bands as EOBn symbols: symbol n << 4 (code n, 4 bits) then n zero
// bits means a run of 2^n, so the run is spelled by its binary digits.
void put_eob_runs(BitWriter& bits, std::uint64_t blocks) {
    while (blocks >= (1u << 14)) {
        bits.put(14, 4);
        bits.put(0, 14);
        blocks -= 1u << 14;
    }
    for (int n = 13; n >= 0; --n)
        if (blocks & (1u << n)) {
            bits.put(static_cast<std::uint32_t>(n), 4);
            bits.put(0, n);
        }
}

}  // namespace

Bytes eob_scan_jpeg(std::uint16_t width, std::uint16_t height) {
    width = static_cast<std::uint16_t>(width / 8 * 8);
    height = static_cast<std::uint16_t>(height / 8 * 8);
    const std::uint64_t blocks = static_cast<std::uint64_t>(width / 8) * (height / 8);
    Bytes out{0xFF, 0xD8};
    Bytes quant{0x00};
    quant.insert(quant.end(), 64, 1);
    put_marker_segment(out, 0xDB, quant);
    put_marker_segment(out, 0xC2, {8, static_cast<unsigned char>(height >> 8), static_cast<unsigned char>(height & 0xFF),
                                   static_cast<unsigned char>(width >> 8), static_cast<unsigned char>(width & 0xFF), 1, 1,
                                   0x11, 0});
    // DC table 0: the one symbol "category 0" as code 0. AC table 0: EOB0..EOB14 as the 4-bit
    // codes 0..14 (15 codes of 4 bits; the all-ones code stays unused, as the standard asks).
    Bytes dc_table{0x00, 1};
    dc_table.insert(dc_table.end(), 15, 0);
    dc_table.push_back(0x00);
    put_marker_segment(out, 0xC4, dc_table);
    Bytes ac_table{0x10, 0, 0, 0, 15};
    ac_table.insert(ac_table.end(), 12, 0);
    for (int n = 0; n <= 14; ++n) ac_table.push_back(static_cast<unsigned char>(n << 4));
    put_marker_segment(out, 0xC4, ac_table);

    // Successive approximation: the first scan of a band sends bits 13 and up (Al 13), each
    // refinement one bit lower (Ah a, Al a - 1), down to bit 0.
    constexpr int top_bit = 13;
    std::vector<std::pair<int, int>> passes{{0, top_bit}};
    for (int ah = top_bit; ah > 0; --ah) passes.emplace_back(ah, ah - 1);
    // DC: one code bit per block in the first scan, one correction bit per block after.
    for (const auto& [ah, al] : passes) {
        put_scan_header(out, 0, 0, ah, al);
        BitWriter bits(out);
        for (std::uint64_t b = 0; b < blocks; ++b) bits.put(0, 1);
        bits.finish();
    }
    for (int k = 1; k < 64; ++k)
        for (const auto& [ah, al] : passes) {
            put_scan_header(out, k, k, ah, al);
            BitWriter bits(out);
            put_eob_runs(bits, blocks);
            bits.finish();
        }
    out.push_back(0xFF);
    out.push_back(0xD9);
    return out;
}

void write_png(std::ostream& out, const PngSpec& spec, const SampleAt& sample) {
    write_signature_and_ihdr(out, spec);
    {
        IdatWriter idat(out, 1);
        std::vector<unsigned char> row;
        if (!spec.interlaced) {
            for (std::uint32_t y = 0; y < spec.height; ++y) add_row(idat, spec, sample, y, 0, 1, row);
        } else {
            static constexpr std::array<std::array<std::uint32_t, 4>, 7> passes{
                {{0, 0, 8, 8}, {4, 0, 8, 8}, {0, 4, 4, 8}, {2, 0, 4, 4}, {0, 2, 2, 4}, {1, 0, 2, 2}, {0, 1, 1, 2}}};
            for (const auto& [x0, y0, dx, dy] : passes) {
                if (x0 >= spec.width) continue;  // an empty pass has no rows, not even filter bytes
                for (std::uint32_t y = y0; y < spec.height; y += dy) add_row(idat, spec, sample, y, x0, dx, row);
            }
        }
        idat.finish();
    }
    write_chunk(out, "IEND", nullptr, 0);
}

Bytes build_png(const PngSpec& spec, const SampleAt& sample) {
    std::ostringstream out;
    write_png(out, spec, sample);
    const std::string text = out.str();
    return Bytes(text.begin(), text.end());
}

Bytes png_inflate_bomb(std::uint32_t width, std::uint32_t height, std::uint64_t inflated) {
    std::ostringstream out;
    write_signature_and_ihdr(out, PngSpec{width, height, 8, 2, false});
    {
        IdatWriter idat(out, 9);
        const std::vector<unsigned char> zeros(1 << 20, 0);
        for (std::uint64_t left = inflated; left > 0;) {
            const std::size_t step = static_cast<std::size_t>(std::min<std::uint64_t>(left, zeros.size()));
            idat.add(zeros.data(), step);
            left -= step;
        }
        idat.finish();
    }
    write_chunk(out, "IEND", nullptr, 0);
    const std::string text = out.str();
    return Bytes(text.begin(), text.end());
}

int many_scan_count(int al) { return 1 + al + 3 * 63 * (1 + al); }

Bytes encode_many_scan_jpeg(const TestImage& image, int al) {
    if (image.channels != 3) throw std::invalid_argument("encode_many_scan_jpeg takes RGB");
    std::vector<jpeg_scan_info> script;
    auto add = [&](int components, int first_component, int ss, int se, int ah, int al_) {
        jpeg_scan_info scan{};
        scan.comps_in_scan = components;
        for (int c = 0; c < components; ++c) scan.component_index[c] = first_component + c;
        scan.Ss = ss;
        scan.Se = se;
        scan.Ah = ah;
        scan.Al = al_;
        script.push_back(scan);
    };
    add(3, 0, 0, 0, 0, al);
    for (int bit = al; bit > 0; --bit) add(3, 0, 0, 0, bit, bit - 1);
    for (int c = 0; c < 3; ++c)
        for (int k = 1; k < 64; ++k) {
            add(1, c, k, k, 0, al);
            for (int bit = al; bit > 0; --bit) add(1, c, k, k, bit, bit - 1);
        }

    jpeg_compress_struct info;
    jpeg_error_mgr error;
    info.err = jpeg_std_error(&error);  // errors exit: a test fixture with a bad script is a bug
    jpeg_create_compress(&info);
    unsigned char* out = nullptr;
    unsigned long size = 0;
    jpeg_mem_dest(&info, &out, &size);
    info.image_width = static_cast<JDIMENSION>(image.width);
    info.image_height = static_cast<JDIMENSION>(image.height);
    info.input_components = 3;
    info.in_color_space = JCS_RGB;
    jpeg_set_defaults(&info);
    jpeg_set_quality(&info, 95, TRUE);
    info.scan_info = script.data();
    info.num_scans = static_cast<int>(script.size());
    jpeg_start_compress(&info, TRUE);
    while (info.next_scanline < info.image_height) {
        JSAMPROW row = const_cast<JSAMPROW>(image.pixels.data() + static_cast<std::size_t>(info.next_scanline) * image.width * 3);
        jpeg_write_scanlines(&info, &row, 1);
    }
    jpeg_finish_compress(&info);
    jpeg_destroy_compress(&info);
    Bytes jpeg(out, out + size);
    std::free(out);
    return jpeg;
}

}  // namespace bmx::testing

// The worker half of an upload: read, hash, check and thumbnail one file, off the transfer loop.
#pragma once

#include <filesystem>
#include <functional>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "core/error.hpp"
#include "core/ordered_budget.hpp"
#include "image/decode_control.hpp"
#include "upload/file_status.hpp"
#include "upload/held_content.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

struct HashedFile {
    std::size_t index = 0;
    std::string sha256;  // empty when the file could not be read
};

// What a worker says about a file before it is done with it, to the loop.
struct PrepareHooks {
    // The content hash is known (before decoding, so copies resolve early).
    std::function<void(HashedFile)> on_hashed;
};

struct PreparedFile {
    std::size_t index = 0;
    std::filesystem::path file;
    std::optional<Error> error;  // set when the file failed locally and must not be uploaded
    std::string file_sha256;  // the file as read
    std::string sha256;       // the bytes to send: the file's, or the fitted copy's
    long long bytes = 0;      // likewise
    std::string upload_filename;  // the name the server sees (<stem>.jpg for a fitted copy)
    std::size_t request_bytes = 0;  // the multipart body this file makes
    std::optional<FittedCopy> fitted;
    // The upload record says the book holds this content already: nothing was decoded, nothing is sent.
    std::optional<RecordedImage> already_held;
    // The bytes read, hashed and checked: the ones uploaded. Its memory budget share is given
    // back when the last holder (the prepared file, a request in flight) lets go of it.
    std::shared_ptr<const std::string> original;
    std::string format;        // "jpeg", "png", ...
    std::string content_type;  // "image/jpeg", ...
    std::string thumbnail_jpeg;
    int thumbnail_width = 0;
    int thumbnail_height = 0;
    std::string thumbnail_path;  // with --thumb-dir
    std::vector<std::string> warnings;
};

// Runs on a worker. Waits for the file's turn in the memory budget, then reads it. Calls
// hooks.on_hashed as soon as the content hash is known (before decoding), so the loop can settle
// in-batch duplicates in input order without waiting for slow decodes. thumbnail_out is where
// --thumb-dir's copy goes (planned for the whole batch beforehand), or nullopt. decode is the
// batch's shared decode budget, its Ctrl-C and its JPEG scan limit. After hashing it asks held
// whether the book holds the content already (and then stops there). A file whose request is over
// options.limit fails with stage limits, or with options.fit is re-encoded to fit.
PreparedFile prepare_file(std::size_t index, const std::filesystem::path& file, const UploadOptions& options,
                          const std::optional<std::filesystem::path>& thumbnail_out, OrderedBudget& budget,
                          const image::DecodeControl& decode, HeldContent& held, const PrepareHooks& hooks);

// Largest file the pipeline reads; larger ones fail with stage "read" before any upload.
inline constexpr std::size_t max_upload_file_bytes = 512u * 1024u * 1024u;

}  // namespace bmx::upload

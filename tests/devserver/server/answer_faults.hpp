// The scripted answers that break the API's contract on purpose: refused image POSTs, bogus upload answers, reorder answers.
#pragma once

#include "catalog.hpp"
#include "devserver_options.hpp"

#include <httplib.h>
#include <nlohmann/json.hpp>

#include <optional>
#include <string>
#include <vector>

namespace bmx::devserver {

// --refuse-images-after: STATUS with the detail the real server gives it.
void reply_image_refusal(httplib::Response& response, int status);

// The --bogus-upload mode for a file part named `filename`, if one was given.
std::optional<BogusUploadMode> bogus_mode_for(const DevserverOptions& options, const std::string& filename);

// Answers 201 with `answer` (the proper ImageUploadResponse for `image`) broken as `mode` says.
void reply_bogus_upload(httplib::Response& response, BogusUploadMode mode, nlohmann::json answer,
                        const Catalog& catalog, const StoredImage& image);

// --reorder-answer: the answer to a reorder of `image_ids` that was applied.
void reply_reordered(httplib::Response& response, ReorderAnswer mode, const std::vector<int>& image_ids);

}  // namespace bmx::devserver

// The scripted answers that break the API's contract on purpose: refused image POSTs, bogus upload answers, reorder answers.
#include "answer_faults.hpp"

#include "json_reply.hpp"

#include <algorithm>
#include <utility>

namespace bmx::devserver {

namespace {

// The id of the book's image stored just before `image` (ids grow with insertion), else its id - 1.
int id_stored_before(const Catalog& catalog, const StoredImage& image) {
  int before = image.id - 1;
  bool found = false;
  const auto images = catalog.images_of(image.book_id);
  if (!images) return before;
  for (const StoredImage& other : *images) {
    if (other.id >= image.id) continue;
    before = found ? std::max(before, other.id) : other.id;
    found = true;
  }
  return before;
}

}  // namespace

void reply_image_refusal(httplib::Response& response, int status) {
  switch (status) {
    case 401:
      return reply_detail(response, 401, "Authentication required");
    case 403:
      return reply_detail(response, 403, "Not enough permissions");
    default:
      return reply_detail(response, 404, "Book not found");
  }
}

std::optional<BogusUploadMode> bogus_mode_for(const DevserverOptions& options, const std::string& filename) {
  for (const BogusUpload& bogus : options.bogus_uploads) {
    if (bogus.filename == filename) return bogus.mode;
  }
  return std::nullopt;
}

void reply_bogus_upload(httplib::Response& response, BogusUploadMode mode, nlohmann::json answer,
                        const Catalog& catalog, const StoredImage& image) {
  switch (mode) {
    case BogusUploadMode::not_json:
      response.status = 201;
      response.set_content("<html>upstream hiccup</html>", "text/html");
      return;
    case BogusUploadMode::no_id:
      answer.erase("id");
      break;
    case BogusUploadMode::zero_id:
      answer["id"] = 0;
      break;
    case BogusUploadMode::string_id:
      answer["id"] = std::to_string(image.id);
      break;
    case BogusUploadMode::repeat_id:
      answer["id"] = id_stored_before(catalog, image);
      break;
    case BogusUploadMode::wrong_types:
      answer["is_primary"] = "yes";
      answer["duplicate"] = "no";
      break;
    case BogusUploadMode::array:
      answer = nlohmann::json::array({1});
      break;
  }
  reply_json(response, 201, answer);
}

void reply_reordered(httplib::Response& response, ReorderAnswer mode, const std::vector<int>& image_ids) {
  switch (mode) {
    case ReorderAnswer::normal:
      return reply_json(response, 200, {{"message", "Images reordered successfully"}, {"order", image_ids}});
    case ReorderAnswer::wrong_order: {
      std::vector<int> answered;
      if (image_ids.size() >= 2) {
        answered = image_ids;
        std::swap(answered[0], answered[1]);
      }
      return reply_json(response, 200, {{"message", "Images reordered successfully"}, {"order", answered}});
    }
    case ReorderAnswer::not_json:
      response.status = 200;
      response.set_content("ok", "text/plain");
      return;
  }
}

}  // namespace bmx::devserver

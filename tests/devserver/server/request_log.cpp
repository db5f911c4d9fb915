// Every request the dev server received, in arrival order, so tests can assert what a client actually sent.
#include "request_log.hpp"

#include "form_filename.hpp"
#include "request_params.hpp"
#include "sha256_hex.hpp"

#include <algorithm>
#include <array>
#include <cctype>
#include <regex>
#include <string_view>

namespace bmx::devserver {

namespace {

// httplib files the peer's and our own address under these names in the header
// map; they were never sent by the client, so they stay out of the log.
constexpr std::array<std::string_view, 4> synthetic_headers{"REMOTE_ADDR", "REMOTE_PORT",
                                                            "LOCAL_ADDR", "LOCAL_PORT"};

std::string lower_case(std::string text) {
  std::transform(text.begin(), text.end(), text.begin(),
                 [](unsigned char c) { return static_cast<char>(std::tolower(c)); });
  return text;
}

bool is_synthetic_header(const std::string& name) {
  return std::find(synthetic_headers.begin(), synthetic_headers.end(), name) !=
         synthetic_headers.end();
}

nlohmann::json received_headers(const httplib::Headers& headers) {
  nlohmann::json by_name = nlohmann::json::object();
  for (const auto& [name, value] : headers) {
    if (is_synthetic_header(name)) continue;
    const std::string key = lower_case(name);
    // A repeated header keeps every value, joined the way HTTP folds them.
    if (by_name.contains(key)) {
      by_name[key] = by_name[key].get<std::string>() + ", " + value;
    } else {
      by_name[key] = value;
    }
  }
  return by_name;
}

std::string raw_query(const std::string& target) {
  const auto question = target.find('?');
  return question == std::string::npos ? std::string{} : target.substr(question + 1);
}

nlohmann::json multipart_parts(const httplib::Request& request) {
  nlohmann::json parts = nlohmann::json::array();
  for (const auto& [name, part] : request.files) {
    parts.push_back({{"name", part.name},
                     // As the server decodes it (Latin-1 when it is not UTF-8), so the log stays JSON.
                     {"filename", form_filename_text(part.filename)},
                     {"content_type", part.content_type},
                     {"size", part.content.size()},
                     {"sha256", sha256_hex(part.content)}});
  }
  return parts;
}

// A PUT's body (a reorder's ids, an analysis) as text, cut at body_log_limit bytes; bytes that
// are not UTF-8 become U+FFFD so the log stays valid JSON.
constexpr std::size_t body_log_limit = 4096;

nlohmann::json logged_body(const httplib::Request& request) {
  if (request.method != "PUT") return nullptr;
  const nlohmann::json raw = request.body.substr(0, body_log_limit);
  return nlohmann::json::parse(raw.dump(-1, ' ', false, nlohmann::json::error_handler_t::replace));
}

bool is_image_post(const nlohmann::json& entry) {
  static const std::regex image_collection{R"(/api/v1/books/\d+/images)"};
  return entry["method"] == "POST" &&
         std::regex_match(entry["path"].get<std::string>(), image_collection);
}

}  // namespace

RequestLog::Sequence RequestLog::begin(const httplib::Request& request) {
  nlohmann::json entry = {{"method", request.method},
                          {"path", request.path},
                          {"query", raw_query(request.target)},
                          {"headers", received_headers(request.headers)},
                          {"content_type", request.get_header_value("Content-Type")},
                          {"body_bytes", 0},
                          {"status", 0},  // 0 until the answer is known.
                          {"parts", nlohmann::json::array()},
                          {"body", nullptr}};
  std::lock_guard lock(mutex_);
  entries_.push_back(std::move(entry));
  return first_sequence_ + entries_.size() - 1;
}

void RequestLog::finish(Sequence sequence, const httplib::Request& request, int status) {
  // Hash the parts before taking the lock; uploads can be megabytes.
  nlohmann::json parts = multipart_parts(request);
  nlohmann::json body = logged_body(request);
  const std::size_t bytes = declared_body_bytes(request);

  std::lock_guard lock(mutex_);
  // A clear() since begin() dropped this entry; nothing left to complete.
  if (sequence < first_sequence_) return;
  nlohmann::json& entry = entries_.at(sequence - first_sequence_);
  entry["body_bytes"] = bytes;
  entry["status"] = status;
  entry["parts"] = std::move(parts);
  entry["body"] = std::move(body);
}

nlohmann::json RequestLog::entries() const {
  std::lock_guard lock(mutex_);
  return nlohmann::json(entries_);
}

nlohmann::json RequestLog::stats() const {
  std::lock_guard lock(mutex_);
  const auto image_posts = std::count_if(entries_.begin(), entries_.end(), is_image_post);
  return {{"requests", entries_.size()}, {"image_posts", image_posts}};
}

void RequestLog::clear() {
  std::lock_guard lock(mutex_);
  first_sequence_ += entries_.size();
  entries_.clear();
}

}  // namespace bmx::devserver

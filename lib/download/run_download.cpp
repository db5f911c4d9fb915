// The download batch: learn the book, then fetch, check, hash and place each image.
#include "download/run_download.hpp"

#include <exception>
#include <filesystem>
#include <memory>

#include <fmt/format.h>

#include "api/book_routes.hpp"
#include "api/http_error.hpp"
#include "core/cancel_token.hpp"
#include "core/file_read.hpp"
#include "core/sha256.hpp"
#include "core/worker_pool.hpp"
#include "download/file_naming.hpp"
#include "download/file_placement.hpp"
#include "download/image_body.hpp"
#include "http/request_driver.hpp"
#include "http/transfer_loop.hpp"
#include "http/url.hpp"
#include "request/build_request.hpp"
#include "upload/book_order.hpp"
#include "upload/upload_answer.hpp"

namespace bmx::download {

namespace download_batch {

// The status line reason ("Not Found"), for answers from an origin that is not the API's.
std::string reason_of(const http::HttpResponse& response) {
    const auto code = response.status_line.find(' ');
    const auto reason = code == std::string::npos ? std::string::npos : response.status_line.find(' ', code + 1);
    return reason == std::string::npos ? std::string{} : response.status_line.substr(reason + 1);
}

bool on_origin(const std::string& url, const std::string& api_origin) {
    auto origin = http::origin_of(url);
    return origin && origin->to_string() == api_origin;
}

class Batch {
public:
    Batch(const DownloadOptions& options, const env::ApiContext& context, const std::atomic<int>& interrupts,
          const DownloadEvents& events)
        : options_(options),
          context_(context),
          events_(events),
          cancel_(interrupts),
          loop_(options.parallel),
          outcome_context_{env::describe_key_for_401(context), {}, {}} {}

    DownloadReport run() {
        if (!context_.key.key) {
            report_.stopped_by = Error{Stage::key, fmt::format("no API key for the {} environment, so nothing was sent: "
                                                               "looked in {}",
                                                               context_.environment.name, context_.key.tried)};
            return std::move(report_);
        }
        auto request = api_request(api::book_images_path(options_.book_id));
        if (!request) {
            report_.stopped_by = request.take_error();
            return std::move(report_);
        }
        outcome_context_.api_origin = request->api_origin;
        http::drive(loop_, std::move(*request), drive_options(""), [this](http::Driven driven) { on_listing(std::move(driven)); });
        loop_.run([] { return false; }, [this] { on_tick(); });
        pool_.wait_idle();
        return std::move(report_);
    }

private:
    Result<http::HttpRequest> api_request(const std::string& path) const {
        auto request = request::base_request(http::Method::get, path, context_.environment, context_.key, options_.transport);
        if (request) request->capture_request_head = options_.capture_request_head;
        return request;
    }

    http::PerformOptions drive_options(std::string what) const {
        http::PerformOptions drive;
        drive.retry = options_.transport.retry;
        drive.cancel = cancel_;
        if (events_.on_answer) drive.on_answer = events_.on_answer;
        if (events_.on_retry)
            drive.on_retry = [this, what](int attempt, const std::string& reason, std::chrono::milliseconds delay) {
                events_.on_retry(what, attempt, reason, delay);
            };
        return drive;
    }

    // Ctrl-C: every transfer stops now; what a worker holds is not placed.
    void on_tick() {
        if (!cancel_.cancelled() || report_.interrupted) return;
        report_.interrupted = true;
        loop_.abort_all("interrupted");
    }

    // An answer of 400 or more, in words: the API's detail, or, from the CDN, what it said.
    Error answer_error(const http::HttpResponse& response) const {
        if (!on_origin(response.effective_url, outcome_context_.api_origin) && response.status != 401)
            return make_error(Stage::http, fmt::format("HTTP {} {} from {}", response.status, reason_of(response),
                                                       response.effective_url),
                              response.status);
        return upload::final_http_error(response, upload::FileStatus{}, outcome_context_);
    }

    void on_listing(http::Driven driven) {
        const std::string doing = fmt::format("reading book {}'s images", options_.book_id);
        Result<http::HttpResponse> outcome = std::move(driven.outcome);
        std::optional<Error> failed;
        if (!outcome) failed = outcome.take_error();
        else if (outcome->status >= 400) failed = answer_error(*outcome);
        if (failed) {
            failed->message = fmt::format("{}: {}", doing, failed->message);
            report_.stopped_by = std::move(failed);
            return;
        }
        auto listing = upload::parse_image_listing(outcome->body, report_.warnings);
        if (!listing) {
            report_.stopped_by = Error{Stage::answer, fmt::format("{}: {}", doing, listing.error().message), outcome->status};
            return;
        }
        listing_ = std::move(*listing);
        start_downloads();
    }

    // The listing's positions to fetch: every one, or the primary's alone (else the first).
    std::vector<std::size_t> chosen_places() const {
        std::vector<std::size_t> places;
        if (options_.selection == Selection::every_image) {
            for (std::size_t i = 0; i < listing_.size(); ++i) places.push_back(i);
            return places;
        }
        if (listing_.empty()) return places;
        const auto primary = upload::current_primary(listing_);
        for (std::size_t i = 0; i < listing_.size(); ++i)
            if (primary && listing_[i].id == *primary) places.push_back(i);
        if (places.empty()) places.push_back(0);
        return places;
    }

    void start_downloads() {
        const std::vector<std::string> names = book_file_names(listing_);  // NN is the place in the whole book
        const std::string suffix = options_.variant == Variant::thumbnail ? ".thumb.jpg" : "";
        std::vector<upload::ListedImage> fetched;
        for (std::size_t place : chosen_places()) {
            ImageDownload image;
            image.id = listing_[place].id;
            image.display_order = listing_[place].display_order;
            image.file = (options_.dir / (names[place] + suffix)).string();
            report_.images.push_back(std::move(image));
            fetched.push_back(listing_[place]);
        }
        listing_ = std::move(fetched);
        std::error_code made;
        std::filesystem::create_directories(options_.dir, made);
        for (std::size_t i = 0; i < listing_.size(); ++i) {
            if (made) {
                finish(i, DownloadState::failed,
                       Error{Stage::write, fmt::format("cannot create the directory {}: {}", options_.dir.string(),
                                                       made.message())});
                continue;
            }
            fetch(i);
        }
    }

    void fetch(std::size_t index) {
        const long long id = listing_[index].id;
        auto request = api_request(options_.variant == Variant::thumbnail ? api::book_image_thumbnail_path(options_.book_id, id)
                                                                         : api::book_image_file_path(options_.book_id, id));
        if (!request) return finish(index, DownloadState::failed, request.take_error());
        request->max_response_bytes = options_.max_file_bytes;
        request->budget_advice = "the file is not written (--max-file-mib raises the budget)";
        request->progress_label = report_.images[index].file;
        http::drive(loop_, std::move(*request), drive_options(report_.images[index].file),
                    [this, index](http::Driven driven) { on_fetched(index, std::move(driven)); });
    }

    void on_fetched(std::size_t index, http::Driven driven) {
        if (!driven.outcome) {
            Error error = driven.outcome.take_error();
            const DownloadState state = error.stage == Stage::cancelled ? DownloadState::cancelled : DownloadState::failed;
            return finish(index, state, std::move(error));
        }
        if (driven.outcome->status >= 400) return finish(index, DownloadState::failed, answer_error(*driven.outcome));
        // The loop only transfers: checking, hashing and writing happen on a worker.
        auto response = std::make_shared<http::HttpResponse>(std::move(driven.outcome.value()));
        pool_.submit([this, index, response] {
            try {
                place(index, *response);
            } catch (const std::exception& error) {
                finish(index, DownloadState::failed, Error{Stage::internal, fmt::format("unexpected error (a bug): {}", error.what())});
            } catch (...) {
                finish(index, DownloadState::failed, Error{Stage::internal, "unexpected error (a bug)"});
            }
        });
    }

    // Worker thread.
    void place(std::size_t index, const http::HttpResponse& response) {
        ImageDownload& image = report_.images[index];
        image.bytes = response.body.size();
        if (auto format = check_image_body(response.header("Content-Type"), response.body); !format)
            return finish(index, DownloadState::failed, format.take_error());
        auto sha256 = sha256_hex(response.body);
        if (!sha256) return finish(index, DownloadState::failed, sha256.take_error());
        image.sha256 = *sha256;
        if (cancel_.cancelled())
            return finish(index, DownloadState::cancelled, Error{Stage::cancelled, "interrupted before the file was written"});
        const PlacedFile file{image.file, response.body, image.sha256, image.id};
        auto placed = place_file(file, options_.force ? Overwrite::allow : Overwrite::refuse);
        if (!placed) return finish(index, DownloadState::failed, placed.take_error());
        finish(index, *placed == Placed::already_there ? DownloadState::skipped : DownloadState::downloaded, std::nullopt);
    }

    void finish(std::size_t index, DownloadState state, std::optional<Error> error) {
        ImageDownload& image = report_.images[index];
        image.state = state;
        image.error = std::move(error);
        if (events_.on_final) events_.on_final(index, image);
    }

    const DownloadOptions& options_;
    const env::ApiContext& context_;
    const DownloadEvents& events_;
    CancelToken cancel_;
    std::vector<upload::ListedImage> listing_;
    DownloadReport report_;
    http::TransferLoop loop_;
    upload::OutcomeContext outcome_context_;
    WorkerPool pool_{default_jobs()};  // last: joined first, before what its tasks use goes
};

}  // namespace download_batch

DownloadReport run_download(const DownloadOptions& options, const env::ApiContext& context,
                            const std::atomic<int>& interrupts, const DownloadEvents& events) {
    download_batch::Batch batch(options, context, interrupts, events);
    return batch.run();
}

}  // namespace bmx::download

// Plans the book's order, sends the one reorder it may need, and writes each stored file's place.
#include "upload/book_placer.hpp"

#include <fmt/format.h>

namespace bmx::upload {

BookPlacer::BookPlacer(const UploadOptions& options, http::TransferLoop& loop, const BookRequests& requests,
                       BatchReport& report)
    : options_(options), loop_(loop), requests_(requests), report_(report) {}

void BookPlacer::place(PlacementInput input, const std::vector<std::size_t>& stored, ReorderBudget budget,
                       const std::atomic<bool>& abandon, std::function<void()> done) {
    stored_ = stored;
    done_ = std::move(done);
    if (!options_.reorder) return read_back(abandon);
    PlacementPlan plan = plan_placement(input);
    if (!plan.needs_reorder) return placed(plan.predicted);
    requests_.reorder(loop_, CancelToken(abandon), plan.wanted, budget, [this, wanted = plan.wanted](Status confirmed) {
        if (!confirmed) return order_failed(confirmed.error());
        placed(positions_after_reorder(wanted));
    });
}

// --no-reorder: the server's own numbering, read back so that the statuses tell it truly.
void BookPlacer::read_back(const std::atomic<bool>& abandon) {
    requests_.read_images(loop_, CancelToken(abandon), "reading the book's images after the upload",
                          [this](Result<BookImages> listed) {
                              if (!listed) return order_failed(listed.error());
                              book_after_ = listed->images;
                              placed(positions_in_listing(listed->images));
                          });
}

void BookPlacer::placed(const std::map<long long, Position>& positions) {
    for (std::size_t index : stored_) {
        FileStatus& status = report_.statuses[index];
        auto found = status.image_id ? positions.find(*status.image_id) : positions.end();
        status.placed = found != positions.end();
        if (found == positions.end()) {
            status.warnings.push_back("its image is not in the book's order as the server gave it");
            continue;
        }
        status.display_order = found->second.display_order;
        status.is_primary = found->second.is_primary;
    }
    finish();
}

void BookPlacer::not_placed(const std::vector<std::size_t>& stored, const std::string& why) {
    report_.notes.push_back(fmt::format("the book's image order was not set because {}; a re-run places the files "
                                        "already stored (they come back as duplicates)",
                                        why));
    for (std::size_t index : stored) report_.statuses[index].placed = false;
}

void BookPlacer::order_failed(const Error& error) {
    report_.order_error = Error{Stage::reorder, error.message, error.http_status};
    for (std::size_t index : stored_) {
        report_.statuses[index].error = report_.order_error;
        report_.statuses[index].placed = false;
    }
    finish();
}

void BookPlacer::finish() {
    if (options_.primary_index) {
        const FileStatus& chosen = report_.statuses[*options_.primary_index];
        if (!chosen.succeeded())
            report_.notes.push_back(fmt::format("the primary file {} was not stored, so the book keeps its primary image",
                                                chosen.file));
    }
    done_();
}

}  // namespace bmx::upload

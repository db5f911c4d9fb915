// The place phase: with every file final, the stored files are placed in the book as
// placement.hpp's rules say — no request when the server's numbering already gives the wanted
// order, else one reorder confirmed by its answer (--no-reorder: the list read back instead) —
// and each stored file's status says where it is, or that it was not placed and why.
#pragma once

#include <atomic>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "http/transfer_loop.hpp"
#include "upload/batch_events.hpp"
#include "upload/book_requests.hpp"
#include "upload/placement.hpp"
#include "upload/upload_options.hpp"

namespace bmx::upload {

class BookPlacer {
public:
    BookPlacer(const UploadOptions& options, http::TransferLoop& loop, const BookRequests& requests, BatchReport& report);

    // Places the stored files `stored` (indexes into report.statuses); calls done once, on the
    // loop thread, when their statuses are final. `abandon` cancels the reorder (a second Ctrl-C).
    void place(PlacementInput input, const std::vector<std::size_t>& stored, ReorderBudget budget,
               const std::atomic<bool>& abandon, std::function<void()> done);
    // The stored files are not placed, and the batch's notes say why.
    void not_placed(const std::vector<std::size_t>& stored, const std::string& why);
    // With --no-reorder: the book as read back after the uploads.
    const std::optional<std::vector<ListedImage>>& book_after() const { return book_after_; }

private:
    void read_back(const std::atomic<bool>& abandon);
    void placed(const std::map<long long, Position>& positions);
    void order_failed(const Error& error);
    void finish();

    const UploadOptions& options_;
    http::TransferLoop& loop_;
    const BookRequests& requests_;
    BatchReport& report_;
    std::vector<std::size_t> stored_;
    std::function<void()> done_;
    std::optional<std::vector<ListedImage>> book_after_;
};

}  // namespace bmx::upload

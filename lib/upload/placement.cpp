// Works out the wanted order of a book's images, whether the server's numbering gives it, and
// each image's place after a confirmed reorder.
#include "upload/placement.hpp"

#include <algorithm>
#include <set>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "core/json_parse.hpp"

namespace bmx::upload {
namespace {

// The batch's images in input order, each once (copies share one).
std::vector<long long> batch_images(const std::vector<PlacedFile>& files) {
    std::vector<long long> ids;
    std::set<long long> seen;
    for (const PlacedFile& file : files)
        if (file.image_id && seen.insert(*file.image_id).second) ids.push_back(*file.image_id);
    return ids;
}

std::optional<long long> chosen_primary(const std::vector<PlacedFile>& files) {
    for (const PlacedFile& file : files)
        if (file.is_primary_choice && file.image_id) return file.image_id;
    return std::nullopt;
}

void move_to_front(std::vector<long long>& order, long long id) {
    auto found = std::find(order.begin(), order.end(), id);
    if (found != order.end()) std::rotate(order.begin(), found, found + 1);
}

// The order the rules give, before any thought of what a reorder does to the primary.
std::vector<long long> ruled_order(const PlacementInput& input, std::optional<long long> chosen) {
    std::vector<long long> order;
    std::set<long long> placed;
    auto place = [&](long long id) {
        if (placed.insert(id).second) order.push_back(id);
    };
    if (input.arrangement == Arrangement::arrange)
        for (long long id : batch_images(input.files)) place(id);
    for (const ListedImage& image : input.book) place(image.id);
    for (long long id : batch_images(input.files)) place(id);
    if (chosen) move_to_front(order, *chosen);
    return order;
}

// The image that is to be primary: the chosen one; with --arrange the first; else the book's own.
std::optional<long long> wanted_primary(const PlacementInput& input, std::optional<long long> chosen,
                                        const std::vector<long long>& order) {
    if (chosen) return chosen;
    if (input.arrangement == Arrangement::arrange && !order.empty()) return order.front();
    return current_primary(input.book);
}

// The book as the server numbered it, when that can be known without asking: the book's images
// kept their numbers 0..N-1 and the batch's new ones took N, N+1, ... in the order they were created.
std::optional<std::map<long long, Position>> predicted_positions(const PlacementInput& input) {
    if (!input.created_in_order) return std::nullopt;
    std::set<long long> on_book;
    std::map<long long, Position> positions;
    long long previous = -1;
    for (const ListedImage& image : input.book) {
        if (!image.display_order || *image.display_order <= previous) return std::nullopt;
        previous = *image.display_order;
        on_book.insert(image.id);
        positions[image.id] = Position{*image.display_order, image.is_primary};
    }
    const auto count = static_cast<long long>(input.book.size());
    if (previous >= count) return std::nullopt;  // a gap: the next count could repeat a number
    std::set<long long> created(input.created_in_order->begin(), input.created_in_order->end());
    for (long long id : batch_images(input.files))
        if (on_book.count(id) == 0 && created.count(id) == 0) return std::nullopt;  // stored by someone else meanwhile
    std::optional<long long> flagged;
    for (const PlacedFile& file : input.files)
        if (file.sent_as_primary && file.image_id && created.count(*file.image_id) != 0) flagged = file.image_id;
    long long next = count;
    for (long long id : *input.created_in_order) positions[id] = Position{next++, false};
    if (flagged)
        for (auto& [id, position] : positions) position.is_primary = id == *flagged;
    return positions;
}

bool holds(const std::map<long long, Position>& positions, const std::vector<long long>& order,
           std::optional<long long> primary) {
    std::vector<std::pair<long long, long long>> by_place;
    for (const auto& [id, position] : positions) by_place.emplace_back(position.display_order, id);
    std::sort(by_place.begin(), by_place.end());
    if (by_place.size() != order.size()) return false;
    for (std::size_t i = 0; i < order.size(); ++i)
        if (by_place[i].second != order[i]) return false;
    for (const auto& [id, position] : positions)
        if (position.is_primary != (primary && *primary == id)) return false;
    return true;
}

}  // namespace

PlacementPlan plan_placement(const PlacementInput& input) {
    PlacementPlan plan;
    auto chosen = chosen_primary(input.files);
    plan.wanted = ruled_order(input, chosen);
    auto primary = wanted_primary(input, chosen, plan.wanted);
    auto predicted = predicted_positions(input);
    if (predicted && holds(*predicted, plan.wanted, primary)) {
        plan.predicted = std::move(*predicted);
        return plan;
    }
    plan.needs_reorder = true;
    // The reorder makes its first image primary: lead with the one that is to be.
    if (primary) move_to_front(plan.wanted, *primary);
    return plan;
}

std::map<long long, Position> positions_after_reorder(const std::vector<long long>& order) {
    std::map<long long, Position> positions;
    for (std::size_t i = 0; i < order.size(); ++i) positions[order[i]] = Position{static_cast<long long>(i), i == 0};
    return positions;
}

std::map<long long, Position> positions_in_listing(const std::vector<ListedImage>& listing) {
    std::map<long long, Position> positions;
    for (const ListedImage& image : listing)
        if (image.display_order) positions[image.id] = Position{*image.display_order, image.is_primary};
    return positions;
}

Status confirm_reorder(std::string_view body, const std::vector<long long>& sent) {
    const std::string asked = nlohmann::json(sent).dump();
    nlohmann::json answer = parse_json_within_depth(body);
    auto order = answer.is_object() ? answer.find("order") : answer.end();
    if (!answer.is_object() || order == answer.end() || !order->is_array())
        return make_error(Stage::reorder, fmt::format("the server's answer to the reorder to {} has no \"order\" list, so the "
                                                      "book's order is not confirmed",
                                                      asked));
    std::vector<long long> confirmed;
    for (const nlohmann::json& id : *order) {
        if (!id.is_number_integer())
            return make_error(Stage::reorder, fmt::format("the server's answer to the reorder to {} lists a {} in its \"order\", "
                                                          "so the book's order is not confirmed",
                                                          asked, id.type_name()));
        confirmed.push_back(id.get<long long>());
    }
    if (confirmed != sent)
        return make_error(Stage::reorder, fmt::format("the server answered the reorder to {} with the order {}, so the book's "
                                                      "order is not confirmed",
                                                      asked, nlohmann::json(confirmed).dump()));
    return Ok{};
}

}  // namespace bmx::upload

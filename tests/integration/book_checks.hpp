// Checks the order tests share: what the statuses say against what the server holds.
#pragma once

#include <map>

#include <doctest/doctest.h>
#include <nlohmann/json.hpp>

namespace bmx::testing {

// Each stored file's id, display_order and is_primary against the server's list of the book.
inline void check_statuses_match_server(const nlohmann::json& statuses, const nlohmann::json& images) {
    std::map<long long, nlohmann::json> by_id;
    for (const nlohmann::json& image : images) by_id[image["id"].get<long long>()] = image;
    for (const nlohmann::json& status : statuses) {
        if (status["upload_status"] != "uploaded" && status["upload_status"] != "duplicate") continue;
        INFO(status.dump());
        REQUIRE(status["id"].is_number_integer());
        REQUIRE(by_id.count(status["id"].get<long long>()) == 1);
        const nlohmann::json& image = by_id[status["id"].get<long long>()];
        CHECK(status["display_order"] == image["display_order"]);
        CHECK(status["is_primary"] == image["is_primary"]);
    }
}

}  // namespace bmx::testing

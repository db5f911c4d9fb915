// Words each failed or cancelled file's reason once, grouping files that share it, and wraps it.
#include "status/upload_reasons.hpp"

#include <algorithm>

#include <fmt/format.h>

#include "core/message_safety.hpp"

namespace bmx::status {
namespace {

using upload::FileStatus;
using upload::UploadState;

constexpr int continued_indent = 4;

bool has_reason_line(const FileStatus& status) {
    return status.error && (status.state == UploadState::failed || status.state == UploadState::cancelled);
}

std::string reason_of(const FileStatus& status) {
    return one_line(safe_message(fmt::format("[{}] {}", stage_name(status.error->stage), status.error->message)));
}

// The files that share one reason: the first one's index and how many.
struct ReasonGroup {
    std::size_t first = 0;
    std::size_t count = 0;
    UploadState state = UploadState::failed;
    std::string reason;
};

std::vector<ReasonGroup> grouped(const std::vector<FileStatus>& statuses) {
    std::vector<ReasonGroup> groups;
    for (std::size_t i = 0; i < statuses.size(); ++i) {
        if (!has_reason_line(statuses[i])) continue;
        std::string reason = reason_of(statuses[i]);
        bool joined = false;
        for (ReasonGroup& group : groups) {
            if (group.state != statuses[i].state || group.reason != reason) continue;
            ++group.count;
            joined = true;
            break;
        }
        if (!joined) groups.push_back({i, 1, statuses[i].state, std::move(reason)});
    }
    return groups;
}

}  // namespace

std::string render_reason_lines(const std::vector<FileStatus>& statuses, const std::vector<std::string>& names,
                                const TerminalStyle& style) {
    std::string out;
    for (const ReasonGroup& group : grouped(statuses)) {
        const char* state = upload::upload_state_name(group.state);
        std::string line;
        if (group.count == 1) {
            const std::string& name = group.first < names.size() ? names[group.first] : statuses[group.first].file;
            line = fmt::format("  {}: {} {}", state, one_line(safe_message(name)), group.reason);
        } else {
            line = fmt::format("  {} ({} files): {}", state, group.count, group.reason);
        }
        for (const std::string& part : wrap_to_width(line, std::max(1, style.width - 1), continued_indent))
            out += part + "\n";
    }
    return out;
}

}  // namespace bmx::status

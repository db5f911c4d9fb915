// Names the stages and sorts them into the classes that cli/ maps to exit codes.
#include "core/error.hpp"

namespace bmx {

const char* stage_name(Stage stage) {
    switch (stage) {
        case Stage::usage: return "usage";
        case Stage::json: return "json";
        case Stage::jq: return "jq";
        case Stage::read: return "read";
        case Stage::format: return "format";
        case Stage::decode: return "decode";
        case Stage::limits: return "limits";
        case Stage::encode: return "encode";
        case Stage::write: return "write";
        case Stage::config: return "config";
        case Stage::key: return "key";
        case Stage::setup: return "setup";
        case Stage::http: return "http";
        case Stage::answer: return "answer";
        case Stage::transport: return "transport";
        case Stage::dns: return "dns";
        case Stage::connect: return "connect";
        case Stage::tls: return "tls";
        case Stage::timeout: return "timeout";
        case Stage::cancelled: return "cancelled";
        case Stage::reorder: return "reorder";
        case Stage::internal: return "internal";
    }
    return "internal";  // unreachable: every enumerator is handled above
}

std::optional<Stage> stage_from_name(std::string_view name) {
    for (int value = 0; value <= static_cast<int>(Stage::internal); ++value) {
        auto stage = static_cast<Stage>(value);
        if (name == stage_name(stage)) return stage;
    }
    return std::nullopt;
}

ErrorClass classify(Stage stage) {
    switch (stage) {
        case Stage::usage:
        case Stage::json:
        case Stage::jq: return ErrorClass::usage;
        case Stage::read:
        case Stage::format:
        case Stage::decode:
        case Stage::limits:
        case Stage::encode:
        case Stage::write:
        case Stage::config:
        case Stage::key:
        case Stage::setup: return ErrorClass::local_input;
        case Stage::http: return ErrorClass::http;
        case Stage::answer: return ErrorClass::answer;
        case Stage::transport:
        case Stage::dns:
        case Stage::connect:
        case Stage::tls:
        case Stage::timeout: return ErrorClass::transport;
        case Stage::cancelled: return ErrorClass::cancelled;
        case Stage::reorder: return ErrorClass::reorder;
        case Stage::internal: return ErrorClass::internal;
    }
    return ErrorClass::internal;  // unreachable
}

}  // namespace bmx

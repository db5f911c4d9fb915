// What the fault peer did to each connection: one stderr line each, and optionally one JSON line in --log.
#include "connection_log.hpp"

#include <nlohmann/json.hpp>

namespace bmx::faultpeer {

ConnectionLog::ConnectionLog(const std::string& path) : path_(path) {
  if (!path_.empty()) file_ = std::fopen(path_.c_str(), "a");
}

ConnectionLog::~ConnectionLog() {
  if (file_ != nullptr) std::fclose(file_);
}

void ConnectionLog::record(std::uint64_t connection, const std::string& action,
                           std::uint64_t bytes_received) {
  const nlohmann::json line = {{"n", connection}, {"action", action}, {"bytes_received", bytes_received}};
  std::lock_guard lock(mutex_);
  std::fprintf(stderr, "connection %llu: %s after %llu bytes\n",
               static_cast<unsigned long long>(connection), action.c_str(),
               static_cast<unsigned long long>(bytes_received));
  if (file_ == nullptr) return;
  // Flushed per line: tests read the file while the peer is still running.
  std::fprintf(file_, "%s\n", line.dump().c_str());
  std::fflush(file_);
}

}  // namespace bmx::faultpeer

// What the fault peer did to each connection: one stderr line each, and optionally one JSON line in --log.
#pragma once

#include <cstdint>
#include <cstdio>
#include <mutex>
#include <string>

namespace bmx::faultpeer {

class ConnectionLog {
 public:
  // An empty path logs to stderr only. Check ok() for an unopenable file.
  explicit ConnectionLog(const std::string& path);
  ~ConnectionLog();
  ConnectionLog(const ConnectionLog&) = delete;
  ConnectionLog& operator=(const ConnectionLog&) = delete;

  bool ok() const { return path_.empty() || file_ != nullptr; }
  // "connection N: ACTION after B bytes" and {"n":N,"action":"ACTION","bytes_received":B}
  void record(std::uint64_t connection, const std::string& action, std::uint64_t bytes_received);

 private:
  std::mutex mutex_;
  std::string path_;
  std::FILE* file_ = nullptr;
};

}  // namespace bmx::faultpeer

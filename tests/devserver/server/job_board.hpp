// The dev server's background jobs (analysis jobs per book, entity-profile batches), each job's
// status following from the time since it was created.
#pragma once

#include "devserver_options.hpp"

#include <nlohmann/json.hpp>

#include <chrono>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <string>
#include <vector>

namespace bmx::devserver {

// How every job goes: pending for `pending`, then running for `running`, then completed, or
// failed with `fail_message`. A job that would run longer than `stale` is failed at that point
// instead, as the real server marks a job left running 15 minutes without an update.
struct JobTimeline {
  std::chrono::milliseconds pending{500};
  std::chrono::milliseconds running{2000};
  std::chrono::milliseconds stale{15 * 60 * 1000};
  std::optional<std::string> fail_message;
};

JobTimeline job_timeline(const DevserverOptions& options);

class JobBoard {
 public:
  explicit JobBoard(JobTimeline timeline);

  // A new analysis job for the book: the AnalysisJobResponse with status "pending"; nothing
  // while the book's latest job is still pending or running (the route answers 409).
  std::optional<nlohmann::json> start_analysis(int book_id, const std::string& model);
  // The book's latest analysis job as it is now, if it has one.
  std::optional<nlohmann::json> latest_analysis(int book_id);

  // The running entity-profile batch, or a new one: {job_id, total_entities, status}.
  nlohmann::json start_profile_batch();
  // {job_id, status, total_entities, succeeded, failed, created_at, completed_at}, if it exists.
  std::optional<nlohmann::json> profile_batch(const std::string& job_id);

 private:
  struct Job {
    std::string id;
    int book_id = 0;  // analysis jobs only
    std::string model;
    std::chrono::steady_clock::time_point created;
    std::chrono::system_clock::time_point created_wall;
  };
  // Where a job is in its timeline now.
  struct Phase {
    std::string status;  // pending, running, completed, failed
    std::optional<std::string> error_message;
    std::chrono::milliseconds updated_after{0};                  // since creation
    std::optional<std::chrono::milliseconds> completed_after;   // since creation
    double progress = 0;                                         // 0..1 of the running time
  };

  Phase phase_of(const Job& job) const;
  nlohmann::json analysis_json(const Job& job) const;
  nlohmann::json batch_json(const Job& job) const;
  std::string new_job_id();

  const JobTimeline timeline_;
  std::mutex mutex_;
  std::mt19937_64 random_;
  std::map<int, Job> latest_analysis_;  // by book id
  std::vector<Job> batches_;
};

}  // namespace bmx::devserver

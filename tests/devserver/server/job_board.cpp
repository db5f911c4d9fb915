// Background jobs for the dev server: statuses by elapsed time, in the real API's JSON shapes.
#include "job_board.hpp"

#include "iso_time.hpp"

#include <cstdio>

namespace bmx::devserver {

namespace {

using std::chrono::milliseconds;

// The real server's words for a job it found left running too long.
constexpr const char* stale_job_message =
    "Job timed out after 15 minutes (worker likely crashed or timed out)";
// How many authors, publishers and binders a profile batch covers.
constexpr int batch_entities = 24;

nlohmann::json time_or_null(const std::optional<std::chrono::system_clock::time_point>& when) {
  return when ? nlohmann::json(iso8601_utc(*when)) : nlohmann::json(nullptr);
}

bool is_active(const std::string& status) { return status == "pending" || status == "running"; }

}  // namespace

JobTimeline job_timeline(const DevserverOptions& options) {
  JobTimeline timeline;
  timeline.pending = milliseconds(options.job_pending_ms);
  timeline.running = milliseconds(options.job_running_ms);
  timeline.stale = milliseconds(options.job_stale_ms);
  timeline.fail_message = options.job_fail;
  return timeline;
}

JobBoard::JobBoard(JobTimeline timeline)
    : timeline_(std::move(timeline)), random_(std::random_device{}()) {}

JobBoard::Phase JobBoard::phase_of(const Job& job) const {
  const auto elapsed =
      std::chrono::duration_cast<milliseconds>(std::chrono::steady_clock::now() - job.created);
  Phase phase;
  if (elapsed < timeline_.pending) {
    phase.status = "pending";
    return phase;
  }
  const bool goes_stale = timeline_.running >= timeline_.stale;
  const milliseconds run_time = goes_stale ? timeline_.stale : timeline_.running;
  if (elapsed < timeline_.pending + run_time) {
    phase.status = "running";
    phase.updated_after = timeline_.pending;
    phase.progress = run_time.count() > 0
                         ? static_cast<double>((elapsed - timeline_.pending).count()) / run_time.count()
                         : 1.0;
    return phase;
  }
  phase.updated_after = timeline_.pending + run_time;
  phase.completed_after = phase.updated_after;
  phase.progress = 1.0;
  if (goes_stale) {
    phase.status = "failed";
    phase.error_message = stale_job_message;
  } else if (timeline_.fail_message) {
    phase.status = "failed";
    phase.error_message = timeline_.fail_message;
  } else {
    phase.status = "completed";
  }
  return phase;
}

nlohmann::json JobBoard::analysis_json(const Job& job) const {
  const Phase phase = phase_of(job);
  std::optional<std::chrono::system_clock::time_point> completed;
  if (phase.completed_after) completed = job.created_wall + *phase.completed_after;
  return {{"job_id", job.id},
          {"book_id", job.book_id},
          {"status", phase.status},
          {"model", job.model},
          {"error_message", phase.error_message ? nlohmann::json(*phase.error_message) : nlohmann::json(nullptr)},
          {"created_at", iso8601_utc(job.created_wall)},
          {"updated_at", iso8601_utc(job.created_wall + phase.updated_after)},
          {"completed_at", time_or_null(completed)}};
}

nlohmann::json JobBoard::batch_json(const Job& job) const {
  const Phase phase = phase_of(job);
  const int done = static_cast<int>(phase.progress * batch_entities);
  const bool failing = phase.error_message.has_value() || (timeline_.fail_message && phase.status == "running");
  std::optional<std::chrono::system_clock::time_point> completed;
  if (phase.completed_after) completed = job.created_wall + *phase.completed_after;
  return {{"job_id", job.id},
          {"status", phase.status},
          {"total_entities", batch_entities},
          {"succeeded", failing ? 0 : done},
          {"failed", failing ? done : 0},
          {"created_at", iso8601_utc(job.created_wall)},
          {"completed_at", time_or_null(completed)}};
}

std::string JobBoard::new_job_id() {
  // A version-4 UUID, like the real job ids.
  const std::uint64_t high = (random_() & 0xffffffffffff0fffULL) | 0x0000000000004000ULL;
  const std::uint64_t low = (random_() & 0x3fffffffffffffffULL) | 0x8000000000000000ULL;
  char text[37];
  std::snprintf(text, sizeof text, "%08x-%04x-%04x-%04x-%012llx", static_cast<unsigned>(high >> 32),
                static_cast<unsigned>((high >> 16) & 0xffff), static_cast<unsigned>(high & 0xffff),
                static_cast<unsigned>(low >> 48), static_cast<unsigned long long>(low & 0xffffffffffffULL));
  return text;
}

std::optional<nlohmann::json> JobBoard::start_analysis(int book_id, const std::string& model) {
  std::lock_guard lock(mutex_);
  if (auto latest = latest_analysis_.find(book_id);
      latest != latest_analysis_.end() && is_active(phase_of(latest->second).status)) {
    return std::nullopt;
  }
  Job job{new_job_id(), book_id, model, std::chrono::steady_clock::now(), std::chrono::system_clock::now()};
  latest_analysis_[book_id] = job;
  return analysis_json(job);
}

std::optional<nlohmann::json> JobBoard::latest_analysis(int book_id) {
  std::lock_guard lock(mutex_);
  const auto latest = latest_analysis_.find(book_id);
  if (latest == latest_analysis_.end()) return std::nullopt;
  return analysis_json(latest->second);
}

nlohmann::json JobBoard::start_profile_batch() {
  std::lock_guard lock(mutex_);
  const Job* job = nullptr;
  for (const Job& batch : batches_) {
    if (is_active(phase_of(batch).status)) job = &batch;
  }
  if (job == nullptr) {
    batches_.push_back(Job{new_job_id(), 0, "", std::chrono::steady_clock::now(), std::chrono::system_clock::now()});
    job = &batches_.back();
  }
  return {{"job_id", job->id}, {"total_entities", batch_entities}, {"status", phase_of(*job).status}};
}

std::optional<nlohmann::json> JobBoard::profile_batch(const std::string& job_id) {
  std::lock_guard lock(mutex_);
  for (const Job& batch : batches_) {
    if (batch.id == job_id) return batch_json(batch);
  }
  return std::nullopt;
}

}  // namespace bmx::devserver

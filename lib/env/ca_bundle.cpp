// Resolves --cacert and BMX_CA_BUNDLE, and checks that the file can be read.
#include "env/ca_bundle.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <fmt/format.h>

#include "core/file_read.hpp"

namespace bmx::env {
namespace {

// Empty when the file opens for reading and is a regular file; else why not.
std::string unreadable_reason(const std::string& path) {
    // O_NONBLOCK: a FIFO given by mistake does not hang the check.
    const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) return describe_errno(errno);
    struct stat info {};
    const bool regular = ::fstat(fd, &info) == 0 && S_ISREG(info.st_mode);
    ::close(fd);
    if (regular) return {};
    return S_ISDIR(info.st_mode) ? "is a directory" : "not a regular file";
}

}  // namespace

Result<CaBundle> resolve_ca_bundle(const std::string& option_value, const ProcessEnv& process_env) {
    CaBundle bundle;
    if (!option_value.empty()) {
        bundle = CaBundle{option_value, "--cacert"};
    } else if (auto variable = process_env.get("BMX_CA_BUNDLE")) {
        bundle = CaBundle{*variable, "BMX_CA_BUNDLE"};
    } else {
        return CaBundle{"", system_ca_source};
    }
    if (auto reason = unreadable_reason(bundle.path); !reason.empty())
        return make_error(Stage::config, fmt::format("{} {}: cannot read the CA bundle: {}; nothing was sent", bundle.source,
                                                     bundle.path, reason));
    return bundle;
}

}  // namespace bmx::env

// Opens shared libraries on first use and looks up their functions.
#include "core/on_demand_library.hpp"

#include <dlfcn.h>
#include <fmt/format.h>

namespace bmx {

Status OnDemandLibrary::open() {
    std::call_once(once_, [this] {
        handle_ = ::dlopen(soname_, RTLD_NOW | RTLD_LOCAL);
        if (handle_ != nullptr) return;
        const char* reason = ::dlerror();
        error_ = fmt::format("cannot load {} ({}); install Debian's {} package", soname_,
                             reason != nullptr ? reason : "unknown reason", package_);
    });
    if (handle_ == nullptr) return make_error(Stage::setup, error_);
    return Ok{};
}

void* OnDemandLibrary::symbol(const char* name) {
    if (!open()) return nullptr;
    return ::dlsym(handle_, name);
}

}  // namespace bmx

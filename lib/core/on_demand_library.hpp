// OnDemandLibrary: a shared library opened with dlopen the first time it is needed.
//
// Linking libcurl (and through it some thirty libraries) made every start of bmx-api map and
// relocate them, about 3.5 ms, even for `thumbnail` and `--version`, which never use them.
#pragma once

#include <mutex>
#include <string>

#include "core/result.hpp"

namespace bmx {

class OnDemandLibrary {
public:
    // `soname` is what dlopen looks for; `debian_package` is named in the error when it is missing.
    OnDemandLibrary(const char* soname, const char* debian_package) : soname_(soname), package_(debian_package) {}
    OnDemandLibrary(const OnDemandLibrary&) = delete;
    OnDemandLibrary& operator=(const OnDemandLibrary&) = delete;

    // Opens the library once per process (thread-safe). The error says which file could not be
    // loaded, why, and which package provides it.
    Status open();

    // The named function, or nullptr when the library or the symbol cannot be loaded.
    template <class Function>
    Function* function(const char* name) {
        return reinterpret_cast<Function*>(symbol(name));
    }

private:
    void* symbol(const char* name);

    const char* soname_;
    const char* package_;
    std::once_flag once_;
    void* handle_ = nullptr;  // never closed: the functions stay in use until the process ends
    std::string error_;
};

}  // namespace bmx

// TempDir: mkdtemp under the system temporary directory, removed even where a test took away permissions.
#include "support/temp_dir.hpp"

#include <cstdlib>
#include <stdexcept>

namespace bmx::testing {

TempDir::TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "bmx-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
    path_ = pattern;
}

TempDir::~TempDir() {
    std::error_code ignored;
    std::filesystem::permissions(path_, std::filesystem::perms::owner_all, std::filesystem::perm_options::add, ignored);
    std::filesystem::remove_all(path_, ignored);
}

}  // namespace bmx::testing

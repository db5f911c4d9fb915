#include "report/ci_suite.hpp"

#include <algorithm>

namespace bmx::report {

int CiSuite::count(CaseOutcome outcome) const {
    return static_cast<int>(std::count_if(cases.begin(), cases.end(), [&](const CiCase& c) { return c.outcome == outcome; }));
}

}  // namespace bmx::report

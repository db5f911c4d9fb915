// Result<T>: a value or an Error, so failures travel as values and never as exceptions.
#pragma once

#include <utility>
#include <variant>

#include "core/error.hpp"

namespace bmx {

template <class T>
class [[nodiscard]] Result {
public:
    Result(T value) : v_(std::in_place_index<0>, std::move(value)) {}
    Result(Error error) : v_(std::in_place_index<1>, std::move(error)) {}

    bool ok() const { return v_.index() == 0; }
    explicit operator bool() const { return ok(); }

    T& value() & { return std::get<0>(v_); }
    const T& value() const& { return std::get<0>(v_); }
    T&& value() && { return std::get<0>(std::move(v_)); }
    T* operator->() { return &std::get<0>(v_); }
    const T* operator->() const { return &std::get<0>(v_); }
    T& operator*() & { return value(); }
    const T& operator*() const& { return value(); }

    const Error& error() const { return std::get<1>(v_); }
    Error&& take_error() { return std::get<1>(std::move(v_)); }

private:
    std::variant<T, Error> v_;
};

struct Ok {};

// Result<void> spelled as Result<Ok>: `return Ok{};` on success.
using Status = Result<Ok>;

inline Error make_error(Stage stage, std::string message, long http_status = 0) {
    return Error{stage, std::move(message), http_status};
}

}  // namespace bmx

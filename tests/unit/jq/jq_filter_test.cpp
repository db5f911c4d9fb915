// --jq: jq's own semantics through libjq, printed one result per line like `gh api --jq`.
#include <doctest/doctest.h>

#include "jq/jq_filter.hpp"

using bmx::jq::JqFilter;

namespace {

std::vector<std::string> run(const std::string& expression, const std::string& json) {
    auto filter = JqFilter::compile(expression);
    REQUIRE(filter.ok());
    auto lines = filter->apply(json);
    REQUIRE(lines.ok());
    return *lines;
}

}  // namespace

TEST_CASE("strings print raw and everything else as compact JSON, one result per line") {
    std::string page = R"({"items":[{"id":1,"title":"Middlemarch"},{"id":2,"title":"Bleak House"}],"total":2})";
    CHECK(run(".items[].title", page) == std::vector<std::string>{"Middlemarch", "Bleak House"});
    CHECK(run(".items[0]", page) == std::vector<std::string>{R"({"id":1,"title":"Middlemarch"})"});
    CHECK(run(".total", page) == std::vector<std::string>{"2"});
    CHECK(run("[.items[].id]", page) == std::vector<std::string>{"[1,2]"});
    CHECK(run(".missing", page) == std::vector<std::string>{"null"});
    CHECK(run("empty", page).empty());
}

TEST_CASE("jq's own functions work: select, map, length, string interpolation") {
    std::string page = R"({"items":[{"id":1,"image_count":0},{"id":2,"image_count":3}]})";
    CHECK(run(".items | map(select(.image_count > 0)) | length", page) == std::vector<std::string>{"1"});
    CHECK(run(R"jq(.items[] | "\(.id): \(.image_count)")jq", page) == std::vector<std::string>{"1: 0", "2: 3"});
}

TEST_CASE("a string with a newline or non-ASCII text prints as is") {
    CHECK(run(".a", R"({"a":"line one\nline two – é"})") == std::vector<std::string>{"line one\nline two – é"});
}

TEST_CASE("a filter can be applied again to another document") {
    auto filter = JqFilter::compile(".id");
    REQUIRE(filter.ok());
    CHECK(*filter->apply(R"({"id":1})") == std::vector<std::string>{"1"});
    CHECK(*filter->apply(R"({"id":2})") == std::vector<std::string>{"2"});
}

TEST_CASE("a stream of JSON values is filtered value by value, and empty text has no results") {
    CHECK(run(".n", "{\"n\":1}\n{\"n\":2}\n") == std::vector<std::string>{"1", "2"});
    CHECK(run(".", "").empty());
}

TEST_CASE("a bad expression is refused at compile time with jq's reason") {
    auto filter = JqFilter::compile(".items[");
    REQUIRE_FALSE(filter.ok());
    CHECK(filter.error().stage == bmx::Stage::jq);
    CHECK(filter.error().message.find("invalid jq expression '.items['") != std::string::npos);
    CHECK(filter.error().message.find("syntax error") != std::string::npos);

    auto undefined = JqFilter::compile(".items | nosuchfunction");
    REQUIRE_FALSE(undefined.ok());
    CHECK(undefined.error().message.find("nosuchfunction/0 is not defined") != std::string::npos);

    CHECK_FALSE(JqFilter::compile("  ").ok());
}

TEST_CASE("a runtime error and text that is not JSON are errors with stage jq") {
    auto filter = JqFilter::compile(".items[0].title");
    REQUIRE(filter.ok());
    auto wrong_shape = filter->apply(R"({"items":5})");
    REQUIRE_FALSE(wrong_shape.ok());
    CHECK(wrong_shape.error().stage == bmx::Stage::jq);
    CHECK(wrong_shape.error().message.find("Cannot index number") != std::string::npos);

    auto not_json = filter->apply("<html>502 Bad Gateway</html>");
    REQUIRE_FALSE(not_json.ok());
    CHECK(not_json.error().message.find("not JSON") != std::string::npos);

    auto raised = JqFilter::compile(R"(error("no books"))");
    REQUIRE(raised.ok());
    auto result = raised->apply("{}");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message == "jq: no books");
}

TEST_CASE("results before a runtime error are not returned as a success") {
    auto filter = JqFilter::compile(".[] | if . == 2 then error(\"two\") else . end");
    REQUIRE(filter.ok());
    auto result = filter->apply("[1,2,3]");
    CHECK_FALSE(result.ok());
}

TEST_CASE("halt ends quietly and halt_error with a non-zero code is an error") {
    CHECK(run("1, halt, 2", "null") == std::vector<std::string>{"1"});
    auto filter = JqFilter::compile(R"("stop here" | halt_error(3))");
    REQUIRE(filter.ok());
    auto result = filter->apply("null");
    REQUIRE_FALSE(result.ok());
    CHECK(result.error().message.find("stop here") != std::string::npos);
}

TEST_CASE("holds decides like jq -e: the last result counts, false and null are false, no result is false") {
    auto holds = [](const std::string& expression, const std::string& json) {
        auto filter = JqFilter::compile(expression, "--wait-until");
        REQUIRE(filter.ok());
        auto held = filter->holds(json);
        REQUIRE(held.ok());
        return *held;
    };
    std::string job = R"({"status":"completed","error_message":null,"count":0})";
    CHECK(holds(R"(.status == "completed")", job));
    CHECK_FALSE(holds(R"(.status == "failed")", job));
    CHECK_FALSE(holds(".error_message", job));
    CHECK(holds(".count", job));            // 0 is true in jq
    CHECK(holds(".status", job));           // so is any string, "false" included
    CHECK(holds(R"("false")", job));
    CHECK_FALSE(holds("empty", job));
    CHECK_FALSE(holds("true, false", job));  // the last result decides
    CHECK(holds("false, true", job));
}

TEST_CASE("a condition's errors name its option") {
    auto bad = JqFilter::compile(".status ==", "--fail-if");
    REQUIRE_FALSE(bad.ok());
    CHECK(bad.error().message.find("invalid --fail-if expression '.status =='") == 0);
    auto filter = JqFilter::compile(".status", "--wait-until");
    REQUIRE(filter.ok());
    auto not_json = filter->holds("<html>gateway</html>");
    REQUIRE_FALSE(not_json.ok());
    CHECK(not_json.error().stage == bmx::Stage::jq);
    CHECK(not_json.error().message.find("--wait-until: the response is not JSON") == 0);
    auto wrong_shape = filter->holds("[1,2]");
    REQUIRE_FALSE(wrong_shape.ok());
    CHECK(wrong_shape.error().message.find("--wait-until: Cannot index array") == 0);
}

TEST_CASE("input, inputs, debug and stderr work or fail cleanly: there are no further inputs") {
    CHECK(run("[inputs]", R"({"a":1})") == std::vector<std::string>{"[]"});
    CHECK(run("debug | .a", R"({"a":1})") == std::vector<std::string>{"1"});
    CHECK(run("stderr | .a", R"({"a":2})") == std::vector<std::string>{"2"});
    auto filter = JqFilter::compile("input");
    REQUIRE(filter.ok());
    auto lines = filter->apply(R"({"a":1})");
    REQUIRE_FALSE(lines.ok());
    CHECK(lines.error().stage == bmx::Stage::jq);
    CHECK(lines.error().message.find("No more inputs") != std::string::npos);
}

TEST_CASE("import and include are refused at compile time, but the same words as data or fields are not") {
    for (std::string program : {R"(import "a" as a; .)", R"(include "x"; .)", "  # a comment\ninclude \"x\"; ."}) {
        CAPTURE(program);
        auto refused = JqFilter::compile(program, "--jq");
        REQUIRE_FALSE(refused.ok());
        CHECK(refused.error().stage == bmx::Stage::jq);
        CHECK(refused.error().message.find("is not supported; bmx-api loads no jq modules") != std::string::npos);
    }
    CHECK(run(R"(.import, "include", .a.include # import)", R"({"import":1,"a":{"include":2}})") ==
          std::vector<std::string>{"1", "include", "2"});
    CHECK(run(R"("say \"import\"")", "null") == std::vector<std::string>{"say \"import\""});
}

#!/usr/bin/python3
"""Reads a JUnit XML report with junitparser (python3-junitparser) and prints what it parsed as
JSON, for the CI-report integration tests: every suite, its counts, and each case's name,
classname, time, result (failure, skipped) with message and text, and system-out."""
import json
import sys

from junitparser import Failure, JUnitXml, Skipped


def case_json(case):
    results = []
    for result in case.result:
        kind = "failure" if isinstance(result, Failure) else "skipped" if isinstance(result, Skipped) else type(result).__name__
        results.append({"type": kind, "message": result.message, "text": result.text})
    return {"classname": case.classname, "name": case.name, "time": case.time, "results": results,
            "system_out": case.system_out}


def main():
    xml = JUnitXml.fromfile(sys.argv[1])
    suites = [xml] if xml._tag == "testsuite" else list(xml)
    print(json.dumps({"suites": [{"name": suite.name, "tests": suite.tests, "failures": suite.failures,
                                  "errors": suite.errors, "skipped": suite.skipped, "time": suite.time,
                                  "cases": [case_json(case) for case in suite]} for suite in suites]}))


if __name__ == "__main__":
    main()

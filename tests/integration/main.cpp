// The integration suite's entry point; each file holds the behaviours of one command.
#define DOCTEST_CONFIG_IMPLEMENT_WITH_MAIN
#include <doctest/doctest.h>

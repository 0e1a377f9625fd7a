#include <catch2/catch.hpp>

#include <string>

#include "core/printable.hpp"

using namespace placesim;

TEST_CASE("printable escapes control characters and invalid UTF-8", "[core]") {
  CHECK(printable("plain text") == "plain text");
  CHECK(printable("a\x1b[31mred") == "a\\x1B[31mred");
  CHECK(printable(std::string("key\0tail", 8)) == "key\\x00tail");
  CHECK(printable("two\nlines") == "two\\nlines");
  CHECK(printable("two\nlines", true) == "two\nlines");
  CHECK(printable("caf\xc3\xa9") == "caf\xc3\xa9");       // valid UTF-8 passes
  CHECK(printable("bad\xff") == "bad\\xFF");              // not UTF-8
  CHECK(printable("\xc3") == "\\xC3");                    // truncated sequence
  CHECK(printable("\xed\xa0\x80") == "\\xED\\xA0\\x80");  // a surrogate is not UTF-8
}

TEST_CASE("valid_utf8 follows RFC 3629", "[core]") {
  CHECK(valid_utf8("ascii"));
  CHECK(valid_utf8("\xe2\x82\xac"));            // euro sign
  CHECK(valid_utf8("\xf0\x9f\x98\x80"));        // emoji
  CHECK_FALSE(valid_utf8("\xc0\xaf"));          // overlong '/'
  CHECK_FALSE(valid_utf8("\xf4\x90\x80\x80"));  // above U+10FFFF
  CHECK_FALSE(valid_utf8("\x80"));
}

// Checks on option values that state the valid range in plain words (one line, exit 2).
#pragma once

#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <charconv>
#include <cstdint>
#include <string>

namespace gpuexec::cli {

// A whole number from lo to hi; `unit` ends the sentence ("elements", "jobs", ...). Checked on
// the text itself, so "-1" is refused instead of wrapping to SIZE_MAX.
inline CLI::Validator whole_number(uint64_t lo, uint64_t hi, const std::string& unit,
                                   const std::string& hi_words = "") {
  const std::string range = fmt::format("a whole number from {} to {}{} {}", lo, hi,
                                        hi_words.empty() ? "" : " (" + hi_words + ")", unit);
  return CLI::Validator(
      [lo, hi, range](std::string& text) -> std::string {
        uint64_t v = 0;
        const char* end = text.data() + text.size();
        const auto [ptr, ec] = std::from_chars(text.data(), end, v);
        if (text.empty() || ec != std::errc() || ptr != end || v < lo || v > hi) {
          return fmt::format("'{}' is out of range: give {}", text, range);
        }
        return "";
      },
      range);
}

// A file name must not be empty: an empty --out would otherwise fail only after the work.
inline CLI::Validator non_empty_path() {
  return CLI::Validator(
      [](std::string& text) -> std::string { return text.empty() ? "the file name is empty" : ""; },
      "FILE");
}

}  // namespace gpuexec::cli

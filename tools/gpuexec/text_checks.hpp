// How the CLI reads vector files as text: what counts as blank, the byte order mark, and the
// messages that say what a bad line or a misread file really holds.
#pragma once

#include <string>
#include <string_view>

namespace gpuexec::cli {

inline constexpr std::string_view kBom = "\xEF\xBB\xBF";

bool is_space(char c);
std::string_view trim(std::string_view s);

// Why a hex line failed when the cause is not a bad digit (binary data, a stray BOM), else why;
// element_bytes: the field's bin element size, for the hint.
std::string explain_bad_line(std::string_view line, const std::string& why,
                             std::size_t element_bytes = 48);

// " (the file looks like hex text: use --format hex)" when bytes read as bin hold only hex text.
std::string hex_hint(std::string_view bytes);

}  // namespace gpuexec::cli

#include "element_source.hpp"

#include <fmt/format.h>

#include <algorithm>
#include <cstring>
#include <mutex>
#include <string_view>

#include "cpu/parallel_for.hpp"
#include "gpuexec/hex_codec.hpp"
#include "input_error.hpp"
#include "text_checks.hpp"

namespace gpuexec::cli {

namespace {
constexpr std::size_t kTextBlock = std::size_t{4} << 20;
std::string non_canonical(FieldId field) {
  return fmt::format("value is not below the field modulus {} (non-canonical)",
                     field == FieldId::Fr ? 'r' : 'p');
}

std::string truncated(const std::string& label, std::size_t bytes, std::size_t element_bytes,
                      std::string_view head) {
  return fmt::format("{}: element {}: truncated: file length {} bytes is not a multiple of {}{}",
                     label, bytes / element_bytes, bytes, element_bytes, hex_hint(head));
}
}  // namespace

ElementSource::ElementSource(const std::string& path, FileFormat format, FieldId field)
    : ElementSource(path, format, field_info(field).element_bytes) {
  field_ = field;
}

ElementSource::ElementSource(const std::string& path, FileFormat format, std::size_t record_bytes)
    : reader_(path), format_(format), field_(FieldId::Fp), element_bytes_(record_bytes) {
  if (format_ != FileFormat::Bin || !reader_.size() || *reader_.size() % element_bytes_ == 0) {
    return;
  }
  // A regular bin file of a partial element: say so before any work, hinting from its start.
  std::string head(std::min<std::size_t>(*reader_.size(), 1 << 16), '\0');
  head.resize(reader_.read(head.data(), head.size()));
  throw InputError(truncated(label(), *reader_.size(), element_bytes_, head));
}

std::optional<std::size_t> ElementSource::known_count() const {
  if (format_ != FileFormat::Bin || !reader_.size()) return std::nullopt;
  return *reader_.size() / element_bytes_;
}

std::size_t ElementSource::read(std::span<uint8_t> out, std::vector<std::size_t>& lines) {
  const std::size_t n = format_ == FileFormat::Bin ? read_bin(out) : read_hex(out, lines);
  elements_ += n;
  return n;
}

std::size_t ElementSource::read_bin(std::span<uint8_t> out) {
  const std::size_t got = reader_.read(reinterpret_cast<char*>(out.data()), out.size());
  if (got % element_bytes_ != 0) {
    const std::string_view head(reinterpret_cast<const char*>(out.data()), got);
    throw InputError(truncated(label(), reader_.bytes_read(), element_bytes_, head));
  }
  return got / element_bytes_;
}

bool ElementSource::fill_text() {
  if (text_ended_) return false;
  // Keep the partial line at the front, then read a block after it.
  const std::size_t had = text_size_ - begin_;
  if (had + kTextBlock > text_.size()) {
    // Room for a block after any partial line shorter than a block: the same buffer all along,
    // except after a line longer than that.
    HostPages bigger(std::max(had, kTextBlock) + kTextBlock);
    if (had) std::memcpy(bigger.data(), text_data() + begin_, had);
    text_ = std::move(bigger);
  } else if (had) {
    std::memmove(text_data(), text_data() + begin_, had);
  }
  begin_ = 0;
  text_size_ = had;
  const std::size_t got = reader_.read(text_data() + had, kTextBlock);
  text_size_ = had + got;
  if (at_start_ && text().starts_with(kBom)) begin_ = kBom.size();
  at_start_ = false;
  text_ended_ = got < kTextBlock;
  return got > 0;
}

std::size_t ElementSource::read_hex(std::span<uint8_t> out, std::vector<std::size_t>& lines) {
  const std::size_t want = out.size() / element_bytes_;
  lines.clear();
  std::size_t done = 0;
  while (done < want) {
    // Complete lines of the block (the last line of the file needs no newline).
    raws_.clear();
    const std::size_t first = done;
    while (done + raws_.size() < want) {
      const std::size_t nl = text().find('\n', begin_);
      if (nl == std::string_view::npos && !(text_ended_ && begin_ < text_size_)) break;
      const std::size_t end = nl == std::string_view::npos ? text_size_ : nl;
      const std::string_view raw = text().substr(begin_, end - begin_);
      begin_ = nl == std::string_view::npos ? text_size_ : nl + 1;
      ++line_;
      if (trim(raw).empty()) continue;
      raws_.push_back(raw);
      lines.push_back(line_);
    }
    // Parse them on all cores; the first bad line is the one reported.
    std::size_t bad = raws_.size();
    std::string bad_why;
    std::mutex m;
    cpu::parallel_for(raws_.size(), [&](std::size_t begin, std::size_t end) {
      std::string why;
      for (std::size_t i = begin; i < end; ++i) {
        const auto slot = out.subspan((first + i) * element_bytes_, element_bytes_);
        if (hex_to_be_bytes(trim(raws_[i]), slot, &why)) continue;
        std::lock_guard lock(m);
        if (i < bad) bad = i, bad_why = why;
        return;
      }
    });
    if (bad != raws_.size()) {
      throw InputError(fmt::format("{}:{}: {}", label(), lines[first + bad],
                                   explain_bad_line(raws_[bad], bad_why, element_bytes_)));
    }
    done += raws_.size();
    if (done < want && !fill_text() && begin_ >= text_size_) break;
  }
  return done;
}

std::size_t ElementSource::count_rest() {
  std::size_t rest = 0;
  if (format_ == FileFormat::Bin) {
    std::vector<char> sink(1 << 20);
    std::size_t bytes = 0;
    while (const std::size_t got = reader_.read(sink.data(), sink.size())) bytes += got;
    return elements_ + bytes / element_bytes_;
  }
  for (;;) {
    while (begin_ < text_size_) {
      std::size_t nl = text().find('\n', begin_);
      if (nl == std::string_view::npos && !text_ended_) break;
      if (nl == std::string_view::npos) nl = text_size_;
      rest += !trim(text().substr(begin_, nl - begin_)).empty();
      begin_ = nl + 1;
    }
    if (!fill_text() && begin_ >= text_size_) break;
  }
  return elements_ + rest;
}

std::string ElementSource::rejection(std::size_t index, std::size_t line,
                                     std::span<const uint8_t> bytes) const {
  if (format_ == FileFormat::Hex) {
    return fmt::format("{}:{}: {}", label(), line, non_canonical(field_));
  }
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  return fmt::format("{}: element {}: {}{}", label(), index, non_canonical(field_), hex_hint(text));
}

}  // namespace gpuexec::cli

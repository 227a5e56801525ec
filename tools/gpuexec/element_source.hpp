// One input vector file read as a stream of elements in the file encoding (the field's big-endian
// bytes: 48 for Fp, 32 for Fr, as encoded jobs take them), a chunk at a time, in either format: bin
// is read straight into the caller's buffer; hex is read in large blocks and its lines parsed on
// all cores. Nothing is converted to Montgomery form here: the op's backend does that (or needs
// none).
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <vector>

#include "core/host_pages.hpp"
#include "gpuexec/field_params.hpp"
#include "read_file.hpp"
#include "vector_file.hpp"

namespace gpuexec::cli {

class ElementSource {
 public:
  // Opens and, for a regular bin file, checks that it holds whole elements. Throws InputError.
  ElementSource(const std::string& path, FileFormat format, FieldId field = FieldId::Fp);
  // Records of record_bytes that are no field's elements (G1 point encodings): the same reads,
  // hex lines of up to 2 * record_bytes digits.
  ElementSource(const std::string& path, FileFormat format, std::size_t record_bytes);

  // Fills out (a multiple of the element bytes) with the next elements; returns how many, fewer
  // than fit only at the end; hex: `lines` gets each element's line. Throws InputError naming the
  // file and line (hex) or element (bin).
  std::size_t read(std::span<uint8_t> out, std::vector<std::size_t>& lines);
  // Bin regular files: the element count before any read.
  std::optional<std::size_t> known_count() const;
  // Elements read so far, and all that are left counted (for a length mismatch).
  std::size_t elements_read() const { return elements_; }
  std::size_t count_rest();

  // The message for element `index` of the file (hex: on `line`) whose value is not below the
  // modulus;
  // `bytes` is the read that held it (bin: a hint when it looks like hex text).
  std::string rejection(std::size_t index, std::size_t line, std::span<const uint8_t> bytes) const;
  const std::string& label() const { return reader_.label(); }

 private:
  std::size_t read_bin(std::span<uint8_t> out);
  std::size_t read_hex(std::span<uint8_t> out, std::vector<std::size_t>& lines);
  bool fill_text();  // more text into the block; false at the end of the file

  FileReader reader_;
  FileFormat format_;
  FieldId field_;
  std::size_t element_bytes_;
  std::size_t elements_ = 0;
  // hex: the block [begin_, text_size_) of text_ not yet taken and the lines counted so far.
  // Pages mapped once: a string's resize would zero each 4 MiB block before the read fills it.
  char* text_data() const { return static_cast<char*>(text_.data()); }
  std::string_view text() const { return {text_data(), text_size_}; }
  HostPages text_;
  std::size_t text_size_ = 0;
  // The lines of a read's elements, as in the file (a member: kept from read to read).
  std::vector<std::string_view> raws_;
  std::size_t begin_ = 0, line_ = 0;
  bool at_start_ = true, text_ended_ = false;
};

}  // namespace gpuexec::cli

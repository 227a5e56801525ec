// The batch manifest: a JSON array of jobs (or {"jobs": [...]}), each
// {"op": "add"|"sub"|"mul", "a": PATH, "b": PATH, "out": PATH, "format": "hex"|"bin"}.
// Relative paths are taken from the manifest's directory.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <utility>
#include <vector>

#include "gpuexec/op.hpp"
#include "vector_file.hpp"

namespace gpuexec::cli {

struct ManifestJob {
  std::size_t index = 0;
  Op op = Op::Add;
  std::string a, b, c, out;  // c: mad only
  FileFormat format = FileFormat::Hex;
};

// One entry per job in the manifest: the job, or why it is bad ("job I: ..."). Throws InputError
// for a manifest that is unreadable, not JSON (with the byte offset) or not a list of jobs.
struct ManifestEntry {
  ManifestJob job;
  std::string error;  // empty when the job is well-formed
};
std::vector<ManifestEntry> read_manifest(const std::string& path);
// The same for manifest text already in memory; `path` names it and anchors relative paths.
std::vector<ManifestEntry> parse_manifest(const std::string& text, const std::string& path);

// Where a path really leads, to tell two spellings of one file apart from two files: the absolute
// path with symlinks and ".." resolved as far as it exists, and for an existing file its device
// and inode (which also catches hard links).
struct FileId {
  std::string canonical;
  std::optional<std::pair<dev_t, ino_t>> inode;
};
FileId file_id(const std::string& path);

}  // namespace gpuexec::cli

#include "manifest.hpp"

#include <fmt/format.h>
#include <sys/stat.h>

#include <filesystem>
#include <nlohmann/json.hpp>

#include "input_error.hpp"
#include "read_file.hpp"

namespace gpuexec::cli {

namespace {
using nlohmann::json;

std::string field(const json& job, const char* name) {
  auto it = job.find(name);
  if (it == job.end()) throw std::invalid_argument(fmt::format("missing \"{}\"", name));
  if (!it->is_string() || it->get<std::string>().empty()) {
    throw std::invalid_argument(fmt::format("\"{}\" must be a non-empty string", name));
  }
  return it->get<std::string>();
}

// Not normalised lexically: "link/../x" is where the link leads, not "x", as open(2) sees it.
std::string resolve(const std::filesystem::path& base, const std::string& p) {
  const std::filesystem::path path(p);
  return path.is_absolute() ? p : (base / path).string();
}

ManifestJob parse_job(const json& j, std::size_t index, const std::filesystem::path& base) {
  if (!j.is_object()) throw std::invalid_argument("not an object");
  for (const auto& [key, value] : j.items()) {
    if (key != "op" && key != "a" && key != "b" && key != "c" && key != "out" && key != "format") {
      throw std::invalid_argument(fmt::format("unknown field \"{}\"", key));
    }
  }
  ManifestJob job;
  job.index = index;
  const std::string op = field(j, "op");
  auto parsed = parse_op(op);
  if (!parsed)
    throw std::invalid_argument(fmt::format("unknown op \"{}\" (add, sub, mul, mad)", op));
  job.op = *parsed;
  job.a = resolve(base, field(j, "a"));
  job.b = resolve(base, field(j, "b"));
  if (job.op == Op::Mad) job.c = resolve(base, field(j, "c"));
  if (job.op != Op::Mad && j.contains("c")) {
    throw std::invalid_argument("\"c\" is read by op \"mad\" only");
  }
  job.out = resolve(base, field(j, "out"));
  if (j.contains("format")) {
    auto format =
        j["format"].is_string() ? parse_format(j["format"].get<std::string>()) : std::nullopt;
    if (!format) throw std::invalid_argument("\"format\" must be \"hex\" or \"bin\"");
    job.format = *format;
  }
  return job;
}
}  // namespace

std::vector<ManifestEntry> read_manifest(const std::string& path) {
  // The CLI's checked reader: a read error or a short read is an error, never a cut manifest.
  return parse_manifest(read_whole_file(path), path);
}

std::vector<ManifestEntry> parse_manifest(const std::string& text, const std::string& path) {
  json doc;
  try {
    doc = json::parse(text);
  } catch (const json::parse_error& e) {
    throw InputError(fmt::format("{}: byte {}: not valid JSON", path, e.byte));
  } catch (const json::exception& e) {
    // e.g. a number too large for any JSON number type (found by the manifest fuzzer).
    throw InputError(fmt::format("{}: not valid JSON: {}", path, e.what()));
  }
  const json* jobs = &doc;
  if (doc.is_object() && doc.contains("jobs")) jobs = &doc["jobs"];
  if (!jobs->is_array()) {
    throw InputError(fmt::format("{}: expected a JSON array of jobs or {{\"jobs\": [...]}}", path));
  }
  const auto base = std::filesystem::path(path).parent_path();
  std::vector<ManifestEntry> entries;
  for (std::size_t i = 0; i < jobs->size(); ++i) {
    ManifestEntry entry;
    entry.job.index = i;
    try {
      entry.job = parse_job((*jobs)[i], i, base);
    } catch (const std::invalid_argument& e) {
      entry.error = fmt::format("{}: job {}: {}", path, i, e.what());
    }
    entries.push_back(std::move(entry));
  }
  return entries;
}

FileId file_id(const std::string& path) {
  namespace fs = std::filesystem;
  FileId id;
  std::error_code ec;
  fs::path p = fs::weakly_canonical(fs::absolute(path, ec), ec);
  // Unresolvable (a component we may not search): the spelling, normalised, is the best we have.
  if (ec) p = fs::absolute(path, ec).lexically_normal();
  id.canonical = p.string();
  struct stat st;
  if (::stat(path.c_str(), &st) == 0) id.inode = std::pair{st.st_dev, st.st_ino};
  return id;
}

}  // namespace gpuexec::cli

#include "bench/e2e_files.hpp"

#include <fcntl.h>
#include <fmt/format.h>
#include <sys/statvfs.h>
#include <unistd.h>

#include <array>
#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <filesystem>
#include <random>

#include "gpuexec/error.hpp"
#include "gpuexec/fp_encoding.hpp"
#include "gpuexec/fp_samples.hpp"
#include "temp_registry.hpp"

namespace gpuexec::cli {

namespace {
// Elements per generated (and checked) chunk: bounded memory at any size, so the launcher's own
// peak RSS, which Linux carries into a child's ru_maxrss, stays a few MB.
constexpr std::size_t kChunk = std::size_t{1} << 13;

[[noreturn]] void fail(const std::string& what, const std::string& path, int err) {
  throw Error(ErrorCode::Internal,
              fmt::format("bench e2e: {} {}: {}", what, path, std::strerror(err)));
}

// Values of input `which`, elements [k * kChunk, k * kChunk + count): each chunk has its own seed,
// so the check regenerates any chunk without the ones before it.
void chunk_values(int which, std::size_t k, std::size_t count, uint64_t seed,
                  std::vector<Fp>& out) {
  std::mt19937_64 rng(seed * 0x9E3779B97F4A7C15ULL + static_cast<uint64_t>(which) * 1000003 +
                      k * 7919);
  out.resize(count);
  for (Fp& v : out) v = fp_random(rng);
}

// A 64-bit hash of blocks, each hashed whole and mixed in: the writer and the reader cut the
// bytes at the same block boundaries (one chunk's encoding).
class BlockHash {
 public:
  void add(const char* p, std::size_t size) {
    uint64_t h = 0xcbf29ce484222325ULL ^ size;
    std::size_t i = 0;
    for (; i + 8 <= size; i += 8) {
      uint64_t w;
      std::memcpy(&w, p + i, 8);
      h = (h ^ w) * 0x100000001b3ULL;
      h ^= h >> 29;
    }
    for (; i < size; ++i) h = (h ^ static_cast<unsigned char>(p[i])) * 0x100000001b3ULL;
    state_ = (state_ ^ h) * 0x9E3779B97F4A7C15ULL + 1;
  }
  uint64_t value() const { return state_ ? state_ : 1; }  // 0 means "no such file"

 private:
  uint64_t state_ = 0x84222325cbf29ce4ULL;
};

// `run`'s output encoding: 48 big-endian bytes, or "0x", 96 lowercase digits and a newline.
std::string encode(const std::vector<Fp>& values, E2eFormat format) {
  std::string out;
  out.reserve(values.size() * element_bytes(format));
  for (const Fp& v : values) {
    if (format == E2eFormat::Hex) {
      out += fp_to_hex(v);
      out += '\n';
    } else {
      std::array<uint8_t, kFpBytes> bytes;
      fp_to_be_bytes(v, bytes);
      out.append(reinterpret_cast<const char*>(bytes.data()), bytes.size());
    }
  }
  return out;
}

void write_all(int fd, const std::string& bytes, const std::string& path) {
  std::size_t done = 0;
  while (done < bytes.size()) {
    const ssize_t n = ::write(fd, bytes.data() + done, bytes.size() - done);
    if (n < 0 && errno == EINTR) continue;
    if (n < 0) fail("cannot write", path, errno);
    done += static_cast<std::size_t>(n);
  }
}
}  // namespace

E2eDir::E2eDir() {
  std::string tmpl = (std::filesystem::temp_directory_path() / "gpuexec-e2e-XXXXXX").string();
  if (!::mkdtemp(tmpl.data())) fail("cannot create a scratch directory", tmpl, errno);
  path_ = tmpl;
  slots_.push_back(register_temp(path_));  // the handler removes it after the files in it
}

E2eDir::~E2eDir() {
  std::error_code ec;
  std::filesystem::remove_all(path_, ec);
  for (TempSlot* s : slots_) release_temp(s);
}

std::string E2eDir::file(const std::string& name) {
  std::string p = path_ + "/" + name;
  slots_.push_back(register_temp(p));
  return p;
}

uint64_t E2eDir::free_bytes() const {
  struct statvfs s {};
  if (::statvfs(path_.c_str(), &s) != 0) fail("cannot stat the file system of", path_, errno);
  return static_cast<uint64_t>(s.f_bavail) * s.f_frsize;
}

std::size_t element_bytes(E2eFormat format) {
  return format == E2eFormat::Bin ? kFpBytes : kFpHexDigits + 3;
}

const char* format_name(E2eFormat format) {
  return format == E2eFormat::Bin ? "bin" : "hex";
}

uint64_t write_input_file(const std::string& path, int which, std::size_t n, E2eFormat format,
                          uint64_t seed) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0600);
  if (fd < 0) fail("cannot create", path, errno);
  BlockHash hash;
  std::vector<Fp> values;
  try {
    for (std::size_t k = 0; k * kChunk < n; ++k) {
      chunk_values(which, k, std::min(kChunk, n - k * kChunk), seed, values);
      const std::string bytes = encode(values, format);
      hash.add(bytes.data(), bytes.size());
      write_all(fd, bytes, path);
    }
  } catch (...) {
    ::close(fd);
    throw;
  }
  if (::close(fd) != 0) fail("cannot close", path, errno);
  return hash.value();
}

uint64_t expected_output_hash(Op op, std::size_t n, E2eFormat format, uint64_t seed) {
  BlockHash hash;
  std::vector<Fp> a, b, c, out;
  for (std::size_t k = 0; k * kChunk < n; ++k) {
    const std::size_t count = std::min(kChunk, n - k * kChunk);
    chunk_values(0, k, count, seed, a);
    chunk_values(1, k, count, seed, b);
    if (op == Op::Mad) chunk_values(2, k, count, seed, c);
    out.resize(count);
    for (std::size_t i = 0; i < count; ++i) {
      out[i] = op == Op::Mad ? apply(op, a[i], b[i], c[i]) : apply(op, a[i], b[i]);
    }
    const std::string bytes = encode(out, format);
    hash.add(bytes.data(), bytes.size());
  }
  return hash.value();
}

uint64_t file_hash(const std::string& path, std::size_t n, E2eFormat format) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) return 0;
  const std::size_t eb = element_bytes(format);
  std::string block(kChunk * eb, '\0');
  BlockHash hash;
  std::size_t total = 0;
  bool ok = true;
  for (std::size_t k = 0; ok; ++k) {
    // One chunk's bytes per block, as the writer hashed them; the last may be shorter.
    const std::size_t want = k * kChunk < n ? std::min(kChunk, n - k * kChunk) * eb : 1;
    std::size_t got = 0;
    while (got < want) {
      const ssize_t r = ::read(fd, block.data() + got, want - got);
      if (r < 0 && errno == EINTR) continue;
      if (r < 0) ok = false;
      if (r <= 0) break;
      got += static_cast<std::size_t>(r);
    }
    total += got;
    if (k * kChunk >= n) break;  // the probe past the end must find nothing
    if (got != want) ok = false;
    if (ok) hash.add(block.data(), got);
  }
  ::close(fd);
  return ok && total == n * eb ? hash.value() : 0;
}

}  // namespace gpuexec::cli

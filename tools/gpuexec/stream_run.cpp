#include "stream_run.hpp"

#include <fmt/format.h>

#include <array>
#include <atomic>
#include <chrono>
#include <exception>
#include <future>
#include <memory>
#include <optional>
#include <thread>

#include "atomic_file.hpp"
#include "blocking_queue.hpp"
#include "config/environment.hpp"
#include "core/host_pages.hpp"
#include "cpu/parallel_for.hpp"
#include "element_source.hpp"
#include "gpuexec/error.hpp"
#include "gpuexec/hex_codec.hpp"
#include "input_error.hpp"

namespace gpuexec::cli {

namespace {
// Small enough that the chunks in flight stay in the caches' reach and their buffers are reused
// (2^18 ran hex 2x slower on lavapipe's host: fresh pages and evicted lines), large enough that
// a chunk's fixed costs (a submission, a thread start) stay small.
constexpr std::size_t kDefaultChunkElems = std::size_t{1} << 15;
// One chunk being read, one computing, one being written, one spare for the reader to start on.
constexpr std::size_t kChunksInFlight = 4;

// A chunk's array: pinned memory of the executor (the device reads and writes it directly), or
// plain memory while the device is still opening (or failed to: the first chunk reports why).
class ChunkBuffer {
 public:
  void allocate(Executor* executor, std::size_t bytes) {
    if (executor) {
      pinned_ = executor->allocate_pinned((bytes + sizeof(Fp) - 1) / sizeof(Fp));
      plain_ = {};
    } else {
      plain_ = HostPages(bytes);
    }
  }
  std::span<uint8_t> bytes() {
    if (plain_.size()) return plain_.bytes();
    return {reinterpret_cast<uint8_t*>(pinned_.data()), pinned_.size() * sizeof(Fp)};
  }

 private:
  PinnedVector pinned_;
  HostPages plain_;
};

struct Chunk {
  std::size_t first = 0;  // its first element's index in the files
  std::size_t count = 0;
  bool last = false;
  bool allocated = false, pinned = false;
  std::array<ChunkBuffer, 3> in;
  ChunkBuffer out;
  std::array<std::vector<std::size_t>, 3> lines;  // hex: the line of each element
  HostPages text;                                 // hex output
  std::exception_ptr error;
};

// The shorter of two inputs is the one in error: it names the first element it lacks.
std::string length_error(ElementSource& x, ElementSource& y) {
  const std::size_t nx = x.count_rest(), ny = y.count_rest();
  ElementSource& shorter = nx < ny ? x : y;
  ElementSource& longer = nx < ny ? y : x;
  const std::size_t n = std::min(nx, ny);
  return fmt::format("{}: element {}: missing: the file holds {} elements but {} holds {}",
                     shorter.label(), n, n, longer.label(), std::max(nx, ny));
}

class Stream {
 public:
  Stream(const StreamSpec& spec, const ExecutorSource& executor)
      : spec_(spec),
        executor_(executor),
        element_bytes_(field_info(spec.field).element_bytes),
        hex_line_bytes_(2 + 2 * element_bytes_ + 1) {
    for (const std::string& path : spec.inputs) {
      sources_.push_back(std::make_unique<ElementSource>(path, spec.format, spec.field));
    }
    // Regular bin files: lengths compared before any work, as whole-file reads did.
    for (std::size_t i = 1; i < sources_.size(); ++i) {
      const auto a = sources_[0]->known_count(), other = sources_[i]->known_count();
      if (a && other && *a != *other) throw InputError(length_error(*sources_[0], *sources_[i]));
    }
    chunk_elems_ = env::cli_chunk_elems().value_or(kDefaultChunkElems);
  }

  std::size_t run() {
    AtomicFile out(spec_.out);  // fails now, before any work, if the output cannot be written
    // The device opens while the first chunks are read (lavapipe: 0.1 s). An empty job needs no
    // device, so a failure here is reported by the first chunk that needs one.
    opening_ = std::async(std::launch::async, [this]() -> Executor* {
                 try {
                   return &executor_();
                 } catch (...) {
                   return nullptr;
                 }
               }).share();
    for (auto& c : chunks_) free_.push(&c);
    std::jthread compute([&] { compute_stage(); });
    std::jthread writer([&] { write_stage(out); });
    read_stage();
    compute.join();
    writer.join();
    if (error_) std::rethrow_exception(error_);
    out.commit();
    return written_;
  }

 private:
  void read_stage() {
    std::size_t next = 0;
    for (;;) {
      Chunk* c = *free_.pop();
      if (failed_) break;
      c->first = next;
      try {
        allocate(*c);
        fill(*c);
      } catch (...) {
        c->error = std::current_exception();
      }
      next += c->count;
      const bool stop = c->last || c->error;
      to_compute_.push(c);
      if (stop) break;
    }
    to_compute_.close();
  }

  // Buffers for a chunk: plain ones while the device opens, pinned ones from then on (a plain
  // chunk is given pinned buffers when it comes round again).
  void allocate(Chunk& c) {
    const bool opened = opening_.wait_for(std::chrono::seconds(0)) == std::future_status::ready;
    Executor* executor = opened ? opening_.get() : nullptr;
    if (c.allocated && (c.pinned || !executor)) return;
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      c.in[i].allocate(executor, chunk_elems_ * element_bytes_);
    }
    c.out.allocate(executor, chunk_elems_ * element_bytes_);
    c.allocated = true;
    c.pinned = executor != nullptr;
  }

  void fill(Chunk& c) {
    const std::size_t bytes = chunk_elems_ * element_bytes_;
    std::size_t count = 0;
    for (std::size_t i = 0; i < sources_.size(); ++i) {
      const std::size_t got = sources_[i]->read(c.in[i].bytes().first(bytes), c.lines[i]);
      if (i > 0 && got != count) throw InputError(length_error(*sources_[0], *sources_[i]));
      count = got;
    }
    c.count = count;
    c.last = count < chunk_elems_;
  }

  void compute_stage() {
    while (auto item = to_compute_.pop()) {
      Chunk& c = **item;
      if (!c.error && !failed_ && c.count > 0) {
        try {
          const std::size_t bytes = c.count * element_bytes_;
          const auto in = [&](std::size_t i) {
            return i < sources_.size() ? std::span<const uint8_t>(c.in[i].bytes().first(bytes))
                                       : std::span<const uint8_t>();
          };
          // The device that opened, or the error of opening it again.
          Executor& ex = opening_.get() ? *opening_.get() : executor_();
          ex.run_encoded({spec_.op, in(0), in(1), c.out.bytes().first(bytes), in(2), spec_.field});
        } catch (const NonCanonicalInput& e) {
          const std::size_t i = e.input();
          const std::size_t line = spec_.format == FileFormat::Hex ? c.lines[i].at(e.index()) : 0;
          c.error = std::make_exception_ptr(InputError(sources_.at(i)->rejection(
              c.first + e.index(), line, c.in[i].bytes().first(c.count * element_bytes_))));
        } catch (...) {
          c.error = std::current_exception();
        }
      }
      to_write_.push(&c);
    }
    to_write_.close();
  }

  void write_stage(AtomicFile& out) {
    while (auto item = to_write_.pop()) {
      Chunk& c = **item;
      if (!failed_) {
        try {
          if (c.error) std::rethrow_exception(c.error);
          write(c, out);
        } catch (...) {
          error_ = std::current_exception();  // the first failure in file order
          failed_ = true;
        }
      }
      c.error = nullptr;
      free_.push(&c);
    }
  }

  void write(Chunk& c, AtomicFile& out) {
    written_ += c.count;
    if (spec_.format == FileFormat::Bin) {
      out.write({reinterpret_cast<const char*>(c.out.bytes().data()), c.count * element_bytes_});
      return;
    }
    if (c.text.size() < c.count * hex_line_bytes_)
      c.text = HostPages(chunk_elems_ * hex_line_bytes_);
    char* const text = static_cast<char*>(c.text.data());
    cpu::parallel_for(c.count, [&](std::size_t begin, std::size_t end) {
      for (std::size_t i = begin; i < end; ++i) {
        char* line = text + i * hex_line_bytes_;
        be_bytes_to_hex(c.out.bytes().subspan(i * element_bytes_, element_bytes_),
                        std::span<char>(line, hex_line_bytes_ - 1));
        line[hex_line_bytes_ - 1] = '\n';
      }
    });
    out.write({text, c.count * hex_line_bytes_});
  }

  const StreamSpec& spec_;
  const ExecutorSource& executor_;
  const std::size_t element_bytes_, hex_line_bytes_;
  std::shared_future<Executor*> opening_;
  std::vector<std::unique_ptr<ElementSource>> sources_;
  std::size_t chunk_elems_ = kDefaultChunkElems;
  std::array<Chunk, kChunksInFlight> chunks_;
  BlockingQueue<Chunk*> free_, to_compute_, to_write_;
  std::atomic<bool> failed_{false};
  std::exception_ptr error_;  // written by the writer thread, read after it joins
  std::size_t written_ = 0;
};
}  // namespace

std::size_t stream_run(const StreamSpec& spec, const ExecutorSource& executor) {
  return Stream(spec, executor).run();
}

}  // namespace gpuexec::cli

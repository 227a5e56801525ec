// gpuexec ntt: the NTT over Fr of a vector file (or a batch of vectors back to back).
#include <fmt/format.h>

#include <bit>
#include <memory>

#include "atomic_file.hpp"
#include "backend_option.hpp"
#include "commands.hpp"
#include "field_file.hpp"
#include "gpuexec/executor.hpp"
#include "gpuexec/fr_encoding.hpp"
#include "input_error.hpp"
#include "option_checks.hpp"

namespace gpuexec::cli {

namespace {
struct NttArgs {
  std::string in, out, format = "hex", coset = "1";
  bool inverse = false;
  std::size_t batch = 1;
  BackendOption backend;
};

// A plain integer below r from hex (0x prefix) or decimal text; nullopt with why otherwise.
std::optional<Fr> parse_scalar(std::string_view text, std::string& why) {
  if (text.starts_with("0x") || text.starts_with("0X")) return fr_from_hex(text, &why);
  if (text.empty()) {
    why = "no digits";
    return std::nullopt;
  }
  fr::Limbs x{};
  bool overflow = false;
  for (char ch : text) {
    if (ch < '0' || ch > '9') {
      why = fmt::format("'{}' is not a decimal digit (hex values start with 0x)", ch);
      return std::nullopt;
    }
    // x = 10 x + digit, watching the carry out of the top limb.
    unsigned __int128 carry = static_cast<unsigned>(ch - '0');
    for (auto& limb : x) {
      carry += static_cast<unsigned __int128>(limb) * 10;
      limb = static_cast<uint64_t>(carry);
      carry >>= 64;
    }
    overflow = overflow || carry != 0;
  }
  if (overflow || !fr::is_canonical(x)) {
    why = "value is not below the field modulus r";
    return std::nullopt;
  }
  return fr::to_montgomery(x);
}

Fr coset_shift(const std::string& text) {
  std::string why;
  const auto s = parse_scalar(text, why);
  if (!s) throw CLI::ValidationError("--coset", fmt::format("'{}': {}", text, why));
  if (fr::is_zero(*s)) {
    throw CLI::ValidationError("--coset",
                               "the shift is 0, which has no inverse: give a nonzero "
                               "element of Fr");
  }
  return *s;
}

void run_ntt(const NttArgs& args) {
  const NttOptions options{args.inverse, coset_shift(args.coset), args.batch};
  const FileFormat format = *parse_format(args.format);
  AtomicFile out(args.out);  // fails now, before any work, if the output cannot be written
  std::vector<Fr> data = read_elements<Fr>(args.in, format);
  const std::size_t n = data.size();
  if (n == 0)
    throw InputError(fmt::format("{}: holds no elements: an NTT needs 1 or more", args.in));
  if (n % args.batch != 0) {
    throw InputError(
        fmt::format("{}: {} elements do not split into --batch {} vectors of equal "
                    "length",
                    args.in, n, args.batch));
  }
  if (!std::has_single_bit(n / args.batch)) {
    throw InputError(fmt::format(
        "{}: vector length {} is not a power of two{}", args.in, n / args.batch,
        args.batch > 1 ? fmt::format(" ({} elements / --batch {})", n, args.batch) : ""));
  }
  Executor executor(args.backend.executor_options());
  executor.ntt(data, options);
  write_elements<Fr>(data, format, out);
  out.commit();
}
}  // namespace

void add_ntt_command(CLI::App& app) {
  auto args = std::make_shared<NttArgs>();
  CLI::App* cmd = app.add_subcommand(
      "ntt", "the NTT over Fr: Y[i] = sum_j X[j] (s w^i)^j, natural order in and out");
  cmd->add_option("--in", args->in, "input file of Fr elements")->required();
  cmd->add_option("--out", args->out, "output file (written atomically)")->required();
  cmd->add_flag("--inverse", args->inverse,
                "the inverse transform (coefficients from evaluations at s w^i)");
  cmd->add_option("--coset", args->coset, "the coset shift s, hex (0x...) or decimal")
      ->capture_default_str();
  cmd->add_option("--batch", args->batch, "vectors of equal length back to back in the file")
      ->check(whole_number(1, uint64_t{1} << 32, "vectors"))
      ->capture_default_str();
  cmd->add_option("--format", args->format,
                  "hex (one value per line, at most 64 digits) or bin (32-byte big-endian)")
      ->check(CLI::IsMember({"hex", "bin"}))
      ->capture_default_str();
  args->backend.add_to(*cmd);
  cmd->callback([args] { run_ntt(*args); });
}

}  // namespace gpuexec::cli

// One element-wise job, and how a batch of them is scheduled.
#pragma once

#include <cstdint>
#include <span>
#include <string_view>

#include "gpuexec/field_params.hpp"
#include "gpuexec/fp.hpp"
#include "gpuexec/fr.hpp"
#include "gpuexec/op.hpp"

namespace gpuexec {

// The field of an element type: Fp or Fr.
template <class F>
inline constexpr FieldId field_of = FieldId::Fp;
template <>
inline constexpr FieldId field_of<Fr> = FieldId::Fr;

// out[i] = a[i] op b[i] (Mad: a[i] * b[i] + c[i]) over the field of F (Fp or Fr). The spans are
// the caller's and must stay alive until the job is done; out may alias an input of the same job.
template <class F>
struct BasicJob {
  Op op = Op::Add;
  std::span<const F> a, b;
  std::span<F> out;
  std::span<const F> c;  // Mad only
};
using Job = BasicJob<Fp>;
using FrJob = BasicJob<Fr>;

// The same job on elements in the file encoding: the field's element bytes (Fp 48, Fr 32) of
// big-endian canonical value per element, in and out, as `gpuexec run --format bin` reads and
// writes them. Byte order and Montgomery conversion happen where the op runs (on the device, or
// fused into the CPU's pass); every input element is checked (NonCanonicalInput names the first
// one not below the modulus). out may alias an input of the same job.
struct EncodedJob {
  Op op = Op::Add;
  std::span<const uint8_t> a, b;
  std::span<uint8_t> out;
  std::span<const uint8_t> c;  // Mad only
  FieldId field = FieldId::Fp;
};

enum class Schedule {
  Sequential,  // one job after another, each finished before the next starts
  Pipelined,   // buffer sets in a ring: job N+1 uploads while job N computes and job N-1 reads
               // back; jobs grouped by size bucket and op; results land in the caller's spans
};

std::string_view schedule_name(Schedule s);

}  // namespace gpuexec

#include "kernel_list.hpp"

#include <algorithm>
#include <cctype>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <type_traits>

namespace gpuexec::shadergen {

namespace {

std::vector<std::string> split(const std::string& s, char sep) {
  std::vector<std::string> out;
  std::stringstream in(s);
  std::string item;
  while (std::getline(in, item, sep)) {
    if (!item.empty()) out.push_back(item);
  }
  return out;
}

std::string upper(std::string s) {
  for (char& c : s) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  return s;
}

const Field* find_field(const std::string& name) {
  for (const Field& f : all_fields()) {
    if (f.name == name) return &f;
  }
  return nullptr;
}

std::optional<Op> find_op(const std::string& name) {
  for (Op op : kAllOps) {
    if (op_name(op) == name) return op;
  }
  return std::nullopt;
}

}  // namespace

const std::vector<Field>& all_fields() {
  static const std::vector<Field> fields = [] {
    std::vector<Field> out;
    for_each_field([&](FieldId id, const auto& p) {
      using Params = std::remove_cvref_t<decltype(p)>;
      out.push_back({id, p.name, std::vector<uint64_t>(p.modulus.begin(), p.modulus.end()),
                     std::vector<uint64_t>(p.r2.begin(), p.r2.end()), p.inv,
                     static_cast<uint32_t>(Params::kElementBytes)});
    });
    return out;
  }();
  return fields;
}

std::string capitalised(const std::string& name) {
  std::string out = name;
  if (!out.empty()) out[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(out[0])));
  return out;
}

std::vector<Kernel> read_kernel_list(const std::string& path, bool every_field) {
  std::ifstream in(path);
  if (!in) throw std::runtime_error(path + ": cannot open");
  std::vector<Kernel> out;
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    const auto where = [&] { return path + ":" + std::to_string(number) + ": "; };
    line = line.substr(0, line.find('#'));
    std::vector<std::string> cols;
    std::stringstream words(line);
    for (std::string w; words >> w;) cols.push_back(w);
    if (cols.empty()) continue;
    if (cols.size() != 4 && cols.size() != 5) {
      throw std::runtime_error(where() + "want: entry ops fields variants [io]");
    }
    const std::string io = cols.size() == 5 ? cols[4] : "mont";
    if (io != "mont" && io != "be") throw std::runtime_error(where() + "io is mont or be: " + io);
    const auto encoding =
        io == "be" ? spirv::ElementEncoding::BigEndian : spirv::ElementEncoding::Montgomery;
    const std::vector<std::string> field_names = split(cols[2], ',');
    std::vector<std::pair<const Field*, bool>> fields;
    for (const std::string& name : field_names) {
      const Field* f = find_field(name);
      if (!f) throw std::runtime_error(where() + "no field description named " + name);
      fields.emplace_back(f, true);
    }
    if (every_field) {
      for (const Field& f : all_fields()) {
        if (std::find(field_names.begin(), field_names.end(), f.name) == field_names.end()) {
          fields.emplace_back(&f, false);
        }
      }
    }
    // Ops `-`: one kernel per field and variant, named after its entry shader, with no op.
    const bool no_op = cols[1] == "-";
    if (no_op && io != "mont") throw std::runtime_error(where() + "a kernel without ops is mont");
    for (const auto& [field, listed] : fields) {
      for (const std::string& op_text :
           no_op ? std::vector<std::string>{cols[0]} : split(cols[1], ',')) {
        const std::optional<Op> op = no_op ? std::nullopt : find_op(op_text);
        if (!no_op && !op) throw std::runtime_error(where() + "unknown op " + op_text);
        for (const std::string& v : split(cols[3], ',')) {
          const spirv::VariantInfo* variant = spirv::find_variant(std::string_view(v));
          if (!variant) throw std::runtime_error(where() + "unknown variant " + v);
          out.push_back({field->name + "_" + op_text + "_" + v + (io == "be" ? "_be" : ""),
                         cols[0] + ".comp", op, field, variant, encoding, listed});
        }
      }
    }
  }
  for (std::size_t i = 0; i < out.size(); ++i) {
    for (std::size_t j = 0; j < i; ++j) {
      if (out[i].name == out[j].name) throw std::runtime_error(path + ": twice: " + out[i].name);
    }
  }
  return out;
}

std::string field_macro(const Field& f) {
  return "FIELD_" + upper(f.name);
}

std::string glsl_defines(const Kernel& k) {
  return "-D" + field_macro(*k.field) + " -DLIMB_BITS=" + std::to_string(k.variant->limb_bits) +
         " -DLOAD_BYTES=" + std::to_string(k.variant->load_bytes) +
         (k.op ? " -DOP_" + upper(std::string(op_name(*k.op))) : "") +
         (k.encoding == spirv::ElementEncoding::BigEndian ? " -DIO_BE" : "");
}

}  // namespace gpuexec::shadergen

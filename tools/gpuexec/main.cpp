// gpuexec: BLS12-381 field arithmetic on any Vulkan device, from the command line.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "commands.hpp"
#include "gpuexec/error.hpp"
#include "input_error.hpp"
#include "option_checks.hpp"
#include "temp_registry.hpp"

namespace {
// Every option that names a file refuses an empty name at parse time, before any work.
void refuse_empty_file_names(CLI::App& app) {
  static constexpr const char* kFileOptions[] = {"--a",    "--b",      "--c",       "--out",
                                                 "--in",   "--points", "--scalars", "--json",
                                                 "--plot", "manifest", "results"};
  for (CLI::App* sub : app.get_subcommands([](CLI::App*) { return true; })) {
    for (CLI::Option* opt : sub->get_options()) {
      for (const char* name : kFileOptions) {
        if (opt->check_name(name)) opt->check(gpuexec::cli::non_empty_path());
      }
    }
  }
}
}  // namespace

int main(int argc, char** argv) {
  CLI::App app{
      "gpuexec: BLS12-381 Fp and Fr arithmetic, the NTT and G1 MSM on Vulkan devices and the CPU"};
  app.require_subcommand(1);
  gpuexec::cli::add_run_command(app);
  gpuexec::cli::add_batch_command(app);
  gpuexec::cli::add_validate_command(app);
  gpuexec::cli::add_ntt_command(app);
  gpuexec::cli::add_msm_command(app);
  gpuexec::cli::add_gen_command(app);
  gpuexec::cli::add_devices_command(app);
  gpuexec::cli::add_bench_command(app);
  gpuexec::cli::add_plot_command(app);
  gpuexec::cli::add_io_floor_command(app);
  refuse_empty_file_names(app);
  gpuexec::cli::install_temp_cleanup_handlers();
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
  } catch (const CLI::ValidationError& e) {
    // A bad option value: one line naming the option and the valid values.
    fmt::print(stderr, "gpuexec: {}\n", e.what());
    return gpuexec::cli::kExitBadInput;
  } catch (const CLI::ParseError& e) {
    app.exit(e);
    return gpuexec::cli::kExitBadInput;
  } catch (const gpuexec::cli::InputError& e) {
    fmt::print(stderr, "gpuexec: {}\n", e.what());
    return gpuexec::cli::kExitBadInput;
  } catch (const gpuexec::Error& e) {
    fmt::print(stderr, "gpuexec: {}\n", e.what());
    return e.code() == gpuexec::ErrorCode::InvalidArgument ? gpuexec::cli::kExitBadInput : 1;
  } catch (const std::exception& e) {
    fmt::print(stderr, "gpuexec: internal error: {}\n", e.what());
    return 1;
  }
  return 0;
}

// gpuexec: BLS12-381 field arithmetic on any Vulkan device, from the command line.
#include <fmt/format.h>

#include <CLI/CLI.hpp>
#include <cstdio>

#include "commands.hpp"
#include "gpuexec/error.hpp"
#include "input_error.hpp"

int main(int argc, char** argv) {
  CLI::App app{"gpuexec: BLS12-381 Fp vector arithmetic on Vulkan devices and the CPU"};
  app.require_subcommand(1);
  gpuexec::cli::add_run_command(app);
  gpuexec::cli::add_batch_command(app);
  gpuexec::cli::add_validate_command(app);
  gpuexec::cli::add_devices_command(app);
  gpuexec::cli::add_bench_command(app);
  gpuexec::cli::add_plot_command(app);
  try {
    app.parse(argc, argv);
  } catch (const CLI::CallForHelp& e) {
    return app.exit(e);
  } catch (const CLI::CallForAllHelp& e) {
    return app.exit(e);
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

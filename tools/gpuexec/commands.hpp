// Each gpuexec subcommand registers itself on the CLI11 app; its callback does the work.
#pragma once

#include <CLI/CLI.hpp>

namespace gpuexec::cli {

void add_run_command(CLI::App& app);
void add_validate_command(CLI::App& app);
void add_ntt_command(CLI::App& app);
void add_msm_command(CLI::App& app);
void add_gen_command(CLI::App& app);
void add_devices_command(CLI::App& app);
void add_batch_command(CLI::App& app);
void add_plot_command(CLI::App& app);
void add_bench_command(CLI::App& app);
// Hidden: the I/O floor bench e2e measures `run` against (bench/cmd_io_floor.cpp).
void add_io_floor_command(CLI::App& app);

}  // namespace gpuexec::cli

// The temporaries that outputs are written to, known to the signal handlers: SIGINT, SIGTERM,
// SIGHUP or SIGQUIT unlink every live one (and remove a live directory once emptied), then end
// the process by the signal's default action, so an interrupted run leaves no temporary behind
// and the old output untouched.
#pragma once

#include <sys/types.h>

#include <string>

namespace gpuexec::cli {

// Installs the handlers (once; a signal ignored when gpuexec started stays ignored).
void install_temp_cleanup_handlers();

struct TempSlot;

// Registers a path before the file is created (so no moment has an unregistered temporary);
// release it after the file is renamed or removed. The registry grows as needed; the handler only
// reads it, through atomics.
TempSlot* register_temp(const std::string& path);
void release_temp(TempSlot* slot) noexcept;

// The child (bench e2e's `run`) the handlers end and reap before cleaning up; 0 for none.
void set_signal_child(pid_t pid) noexcept;

// Live registrations (tests).
int live_temp_count() noexcept;

}  // namespace gpuexec::cli

#include "gpuexec/version.h"
#include "gpuexec/gpuexec.h"

extern "C" const char* gpuexec_version(void) {
  return GPUEXEC_VERSION_STRING;
}

extern "C" int gpuexec_version_number(void) {
  return GPUEXEC_VERSION_NUMBER;
}

/* Wine 8 has no bcryptprimitives.dll, whose ProcessPrng Rust's standard library calls for
   random bytes on Windows (a missing import: the program does not start, exit 53). This stub,
   built with mingw-w64 and put into the wine prefix used by .ci/run, answers it from
   RtlGenRandom (advapi32's SystemFunction036), which wine has. Windows itself never sees it. */
#include <windows.h>

BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length);

__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T len) {
    while (len > 0) {
        ULONG chunk = len > 0x40000000 ? 0x40000000 : (ULONG)len;
        if (!SystemFunction036(data, chunk)) return FALSE;
        data += chunk;
        len -= chunk;
    }
    return TRUE;
}

"""Peak memory of a fresh child process, shared by the benchmarks that measure it."""

# Source prepended to a child script: defines peak_mb(). VmHWM is the process's own high-water mark;
# ru_maxrss on Linux keeps the parent's across exec, so it is only the fallback (macOS counts bytes).
PEAK_MB_SOURCE = '''
import resource, sys

def peak_mb():
    try:
        for line in open("/proc/self/status"):
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    scale = 1 if sys.platform != "darwin" else 1024
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024 / scale
'''

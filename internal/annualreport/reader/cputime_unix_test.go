//go:build unix

package reader

import (
	"syscall"
	"time"
)

// cpuTime is the CPU time the process has used (user + system), or 0 when unknown.
// On a shared machine it measures the work done rather than the wait for a core.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

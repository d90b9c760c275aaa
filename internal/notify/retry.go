package notify

import "time"

// MaxAttempts is how many times a message is tried before it is given up as failed
// (then staff deliver it another way): with Backoff, about four hours of retries.
const MaxAttempts = 8

// Backoff is the wait before the next attempt after attempts failed ones: one minute,
// doubling each time, at most six hours.
func Backoff(attempts int) time.Duration {
	if attempts < 1 {
		attempts = 1
	}
	d := time.Minute
	for i := 1; i < attempts; i++ {
		d *= 2
		if d >= 6*time.Hour {
			return 6 * time.Hour
		}
	}
	return d
}

package app

import (
	"context"
	"sync"
	"time"
)

// Job is a background task run on a fixed interval; each can also be run once from the
// command line (for cron).
type Job struct {
	Name     string
	Interval time.Duration
	Run      func(ctx context.Context, a *App) error
}

// Jobs lists the background jobs. Domain areas add theirs here.
func Jobs() []Job {
	return []Job{
		reminderJob(),
		catalogPublishJob(),
		outboxJob(),
		auditCheckpointJob(),
	}
}

type jobGroup struct{ wg sync.WaitGroup }

func (g *jobGroup) wait() { g.wg.Wait() }

// startJobs runs every job until ctx is cancelled.
func startJobs(ctx context.Context, a *App) *jobGroup {
	g := &jobGroup{}
	for _, j := range Jobs() {
		g.wg.Add(1)
		go func(j Job) {
			defer g.wg.Done()
			t := time.NewTicker(j.Interval)
			defer t.Stop()
			for {
				if err := j.Run(ctx, a); err != nil && ctx.Err() == nil {
					a.Log.Error("job failed", "job", j.Name, "err", err)
				}
				select {
				case <-ctx.Done():
					return
				case <-t.C:
				}
			}
		}(j)
	}
	return g
}

// RunJob runs the named job once.
func (a *App) RunJob(ctx context.Context, name string) (bool, error) {
	for _, j := range Jobs() {
		if j.Name == name {
			return true, j.Run(ctx, a)
		}
	}
	return false, nil
}

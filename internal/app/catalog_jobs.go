package app

import (
	"context"
	"time"

	"gongkai/internal/account"
)

// CatalogPublishJob is the name of the scheduled-publication job (gongkai catalog publish-due).
const CatalogPublishJob = "catalog-publish-due"

// CatalogPublishInterval is how often scheduled catalog items are checked while serving.
const CatalogPublishInterval = time.Minute

func catalogPublishJob() Job {
	return Job{Name: CatalogPublishJob, Interval: CatalogPublishInterval, Run: func(ctx context.Context, a *App) error {
		n, err := a.DB.Catalog().PublishDue(ctx, account.System(), time.Now())
		if n > 0 {
			a.Log.Info("scheduled catalog items published", "count", n)
		}
		return err
	}}
}

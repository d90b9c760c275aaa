// Package reportbench measures the annual report at the size of a large agency (issue 10):
// one agency's report built and checked from 100,000 applications, 2,000 appeals and
// 1,000,000 catalog items of the year (store.Reports.Draft), and the government's summary
// of 50 such agencies (store.Reports.Government), on SQLite and on PostgreSQL. Targets:
// under 1 s and under 10 s. Run with bench/annual-report.sh; see docs/benchmarks.md.
package reportbench

import (
	"context"
	"syscall"
	"testing"
	"time"

	"gongkai/internal/account"
)

func dialects() []string { return []string{"sqlite", "postgres"} }

// cpuTime is the CPU time this process has used (user and system): on a shared machine
// the wall-clock time depends on the load, the CPU time much less. On PostgreSQL the
// server's share is not in it.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		return 0
	}
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkReportDraft is one agency's report for the year: counted from its records by
// compose, checked, with the cases still open listed (what the console's report page and
// `report build` do).
func BenchmarkReportDraft(b *testing.B) {
	for _, kind := range dialects() {
		b.Run(kind, func(b *testing.B) {
			f := openFixture(b, kind)
			ctx := context.Background()
			a := f.agencies[0]
			cpu := cpuTime()
			b.ResetTimer()
			for b.Loop() {
				d, err := f.db.Reports().Draft(ctx, account.System(), a, benchYear)
				if err != nil {
					b.Fatal(err)
				}
				if len(d.Report.Findings) > 0 {
					b.Fatalf("findings: %+v", d.Report.Findings[0])
				}
				if v, _ := d.Report.Cells.Get("applications.new.total"); int(v) != benchSizes().apps {
					b.Fatalf("new applications = %v", v)
				}
				if v, _ := d.Report.Cells.Get("applications.carried_in.total"); v == 0 {
					b.Fatal("nothing carried in")
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/report")
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/report")
		})
	}
}

// BenchmarkGovernmentSummary is the government's summary of its agencies' reports for the
// year (the 政务公开办's page): every agency's report from its records, and the sum.
func BenchmarkGovernmentSummary(b *testing.B) {
	for _, kind := range dialects() {
		b.Run(kind, func(b *testing.B) {
			f := openFixture(b, kind)
			ctx := context.Background()
			office := account.Principal{Name: "政务公开办", GovernmentID: f.govID, Roles: []account.Role{account.OpenOffice}}
			now := time.Date(benchYear+1, 2, 10, 2, 0, 0, 0, time.UTC)
			cpu := cpuTime()
			b.ResetTimer()
			for b.Loop() {
				sum, err := f.db.Reports().Government(ctx, office, benchYear, now)
				if err != nil {
					b.Fatal(err)
				}
				if len(sum.Agencies) != len(f.agencies) {
					b.Fatalf("%d agencies summed", len(sum.Agencies))
				}
				if v, _ := sum.Total.Cells.Get("applications.new.total"); int(v) != benchSizes().apps*len(f.agencies) {
					b.Fatalf("new applications = %v", v)
				}
			}
			b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/summary")
			b.ReportMetric((cpuTime()-cpu).Seconds()/float64(b.N), "cpu-s/summary")
		})
	}
}

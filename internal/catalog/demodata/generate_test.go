package demodata

import (
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"testing"
	"time"

	"gongkai/internal/catalog"
)

var now = time.Date(2026, 11, 25, 10, 0, 0, 0, time.UTC)

func agencies() []Agency { return DefaultAgencies("清河区", "清") }

func TestGenerateIsDeterministic(t *testing.T) {
	a := agencies()[0]
	x, err := Generate(a, Options{Seed: 42, Now: now})
	if err != nil {
		t.Fatal(err)
	}
	y, _ := Generate(a, Options{Seed: 42, Now: now})
	if !reflect.DeepEqual(x, y) {
		t.Fatal("same seed, different catalogs")
	}
	z, _ := Generate(a, Options{Seed: 43, Now: now})
	if reflect.DeepEqual(x, z) {
		t.Fatal("different seeds, same catalog")
	}
}

func TestGenerateCatalogs(t *testing.T) {
	tax := catalog.DefaultTaxonomy()
	for _, a := range agencies() {
		t.Run(string(a.Kind), func(t *testing.T) {
			items, err := Generate(a, Options{Seed: 1, Now: now})
			if err != nil {
				t.Fatal(err)
			}
			if len(items) < 250 || len(items) > 700 {
				t.Errorf("%d items, want a few hundred", len(items))
			}
			pat, _ := catalog.ParseIndexPattern(catalog.NationalIndexPattern)
			seen := map[string]bool{}
			years := map[int]int{}
			states := map[catalog.State]int{}
			var normative, ended, late int
			topics := map[string]bool{}
			for _, it := range items {
				if err := it.Validate(tax); err != nil {
					t.Fatalf("%s: %v", it.Title, err)
				}
				if err := it.ReadyToPublish(tax); err != nil {
					t.Fatalf("%s: %v", it.Title, err)
				}
				if it.WrittenOn.After(catalog.ChinaDay(now)) || it.WrittenOn.Year() < 2021 {
					t.Fatalf("%s dated %v", it.Title, it.WrittenOn)
				}
				if strings.Contains(it.Title, "{") || strings.Contains(it.BodyHTML, "{") || strings.Contains(it.Summary, "{") {
					t.Fatalf("unfilled placeholder in %q", it.Title)
				}
				if wd := it.WrittenOn.Weekday(); wd == time.Saturday || wd == time.Sunday {
					t.Fatalf("%s written on a %s", it.Title, wd)
				}
				states[it.State]++
				years[it.WrittenOn.Year()]++
				topics[it.Topic] = true
				switch it.State {
				case catalog.Published, catalog.Withdrawn, catalog.Scheduled:
					if it.IndexNo == "" || seen[it.IndexNo] {
						t.Fatalf("索引号 %q missing or repeated", it.IndexNo)
					}
					seen[it.IndexNo] = true
					v, ok := pat.Parse(it.IndexNo)
					if !ok || v.Code != a.Code || v.Year != catalog.IndexYear(it) {
						t.Fatalf("索引号 %q does not follow the pattern", it.IndexNo)
					}
				default:
					if it.IndexNo != "" {
						t.Fatalf("unapproved item with 索引号 %q", it.IndexNo)
					}
				}
				if it.State == catalog.Scheduled && !it.PublishAt.After(now) {
					t.Fatalf("scheduled in the past: %v", it.PublishAt)
				}
				if it.Kind == catalog.Normative {
					normative++
					if it.Validity != catalog.Valid {
						ended++
					}
					if !strings.Contains(it.DocNo, "〔") {
						t.Fatalf("normative document without 文号: %q", it.Title)
					}
				}
				if tl, ok := catalog.ItemTimeliness(weekdays{}, it, catalog.ChinaDay(now)); ok && tl.Late && it.State == catalog.Published {
					late++
				}
			}
			for y := 2021; y <= 2026; y++ {
				if years[y] < 30 {
					t.Errorf("year %d has only %d items", y, years[y])
				}
			}
			if normative < 6 || ended == 0 {
				t.Errorf("normative %d, ended %d", normative, ended)
			}
			if states[catalog.Published] < 200 || late == 0 || late > len(items)/5 {
				t.Errorf("states %v, late %d", states, late)
			}
			for _, tp := range []string{"annual_report", "budgets", "work_news", "disclosure_guide", "org_functions"} {
				if !topics[tp] {
					t.Errorf("no item of topic %s", tp)
				}
			}
			// Table 二 from the catalog keeps the cross-year rule.
			for y := 2022; y <= 2026; y++ {
				prev, cur := catalog.CountDocuments(items, y-1), catalog.CountDocuments(items, y)
				if cur.Normative.InForce != prev.Normative.InForce+cur.Normative.Issued-cur.Normative.Repealed {
					t.Errorf("year %d: %+v after %+v", y, cur.Normative, prev.Normative)
				}
			}
		})
	}
}

func TestMonthlyFigures(t *testing.T) {
	figs := MonthlyFigures(agencies()[0], Options{Seed: 1, Now: now})
	y, err := catalog.SumYear(figs, 2025)
	if err != nil {
		t.Fatal(err)
	}
	if len(y.Months) != 12 || y.Licensing < 240 || y.Fees != 0 {
		t.Errorf("2025 figures: %+v", y)
	}
	cur, _ := catalog.SumYear(figs, 2026)
	if len(cur.Months) != 10 {
		t.Errorf("2026 has figures up to October, got months %v", cur.Months)
	}
}

type weekdays struct{}

func (weekdays) Add(from time.Time, n int) time.Time {
	d := from
	for n > 0 {
		d = d.AddDate(0, 0, 1)
		if wd := d.Weekday(); wd != time.Saturday && wd != time.Sunday {
			n--
		}
	}
	return d
}

func BenchmarkGenerate(b *testing.B) {
	a := agencies()[0]
	for b.Loop() {
		if _, err := Generate(a, Options{Seed: 1, Now: now}); err != nil {
			b.Fatal(err)
		}
	}
}

var (
	quarterTitle = regexp.MustCompile(`(\d{4})年第([一二三四])季度`)
	monthTitle   = regexp.MustCompile(`(\d{4})年(\d{1,2})月`)
	yearTitle    = regexp.MustCompile(`(\d{4})年(?:度)?政府信息公开工作年度报告`)
)

// A report on a period — 第一季度…, 3月…结果公示, …年政府信息公开工作年度报告 — is written and
// published after the period it names has ended.
func TestPeriodReportsComeAfterTheirPeriod(t *testing.T) {
	n := 0
	for _, a := range agencies() {
		items, err := Generate(a, Options{Seed: 1, Now: now})
		if err != nil {
			t.Fatal(err)
		}
		for _, it := range items {
			var end time.Time // the first day after the period
			if m := quarterTitle.FindStringSubmatch(it.Title); m != nil {
				y, _ := strconv.Atoi(m[1])
				q := strings.Index("一二三四", m[2]) / len("一")
				end = time.Date(y, time.Month(3*q+4), 1, 0, 0, 0, 0, time.UTC)
			} else if m := yearTitle.FindStringSubmatch(it.Title); m != nil {
				y, _ := strconv.Atoi(m[1])
				end = time.Date(y+1, 1, 1, 0, 0, 0, 0, time.UTC)
			} else if m := monthTitle.FindStringSubmatch(it.Title); m != nil && strings.HasSuffix(it.Title, "结果公示") {
				y, _ := strconv.Atoi(m[1])
				mo, _ := strconv.Atoi(m[2])
				end = time.Date(y, time.Month(mo+1), 1, 0, 0, 0, 0, time.UTC)
			} else {
				continue
			}
			n++
			if it.WrittenOn.Before(end) || (!it.PublishedOn.IsZero() && it.PublishedOn.Before(end)) {
				t.Errorf("%s: written %v, published %v, before the period ends (%v)", it.Title, it.WrittenOn.Format("2006-01-02"), it.PublishedOn.Format("2006-01-02"), end.Format("2006-01-02"))
			}
		}
	}
	if n < 200 {
		t.Errorf("only %d period reports checked", n)
	}
}

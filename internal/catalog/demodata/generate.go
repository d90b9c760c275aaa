package demodata

import (
	"hash/fnv"
	"math/rand/v2"
	"sort"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

// Options tune the generator.
type Options struct {
	Seed        uint64
	FromYear    int       // first year; 0 = 2021
	ToYear      int       // last year; 0 = the year of Now
	PoolPerYear int       // items drawn from the agency's pool each year besides the fixed series; 0 = 40
	Now         time.Time // nothing is dated after Now; recent items are still in review
}

var quarters = []string{"一", "二", "三", "四"}
var batches = []string{"一", "二", "三", "四", "五", "六"}

type planned struct {
	e     entry
	year  int
	month int // the month it is written in (13: January of the next year)
	x     string
	batch int
	// period is the last month of the period the title names, for an entry that reports
	// on it after the fact (entry.after); 0 when the title's month is month.
	period int
}

// Generate returns the demo catalog of one agency: a few hundred items over the years,
// deterministic for (agency, options). Published items carry 索引号 rendered with the
// agency's pattern; the store should start each year's counter above the highest serial
// (catalog.IndexPattern.Parse). Items are in 成文日期 order; IDs are left to the store.
func Generate(a Agency, opt Options) ([]catalog.Item, error) {
	if opt.Now.IsZero() {
		return nil, apperr.New(apperr.Invalid, "生成演示数据需要指定当前时间")
	}
	today := catalog.ChinaDay(opt.Now)
	from, to := opt.FromYear, opt.ToYear
	if from == 0 {
		from = 2021
	}
	if to == 0 || to > today.Year() {
		to = today.Year()
	}
	pool := opt.PoolPerYear
	if pool <= 0 {
		pool = 40
	}
	patSrc := a.Pattern
	if patSrc == "" {
		patSrc = catalog.NationalIndexPattern
	}
	pat, err := catalog.ParseIndexPattern(patSrc)
	if err != nil {
		return nil, err
	}
	hs := fnv.New64a()
	hs.Write([]byte(a.Kind))
	hs.Write([]byte(a.Name))
	rng := rand.New(rand.NewPCG(opt.Seed, hs.Sum64()))
	entries := entriesFor(a.Kind)
	tax := catalog.DefaultTaxonomy()

	var plan []planned
	for y := from; y <= to; y++ {
		if y == from || y == 2024 {
			plan = append(plan, planned{e: entry{topic: "disclosure_guide", style: styleReport, title: "{机构}政府信息公开指南", keywords: []string{"政府信息公开指南"}}, year: y, month: 1})
		}
		if y == from {
			plan = append(plan, planned{e: entry{topic: "org_functions", style: styleReport, title: "{机构}机构职能", keywords: []string{"机构职能", "内设机构"}}, year: y, month: 1})
		}
		total := 0
		for _, e := range entries {
			switch {
			case e.perYear > 0 && e.month > 0:
				plan = append(plan, planned{e: e, year: y, month: e.month})
			case e.perYear > 0:
				step := 12 / e.perYear
				for i := 0; i < e.perYear; i++ {
					month := step*(i+1) - rng.IntN(min(step, 2))
					if e.after {
						// Written in the month after the period ends (the fourth quarter's
						// and December's in January of the next year).
						end := step * (i + 1)
						plan = append(plan, planned{e: e, year: y, month: end + 1, period: end, batch: i})
						continue
					}
					plan = append(plan, planned{e: e, year: y, month: month, batch: i})
				}
			}
			total += e.weight
		}
		used := map[string]int{}
		for i := 0; i < pool; i++ {
			n := rng.IntN(total)
			var e entry
			for _, c := range entries {
				if n < c.weight {
					e = c
					break
				}
				n -= c.weight
			}
			x := ""
			if len(e.xs) > 0 {
				x = e.xs[rng.IntN(len(e.xs))]
			}
			key := e.title + x
			if (e.kind == catalog.Normative || x == "") && used[key] > 0 {
				continue // one normative document (or one fixed-title item) of a name per year
			}
			used[key]++
			plan = append(plan, planned{e: e, year: y, month: rng.IntN(12) + 1, x: x, batch: used[key] - 1})
		}
	}

	type genItem struct {
		pl   planned
		core string
	}
	var gen []genItem
	var items []catalog.Item
	for _, pl := range plan {
		day := rng.IntN(28) + 1
		if pl.period > 0 {
			day = 2 + (day-1)%27 // from the 2nd: a Saturday the 1st would move back into the period
		}
		written := workday(time.Date(pl.year, time.Month(pl.month), day, 0, 0, 0, 0, time.UTC))
		if pl.e.topic == "annual_report" {
			written = workday(time.Date(pl.year, time.Month(pl.month), 10+rng.IntN(12), 0, 0, 0, 0, time.UTC))
		}
		if written.After(today) {
			continue
		}
		it := catalog.Item{
			AgencyID:  0,
			Topic:     pl.e.topic,
			Publisher: a.Name,
			WrittenOn: written,
			Keywords:  append([]string(nil), pl.e.keywords...),
			Validity:  catalog.Valid,
			Kind:      pl.e.kind,
			AuthorID:  a.AuthorID,
		}
		if it.Kind == "" {
			it.Kind = catalog.General
		}
		titleMonth := pl.month
		if pl.period > 0 {
			titleMonth = pl.period
		}
		it.Title = fill(pl.e.title, a, pl.year, titleMonth, pl.x, pl.batch)
		core := fill(pl.x, a, pl.year, titleMonth, "", pl.batch)
		if i := strings.Index(it.Title, "《"); i >= 0 {
			if j := strings.Index(it.Title[i:], "》"); j > 0 {
				core = it.Title[i+len("《") : i+j]
			}
		}
		if core == "" {
			core = it.Title
		}
		gen = append(gen, genItem{pl: pl, core: core})
		// Publication: mostly within days, some late (第二十六条 20 working days).
		var delay int
		switch r := rng.IntN(100); {
		case pl.e.topic == "annual_report":
			delay = rng.IntN(8)
		case r < 80:
			delay = rng.IntN(6)
		case r < 95:
			delay = 6 + rng.IntN(15)
		default:
			delay = 30 + rng.IntN(25)
		}
		pub := written.AddDate(0, 0, delay)
		if pub.After(today) {
			// Still on its way: the last days' items sit in the workflow.
			switch rng.IntN(4) {
			case 0:
				it.State = catalog.Draft
			case 1:
				it.State = catalog.SecrecyReview
			case 2:
				it.State = catalog.Approval
				it.ReviewerID = a.ReviewerID
			default:
				it.State = catalog.Scheduled
				it.ReviewerID, it.ApproverID = a.ReviewerID, a.ApproverID
				it.PublishAt = pub.Add(time.Hour) // 09:00 China time
				if !it.PublishAt.After(opt.Now) {
					it.PublishAt = opt.Now.Add(24 * time.Hour).Truncate(time.Hour)
				}
			}
		} else {
			it.State = catalog.Published
			it.ReviewerID, it.ApproverID = a.ReviewerID, a.ApproverID
			it.PublishedOn = pub
			it.PublishedAt = pub.Add(time.Duration(90+rng.IntN(420)) * time.Minute) // 09:30–16:30 China time
			if it.Topic == "work_news" && rng.IntN(60) == 0 {
				it.State = catalog.Withdrawn
				it.WithdrawnAt = it.PublishedAt.Add(48 * time.Hour)
			}
		}
		if it.Kind == catalog.Normative {
			switch {
			case rng.IntN(4) == 0:
				end := workday(written.AddDate(1+rng.IntN(3), rng.IntN(12), 0))
				if !end.After(today) {
					it.Validity, it.ValidityChangedOn = catalog.Repealed, end
				}
			case !written.AddDate(5, 0, 0).After(today):
				it.Validity, it.ValidityChangedOn = catalog.Expired, written.AddDate(5, 0, 0)
			}
		}
		items = append(items, it)
	}
	idx := make([]int, len(items))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(x, y int) bool {
		i, j := idx[x], idx[y]
		if !items[i].WrittenOn.Equal(items[j].WrittenOn) {
			return items[i].WrittenOn.Before(items[j].WrittenOn)
		}
		return items[i].Title < items[j].Title
	})
	sorted := make([]catalog.Item, len(items))
	sortedGen := make([]genItem, len(items))
	for x, i := range idx {
		sorted[x], sortedGen[x] = items[i], gen[i]
	}
	items, gen = sorted, sortedGen

	// 文号 in date order, then the bodies that quote them.
	docSeq := map[string]int{}
	lastNormative := map[string]int{} // core → index of the latest normative document of that name
	for i := range items {
		it, g := &items[i], gen[i]
		if g.pl.e.docNo > 0 {
			prefix := a.docPrefixes()[g.pl.e.docNo-1]
			if g.pl.e.penalty {
				prefix = a.penaltyPrefix()
			}
			k := prefix + strconv.Itoa(g.pl.year)
			docSeq[k]++
			it.DocNo = prefix + "〔" + strconv.Itoa(g.pl.year) + "〕" + strconv.Itoa(docSeq[k]) + "号"
		}
		w := &writer{rng: rng, a: a, title: it.Title, core: g.core, topic: it.Topic, day: it.WrittenOn, penalN: it.DocNo}
		it.Summary, it.BodyHTML = w.write(g.pl.e.style, g.pl.e.penalty)
		it.BodyHTML = catalog.SanitizeBody(it.BodyHTML)
		if it.Kind == catalog.Normative && it.State == catalog.Published {
			// A revised document of the same name repeals the one before it.
			if j, ok := lastNormative[g.core]; ok && items[j].Validity == catalog.Valid && items[j].WrittenOn.Before(it.WrittenOn) {
				items[j].Validity, items[j].ValidityChangedOn = catalog.Repealed, it.WrittenOn
			}
			lastNormative[g.core] = i
		}
	}
	for _, it := range items {
		if err := it.Validate(tax); err != nil {
			return nil, err
		}
	}
	// 索引号 in order of publication within each year, as a counter would hand them out.
	order := make([]int, 0, len(items))
	for i := range items {
		if catalog.NeedsIndexNo(items[i]) || items[i].State == catalog.Withdrawn {
			order = append(order, i)
		}
	}
	sort.SliceStable(order, func(x, y int) bool {
		return publishKey(items[order[x]]).Before(publishKey(items[order[y]]))
	})
	serial := map[int]int{}
	for _, i := range order {
		it := &items[i]
		y := catalog.IndexYear(*it)
		serial[y]++
		topicNum := ""
		if tp, ok := tax.Lookup(it.Topic); ok {
			topicNum = tp.Num
		}
		no, err := pat.Render(catalog.IndexParts{Code: a.Code, Year: y, Topic: topicNum, Seq: serial[y]})
		if err != nil {
			return nil, err
		}
		it.IndexNo = no
	}
	return items, nil
}

func publishKey(it catalog.Item) time.Time {
	if !it.PublishedAt.IsZero() {
		return it.PublishedAt
	}
	return it.PublishAt
}

// workday moves a Saturday back to Friday and a Sunday on to Monday.
func workday(d time.Time) time.Time {
	switch d.Weekday() {
	case time.Saturday:
		return d.AddDate(0, 0, -1)
	case time.Sunday:
		return d.AddDate(0, 0, 1)
	}
	return d
}

func fill(s string, a Agency, year, month int, x string, batch int) string {
	q := (month - 1) / 3
	s = strings.ReplaceAll(s, "{X}", x)
	return strings.NewReplacer(
		"{区}", a.District, "{机构}", a.Name, "{上年}", strconv.Itoa(year-1), "{年}", strconv.Itoa(year),
		"{月}", strconv.Itoa(month), "{季}", quarters[q], "{批}", batches[batch%len(batches)],
	).Replace(s)
}

// MonthlyFigures generates the monthly table 二 figures an agency would enter:
// 行政许可, 行政处罚, 行政强制 decisions and 行政事业性收费 (most district agencies collect none).
func MonthlyFigures(a Agency, opt Options) []catalog.MonthlyFigures {
	today := catalog.ChinaDay(opt.Now)
	from, to := opt.FromYear, opt.ToYear
	if from == 0 {
		from = 2021
	}
	if to == 0 || to > today.Year() {
		to = today.Year()
	}
	hs := fnv.New64a()
	hs.Write([]byte("figures" + string(a.Kind) + a.Name))
	rng := rand.New(rand.NewPCG(opt.Seed, hs.Sum64()))
	var out []catalog.MonthlyFigures
	for y := from; y <= to; y++ {
		for m := 1; m <= 12; m++ {
			if y == today.Year() && m >= int(today.Month()) {
				break // figures are entered after the month ends
			}
			f := catalog.MonthlyFigures{Year: y, Month: m}
			switch a.Kind {
			case Health:
				f.Licensing = int64(20 + rng.IntN(45))
				f.Penalty = int64(rng.IntN(6))
				f.Enforcement = int64(rng.IntN(10) / 9)
			case MedicalSecurity:
				f.Licensing = int64(rng.IntN(4))
				f.Penalty = int64(rng.IntN(3))
			}
			out = append(out, f)
		}
	}
	return out
}

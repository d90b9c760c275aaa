package catalog

import (
	"sort"
	"time"
)

// Workdays is the working-day arithmetic the timeliness rule needs. internal/workday
// implements it (holidays and 调休 included); catalog does not import it.
type Workdays interface {
	// Add returns the n-th working day after from (from itself not counted).
	Add(from time.Time, n int) time.Time
}

// PublicationWorkdays is the period of 条例 第二十六条: information is published within
// 20 working days of being made or changed.
const PublicationWorkdays = 20

// Timeliness is the 第二十六条 verdict for one publication.
type Timeliness struct {
	Basis     time.Time // 成文日期, or the day the information changed
	Deadline  time.Time // Basis + 20 working days: the last lawful publication day
	Published time.Time // publication day; zero when not yet published
	// Late: published after the deadline, or still unpublished after it.
	Late bool
	// DaysLate and WorkdaysLate count the days after the deadline up to publication (or
	// up to today while unpublished); 0 when not late.
	DaysLate     int
	WorkdaysLate int
}

// Deadline returns the last day information made or changed on basis may lawfully be
// published.
func Deadline(wd Workdays, basis time.Time) time.Time {
	return wd.Add(basis, PublicationWorkdays)
}

// Check judges one publication: basis is the day the information was made or changed,
// published the day it was published (zero if not yet), today the current China day.
func Check(wd Workdays, basis, published, today time.Time) Timeliness {
	t := Timeliness{Basis: basis, Published: published, Deadline: Deadline(wd, basis)}
	end := published
	if end.IsZero() {
		end = today
	}
	if !end.After(t.Deadline) {
		return t
	}
	t.Late = true
	t.DaysLate = int(end.Sub(t.Deadline).Hours()+12) / 24
	for k := 1; ; k++ {
		if wd.Add(t.Deadline, k).After(end) {
			break
		}
		t.WorkdaysLate = k
	}
	return t
}

// TimelinessBasis is the day an item's publication deadline runs from: the day of its
// latest change (ChangedOn) when later than 成文日期, otherwise 成文日期. ok is false when the
// item has neither.
func TimelinessBasis(it Item) (basis time.Time, ok bool) {
	basis = it.WrittenOn
	if it.ChangedOn.After(basis) {
		basis = it.ChangedOn
	}
	return basis, !basis.IsZero()
}

// ItemTimeliness judges an item's (latest) publication. ok is false when the item has no
// 成文日期 or change day to run the deadline from.
func ItemTimeliness(wd Workdays, it Item, today time.Time) (Timeliness, bool) {
	basis, ok := TimelinessBasis(it)
	if !ok {
		return Timeliness{}, false
	}
	var published time.Time
	if it.State == Published || it.State == Withdrawn {
		published = it.PublishedOn
	}
	return Check(wd, basis, published, today), true
}

// YearTimeliness counts an agency's publications of one year against 第二十六条.
type YearTimeliness struct {
	Year        int
	Published   int // items published in Year (including ones withdrawn since)
	OnTime      int
	Late        int
	NoBasis     int // published in Year but without 成文日期: cannot be judged
	Overdue     int // not yet published, deadline in Year and passed as of today
	MaxDaysLate int
}

// OnTimeRate is OnTime / (OnTime + Late), 1 when nothing was judged.
func (y YearTimeliness) OnTimeRate() float64 {
	if y.OnTime+y.Late == 0 {
		return 1
	}
	return float64(y.OnTime) / float64(y.OnTime+y.Late)
}

// TimelinessByYear counts, for every year in which an item was published or fell
// overdue, how many publications kept the 20-working-day limit. Years ascend.
func TimelinessByYear(wd Workdays, items []Item, today time.Time) []YearTimeliness {
	byYear := map[int]*YearTimeliness{}
	get := func(y int) *YearTimeliness {
		if byYear[y] == nil {
			byYear[y] = &YearTimeliness{Year: y}
		}
		return byYear[y]
	}
	for _, it := range items {
		published := (it.State == Published || it.State == Withdrawn) && !it.PublishedOn.IsZero()
		t, ok := ItemTimeliness(wd, it, today)
		switch {
		case published:
			y := get(it.PublishedOn.Year())
			y.Published++
			switch {
			case !ok:
				y.NoBasis++
			case t.Late:
				y.Late++
				y.MaxDaysLate = max(y.MaxDaysLate, t.DaysLate)
			default:
				y.OnTime++
			}
		case ok && t.Late:
			get(t.Deadline.Year()).Overdue++
		}
	}
	out := make([]YearTimeliness, 0, len(byYear))
	for _, y := range byYear {
		out = append(out, *y)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Year < out[j].Year })
	return out
}

// TimelinessForYear is the entry of TimelinessByYear for one year (zero counts if none).
func TimelinessForYear(wd Workdays, items []Item, year int, today time.Time) YearTimeliness {
	for _, y := range TimelinessByYear(wd, items, today) {
		if y.Year == year {
			return y
		}
	}
	return YearTimeliness{Year: year}
}

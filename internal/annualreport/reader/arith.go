package reader

import (
	"math"
	"sort"
	"strconv"
	"strings"
)

// Figures placed by arithmetic. When a row's figures run together ("713000074"), or a
// converter dropped its empty cells, the text no longer says which digits make which
// cell. The national form does: in table 三 each row's six columns add up to its 总计,
// the result rows add up to （七）总计 and 一 + 二 = （七）总计 + 四 in every column; in
// table 四 each group's four results add up to its 总计. The reader lists every way the
// digits can be cut and placed (a figure never starts with 0 unless it is 0), keeps
// those that satisfy every equation that applies, across the rows of a table together,
// and believes a cell only when all that remain agree on it. The work is bounded: past
// the bound nothing is believed.

// atom is one piece of a row's figures as the text gives them: a run of digits that
// may be one figure or several (the spaces in it are hints, not boundaries), a figure
// whose cell is certain, or a cell known to be blank.
type atom struct {
	digits string  // a run: ASCII digits, at least one
	val    float64 // a certain figure
	kind   atomKind
}

type atomKind uint8

const (
	atomRun atomKind = iota
	atomFigure
	atomBlank
)

// maxFigureDigits bounds the figures a run is cut into: no count in a report has more.
const maxFigureDigits = 9

// splitLimits cap the work of listing a row's splits, and of all the rows of one
// report (maxReportWork: a page of long runs of digits must not take seconds).
const (
	maxReportWork = 600_000
	maxRowNodes   = 100_000 // search steps for one row
	maxRowCands   = 4_000   // splits of one row that satisfy its own sums
)

// sumGroup says that cells [first, first+n) add up to cell first+n, a blank counting
// as nothing (and a blank 总计 standing for nothing).
type sumGroup struct{ first, n int }

// Own sums of the rows of tables 三 and 四.
var (
	appRowSums  = []sumGroup{{0, 6}}
	appealSums  = []sumGroup{{0, 4}, {5, 4}, {10, 4}}
	powersOfTen = func() [maxFigureDigits + 1]float64 {
		var p [maxFigureDigits + 1]float64
		p[0] = 1
		for i := 1; i < len(p); i++ {
			p[i] = p[i-1] * 10
		}
		return p
	}()
)

// rowSplits lists the ways atoms fill ncols cells, in order: a run gives one or more
// consecutive cells, a figure or a blank one cell each. gaps allows cells that no atom
// fills (empty cells the text dropped): they are blank. Only splits whose cells satisfy
// sums are listed. ok is false when the work cap was reached: the list is then
// incomplete and must not be believed.
//
// The cells are filled from the last to the first, so that each group's 总计 is known
// before its parts, which then cannot exceed what is left of it: most cuts die at once.
func rowSplits(atoms []atom, ncols int, gaps bool, sums []sumGroup, budget *int) (out [][]cellVal, ok bool) {
	return rowSplitsDec(atoms, ncols, gaps, sums, nil, budget)
}

// cellKind says what else than a whole number ≥ 0 a cell may hold.
type cellKind uint8

const (
	cellDecimal  cellKind = 1 << iota // an amount: a decimal figure
	cellNegative                      // a change (2019 本年增/减): a figure below 0
)

// rowSplitsDec is rowSplits where kinds says which cells may hold a decimal or a
// negative figure: a run may then hold a point, or start with a minus sign, that
// belongs to such a figure.
//
// budget, when not nil, is the work left for the whole report: each step takes one,
// and at none the list is cut short (ok false).
func rowSplitsDec(atoms []atom, ncols int, gaps bool, sums []sumGroup, kinds []cellKind, budget *int) (out [][]cellVal, ok bool) {
	for _, a := range atoms {
		if a.kind == atomBlank && len(sums) > 0 {
			// A blank printed in the text may stand for a figure left out: a sum with it
			// says nothing. The splits are listed without the sums, then those whose
			// sums without a printed blank fail are dropped.
			all, ok := rowSplitsDec(atoms, ncols, gaps, nil, kinds, budget)
			for _, row := range all {
				if sumsHold(row, sums) {
					out = append(out, row)
				}
			}
			return out, ok
		}
	}
	s := splitter{atoms: atoms, ncols: ncols, gaps: gaps, kinds: kinds, budget: budget, row: make([]cellVal, ncols),
		group: make([]int, ncols), total: make([]bool, ncols), first: make([]bool, ncols), rem: make([]float64, len(sums))}
	for c := range s.group {
		s.group[c] = -1
	}
	for g, sg := range sums {
		for c := sg.first; c <= sg.first+sg.n && c < ncols; c++ {
			s.group[c] = g
		}
		if sg.first+sg.n < ncols {
			s.total[sg.first+sg.n] = true
		}
		s.first[sg.first] = true
	}
	// The fewest and most cells atoms [0, k) can fill.
	s.minTo = make([]int, len(atoms)+1)
	s.maxTo = make([]int, len(atoms)+1)
	for k, a := range atoms {
		n := 1
		if a.kind == atomRun {
			n = len(a.digits)
		}
		s.minTo[k+1] = s.minTo[k] + 1
		s.maxTo[k+1] = s.maxTo[k] + n
	}
	s.walk(ncols-1, len(atoms)-1, 0)
	return s.out, !s.capped
}

type splitter struct {
	atoms        []atom
	ncols        int
	gaps         bool
	kinds        []cellKind // what each cell may hold besides a count (nil: counts only)
	row          []cellVal
	group        []int     // the sum group of each cell, -1 for none
	total        []bool    // the cell is its group's 总计
	first        []bool    // the cell is its group's first part
	rem          []float64 // what is left of each group's 总计 for the parts not yet filled
	minTo, maxTo []int
	budget       *int // the report's work left, or nil
	nodes        int
	capped       bool
	out          [][]cellVal
}

// walk fills column col (from the right) from atom k, whose last used digits of a run
// are the last used of its digits.
func (s *splitter) walk(col, k, used int) {
	if s.capped {
		return
	}
	if !s.step() {
		return
	}
	if col < 0 {
		if k >= 0 {
			return
		}
		if len(s.out) >= maxRowCands {
			s.capped = true
			return
		}
		s.out = append(s.out, append([]cellVal(nil), s.row...))
		return
	}
	cells := col + 1 // columns left, this one included
	if k < 0 {
		if !s.gaps {
			return
		}
		if old, ok := s.put(col, cellVal{blank: true, lost: true}); ok {
			s.walk(col-1, k, 0)
			s.undo(col, old)
		}
		return
	}
	a := &s.atoms[k]
	// Cells the atoms up to k need at least and can fill at most.
	need := s.minTo[k] + 1
	most := s.maxTo[k] + 1
	if a.kind == atomRun {
		most = s.maxTo[k] + len(a.digits) - used
	}
	if need > cells || (!s.gaps && most < cells) {
		return
	}
	if s.gaps && need < cells {
		if old, ok := s.put(col, cellVal{blank: true, lost: true}); ok {
			s.walk(col-1, k, used)
			s.undo(col, old)
		}
		if s.capped {
			return
		}
	}
	switch a.kind {
	case atomFigure:
		if old, ok := s.put(col, cellVal{v: a.val}); ok {
			s.walk(col-1, k-1, 0)
			s.undo(col, old)
		}
	case atomBlank:
		if old, ok := s.put(col, cellVal{blank: true, mark: true}); ok {
			s.walk(col-1, k-1, 0)
			s.undo(col, old)
		}
	default:
		rest := a.digits[:len(a.digits)-used]
		limit := -1.0 // the most this cell may hold: what is left of its group's 总计
		if g := s.group[col]; g >= 0 && !s.total[col] {
			limit = s.rem[g]
		}
		var kind cellKind
		if s.kinds != nil {
			kind = s.kinds[col]
		}
		for n := 1; n <= len(rest) && n <= maxFigureDigits+4; n++ {
			if limit >= 0 && n > 1 && powersOfTen[min(n-1, maxFigureDigits)] > limit {
				break // every figure of n digits is more than is left
			}
			if !s.step() {
				return
			}
			piece := rest[len(rest)-n:]
			v, valid := pieceValue(piece, kind)
			if !valid {
				continue
			}
			if old, ok := s.put(col, cellVal{v: v}); ok {
				if n == len(rest) {
					s.walk(col-1, k-1, 0)
				} else {
					s.walk(col-1, k, used+n)
				}
				s.undo(col, old)
			}
			if s.capped {
				return
			}
		}
	}
}

// known reports whether a cell takes part in sums: a figure, or a blank the text
// dropped (it stands for nothing); a blank printed in the text does not.
func known(v cellVal) bool { return !v.blank || v.lost }

// sumsHold checks each group of sums whose cells are all known.
func sumsHold(row []cellVal, sums []sumGroup) bool {
	for _, g := range sums {
		all, sum := true, 0.0
		for _, v := range row[g.first : g.first+g.n+1] {
			all = all && known(v)
		}
		if !all {
			continue
		}
		for _, v := range row[g.first : g.first+g.n] {
			if !v.blank {
				sum += v.v
			}
		}
		t := row[g.first+g.n]
		if !t.blank && t.v != sum || t.blank && sum != 0 {
			return false
		}
	}
	return true
}

// pieceValue reads a piece of a run as one figure: no leading 0 (but "0" and "0.5"),
// a point only in a decimal cell, between digits, once; a minus sign only first, in a
// cell that may be negative, before a figure other than 0; at most maxFigureDigits
// digits before the point.
func pieceValue(piece string, kind cellKind) (float64, bool) {
	if len(piece) <= maxFigureDigits && (len(piece) == 1 || piece[0] != '0') {
		v := 0.0
		plain := true
		for i := 0; i < len(piece); i++ {
			c := piece[i]
			if c < '0' || c > '9' {
				plain = false
				break
			}
			v = v*10 + float64(c-'0')
		}
		if plain {
			return v, true
		}
	}
	neg := false
	if strings.IndexByte(piece, '-') >= 0 {
		if kind&cellNegative == 0 || piece[0] != '-' || len(piece) < 2 || piece[1] == '0' || strings.IndexByte(piece[1:], '-') >= 0 {
			return 0, false
		}
		neg, piece = true, piece[1:]
	}
	dec := kind&cellDecimal != 0
	point := strings.IndexByte(piece, '.')
	switch {
	case point < 0:
		if len(piece) > maxFigureDigits || len(piece) > 1 && piece[0] == '0' {
			return 0, false
		}
	case !dec || point == 0 || point == len(piece)-1 || strings.IndexByte(piece[point+1:], '.') >= 0:
		return 0, false
	case point > maxFigureDigits || point > 1 && piece[0] == '0':
		return 0, false
	}
	v, err := strconv.ParseFloat(piece, 64)
	if neg {
		v = -v
	}
	return v, err == nil
}

// step counts one step of work, and reports whether there is any left.
func (s *splitter) step() bool {
	s.nodes++
	if s.budget != nil {
		*s.budget--
	}
	if s.nodes > maxRowNodes || s.budget != nil && *s.budget < 0 {
		s.capped = true
	}
	return !s.capped
}

// put puts v in column col when the sums allow it; undo takes back what it did to
// the sums (old is what it returned).
func (s *splitter) put(col int, v cellVal) (old float64, ok bool) {
	g := s.group[col]
	if g < 0 {
		s.row[col] = v
		return 0, true
	}
	x := 0.0
	if !v.blank {
		x = v.v
	}
	old = s.rem[g]
	if s.total[col] {
		s.rem[g] = x
	} else {
		if x > s.rem[g] {
			return old, false
		}
		s.rem[g] -= x
	}
	if s.first[col] && s.rem[g] != 0 {
		s.rem[g] = old
		return old, false
	}
	s.row[col] = v
	return old, true
}

func (s *splitter) undo(col int, old float64) {
	if g := s.group[col]; g >= 0 {
		s.rem[g] = old
	}
}

// rowSumHolds reports whether cells [from, from+n) add up to cell from+n, a blank
// counting as nothing, and the 总计 itself a figure (or blank when nothing is there).
func rowSumHolds(row []cellVal, from, n int) bool {
	sum := 0.0
	for _, v := range row[from : from+n] {
		if !v.blank {
			sum += v.v
		}
	}
	t := row[from+n]
	if t.blank {
		return sum == 0
	}
	return sum == t.v
}

// equation says, column by column, that the rows with sign +1 add up to those with -1.
type equation struct {
	rows  []int
	signs []float64
}

// tableLimits cap the search over a table's rows together.
const (
	maxTableNodes     = 100_000
	maxTableSolutions = 64
)

// solveTable is tableSolve over each set of rows that the equations tie together,
// apart: rows in no equation keep all their splits. It returns, per row, the splits
// found in some solution and whether that list is complete. Where no combination of a
// set's splits satisfies its sums (the report's own figures disagree), only the rows
// whose own sums leave one split keep it.
func solveTable(cands [][][]cellVal, eqs []equation) (seen [][]int, complete []bool) {
	n := len(cands)
	seen, complete = make([][]int, n), make([]bool, n)
	parent := make([]int, n)
	for r := range parent {
		parent[r] = r
	}
	find := func(r int) int {
		for parent[r] != r {
			parent[r] = parent[parent[r]]
			r = parent[r]
		}
		return r
	}
	var use []equation
	for _, e := range eqs {
		ok := true
		for _, r := range e.rows {
			ok = ok && len(cands[r]) > 0
		}
		if !ok {
			continue
		}
		use = append(use, e)
		for _, r := range e.rows[1:] {
			parent[find(r)] = find(e.rows[0])
		}
	}
	inEq := make([]bool, n)
	for _, e := range use {
		for _, r := range e.rows {
			inEq[r] = true
		}
	}
	for r := range cands {
		complete[r] = true
		if !inEq[r] {
			for i := range cands[r] {
				seen[r] = append(seen[r], i)
			}
		}
	}
	done := map[int]bool{}
	for _, e := range use {
		root := find(e.rows[0])
		if done[root] {
			continue
		}
		done[root] = true
		// The rows of this set, and its equations renumbered.
		var rows []int
		at := map[int]int{}
		for r := range cands {
			if inEq[r] && find(r) == root {
				at[r] = len(rows)
				rows = append(rows, r)
			}
		}
		sub := make([][][]cellVal, len(rows))
		for k, r := range rows {
			sub[k] = cands[r]
		}
		var subEqs []equation
		for _, e2 := range use {
			if find(e2.rows[0]) != root {
				continue
			}
			m := equation{signs: e2.signs}
			for _, r := range e2.rows {
				m.rows = append(m.rows, at[r])
			}
			subEqs = append(subEqs, m)
		}
		s, nsol, ok := tableSolve(sub, subEqs)
		for k, r := range rows {
			seen[r], complete[r] = s[k], ok
			if ok && nsol == 0 {
				seen[r] = nil
				if len(cands[r]) == 1 {
					seen[r] = []int{0}
				}
			}
		}
	}
	return seen, complete
}

// tableSolve chooses one split per row so that every equation holds, over every
// combination. cands[r] are row r's splits; a row with none is unknown, and the
// equations with it are left out. It returns, per row, the splits found in some
// solution (nil for an unknown row), and complete is false when a cap was reached (the
// solutions found then prove nothing about the rest).
func tableSolve(all [][][]cellVal, eqs []equation) (seen [][]int, nsol int, complete bool) {
	n := len(all)
	var use []equation
	for _, e := range eqs {
		ok := true
		for _, r := range e.rows {
			ok = ok && len(all[r]) > 0
		}
		if ok {
			use = append(use, e)
		}
	}
	// The splits that bounds on the sums do not rule out, then the search over them.
	alive := propagate(all, use)
	cands := make([][][]cellVal, n)
	for r := range all {
		if len(all[r]) > 0 && len(alive[r]) == 0 {
			return make([][]int, n), 0, true // no split of this row fits the sums
		}
		for _, i := range alive[r] {
			cands[r] = append(cands[r], all[r][i])
		}
	}
	t := newTableSearch(cands, use)
	if t.feasibleAll() {
		t.search(0)
	}
	seen = make([][]int, n)
	for r := range cands {
		for k := range t.found[r] {
			seen[r] = append(seen[r], alive[r][k])
		}
		sort.Ints(seen[r])
	}
	return seen, t.solutions, !t.capped
}

// propagate drops the splits that cannot take part in a solution by the bounds of the
// sums alone: in each equation and column, a row's figure must lie between what the
// other rows' remaining splits can make up. It returns, per row, the splits kept.
func propagate(cands [][][]cellVal, eqs []equation) [][]int {
	alive := make([][]int, len(cands))
	for r := range cands {
		alive[r] = make([]int, len(cands[r]))
		for i := range alive[r] {
			alive[r][i] = i
		}
	}
	const inf = 1e18
	for round := 0; round < 20; round++ {
		changed := false
		for _, e := range eqs {
			ncols := len(cands[e.rows[0]][0])
			for c := 0; c < ncols; c++ {
				// Bounds of each row's signed figure in this column.
				lo := make([]float64, len(e.rows))
				hi := make([]float64, len(e.rows))
				for j, r := range e.rows {
					lo[j], hi[j] = inf, -inf
					for _, i := range alive[r] {
						v := cands[r][i][c]
						if !known(v) {
							lo[j], hi[j] = -inf, inf
							break
						}
						x := 0.0
						if !v.blank {
							x = e.signs[j] * v.v
						}
						lo[j], hi[j] = math.Min(lo[j], x), math.Max(hi[j], x)
					}
				}
				sumLo, sumHi := 0.0, 0.0
				for j := range e.rows {
					sumLo += lo[j]
					sumHi += hi[j]
				}
				if sumLo <= -inf/2 || sumHi >= inf/2 {
					continue
				}
				for j, r := range e.rows {
					// x + (others) = 0: x within [-(sumHi-hi), -(sumLo-lo)].
					min, max := -(sumHi - hi[j]), -(sumLo - lo[j])
					kept := alive[r][:0]
					for _, i := range alive[r] {
						v := cands[r][i][c]
						x := 0.0
						if !v.blank {
							x = e.signs[j] * v.v
						}
						if x >= min-1e-6 && x <= max+1e-6 {
							kept = append(kept, i)
						}
					}
					if len(kept) != len(alive[r]) {
						changed = true
					}
					alive[r] = kept
				}
			}
		}
		if !changed {
			break
		}
	}
	return alive
}

// tableSearch tries the splits of the undecided rows one row at a time, keeping, for
// every equation and column, the sum of the rows chosen and the bounds of the rest:
// a choice after which no choice of the rest can make a sum hold is given up at once.
type tableSearch struct {
	cands [][][]cellVal
	eqs   []equation
	ncols int
	pick  []int   // the split chosen for each row, -1 while undecided
	free  []int   // the undecided rows, fewest splits first
	in    [][]int // the equations each row is in, and its place there: eq<<8 | place
	// Per row and column: the least and most of its splits, and whether one of them
	// holds a blank printed in the text (the sums with it say nothing).
	rmin, rmax [][]float64
	rfree      [][]bool
	// Per equation and column: the signed sum of the rows chosen, the rows chosen with
	// a printed blank there, the signed bounds of the rows not chosen, and how many of
	// them may hold a printed blank there.
	fixed, lo, hi [][]float64
	void, open    [][]int
	found         []map[int]bool
	nodes         int
	solutions     int
	capped        bool
}

func newTableSearch(cands [][][]cellVal, eqs []equation) *tableSearch {
	n := len(cands)
	t := &tableSearch{cands: cands, eqs: eqs, pick: make([]int, n), in: make([][]int, n), found: make([]map[int]bool, n),
		rmin: make([][]float64, n), rmax: make([][]float64, n), rfree: make([][]bool, n)}
	for r := range cands {
		t.pick[r] = -1
		if len(cands[r]) > 0 {
			t.ncols = len(cands[r][0])
		}
	}
	for r, cs := range cands {
		if len(cs) == 0 {
			continue
		}
		t.rmin[r], t.rmax[r], t.rfree[r] = make([]float64, t.ncols), make([]float64, t.ncols), make([]bool, t.ncols)
		for c := 0; c < t.ncols; c++ {
			t.rmin[r][c], t.rmax[r][c] = math.Inf(1), math.Inf(-1)
			for _, v := range cs {
				x := 0.0
				if !known(v[c]) {
					t.rfree[r][c] = true
				} else if !v[c].blank {
					x = v[c].v
				}
				t.rmin[r][c], t.rmax[r][c] = math.Min(t.rmin[r][c], x), math.Max(t.rmax[r][c], x)
			}
		}
	}
	grid := func() [][]float64 {
		g := make([][]float64, len(eqs))
		for e := range g {
			g[e] = make([]float64, t.ncols)
		}
		return g
	}
	igrid := func() [][]int {
		g := make([][]int, len(eqs))
		for e := range g {
			g[e] = make([]int, t.ncols)
		}
		return g
	}
	t.fixed, t.lo, t.hi, t.void, t.open = grid(), grid(), grid(), igrid(), igrid()
	for ei, e := range eqs {
		for j, r := range e.rows {
			t.in[r] = append(t.in[r], ei<<8|j)
			t.bound(ei, j, r, 1)
		}
	}
	for r := range cands {
		switch {
		case len(cands[r]) == 1:
			t.choose(r, 0)
		case len(cands[r]) > 1:
			t.free = append(t.free, r)
		}
	}
	sort.SliceStable(t.free, func(a, b int) bool { return len(cands[t.free[a]]) < len(cands[t.free[b]]) })
	return t
}

// bound adds (d = 1) or takes away (d = -1) the bounds of row r, place j of equation ei.
func (t *tableSearch) bound(ei, j, r, d int) {
	s := t.eqs[ei].signs[j]
	for c := 0; c < t.ncols; c++ {
		if t.rfree[r][c] {
			t.open[ei][c] += d
			continue
		}
		a, b := s*t.rmin[r][c], s*t.rmax[r][c]
		if a > b {
			a, b = b, a
		}
		t.lo[ei][c] += float64(d) * a
		t.hi[ei][c] += float64(d) * b
	}
}

// choose takes split i for row r out of the bounds and into the sums; unchoose undoes it.
func (t *tableSearch) choose(r, i int) {
	t.pick[r] = i
	t.move(r, i, 1)
}

func (t *tableSearch) unchoose(r int) {
	t.move(r, t.pick[r], -1)
	t.pick[r] = -1
}

func (t *tableSearch) move(r, i, d int) {
	v := t.cands[r][i]
	for _, x := range t.in[r] {
		ei, j := x>>8, x&0xff
		t.bound(ei, j, r, -d)
		s := t.eqs[ei].signs[j]
		for c := 0; c < t.ncols; c++ {
			switch {
			case !known(v[c]):
				t.void[ei][c] += d
			case !v[c].blank:
				t.fixed[ei][c] += float64(d) * s * v[c].v
			}
		}
	}
}

// feasible reports whether the equations of row r can still hold.
func (t *tableSearch) feasible(r int) bool {
	for _, x := range t.in[r] {
		ei := x >> 8
		for c := 0; c < t.ncols; c++ {
			if t.void[ei][c] > 0 || t.open[ei][c] > 0 {
				continue
			}
			f := t.fixed[ei][c]
			if f+t.lo[ei][c] > 1e-6 || f+t.hi[ei][c] < -1e-6 {
				return false
			}
		}
	}
	return true
}

// feasibleAll reports whether every equation can still hold.
func (t *tableSearch) feasibleAll() bool {
	for r := range t.cands {
		if len(t.in[r]) > 0 && !t.feasible(r) {
			return false
		}
	}
	return true
}

func (t *tableSearch) search(k int) {
	if t.capped {
		return
	}
	if k == len(t.free) {
		t.solutions++
		if t.solutions > maxTableSolutions {
			t.capped = true
			return
		}
		for r, i := range t.pick {
			if i < 0 {
				continue
			}
			if t.found[r] == nil {
				t.found[r] = map[int]bool{}
			}
			t.found[r][i] = true
		}
		return
	}
	r := t.free[k]
	for i := range t.cands[r] {
		t.nodes++
		if t.nodes > maxTableNodes {
			t.capped = true
			return
		}
		t.choose(r, i)
		if t.feasible(r) {
			t.search(k + 1)
		}
		t.unchoose(r)
		if t.capped {
			return
		}
	}
}

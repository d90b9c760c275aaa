package store

import (
	"context"
	"fmt"
	"gongkai/internal/searchtext"
	"strings"
	"time"
	"unicode/utf8"
)

// Search on SQLite reads the FTS5 trigram index (migrations 00026, 00027) newest first: the
// index's rowid is the day number of 发布日期 × 2^31 + the item id, so a query walks its
// matches in the order of the results and stops after one page, however many items match.
// The three ranks are searched one after the other, each with its own index expression where
// possible (a 文号 phrase in {doc_no index_no}, the terms in {title}), so that skipping a rank
// never reads rows. Counts stop at SearchCountLimit+1.
//
// A term of two characters (医保, 低保, 12) is found in the pair index (migration 00028),
// which has the same rowids and finds a pair exactly where LIKE does; a single character,
// or a pair with ASCII punctuation, is compared with LIKE.

const ftsIDMask = "2147483647" // rowid & mask = item id

// searchRankHere lets a query rank its matches in Go when they are few (see searchSQLite);
// tests turn it off to compare with the ranked passes.
var searchRankHere = true

// searchPairIndex lets two-character terms use the pair index; tests turn it off to compare
// with LIKE.
var searchPairIndex = true

// ftsPhase is one rank of the results: an FTS5 expression over the trigram index, one over
// the pair index (both empty: every indexed item) and SQL conditions over catalog_search s.
type ftsPhase struct {
	match string
	pairs string
	conds []string
	args  []any
}

func searchSQLite(ctx context.Context, q Queryer, sq SearchQuery, terms []string) ([]SearchResult, int, error) {
	var long, pairs, short []string
	for _, t := range terms {
		switch {
		case utf8.RuneCountInString(t) >= 3:
			long = append(long, ftsPhrase(t))
		case searchPairIndex && searchtext.PairTerm(t):
			pairs = append(pairs, ftsPhrase(t))
		default:
			short = append(short, t)
		}
	}
	allExpr := strings.Join(long, " AND ")
	pairExpr := strings.Join(pairs, " AND ")
	and := func(a, b string) string {
		switch {
		case a == "":
			return b
		case b == "":
			return a
		}
		return "(" + a + ") AND (" + b + ")"
	}
	// Every other short term somewhere: LIKE over the columns, as no index can help.
	var shortConds []string
	var shortArgs []any
	for _, t := range short {
		var ors []string
		for _, c := range searchColumns {
			ors = append(ors, `s.`+c+` LIKE ? ESCAPE '\'`)
			shortArgs = append(shortArgs, likeContains(t))
		}
		shortConds = append(shortConds, `(`+strings.Join(ors, ` OR `)+`)`)
	}
	base := ftsPhase{match: allExpr, pairs: pairExpr, conds: shortConds, args: shortArgs}
	if len(terms) == 0 {
		return listPublished(ctx, q, sq)
	}
	if sq.ByDate {
		// Newest first is the index's own order: one pass over every match.
		out, _, err := searchPhases(ctx, q, sq, terms, []ftsPhase{base})
		if err != nil {
			return nil, 0, err
		}
		total, err := countPhase(ctx, q, sq, base, SearchCountLimitFor(sq.Q)+1)
		return out, total, err
	}

	var phases []ftsPhase
	docExpr := ""
	whole := strings.ReplaceAll(searchtext.Normalize(sq.Q), " ", "")
	if looksLikeDocNo(whole) && utf8.RuneCountInString(whole) >= 3 {
		docExpr = `{doc_no index_no} : ` + ftsPhrase(whole)
		phases = append(phases, ftsPhase{match: and(docExpr, allExpr), pairs: pairExpr, conds: shortConds, args: shortArgs})
	}
	notDoc := func(p ftsPhase) ftsPhase {
		if docExpr == "" {
			return p
		}
		if p.match != "" {
			p.match = "(" + p.match + ") NOT (" + docExpr + ")"
			return p
		}
		p.conds = append(append([]string{}, p.conds...), `NOT (s.doc_no LIKE ? ESCAPE '\' OR s.index_no LIKE ? ESCAPE '\')`)
		p.args = append(append([]any{}, p.args...), likeContains(whole), likeContains(whole))
		return p
	}
	// Rank 1: every term in 名称.
	title := ftsPhase{}
	if len(long) > 0 {
		title.match = `{title} : (` + allExpr + `)`
	}
	if len(pairs) > 0 {
		title.pairs = `{title} : (` + pairExpr + `)`
	}
	var titleLike []string
	var titleArgs []any
	for _, t := range short {
		titleLike = append(titleLike, `s.title LIKE ? ESCAPE '\'`)
		titleArgs = append(titleArgs, likeContains(t))
	}
	title.conds, title.args = titleLike, titleArgs
	phases = append(phases, notDoc(title))
	// Rank 2: the rest.
	rest := base
	switch {
	case len(short) == 0 && len(pairs) == 0:
		rest.match = "(" + allExpr + ") NOT (" + title.match + ")"
	case len(short) == 0 && len(long) == 0:
		rest.pairs = "(" + pairExpr + ") NOT (" + title.pairs + ")"
	default:
		// Terms of both indexes, or compared with LIKE: "not all in 名称" needs the text of 名称.
		var all []string
		var allArgs []any
		for _, t := range terms {
			all = append(all, `s.title LIKE ? ESCAPE '\'`)
			allArgs = append(allArgs, likeContains(t))
		}
		rest.conds = append(append([]string{}, shortConds...), `NOT (`+strings.Join(all, ` AND `)+`)`)
		rest.args = append(append([]any{}, shortArgs...), allArgs...)
	}
	phases = append(phases, notDoc(rest))

	// The ranked passes stop after one page, but each evaluates the index expression again,
	// and a 文号's digit trigrams ("202") have doclists of nearly every item; a single
	// character's LIKE reads every candidate's text, a rare 名称 match all of them. So unless the index
	// alone can count the matches and no 文号 rank is needed, one pass reads the matches
	// newest first up to the count limit, with the three columns that rank them; when they
	// are all there, they are ranked here and only the page's rows are read. The ranked
	// passes run only for a query with more matches than the limit, whose total is then
	// "more than the limit".
	limit := SearchCountLimitFor(sq.Q)
	if !searchRankHere || docExpr == "" && indexOnly(sq, base) {
		out, _, err := searchPhases(ctx, q, sq, terms, phases)
		if err != nil {
			return nil, 0, err
		}
		total, err := countPhase(ctx, q, sq, base, limit+1)
		return out, total, err
	}
	// docTotal is the number of items of the 文号 rank when known (none without a 文号 rank).
	docTotal := -1
	if docExpr == "" {
		docTotal = 0
	}
	if docExpr != "" && indexOnly(sq, base) {
		// A 文号 phrase is specific: its own pass is cheap and, when it fills the page, the
		// rest is a count by the index alone (〔2024〕15号 names many items).
		out, _, err := searchPhases(ctx, q, sq, terms, phases[:1])
		if err != nil {
			return nil, 0, err
		}
		if len(out) == sq.Limit {
			total, err := countPhase(ctx, q, sq, base, limit+1)
			return out, total, err
		}
		// The rank ends within or before the page: count it when the page holds none of it.
		docTotal = sq.Offset + len(out)
		if len(out) == 0 && sq.Offset > 0 {
			if docTotal, err = countPhase(ctx, q, sq, phases[0], sq.Offset); err != nil {
				return nil, 0, err
			}
		}
	}
	cands, err := searchCandidates(ctx, q, sq, base, limit+1)
	if err != nil {
		return nil, 0, err
	}
	all := len(cands) <= limit
	if order, ok := rankCandidates(sq, terms, whole, docExpr != "", docTotal, cands, all); ok {
		out, err := searchRows(ctx, q, terms, order)
		return out, min(len(cands), limit+1), err
	}
	out, _, err := searchPhases(ctx, q, sq, terms, phases)
	return out, limit + 1, err
}

// searchCand is a match of a search with the columns that rank it.
type searchCand struct {
	rowid                 int64
	title, docNo, indexNo string
}

// searchCandidates reads the matches of p newest first, at most limit.
func searchCandidates(ctx context.Context, q Queryer, sq SearchQuery, p ftsPhase, limit int) ([]searchCand, error) {
	var query string
	var args []any
	if indexOnly(sq, p) && !bothIndexes(p) {
		// The columns come from the item row, which is read up to index_no only; the
		// index's own text would be read whole, body included.
		from, rowid, conds, a := phaseIndex(sq, p, false)
		query = `SELECT ` + rowid + `, i.title, i.doc_no, COALESCE(i.index_no, '') FROM ` + from + ` CROSS JOIN catalog_items i ON i.id = (` + rowid + ` & ` + ftsIDMask + `)` +
			where(conds) + ` ORDER BY ` + rowid + ` DESC LIMIT ?`
		args = append(a, limit)
	} else {
		from, rowid, a := phaseSQL(sq, p, false, limit, 0)
		query = `SELECT ` + rowid + `, i.title, i.doc_no, COALESCE(i.index_no, '')` + from + ` ORDER BY ` + rowid + ` DESC LIMIT ?`
		args = append(a, limit)
	}
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var out []searchCand
	for rows.Next() {
		var c searchCand
		if err := rows.Scan(&c.rowid, &c.title, &c.docNo, &c.indexNo); err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		out = append(out, c)
	}
	return out, rows.Err()
}

// rankCandidates orders the matches of a search as the ranked passes would (the 文号 or
// 索引号 the whole query names, then every term in 名称, then the rest; newest first within
// each) and returns the item rowids of the page sq.Offset, sq.Limit. With all false, cands
// are only the newest matches: the page is known when it lies within the first rank that has
// any of them (an older match of that rank would come after the page), or within the first
// two ranks when every item of the 文号 rank is among them (docTotal, the number of items of
// that rank, -1 when not known); otherwise ok is false.
func rankCandidates(sq SearchQuery, terms []string, whole string, docRank bool, docTotal int, cands []searchCand, all bool) (order []int64, ok bool) {
	var ranks [3][]int64
	for _, c := range cands {
		r := 2
		switch {
		case docRank && (indexContains(c.docNo, whole) || indexContains(c.indexNo, whole)):
			r = 0
		case indexContainsAll(c.title, terms):
			r = 1
		}
		ranks[r] = append(ranks[r], c.rowid)
	}
	end := sq.Offset + sq.Limit
	switch {
	case all:
		order = append(append(ranks[0], ranks[1]...), ranks[2]...)
	case len(ranks[0]) >= end:
		order = ranks[0]
	case len(ranks[0]) == docTotal && len(ranks[0])+len(ranks[1]) >= end:
		order = append(ranks[0], ranks[1]...)
	default:
		return nil, false
	}
	if sq.Offset >= len(order) {
		return nil, true
	}
	return order[sq.Offset:min(len(order), end)], true
}

// searchRows reads the search results of the item rowids order, in that order.
func searchRows(ctx context.Context, q Queryer, terms []string, order []int64) ([]SearchResult, error) {
	if len(order) == 0 {
		return nil, nil
	}
	ph := strings.TrimSuffix(strings.Repeat("?,", len(order)), ",")
	args := make([]any, len(order))
	for i, id := range order {
		args[i] = id
	}
	query := `SELECT ` + catalogListColumns + `, agency_name, s_summary, s_body FROM (SELECT i.*, a.name AS agency_name, s.summary AS s_summary, s.body AS s_body, s.rowid AS s_rowid` +
		` FROM catalog_search s CROSS JOIN catalog_items i ON i.id = (s.rowid & ` + ftsIDMask + `) CROSS JOIN agencies a ON a.id = i.agency_id WHERE s.rowid IN (` + ph + `)) sub`
	rows, err := scanSearchResults(ctx, q, query, args, terms)
	if err != nil {
		return nil, err
	}
	byID := make(map[int64]SearchResult, len(rows))
	for _, r := range rows {
		byID[r.Item.ID] = r
	}
	out := make([]SearchResult, 0, len(order))
	for _, rowid := range order {
		if r, ok := byID[rowid&(1<<31-1)]; ok {
			out = append(out, r)
		}
	}
	return out, nil
}

// indexContains reports whether s holds t as the search compares text: a term of three or
// more characters as the trigram index does (case folded), a shorter one as LIKE does (ASCII
// letters folded).
func indexContains(s, t string) bool {
	if utf8.RuneCountInString(t) >= 3 {
		return strings.Contains(strings.ToLower(s), strings.ToLower(t))
	}
	return strings.Contains(asciiLower(s), asciiLower(t))
}

func indexContainsAll(s string, terms []string) bool {
	for _, t := range terms {
		if !indexContains(s, t) {
			return false
		}
	}
	return true
}

func asciiLower(s string) string {
	return strings.Map(func(r rune) rune {
		if r >= 'A' && r <= 'Z' {
			return r + 'a' - 'A'
		}
		return r
	}, s)
}

// phaseIndex is the index part of one phase: what to read, the rowid that orders the
// results and the conditions on it. The trigram index s is read when the phase has an
// expression for it and none for the pair index (or neither: every indexed item); the pair
// index b when it has only a pair expression. The trigram index is joined for the text of
// the results (text) or for the phase's conditions. The year of sq is a range of the rowids.
// A phase with both expressions is read by phaseSQL.
func phaseIndex(sq SearchQuery, p ftsPhase, text bool) (from, rowid string, conds []string, args []any) {
	text = text || len(p.conds) > 0
	if p.match == "" && p.pairs != "" {
		from, rowid = `catalog_search_pairs b`, `b.rowid`
		if text {
			from += ` CROSS JOIN catalog_search s ON s.rowid = b.rowid`
		}
		conds, args = []string{`catalog_search_pairs MATCH ?`}, []any{p.pairs}
	} else {
		from, rowid = `catalog_search s`, `s.rowid`
		if p.match != "" {
			conds, args = []string{`catalog_search MATCH ?`}, []any{p.match}
		}
	}
	if sq.Year != 0 {
		lo, hi := yearRowids(sq.Year)
		conds = append(conds, rowid+` BETWEEN ? AND ?`)
		args = append(args, lo, hi)
	}
	return from, rowid, conds, args
}

// where joins conditions into a WHERE clause (none: empty).
func where(conds []string) string {
	if len(conds) == 0 {
		return ""
	}
	return ` WHERE ` + strings.Join(conds, ` AND `)
}

// searchOrder is the search rowid of an item row, as migration 00027 computes it; with the
// text of migration 00028's index catalog_items_search_order, so that SQLite reads an
// agency's published items in that order from the index.
const searchOrder = `(COALESCE(CAST(julianday(NULLIF(published_on, '')) AS INTEGER), 0) * 2147483648 + id)`

// phaseSQL is the FROM and WHERE of one phase with the item filters, and the rowid that
// orders its results (newest first when read in the order of the index); text joins the
// trigram index s for the text of the results.
//
// A phase that can read two or more lists of rowids newest first — the matches of the
// trigram index, those of the pair index, an agency's published items
// (catalog_items_search_order) — intersects them as they come (SQLite merges ordered lists),
// the first index list with the phase's conditions and other filters: d, of at most limit
// rows from offset when limit is not 0. An ORDER BY of d's rowid then sorts no more than that
// page (SQLite does not see that d is already in order).
func phaseSQL(sq SearchQuery, p ftsPhase, text bool, limit, offset int) (string, string, []any) {
	join := func(idx, rowid string) string {
		return ` FROM ` + idx + ` CROSS JOIN catalog_items i ON i.id = (` + rowid + ` & ` + ftsIDMask + `) CROSS JOIN agencies a ON a.id = i.agency_id`
	}
	byAgency := sq.AgencyID != 0 && (p.match != "" || p.pairs != "")
	if byAgency || bothIndexes(p) {
		var lo, hi int64
		if sq.Year != 0 {
			lo, hi = yearRowids(sq.Year)
		}
		// The first list: one index with the conditions and the filters but the agency's.
		first, rest := p, sq
		if bothIndexes(p) {
			first.pairs = ""
		}
		if byAgency {
			rest.AgencyID = 0
		}
		var firstSQL string
		var args []any
		if rest.GovernmentID == 0 && rest.Topic == "" && rest.Validity == "" {
			// No filter on it: no item row to read.
			from, rowid, conds, a := phaseIndex(rest, first, false)
			firstSQL = `SELECT ` + rowid + ` AS r FROM ` + from + where(append(conds, first.conds...))
			args = append(a, first.args...)
		} else {
			from, rowid, a := phaseSQL(rest, first, false, 0, 0)
			firstSQL = `SELECT ` + rowid + ` AS r` + from
			args = a
		}
		d := `(` + firstSQL
		if bothIndexes(p) {
			d += ` INTERSECT SELECT rowid FROM catalog_search_pairs WHERE catalog_search_pairs MATCH ?`
			args = append(args, p.pairs)
			if sq.Year != 0 {
				d += ` AND rowid BETWEEN ? AND ?`
				args = append(args, lo, hi)
			}
		}
		if byAgency {
			d += ` INTERSECT SELECT ` + searchOrder + ` FROM catalog_items WHERE agency_id = ? AND state = 'published'`
			args = append(args, sq.AgencyID)
			if sq.Year != 0 {
				d += ` AND ` + searchOrder + ` BETWEEN ? AND ?`
				args = append(args, lo, hi)
			}
		}
		d += ` ORDER BY 1 DESC`
		if limit > 0 {
			d += ` LIMIT ? OFFSET ?`
			args = append(args, limit, offset)
		}
		d += `) d`
		if text {
			d += ` CROSS JOIN catalog_search s ON s.rowid = d.r`
		}
		return join(d, `d.r`), `d.r`, args
	}
	idx, rowid, conds, args := phaseIndex(sq, p, text)
	from := join(idx, rowid)
	conds = append(conds, p.conds...)
	args = append(args, p.args...)
	// No test of i.state: the index holds the published items only (its triggers see to
	// that), and state lies after body_html in the row, so testing it would read the body.
	if sq.GovernmentID != 0 {
		conds = append(conds, `a.government_id = ?`)
		args = append(args, sq.GovernmentID)
	}
	if sq.AgencyID != 0 {
		conds = append(conds, `i.agency_id = ?`)
		args = append(args, sq.AgencyID)
	}
	if sq.Topic != "" {
		conds = append(conds, `i.topic = ?`)
		args = append(args, sq.Topic)
	}
	if sq.Validity != "" {
		conds = append(conds, `i.validity = ?`)
		args = append(args, string(sq.Validity))
	}
	return from + where(conds), rowid, args
}

// yearRowids is the range of search rowids of the items published in year (see migration
// 00027: day number × 2^31 + id, the day number being SQLite's julianday rounded down).
func yearRowids(year int) (lo, hi int64) {
	jd := func(y int) int64 {
		return time.Date(y, 1, 1, 0, 0, 0, 0, time.UTC).Unix()/86400 + 2440587
	}
	return jd(year) << 31, jd(year+1)<<31 - 1
}

// indexOnly reports whether the matches of p are found by the index alone: no filter, no LIKE.
func indexOnly(sq SearchQuery, p ftsPhase) bool {
	return sq.GovernmentID == 0 && sq.AgencyID == 0 && sq.Topic == "" && sq.Year == 0 && sq.Validity == "" && len(p.conds) == 0 && (p.match != "" || p.pairs != "")
}

// bothIndexes reports whether a phase has expressions for both indexes (see phaseSQL).
func bothIndexes(p ftsPhase) bool { return p.match != "" && p.pairs != "" }

// merged reports whether phaseSQL intersects lists of rowids for a phase.
func merged(sq SearchQuery, p ftsPhase) bool {
	return bothIndexes(p) || sq.AgencyID != 0 && (p.match != "" || p.pairs != "")
}

// countPhase counts the items of a phase, stopping at limit.
func countPhase(ctx context.Context, q Queryer, sq SearchQuery, p ftsPhase, limit int) (int, error) {
	var n int
	if indexOnly(sq, p) {
		// Only the indexes: no row is read. Both are read in step, newest first.
		query := `SELECT rowid FROM catalog_search WHERE catalog_search MATCH ? INTERSECT SELECT rowid FROM catalog_search_pairs WHERE catalog_search_pairs MATCH ? ORDER BY 1 DESC LIMIT ?`
		args := []any{p.match, p.pairs, limit}
		if !bothIndexes(p) {
			from, _, conds, a := phaseIndex(sq, p, false)
			query, args = `SELECT 1 FROM `+from+where(conds)+` LIMIT ?`, append(a, limit)
		}
		if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM (`+query+`)`, args...).Scan(&n); err != nil {
			return 0, fmt.Errorf("store: count search: %w", err)
		}
		return n, nil
	}
	from, _, args := phaseSQL(sq, p, false, 0, 0)
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM (SELECT 1`+from+` LIMIT ?)`, append(args, limit)...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count search: %w", err)
	}
	return n, nil
}

// searchPhases reads the page sq.Offset, sq.Limit of the phases laid end to end.
func searchPhases(ctx context.Context, q Queryer, sq SearchQuery, terms []string, phases []ftsPhase) ([]SearchResult, int, error) {
	var out []SearchResult
	skip, need := sq.Offset, sq.Limit
	for _, p := range phases {
		from, rowid, args := phaseSQL(sq, p, true, need, skip)
		off := skip
		if merged(sq, p) {
			off = 0 // the page is cut in phaseSQL
		}
		query := `SELECT ` + catalogListColumns + `, agency_name, s_summary, s_body FROM (SELECT i.*, a.name AS agency_name, s.summary AS s_summary, s.body AS s_body, ` + rowid + ` AS s_rowid` +
			from + ` ORDER BY ` + rowid + ` DESC LIMIT ? OFFSET ?) sub ORDER BY s_rowid DESC`
		rows, err := scanSearchResults(ctx, q, query, append(args, need, off), terms)
		if err != nil {
			return nil, 0, err
		}
		out = append(out, rows...)
		need -= len(rows)
		if need == 0 {
			break
		}
		if len(rows) > 0 || skip == 0 {
			skip = 0
			continue
		}
		// This phase holds at most skip items: count them to skip them.
		n, err := countPhase(ctx, q, sq, p, skip+1)
		if err != nil {
			return nil, 0, err
		}
		skip -= n
	}
	return out, len(out), nil
}

// listPublished is a search without terms: the published items of the filters, newest first,
// read from the catalog table and its indexes rather than the search index.
func listPublished(ctx context.Context, q Queryer, sq SearchQuery) ([]SearchResult, int, error) {
	items, total, err := PublishedItems(ctx, q, CatalogFilter{GovernmentID: sq.GovernmentID, AgencyID: sq.AgencyID, Topic: sq.Topic,
		Year: sq.Year, Validity: sq.Validity, Limit: sq.Limit, Offset: sq.Offset})
	if err != nil {
		return nil, 0, err
	}
	names := map[int64]string{}
	var out []SearchResult
	for _, it := range items {
		name, ok := names[it.AgencyID]
		if !ok {
			if err := q.QueryRow(ctx, `SELECT name FROM agencies WHERE id = ?`, it.AgencyID).Scan(&name); err != nil {
				return nil, 0, fmt.Errorf("store: search: %w", err)
			}
			names[it.AgencyID] = name
		}
		out = append(out, SearchResult{Item: it, AgencyName: name, Snippet: searchtext.Snippet(it.Summary, "", nil, 120)})
	}
	return out, total, nil
}

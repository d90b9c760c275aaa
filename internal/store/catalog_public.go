package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/account"
	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/searchtext"
)

// The public side of the catalog (issue 5): full-text search, the counts beside the portal's
// lists, the references of sitemaps and feeds, and the 政府信息公开指南 of each agency.

// SearchQuery is a search of the public catalog. Zero fields do not filter; an empty Q lists
// every published item matching the filters, newest first.
type SearchQuery struct {
	Q            string
	GovernmentID int64
	AgencyID     int64
	Topic        string           // 主题分类 code
	Year         int              // year of 发布日期
	Validity     catalog.Validity // 效力状态
	// ByDate sorts the matches newest first (发布日期, then id) instead of by relevance.
	ByDate bool
	Limit  int // 0: 20
	Offset int
}

// SearchResult is one item found: the list columns of the item (no body), its agency's name,
// and a short plain-text passage of 内容概述 or the body around the first match.
type SearchResult struct {
	Item       catalog.Item
	AgencyName string
	Snippet    string
	TitleMatch bool // every term is in 名称
}

// MaxSearchLen bounds a search query, in characters; longer queries are cut.
const MaxSearchLen = searchtext.MaxLen

// likeContains is a LIKE pattern (escape character \) matching s anywhere.
func likeContains(s string) string {
	r := strings.NewReplacer(`\`, `\\`, `%`, `\%`, `_`, `\_`)
	return "%" + r.Replace(s) + "%"
}

// ftsPhrase quotes a term for FTS5 MATCH.
func ftsPhrase(s string) string {
	return `"` + strings.ReplaceAll(s, `"`, `""`) + `"`
}

// searchColumns are the indexed text columns of catalog_search (both dialects).
var searchColumns = []string{"title", "doc_no", "index_no", "keywords", "summary", "body"}

// searchSQL builds the FROM and WHERE of a search, and the rank of a row: 0 for the 文号 or
// 索引号 the whole query names, 1 for every term in 名称, 2 for the rest.
func searchSQL(d Dialect, sq SearchQuery, terms []string) (from string, args []any, rank string, rankArgs []any) {
	var conds []string
	like := "LIKE"
	if d == Postgres {
		like = "ILIKE"
		from = ` FROM catalog_items i JOIN catalog_search s ON s.item_id = i.id JOIN agencies a ON a.id = i.agency_id`
		for _, t := range terms {
			if utf8.RuneCountInString(t) == 2 && !strings.ContainsAny(t, " \t\n\r\f\v") {
				// Shorter than a trigram: the pair index (00050) narrows the rows.
				conds = append(conds, `s.pairs @> ARRAY[lower(?)]::text[]`)
				args = append(args, t)
			}
			conds = append(conds, `s.doc ILIKE ? ESCAPE '\'`)
			args = append(args, likeContains(t))
		}
	} else {
		from = ` FROM catalog_items i JOIN catalog_search s ON s.rowid = i.id JOIN agencies a ON a.id = i.agency_id`
		var phrases []string
		for _, t := range terms {
			if utf8.RuneCountInString(t) >= 3 {
				phrases = append(phrases, ftsPhrase(t))
				continue
			}
			// Shorter than a trigram: the index cannot help, compare the text itself.
			var ors []string
			for _, c := range searchColumns {
				ors = append(ors, `s.`+c+` LIKE ? ESCAPE '\'`)
				args = append(args, likeContains(t))
			}
			conds = append(conds, `(`+strings.Join(ors, ` OR `)+`)`)
		}
		if len(phrases) > 0 {
			conds = append([]string{`catalog_search MATCH ?`}, conds...)
			args = append([]any{strings.Join(phrases, " AND ")}, args...)
		}
	}
	conds = append(conds, `i.state = 'published'`)
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
	if sq.Year != 0 {
		conds = append(conds, `i.published_on >= ? AND i.published_on <= ?`)
		args = append(args, fmt.Sprintf("%04d-01-01", sq.Year), fmt.Sprintf("%04d-12-31", sq.Year))
	}
	if sq.Validity != "" {
		conds = append(conds, `i.validity = ?`)
		args = append(args, string(sq.Validity))
	}
	from += ` WHERE ` + strings.Join(conds, ` AND `)

	if len(terms) == 0 {
		return from, args, `2`, nil
	}
	// A query names a 文号 or 索引号 when it mixes digits with other characters and is long
	// enough not to be a bare number or word: 清卫发〔2023〕12号, 〔2023〕12, 000013338/2023-00079.
	rank = `CASE`
	if whole := strings.ReplaceAll(searchtext.Normalize(sq.Q), " ", ""); looksLikeDocNo(whole) {
		rank += ` WHEN i.doc_no ` + like + ` ? ESCAPE '\' OR COALESCE(i.index_no, '') ` + like + ` ? ESCAPE '\' THEN 0`
		rankArgs = []any{likeContains(whole), likeContains(whole)}
	}
	var titleConds []string
	for _, t := range terms {
		titleConds = append(titleConds, `i.title `+like+` ? ESCAPE '\'`)
		rankArgs = append(rankArgs, likeContains(t))
	}
	rank += ` WHEN ` + strings.Join(titleConds, ` AND `) + ` THEN 1 ELSE 2 END`
	return from, args, rank, rankArgs
}

func looksLikeDocNo(s string) bool {
	digits, other := 0, 0
	for _, r := range s {
		if r >= '0' && r <= '9' {
			digits++
		} else {
			other++
		}
	}
	return digits > 0 && other > 0 && digits+other >= 4
}

// SearchCountLimit bounds the counting of matches: SearchItems reports at most
// SearchCountLimit+1 as the total on SQLite, meaning "more than SearchCountLimit", and pages
// no further than SearchCountLimit results.
const SearchCountLimit = 1000

// ShortSearchCountLimit is the count limit of a query whose terms are all shorter than three
// characters: the index cannot count those, every candidate's text is read.
const ShortSearchCountLimit = 200

// SearchCountLimitFor is the count limit that applies to query q on SQLite: SearchItems
// reports a total above it as limit+1 ("more than limit").
func SearchCountLimitFor(q string) int {
	for _, t := range searchtext.Terms(q) {
		if utf8.RuneCountInString(t) >= 3 {
			return SearchCountLimit
		}
	}
	return ShortSearchCountLimit
}

// SearchItems searches the published catalog. It returns one page of results and the total
// number of matches (see SearchCountLimit). See SearchTerms for what matches. Ranking: the
// 文号 or 索引号 the whole query names, then items with every term in 名称, then the rest;
// within each, the newest (发布日期, then id) first.
func SearchItems(ctx context.Context, q Queryer, sq SearchQuery) ([]SearchResult, int, error) {
	if sq.Limit <= 0 {
		sq.Limit = 20
	}
	if sq.Limit > 200 {
		sq.Limit = 200
	}
	if sq.Offset < 0 {
		sq.Offset = 0
	}
	if sq.Offset >= SearchCountLimitFor(sq.Q) && q.Dialect() == SQLite {
		return nil, 0, apperr.New(apperr.Invalid, "页码过大，请增加关键词或筛选条件")
	}
	terms := searchtext.Terms(sq.Q)
	if q.Dialect() == SQLite {
		return searchSQLite(ctx, q, sq, terms)
	}
	from, args, rank, rankArgs := searchSQL(q.Dialect(), sq, terms)
	if sq.ByDate {
		rank, rankArgs = `0`, nil
	}
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*)`+from, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count search: %w", err)
	}
	if total == 0 || sq.Offset >= total {
		return nil, total, nil
	}
	// The inner query ranks and pages; the outer one reads the columns the catalog's own
	// scanner expects.
	query := `SELECT ` + catalogListColumns + `, agency_name, s_summary, s_body FROM (SELECT i.*, a.name AS agency_name, s.summary AS s_summary, s.body AS s_body, ` +
		rank + ` AS search_rank` + from + ` ORDER BY search_rank, i.published_on DESC, i.id DESC` +
		fmt.Sprintf(` LIMIT %d OFFSET %d`, sq.Limit, sq.Offset) + `) sub ORDER BY search_rank, published_on DESC, id DESC`
	out, err := scanSearchResults(ctx, q, query, append(rankArgs, args...), terms)
	return out, total, err
}

func scanSearchResults(ctx context.Context, q Queryer, query string, args []any, terms []string) ([]SearchResult, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: search: %w", err)
	}
	defer rows.Close()
	var out []SearchResult
	for rows.Next() {
		var res SearchResult
		var summary, body string
		it, err := scanCatalogItem(scanPrefix{rows, []any{&res.AgencyName, &summary, &body}})
		if err != nil {
			return nil, fmt.Errorf("store: search: %w", err)
		}
		res.Item = it
		res.TitleMatch = len(terms) > 0 && searchtext.ContainsAll(it.Title, terms)
		res.Snippet = searchtext.Snippet(summary, body, terms, 120)
		out = append(out, res)
	}
	return out, rows.Err()
}

// scanPrefix scans the catalog columns and then extra destinations.
type scanPrefix struct {
	rows  *sql.Rows
	extra []any
}

func (s scanPrefix) Scan(dest ...any) error { return s.rows.Scan(append(dest, s.extra...)...) }

// FacetCount is one line of a side list: a 主题分类 code or a year, and how many published
// items it has.
type FacetCount struct {
	Key   string
	Count int
}

// PublishedFacets counts the published items of an agency (or of a government's agencies, or
// of every agency when both are 0) by 主题分类 and by year of 发布日期 (newest year first).
func PublishedFacets(ctx context.Context, q Queryer, governmentID, agencyID int64) (topics, years []FacetCount, err error) {
	where := ` WHERE state = 'published'`
	var args []any
	if agencyID != 0 {
		where += ` AND agency_id = ?`
		args = append(args, agencyID)
	} else if governmentID != 0 {
		where += ` AND agency_id IN (SELECT id FROM agencies WHERE government_id = ?)`
		args = append(args, governmentID)
	}
	if topics, err = facet(ctx, q, `SELECT topic, COUNT(*) FROM catalog_items`+where+` GROUP BY topic ORDER BY topic`, args); err != nil {
		return nil, nil, err
	}
	if years, err = facet(ctx, q, `SELECT SUBSTR(published_on, 1, 4), COUNT(*) FROM catalog_items`+where+` AND published_on <> '' GROUP BY SUBSTR(published_on, 1, 4) ORDER BY 1 DESC`, args); err != nil {
		return nil, nil, err
	}
	return topics, years, nil
}

func facet(ctx context.Context, q Queryer, query string, args []any) ([]FacetCount, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: catalog counts: %w", err)
	}
	defer rows.Close()
	var out []FacetCount
	for rows.Next() {
		var f FacetCount
		if err := rows.Scan(&f.Key, &f.Count); err != nil {
			return nil, err
		}
		out = append(out, f)
	}
	return out, rows.Err()
}

// ItemRef is what a sitemap needs of a published item.
type ItemRef struct {
	ID          int64
	PublishedOn time.Time
}

// PublishedItemRefs lists published items by id from afterID (exclusive), at most limit.
func PublishedItemRefs(ctx context.Context, q Queryer, afterID int64, limit int) ([]ItemRef, error) {
	rows, err := q.Query(ctx, `SELECT id, published_on FROM catalog_items WHERE state = 'published' AND id > ? ORDER BY id LIMIT ?`, afterID, limit)
	if err != nil {
		return nil, fmt.Errorf("store: item refs: %w", err)
	}
	defer rows.Close()
	var out []ItemRef
	for rows.Next() {
		var r ItemRef
		var day string
		if err := rows.Scan(&r.ID, &day); err != nil {
			return nil, err
		}
		r.PublishedOn = parseDayOrZero(day)
		out = append(out, r)
	}
	return out, rows.Err()
}

// MaxGuideLen bounds the text of a 政府信息公开指南, in characters.
const MaxGuideLen = 50000

// Guide is an agency's 政府信息公开指南 as saved by its administrator.
type Guide struct {
	AgencyID  int64
	Body      string
	UpdatedBy int64
	UpdatedAt time.Time
}

// AgencyGuide returns the saved guide of an agency; ok is false when none was saved (the
// portal then shows the default text).
func AgencyGuide(ctx context.Context, q Queryer, agencyID int64) (g Guide, ok bool, err error) {
	var by sql.NullInt64
	var at string
	err = q.QueryRow(ctx, `SELECT agency_id, body, updated_by, updated_at FROM agency_guides WHERE agency_id = ?`, agencyID).Scan(&g.AgencyID, &g.Body, &by, &at)
	if err == sql.ErrNoRows {
		return Guide{AgencyID: agencyID}, false, nil
	}
	if err != nil {
		return g, false, fmt.Errorf("store: guide: %w", err)
	}
	g.UpdatedBy = by.Int64
	g.UpdatedAt, _ = ParseTime(at)
	return g, true, nil
}

// saveAgencyGuide stores an agency's guide text, audited; an empty body removes it, so that
// the default text is shown again.
func saveAgencyGuide(ctx context.Context, tx *Tx, who account.Principal, agencyID int64, body string, now time.Time) error {
	body = strings.ReplaceAll(strings.ToValidUTF8(body, ""), "\r\n", "\n")
	if utf8.RuneCountInString(body) > MaxGuideLen {
		return apperr.Newf(apperr.Invalid, "指南正文不能超过%d字", MaxGuideLen)
	}
	before, had, err := AgencyGuide(ctx, tx, agencyID)
	if err != nil {
		return err
	}
	type auditGuide struct {
		Chars int    `json:"chars"`
		Start string `json:"start"`
	}
	summary := func(s string) any {
		if s == "" {
			return nil
		}
		rs := []rune(s)
		return auditGuide{Chars: len(rs), Start: string(rs[:min(len(rs), 40)])}
	}
	if strings.TrimSpace(body) == "" {
		if !had {
			return nil
		}
		if _, err := tx.Exec(ctx, `DELETE FROM agency_guides WHERE agency_id = ?`, agencyID); err != nil {
			return fmt.Errorf("store: delete guide: %w", err)
		}
		_, err = Audit(ctx, tx, change(who, "guide.reset", "agency_guide", agencyID, agencyID, summary(before.Body), nil, ""))
		return err
	}
	if had {
		_, err = tx.Exec(ctx, `UPDATE agency_guides SET body = ?, updated_by = ?, updated_at = ? WHERE agency_id = ?`, body, nullInt(who.UserID), FormatTime(now), agencyID)
	} else {
		_, err = tx.Exec(ctx, `INSERT INTO agency_guides (agency_id, body, updated_by, updated_at) VALUES (?, ?, ?, ?)`, agencyID, body, nullInt(who.UserID), FormatTime(now))
	}
	if err != nil {
		if IsForeignKeyViolation(err) {
			return apperr.New(apperr.NotFound, "机关不存在")
		}
		return fmt.Errorf("store: save guide: %w", err)
	}
	var prev any
	if had {
		prev = summary(before.Body)
	}
	_, err = Audit(ctx, tx, change(who, "guide.update", "agency_guide", agencyID, agencyID, prev, summary(body), ""))
	return err
}

// GovernmentByIDForPortal finds a government by id.
func GovernmentByIDForPortal(ctx context.Context, q Queryer, id int64) (agency.Government, error) {
	var g agency.Government
	err := q.QueryRow(ctx, `SELECT id, name, region FROM governments WHERE id = ?`, id).Scan(&g.ID, &g.Name, &g.Region)
	return g, notFound(err, "人民政府不存在")
}

// PublishedYearRange returns the years of the oldest and newest 发布日期 of the published
// catalog (0, 0 when empty), read from the ends of an index rather than every row.
func PublishedYearRange(ctx context.Context, q Queryer) (first, last int, err error) {
	for _, dir := range []string{"ASC", "DESC"} {
		var day string
		err := q.QueryRow(ctx, `SELECT published_on FROM catalog_items WHERE state = 'published' AND published_on <> '' ORDER BY published_on `+dir+` LIMIT 1`).Scan(&day)
		if err == sql.ErrNoRows {
			return 0, 0, nil
		}
		if err != nil {
			return 0, 0, fmt.Errorf("store: published years: %w", err)
		}
		y := parseDayOrZero(day).Year()
		if dir == "ASC" {
			first = y
		} else {
			last = y
		}
	}
	return first, last, nil
}

// PublishedItem loads a published item with its body and attachment metadata for its public
// page; any other state is "not found". Application links are not loaded (they are not
// public).
func PublishedItem(ctx context.Context, q Queryer, id int64) (catalog.Item, error) {
	it, err := scanCatalogItem(q.QueryRow(ctx, `SELECT `+catalogColumns+` FROM catalog_items WHERE id = ? AND state = 'published'`, id))
	if err != nil {
		return it, notFound(err, "信息不存在或尚未公开")
	}
	if it.Attachments, err = ItemAttachments(ctx, q, it.ID); err != nil {
		return it, err
	}
	return it, loadItemLinks(ctx, q, &it)
}

// AgencyTopicLabel returns the label an agency gives a 主题分类 code in its own taxonomy; ok is
// false when the agency keeps the default taxonomy or lacks the code.
func AgencyTopicLabel(ctx context.Context, q Queryer, agencyID int64, code string) (label string, ok bool, err error) {
	err = q.QueryRow(ctx, `SELECT label FROM catalog_topics WHERE agency_id = ? AND code = ?`, agencyID, code).Scan(&label)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: topic label: %w", err)
	}
	return label, true, nil
}

// ItemStamp tells whether an item is published and when it last changed (its updated_at),
// with one prepared lookup, so that the portal can serve a page it rendered before while the
// item is unchanged. ok is false when the item does not exist or is not published.
func ItemStamp(ctx context.Context, db *DB, id int64) (stamp string, ok bool, err error) {
	// The page also names the published items linked with it (解读, 公示 results): their
	// changes count as the page's.
	st, err := db.prepared(ctx, `SELECT i.state, i.updated_at
		|| COALESCE((SELECT MAX(j.updated_at) FROM catalog_interprets x JOIN catalog_items j ON j.id = x.item_id WHERE x.document_id = i.id), '')
		|| COALESCE((SELECT MAX(j.updated_at) FROM catalog_interprets x JOIN catalog_items j ON j.id = x.document_id WHERE x.item_id = i.id), '')
		|| COALESCE((SELECT MAX(j.updated_at) FROM catalog_results x JOIN catalog_items j ON j.id = x.item_id WHERE x.notice_id = i.id), '')
		|| COALESCE((SELECT MAX(j.updated_at) FROM catalog_results x JOIN catalog_items j ON j.id = x.notice_id WHERE x.item_id = i.id), '')
		FROM catalog_items i WHERE i.id = ?`)
	if err != nil {
		return "", false, fmt.Errorf("store: item stamp: %w", err)
	}
	var state string
	err = st.QueryRowContext(ctx, id).Scan(&state, &stamp)
	if err == sql.ErrNoRows {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("store: item stamp: %w", err)
	}
	return stamp, state == string(catalog.Published), nil
}

// CatalogChanges reads the catalog change counter (migration 00028), with one prepared
// lookup. It advances with every change that can alter a search result: a published item
// inserted, edited (效力状态 included), withdrawn or deleted, an item published, any change of
// an agency. A search result read while the counter stood at n is still right while it does.
func CatalogChanges(ctx context.Context, db *DB) (int64, error) {
	st, err := db.prepared(ctx, `SELECT n FROM catalog_changes WHERE id = 1`)
	if err != nil {
		return 0, fmt.Errorf("store: catalog changes: %w", err)
	}
	var n int64
	if err := st.QueryRowContext(ctx).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: catalog changes: %w", err)
	}
	return n, nil
}

// RecentPublished lists the newest published items (of one agency when agencyID is not 0)
// for feeds, without counting them all.
func RecentPublished(ctx context.Context, q Queryer, agencyID int64, limit int) ([]catalog.Item, error) {
	query := `SELECT ` + catalogListColumns + ` FROM catalog_items WHERE state = 'published'`
	args := []any{}
	if agencyID != 0 {
		query += ` AND agency_id = ?`
		args = append(args, agencyID)
	}
	return queryCatalogItems(ctx, q, query+fmt.Sprintf(` ORDER BY published_on DESC, id DESC LIMIT %d`, limit), args...)
}

// MaxItemID is the largest item id (0 when none), for sitemap chunks by id range.
func MaxItemID(ctx context.Context, q Queryer) (int64, error) {
	var id sql.NullInt64
	if err := q.QueryRow(ctx, `SELECT MAX(id) FROM catalog_items`).Scan(&id); err != nil {
		return 0, fmt.Errorf("store: max item id: %w", err)
	}
	return id.Int64, nil
}

// PublishedPage lists one page of published items matching f, newest first, without
// counting them (PublishedCount counts; the portal keeps counts for a while).
func PublishedPage(ctx context.Context, q Queryer, f CatalogFilter) ([]catalog.Item, error) {
	f.State, f.States = catalog.Published, nil
	where, args := f.where()
	query := `SELECT ` + catalogListColumns + ` FROM catalog_items` + where + ` ORDER BY published_on DESC, id DESC`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
	}
	return queryCatalogItems(ctx, q, query, args...)
}

// PublishedCount counts the published items matching f.
func PublishedCount(ctx context.Context, q Queryer, f CatalogFilter) (int, error) {
	f.State, f.States = catalog.Published, nil
	where, args := f.where()
	var n int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM catalog_items`+where, args...).Scan(&n); err != nil {
		return 0, fmt.Errorf("store: count catalog items: %w", err)
	}
	return n, nil
}

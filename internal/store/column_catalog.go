package store

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

// The catalog side of the public column (migration 00100): what a 政策解读 interprets, the
// 公示期 of a 公示, the 公示 a result closes.

// setItemLinks stores the column links of item id (replacing any before).
func setItemLinks(ctx context.Context, tx *Tx, id int64, it catalog.Item) error {
	for _, q := range []string{`DELETE FROM catalog_interprets WHERE item_id = ?`, `DELETE FROM catalog_notices WHERE item_id = ?`, `DELETE FROM catalog_results WHERE item_id = ?`} {
		if _, err := tx.Exec(ctx, q, id); err != nil {
			return fmt.Errorf("store: item links: %w", err)
		}
	}
	for i, d := range it.Interprets {
		if _, err := tx.Exec(ctx, `INSERT INTO catalog_interprets (item_id, document_id, position) VALUES (?, ?, ?)`, id, d, i); err != nil {
			return fmt.Errorf("store: item links: %w", err)
		}
	}
	if !it.Period.IsZero() {
		if _, err := tx.Exec(ctx, `INSERT INTO catalog_notices (item_id, starts_on, ends_on, object_to) VALUES (?, ?, ?, ?)`,
			id, dayOrEmpty(it.Period.Start), dayOrEmpty(it.Period.End), it.Period.ObjectTo); err != nil {
			return fmt.Errorf("store: item links: %w", err)
		}
	}
	if it.ResultOf != 0 {
		if _, err := tx.Exec(ctx, `INSERT INTO catalog_results (item_id, notice_id) VALUES (?, ?)`, id, it.ResultOf); err != nil {
			return fmt.Errorf("store: item links: %w", err)
		}
	}
	return nil
}

// loadItemLinks reads the column links of it.
func loadItemLinks(ctx context.Context, q Queryer, it *catalog.Item) error {
	ids, err := int64s(ctx, q, `SELECT document_id FROM catalog_interprets WHERE item_id = ? ORDER BY position`, it.ID)
	if err != nil {
		return err
	}
	it.Interprets = ids
	var start, end string
	err = q.QueryRow(ctx, `SELECT starts_on, ends_on, object_to FROM catalog_notices WHERE item_id = ?`, it.ID).Scan(&start, &end, &it.Period.ObjectTo)
	if err != nil && !isNoRows(err) {
		return fmt.Errorf("store: notice: %w", err)
	}
	it.Period.Start, it.Period.End = parseDayOrZero(start), parseDayOrZero(end)
	err = q.QueryRow(ctx, `SELECT notice_id FROM catalog_results WHERE item_id = ?`, it.ID).Scan(&it.ResultOf)
	if err != nil && !isNoRows(err) {
		return fmt.Errorf("store: notice result: %w", err)
	}
	return nil
}

func int64s(ctx context.Context, q Queryer, query string, args ...any) ([]int64, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: %w", err)
	}
	defer rows.Close()
	var out []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		out = append(out, id)
	}
	return out, rows.Err()
}

// checkLinkTargets refuses links to items that do not exist or belong to another
// government than it's agency (not_found: the item is not one this agency can point to).
func checkLinkTargets(ctx context.Context, q Queryer, it catalog.Item) error {
	targets := append([]int64{}, it.Interprets...)
	if it.ResultOf != 0 {
		targets = append(targets, it.ResultOf)
	}
	for _, id := range targets {
		var n int
		err := q.QueryRow(ctx, `SELECT COUNT(*) FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
			WHERE i.id = ? AND a.government_id = (SELECT government_id FROM agencies WHERE id = ?)`, id, it.AgencyID).Scan(&n)
		if err != nil {
			return fmt.Errorf("store: link target: %w", err)
		}
		if n == 0 {
			return notFoundf("关联的信息（编号%d）不存在或不属于本级政府", id)
		}
	}
	return nil
}

// checkPublicationLinks applies catalog.CheckLinks to an item about to be published.
func checkPublicationLinks(ctx context.Context, q Queryer, it catalog.Item, now time.Time) error {
	if len(it.Interprets) == 0 && it.ResultOf == 0 && it.Kind != catalog.Notice {
		return nil
	}
	var docs []catalog.Item
	for _, id := range it.Interprets {
		d, err := ItemByID(ctx, q, id)
		if err != nil {
			return err
		}
		docs = append(docs, d)
	}
	var notice catalog.Item
	if it.ResultOf != 0 {
		var err error
		if notice, err = ItemByID(ctx, q, it.ResultOf); err != nil {
			return err
		}
	}
	return catalog.CheckLinks(it, docs, notice, now)
}

// ItemBrief is a linked item as a page names it.
type ItemBrief struct {
	ID          int64
	AgencyID    int64
	Title       string
	DocNo       string
	Kind        catalog.DocKind
	PublishedOn time.Time
}

func briefs(ctx context.Context, q Queryer, query string, args ...any) ([]ItemBrief, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: linked items: %w", err)
	}
	defer rows.Close()
	var out []ItemBrief
	for rows.Next() {
		var b ItemBrief
		var kind, pub string
		if err := rows.Scan(&b.ID, &b.AgencyID, &b.Title, &b.DocNo, &kind, &pub); err != nil {
			return nil, err
		}
		b.Kind, b.PublishedOn = catalog.DocKind(kind), parseDayOrZero(pub)
		out = append(out, b)
	}
	return out, rows.Err()
}

const briefColumns = `i.id, i.agency_id, i.title, i.doc_no, i.kind, i.published_on`

// ItemLinks are the published items a published item is linked with, both ways.
type ItemLinks struct {
	Interprets      []ItemBrief // the documents this 解读 interprets
	InterpretedBy   []ItemBrief // the 解读 of this document
	ResultOf        []ItemBrief // the 公示 this item is the result of
	Results         []ItemBrief // the results of this 公示
	NoticeState     catalog.NoticeState
	NoticeStateText string
}

// PublishedLinks reads the published items linked with it, and where its 公示 stands on day.
func PublishedLinks(ctx context.Context, q Queryer, it catalog.Item, day time.Time) (ItemLinks, error) {
	var l ItemLinks
	var err error
	pub := ` AND i.state = 'published'`
	if l.Interprets, err = briefs(ctx, q, `SELECT `+briefColumns+` FROM catalog_interprets x JOIN catalog_items i ON i.id = x.document_id WHERE x.item_id = ?`+pub+` ORDER BY x.position`, it.ID); err != nil {
		return l, err
	}
	if l.InterpretedBy, err = briefs(ctx, q, `SELECT `+briefColumns+` FROM catalog_interprets x JOIN catalog_items i ON i.id = x.item_id WHERE x.document_id = ?`+pub+` ORDER BY i.published_on, i.id`, it.ID); err != nil {
		return l, err
	}
	if l.ResultOf, err = briefs(ctx, q, `SELECT `+briefColumns+` FROM catalog_results x JOIN catalog_items i ON i.id = x.notice_id WHERE x.item_id = ?`+pub, it.ID); err != nil {
		return l, err
	}
	if l.Results, err = briefs(ctx, q, `SELECT `+briefColumns+` FROM catalog_results x JOIN catalog_items i ON i.id = x.item_id WHERE x.notice_id = ?`+pub+` ORDER BY i.published_on, i.id`, it.ID); err != nil {
		return l, err
	}
	if it.Kind == catalog.Notice && !it.Period.Start.IsZero() {
		l.NoticeState = it.Period.StateOn(day)
		l.NoticeStateText = l.NoticeState.Label()
	}
	return l, nil
}

// NoticeRow is a published 公示 with its period and where it stands on the day asked.
type NoticeRow struct {
	ItemBrief
	AgencyName string
	Period     catalog.NoticePeriod
	State      catalog.NoticeState
	Results    int // published results
}

// PublishedNotices lists the published 公示 of a government or agency (0: any), newest
// period first, each with where it stands on day; openOnly keeps those open that day (公示中).
func PublishedNotices(ctx context.Context, q Queryer, governmentID, agencyID int64, day time.Time, openOnly bool, limit int) ([]NoticeRow, error) {
	conds := []string{`i.state = 'published'`, `i.kind = 'notice'`}
	var args []any
	if governmentID != 0 {
		conds = append(conds, `a.government_id = ?`)
		args = append(args, governmentID)
	}
	if agencyID != 0 {
		conds = append(conds, `i.agency_id = ?`)
		args = append(args, agencyID)
	}
	if openOnly {
		conds = append(conds, `n.starts_on <= ? AND n.ends_on >= ?`)
		args = append(args, FormatDay(day), FormatDay(day))
	}
	if limit <= 0 {
		limit = 100
	}
	query := `SELECT ` + briefColumns + `, a.name, n.starts_on, n.ends_on, n.object_to,
		(SELECT COUNT(*) FROM catalog_results r JOIN catalog_items ri ON ri.id = r.item_id WHERE r.notice_id = i.id AND ri.state = 'published')
		FROM catalog_items i JOIN catalog_notices n ON n.item_id = i.id JOIN agencies a ON a.id = i.agency_id
		WHERE ` + strings.Join(conds, ` AND `) + fmt.Sprintf(` ORDER BY n.ends_on DESC, i.id DESC LIMIT %d`, limit)
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: notices: %w", err)
	}
	defer rows.Close()
	var out []NoticeRow
	for rows.Next() {
		var r NoticeRow
		var kind, pub, start, end string
		if err := rows.Scan(&r.ID, &r.AgencyID, &r.Title, &r.DocNo, &kind, &pub, &r.AgencyName, &start, &end, &r.Period.ObjectTo, &r.Results); err != nil {
			return nil, err
		}
		r.Kind, r.PublishedOn = catalog.DocKind(kind), parseDayOrZero(pub)
		r.Period.Start, r.Period.End = parseDayOrZero(start), parseDayOrZero(end)
		r.State = r.Period.StateOn(day)
		out = append(out, r)
	}
	return out, rows.Err()
}

// InterpretationYear counts, for one year of 发布日期, an agency's published 政策解读, its
// published 规章 and 行政规范性文件, and how many of those have at least one published 解读.
type InterpretationYear struct {
	Year            int
	Interpretations int
	Documents       int
	Interpreted     int
}

// interpretationYears counts per year for the agency (every agency of the government when
// agencyID is 0 and governmentID is not), oldest year first.
func interpretationYears(ctx context.Context, q Queryer, governmentID, agencyID int64) ([]InterpretationYear, error) {
	scope, args := agencyScope("i.agency_id", governmentID, agencyID)
	var out []InterpretationYear
	err := interpretationCounts(ctx, q, scope, args, func(_ int64, c InterpretationYear) {
		if n := len(out); n > 0 && out[n-1].Year == c.Year {
			out[n-1].Interpretations += c.Interpretations
			out[n-1].Documents += c.Documents
			out[n-1].Interpreted += c.Interpreted
			return
		}
		out = append(out, c)
	})
	return out, err
}

// interpretableKinds are the kinds of document a 政策解读 covers in the counts: 规章 and
// 行政规范性文件.
const interpretableKinds = `('regulation', 'normative')`

// interpreted is the condition that a published 政策解读 covers the item whose id is col.
func interpreted(col string) string {
	return `EXISTS (SELECT 1 FROM catalog_interprets x JOIN catalog_items j ON j.id = x.item_id WHERE x.document_id = ` + col + ` AND j.state = 'published')`
}

// agencyScope is the condition on column col selecting one agency, or every agency of the
// government when agencyID is 0.
func agencyScope(col string, governmentID, agencyID int64) (string, []any) {
	if agencyID == 0 {
		return col + ` IN (SELECT id FROM agencies WHERE government_id = ?)`, []any{governmentID}
	}
	return col + ` = ?`, []any{agencyID}
}

// interpretationCounts counts, per agency and year of 发布日期 (oldest year first), the
// published 政策解读, the published 规章 and 行政规范性文件 and those of them a published 解读
// covers, of the items matching scope (a condition on catalog_items i): the one definition
// of the counts behind the report's narrative, the portal and the oversight's 解读 ratio.
func interpretationCounts(ctx context.Context, q Queryer, scope string, args []any, visit func(agencyID int64, c InterpretationYear)) error {
	query := `SELECT i.agency_id, SUBSTR(i.published_on, 1, 4) AS y,
		SUM(CASE WHEN i.kind = 'interpretation' THEN 1 ELSE 0 END),
		SUM(CASE WHEN i.kind IN ` + interpretableKinds + ` THEN 1 ELSE 0 END),
		SUM(CASE WHEN i.kind IN ` + interpretableKinds + ` AND ` + interpreted("i.id") + ` THEN 1 ELSE 0 END)
		FROM catalog_items i WHERE ` + scope + ` AND i.state = 'published' AND i.published_on <> ''
		GROUP BY SUBSTR(i.published_on, 1, 4), i.agency_id ORDER BY 2, 1`
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return fmt.Errorf("store: interpretation counts: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var y string
		var id int64
		var c InterpretationYear
		if err := rows.Scan(&id, &y, &c.Interpretations, &c.Documents, &c.Interpreted); err != nil {
			return err
		}
		fmt.Sscanf(y, "%d", &c.Year)
		if c.Interpretations+c.Documents > 0 {
			visit(id, c)
		}
	}
	return rows.Err()
}

func isNoRows(err error) bool { return errors.Is(err, sql.ErrNoRows) }

func notFoundf(format string, args ...any) error {
	return apperr.Newf(apperr.NotFound, format, args...)
}

// ItemRef resolves what staff type to name an item to link: its number (as in /items/N) or
// its 索引号, among the items of the agency's government (not_found otherwise), for who
// reading the agency.
func (s *CatalogService) ItemRef(ctx context.Context, who account.Principal, agencyID int64, ref string) (int64, error) {
	var id int64
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, agencyID); err != nil {
			return err
		}
		ref = strings.TrimSpace(ref)
		if n, err := strconv.ParseInt(ref, 10, 64); err == nil && n > 0 && len(ref) < 16 {
			id = n
		} else {
			err := tx.QueryRow(ctx, `SELECT i.id FROM catalog_items i JOIN agencies a ON a.id = i.agency_id
				WHERE i.index_no = ? AND a.government_id = (SELECT government_id FROM agencies WHERE id = ?) ORDER BY i.id LIMIT 1`, ref, agencyID).Scan(&id)
			if isNoRows(err) {
				return notFoundf("索引号“%s”不存在", ref)
			}
			if err != nil {
				return fmt.Errorf("store: item ref: %w", err)
			}
		}
		return checkLinkTargets(ctx, tx, catalog.Item{AgencyID: agencyID, Interprets: []int64{id}})
	})
	return id, err
}

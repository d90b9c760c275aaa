package store

import (
	"context"
	"fmt"
	"strings"
	"time"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

// 法定主动公开内容: an agency's headings (catalog.Heading) and the published items filling
// them.

// AgencyHeadings reads an agency's saved headings; until it saves any, the defaults of
// 第二十条 adapted to its taxonomy (saved false).
func AgencyHeadings(ctx context.Context, q Queryer, agencyID int64) (hs []catalog.Heading, saved bool, err error) {
	all, savedBy, err := agenciesHeadings(ctx, q, 0, agencyID, []int64{agencyID})
	if err != nil {
		return nil, false, err
	}
	return all[agencyID], savedBy[agencyID], nil
}

// agenciesHeadings reads the headings of agencies ids, all of government governmentID (or
// the one agency agencyID when not 0) as AgencyHeadings does, with two queries for all.
func agenciesHeadings(ctx context.Context, q Queryer, governmentID, agencyID int64, ids []int64) (map[int64][]catalog.Heading, map[int64]bool, error) {
	scope, args := agencyScope("agency_id", governmentID, agencyID)
	out, saved := map[int64][]catalog.Heading{}, map[int64]bool{}
	err := eachRow(ctx, q, func(scan func(...any) error) error {
		var id int64
		var h catalog.Heading
		var topics string
		if err := scan(&id, &h.Title, &h.Article, &topics); err != nil {
			return err
		}
		h.Topics = strings.Split(topics, "|")
		out[id], saved[id] = append(out[id], h), true
		return nil
	}, `SELECT agency_id, title, article, topics FROM statutory_headings WHERE `+scope+` ORDER BY agency_id, position`, args...)
	if err != nil {
		return nil, nil, fmt.Errorf("store: headings: %w", err)
	}
	var rest []int64
	for _, id := range ids {
		if !saved[id] {
			rest = append(rest, id)
		}
	}
	if len(rest) == 0 {
		return out, saved, nil
	}
	taxes, err := catalogTaxonomies(ctx, q, scope, args, rest)
	if err != nil {
		return nil, nil, err
	}
	for _, id := range rest {
		out[id] = catalog.HeadingsFor(catalog.DefaultHeadings(), taxes[id])
	}
	return out, saved, nil
}

func saveAgencyHeadings(ctx context.Context, tx *Tx, who account.Principal, agencyID int64, hs []catalog.Heading) error {
	tax, err := CatalogTaxonomy(ctx, tx, agencyID)
	if err != nil {
		return err
	}
	hs, err = catalog.CheckHeadings(hs, tax)
	if err != nil {
		return err
	}
	before, _, err := AgencyHeadings(ctx, tx, agencyID)
	if err != nil {
		return err
	}
	if _, err := tx.Exec(ctx, `DELETE FROM statutory_headings WHERE agency_id = ?`, agencyID); err != nil {
		return fmt.Errorf("store: headings: %w", err)
	}
	for i, h := range hs {
		if _, err := tx.Exec(ctx, `INSERT INTO statutory_headings (agency_id, position, title, article, topics) VALUES (?, ?, ?, ?, ?)`,
			agencyID, i, h.Title, h.Article, strings.Join(h.Topics, "|")); err != nil {
			return fmt.Errorf("store: headings: %w", err)
		}
	}
	_, err = Audit(ctx, tx, change(who, "catalog.headings", "agency", agencyID, agencyID, before, hs, ""))
	return err
}

// HeadingView is a heading with the number of published items under it and the newest.
type HeadingView struct {
	N int // 1-based position, used in the heading's address
	catalog.Heading
	Count  int
	Latest []catalog.Item
	Gap    bool // nothing published under it: a gap staff must fill
}

// headingViews counts and lists (up to latest items each) the published items of every
// heading of the agency (or of every agency of the government when agencyID is 0).
func headingViews(ctx context.Context, q Queryer, governmentID, agencyID int64, hs []catalog.Heading, latest int) ([]HeadingView, error) {
	out := make([]HeadingView, 0, len(hs))
	for i, h := range hs {
		v := HeadingView{N: i + 1, Heading: h}
		if len(h.Topics) > 0 {
			f := CatalogFilter{GovernmentID: governmentID, AgencyID: agencyID, Topics: h.Topics}
			n, err := PublishedCount(ctx, q, f)
			if err != nil {
				return nil, err
			}
			v.Count = n
			if n > 0 && latest > 0 {
				f.Limit = latest
				if v.Latest, err = PublishedPage(ctx, q, f); err != nil {
					return nil, err
				}
			}
		}
		v.Gap = v.Count == 0
		out = append(out, v)
	}
	return out, nil
}

// Headings is the agency's 法定主动公开内容 for its staff: every heading with its count,
// the empty ones marked as gaps, and whether the list was saved or is still the default.
func (s *CatalogService) Headings(ctx context.Context, who account.Principal, agencyID int64) ([]HeadingView, bool, error) {
	var out []HeadingView
	var saved bool
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, agencyID); err != nil {
			return err
		}
		hs, sv, err := AgencyHeadings(ctx, tx, agencyID)
		if err != nil {
			return err
		}
		saved = sv
		out, err = headingViews(ctx, tx, 0, agencyID, hs, 0)
		return err
	})
	return out, saved, err
}

// SaveHeadings replaces the agency's 法定主动公开内容 headings, by its 机关管理员.
func (s *CatalogService) SaveHeadings(ctx context.Context, who account.Principal, agencyID int64, hs []catalog.Heading) error {
	if !catalog.CanManage(who, agencyID) {
		return apperr.New(apperr.Forbidden, "修改法定主动公开内容需要机关管理员权限")
	}
	return s.inTx(ctx, func(tx *Tx) error { return saveAgencyHeadings(ctx, tx, who, agencyID, hs) })
}

// InterpretationCounts counts per year an agency's published 政策解读 and the 规章 and
// 行政规范性文件 they cover (for the annual report's narrative and the oversight view), for
// who reading the agency.
func (s *CatalogService) InterpretationCounts(ctx context.Context, who account.Principal, agencyID int64) ([]InterpretationYear, error) {
	var out []InterpretationYear
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, agencyID); err != nil {
			return err
		}
		var err error
		out, err = interpretationYears(ctx, tx, 0, agencyID)
		return err
	})
	return out, err
}

// Headings is an agency's 法定主动公开内容 for the portal, each heading with its count and
// newest items; agencyID 0 gives the 第二十条 headings over every agency of the government.
func (s *Portal) Headings(ctx context.Context, governmentID, agencyID int64, latest int) ([]HeadingView, error) {
	hs := catalog.DefaultHeadings()
	if agencyID != 0 {
		var err error
		if hs, _, err = AgencyHeadings(ctx, s.q(), agencyID); err != nil {
			return nil, err
		}
	}
	return headingViews(ctx, s.q(), governmentID, agencyID, hs, latest)
}

// Links are the published items linked with published item it (解读 both ways, 公示 and
// results) and where its 公示 stands on day.
func (s *Portal) Links(ctx context.Context, it catalog.Item, day time.Time) (ItemLinks, error) {
	return PublishedLinks(ctx, s.q(), it, day)
}

// Notices lists published 公示 of a government or agency with where each stands on day;
// openOnly keeps those open that day.
func (s *Portal) Notices(ctx context.Context, governmentID, agencyID int64, day time.Time, openOnly bool, limit int) ([]NoticeRow, error) {
	return PublishedNotices(ctx, s.q(), governmentID, agencyID, day, openOnly, limit)
}

// Interpretations counts per year the published 政策解读 of an agency (or of a government's
// agencies when agencyID is 0).
func (s *Portal) Interpretations(ctx context.Context, governmentID, agencyID int64) ([]InterpretationYear, error) {
	return interpretationYears(ctx, s.q(), governmentID, agencyID)
}

// NoticeYear counts, for one year of 发布日期, an agency's published 公示 and the results
// published after them.
type NoticeYear struct {
	Year    int
	Notices int
	Results int
}

// NoticeCounts counts per year an agency's published 公示 and their results (the report's
// narrative, the oversight view), for who reading the agency; oldest year first.
func (s *CatalogService) NoticeCounts(ctx context.Context, who account.Principal, agencyID int64) ([]NoticeYear, error) {
	var out []NoticeYear
	err := s.inTx(ctx, func(tx *Tx) error {
		if err := requireAgencyRead(ctx, tx, who, agencyID); err != nil {
			return err
		}
		var err error
		out, err = noticeYears(ctx, tx, agencyID)
		return err
	})
	return out, err
}

// noticeYears counts per year an agency's published 公示 and their results, oldest first.
func noticeYears(ctx context.Context, q Queryer, agencyID int64) ([]NoticeYear, error) {
	rows, err := q.Query(ctx, `SELECT SUBSTR(i.published_on, 1, 4),
		SUM(CASE WHEN i.kind = 'notice' THEN 1 ELSE 0 END),
		SUM(CASE WHEN EXISTS (SELECT 1 FROM catalog_results r WHERE r.item_id = i.id) THEN 1 ELSE 0 END)
		FROM catalog_items i WHERE i.agency_id = ? AND i.state = 'published' AND i.published_on <> ''
		AND (i.kind = 'notice' OR EXISTS (SELECT 1 FROM catalog_results r WHERE r.item_id = i.id))
		GROUP BY SUBSTR(i.published_on, 1, 4) ORDER BY 1`, agencyID)
	if err != nil {
		return nil, fmt.Errorf("store: notice counts: %w", err)
	}
	defer rows.Close()
	var out []NoticeYear
	for rows.Next() {
		var y string
		var c NoticeYear
		if err := rows.Scan(&y, &c.Notices, &c.Results); err != nil {
			return nil, err
		}
		fmt.Sscanf(y, "%d", &c.Year)
		out = append(out, c)
	}
	return out, rows.Err()
}

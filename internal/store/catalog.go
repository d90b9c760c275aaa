package store

import (
	"context"
	"database/sql"
	"fmt"
	"strings"
	"time"

	"gongkai/internal/catalog"
)

// CatalogFilter selects catalog items. Zero fields do not filter.
type CatalogFilter struct {
	GovernmentID int64            // items of every agency of this government
	AgencyID     int64            // items of one agency
	AgencyIDs    []int64          // items of these agencies (console: the agencies a user may read)
	State        catalog.State    // workflow state (PublishedItems forces Published)
	States       []catalog.State  // any of these states
	Topic        string           // 主题分类 code
	Topics       []string         // any of these 主题分类 codes (a 法定主动公开内容 heading)
	Year         int              // year of 发布日期 (published_on); for items without one (unpublished), of 成文日期
	Validity     catalog.Validity // 效力状态
	Kind         catalog.DocKind  // 文件类别
	// Uninterpreted keeps the 规章 and 行政规范性文件 no published 政策解读 covers (the gap of
	// the oversight's 解读 ratio).
	Uninterpreted bool
	// ApplicationID selects items published in response to this application (依申请转主动).
	ApplicationID int64
	Limit         int // 0: no limit
	Offset        int
}

// catalogListColumns leave body_html out (lists never show it); catalogColumns include it.
const (
	catalogListColumns = `id, agency_id, COALESCE(index_no, ''), title, topic, publisher, written_on, published_on, doc_no, keywords, validity, validity_changed_on, summary, '', kind, changed_on, state, COALESCE(author_id, 0), COALESCE(reviewer_id, 0), COALESCE(approver_id, 0), publish_at, published_at, withdrawn_at`
	catalogColumns     = `id, agency_id, COALESCE(index_no, ''), title, topic, publisher, written_on, published_on, doc_no, keywords, validity, validity_changed_on, summary, body_html, kind, changed_on, state, COALESCE(author_id, 0), COALESCE(reviewer_id, 0), COALESCE(approver_id, 0), publish_at, published_at, withdrawn_at`
)

func scanCatalogItem(sc interface{ Scan(...any) error }) (catalog.Item, error) {
	var it catalog.Item
	var written, published, keywords, validity, vchanged, kind, changed, state, publishAt, publishedAt, withdrawnAt string
	err := sc.Scan(&it.ID, &it.AgencyID, &it.IndexNo, &it.Title, &it.Topic, &it.Publisher, &written, &published, &it.DocNo, &keywords,
		&validity, &vchanged, &it.Summary, &it.BodyHTML, &kind, &changed, &state, &it.AuthorID, &it.ReviewerID, &it.ApproverID,
		&publishAt, &publishedAt, &withdrawnAt)
	if err != nil {
		return it, err
	}
	it.WrittenOn = parseDayOrZero(written)
	it.PublishedOn = parseDayOrZero(published)
	it.ValidityChangedOn = parseDayOrZero(vchanged)
	it.ChangedOn = parseDayOrZero(changed)
	it.Keywords = catalog.SplitKeywords(keywords)
	it.Validity, it.Kind, it.State = catalog.Validity(validity), catalog.DocKind(kind), catalog.State(state)
	it.PublishAt = parseTimeOrZero(publishAt)
	it.PublishedAt = parseTimeOrZero(publishedAt)
	it.WithdrawnAt = parseTimeOrZero(withdrawnAt)
	return it, nil
}

func parseTimeOrZero(s string) time.Time {
	if s == "" {
		return time.Time{}
	}
	t, _ := ParseTime(s)
	return t
}

func timeOrEmpty(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return FormatTime(t)
}

func (f CatalogFilter) where() (string, []any) {
	var conds []string
	var args []any
	if f.GovernmentID != 0 {
		conds = append(conds, `agency_id IN (SELECT id FROM agencies WHERE government_id = ?)`)
		args = append(args, f.GovernmentID)
	}
	if f.AgencyID != 0 {
		conds = append(conds, `agency_id = ?`)
		args = append(args, f.AgencyID)
	}
	if f.AgencyIDs != nil {
		if len(f.AgencyIDs) == 0 {
			conds = append(conds, `1 = 0`)
		} else {
			conds = append(conds, `agency_id IN (`+placeholders(len(f.AgencyIDs))+`)`)
			for _, id := range f.AgencyIDs {
				args = append(args, id)
			}
		}
	}
	if f.State != "" {
		conds = append(conds, `state = ?`)
		args = append(args, string(f.State))
	}
	if len(f.States) > 0 {
		conds = append(conds, `state IN (`+placeholders(len(f.States))+`)`)
		for _, s := range f.States {
			args = append(args, string(s))
		}
	}
	if f.Topic != "" {
		conds = append(conds, `topic = ?`)
		args = append(args, f.Topic)
	}
	if len(f.Topics) > 0 {
		conds = append(conds, `topic IN (`+placeholders(len(f.Topics))+`)`)
		for _, t := range f.Topics {
			args = append(args, t)
		}
	}
	if f.Year != 0 {
		from, to := fmt.Sprintf("%04d-01-01", f.Year), fmt.Sprintf("%04d-12-31", f.Year)
		if f.State == catalog.Published {
			// Published items are dated by 发布日期 alone: the range can use the indexes.
			conds = append(conds, `published_on >= ? AND published_on <= ?`)
			args = append(args, from, to)
		} else {
			conds = append(conds, `((published_on >= ? AND published_on <= ?) OR (published_on = '' AND written_on >= ? AND written_on <= ?))`)
			args = append(args, from, to, from, to)
		}
	}
	if f.Validity != "" {
		conds = append(conds, `validity = ?`)
		args = append(args, string(f.Validity))
	}
	if f.Kind != "" {
		conds = append(conds, `kind = ?`)
		args = append(args, string(f.Kind))
	}
	if f.Uninterpreted {
		conds = append(conds, `kind IN `+interpretableKinds+` AND NOT `+interpreted("catalog_items.id"))
	}
	if f.ApplicationID != 0 {
		conds = append(conds, `id IN (SELECT item_id FROM catalog_item_sources WHERE application_id = ?)`)
		args = append(args, f.ApplicationID)
	}
	if len(conds) == 0 {
		return "", nil
	}
	return ` WHERE ` + strings.Join(conds, ` AND `), args
}

// CatalogItems lists items matching f, newest first (by 发布日期, then by id), without
// body, attachments or application links (ItemByID has those), and the total count of
// matching items for paging.
func CatalogItems(ctx context.Context, q Queryer, f CatalogFilter) ([]catalog.Item, int, error) {
	where, args := f.where()
	var total int
	if err := q.QueryRow(ctx, `SELECT COUNT(*) FROM catalog_items`+where, args...).Scan(&total); err != nil {
		return nil, 0, fmt.Errorf("store: count catalog items: %w", err)
	}
	query := `SELECT ` + catalogListColumns + ` FROM catalog_items` + where + ` ORDER BY published_on DESC, id DESC`
	if f.Limit > 0 {
		query += fmt.Sprintf(` LIMIT %d OFFSET %d`, f.Limit, max(f.Offset, 0))
	}
	items, err := queryCatalogItems(ctx, q, query, args...)
	return items, total, err
}

// PublishedItems lists published items (the public catalog) matching f, newest first,
// with the total count for paging. f.State and f.States are ignored. Bodies, attachments
// and application links are not loaded: use ItemByID for one item's page.
func PublishedItems(ctx context.Context, q Queryer, f CatalogFilter) ([]catalog.Item, int, error) {
	f.State, f.States = catalog.Published, nil
	return CatalogItems(ctx, q, f)
}

// PublishedYears lists the years (of 发布日期) that have published items, newest first,
// for the agency (or the government, or everything when both are 0).
func PublishedYears(ctx context.Context, q Queryer, governmentID, agencyID int64) ([]int, error) {
	where, args := CatalogFilter{GovernmentID: governmentID, AgencyID: agencyID, State: catalog.Published}.where()
	rows, err := q.Query(ctx, `SELECT DISTINCT SUBSTR(published_on, 1, 4) FROM catalog_items`+where+` AND published_on <> '' ORDER BY 1 DESC`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: published years: %w", err)
	}
	defer rows.Close()
	var out []int
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			return nil, err
		}
		var y int
		if _, err := fmt.Sscanf(s, "%d", &y); err == nil {
			out = append(out, y)
		}
	}
	return out, rows.Err()
}

func queryCatalogItems(ctx context.Context, q Queryer, query string, args ...any) ([]catalog.Item, error) {
	rows, err := q.Query(ctx, query, args...)
	if err != nil {
		return nil, fmt.Errorf("store: catalog items: %w", err)
	}
	defer rows.Close()
	var out []catalog.Item
	for rows.Next() {
		it, err := scanCatalogItem(rows)
		if err != nil {
			return nil, fmt.Errorf("store: catalog items: %w", err)
		}
		out = append(out, it)
	}
	return out, rows.Err()
}

// ItemByID loads one catalog item in any state, with body, attachment metadata (in order)
// and application links. Callers showing it to the public must check State == Published.
func ItemByID(ctx context.Context, q Queryer, id int64) (catalog.Item, error) {
	it, err := scanCatalogItem(q.QueryRow(ctx, `SELECT `+catalogColumns+` FROM catalog_items WHERE id = ?`, id))
	if err != nil {
		return it, notFound(err, "信息不存在")
	}
	return it, loadItemDetails(ctx, q, &it)
}

// ItemByIndexNo finds an item by its 索引号 within an agency; agencyID 0 searches every
// agency and returns the lowest id when two agencies use the same number.
func ItemByIndexNo(ctx context.Context, q Queryer, agencyID int64, indexNo string) (catalog.Item, error) {
	query := `SELECT ` + catalogColumns + ` FROM catalog_items WHERE index_no = ?`
	args := []any{strings.TrimSpace(indexNo)}
	if agencyID != 0 {
		query += ` AND agency_id = ?`
		args = append(args, agencyID)
	}
	it, err := scanCatalogItem(q.QueryRow(ctx, query+` ORDER BY id LIMIT 1`, args...))
	if err != nil {
		return it, notFound(err, fmt.Sprintf("索引号“%s”不存在", indexNo))
	}
	return it, loadItemDetails(ctx, q, &it)
}

func loadItemDetails(ctx context.Context, q Queryer, it *catalog.Item) error {
	atts, err := ItemAttachments(ctx, q, it.ID)
	if err != nil {
		return err
	}
	it.Attachments = atts
	rows, err := q.Query(ctx, `SELECT application_id FROM catalog_item_sources WHERE item_id = ? ORDER BY application_id`, it.ID)
	if err != nil {
		return fmt.Errorf("store: item sources: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return err
		}
		it.FromApplications = append(it.FromApplications, id)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	rows.Close()
	return loadItemLinks(ctx, q, it)
}

// ItemAttachments lists the metadata of an item's attachments in order.
func ItemAttachments(ctx context.Context, q Queryer, itemID int64) ([]catalog.Attachment, error) {
	rows, err := q.Query(ctx, `SELECT name, size, kind, sha256 FROM catalog_attachments WHERE item_id = ? ORDER BY position, id`, itemID)
	if err != nil {
		return nil, fmt.Errorf("store: attachments: %w", err)
	}
	defer rows.Close()
	var out []catalog.Attachment
	for rows.Next() {
		var a catalog.Attachment
		var kind string
		if err := rows.Scan(&a.Name, &a.Size, &kind, &a.SHA256); err != nil {
			return nil, err
		}
		a.Kind = catalog.AttachmentKind(kind)
		out = append(out, a)
	}
	return out, rows.Err()
}

// CatalogAttachment returns the n-th attachment (from 0, the order of Item.Attachments) of
// an item with its bytes. The caller checks the item is visible to the reader first.
func CatalogAttachment(ctx context.Context, q Queryer, itemID int64, n int) (catalog.Attachment, []byte, error) {
	var a catalog.Attachment
	var kind string
	var data []byte
	err := q.QueryRow(ctx, `SELECT name, size, kind, sha256, content FROM catalog_attachments WHERE item_id = ? ORDER BY position, id LIMIT 1 OFFSET ?`, itemID, n).
		Scan(&a.Name, &a.Size, &kind, &a.SHA256, &data)
	if n < 0 {
		err = sql.ErrNoRows
	}
	if err != nil {
		return a, nil, notFound(err, "附件不存在")
	}
	a.Kind = catalog.AttachmentKind(kind)
	return a, data, nil
}

// CatalogEvent is one step in an item's history, with the actor's name.
type CatalogEvent struct {
	catalog.Event
	ActorName string
}

// CatalogEvents lists the workflow history of an item, oldest first.
func CatalogEvents(ctx context.Context, q Queryer, itemID int64) ([]CatalogEvent, error) {
	rows, err := q.Query(ctx, `SELECT item_id, action, COALESCE(actor_id, 0), actor_name, at, from_state, to_state, reason, publish_at, from_validity, to_validity, effective_on
		FROM catalog_events WHERE item_id = ? ORDER BY id`, itemID)
	if err != nil {
		return nil, fmt.Errorf("store: catalog events: %w", err)
	}
	defer rows.Close()
	var out []CatalogEvent
	for rows.Next() {
		var e CatalogEvent
		var action, at, from, to, publishAt, fromV, toV, eff string
		if err := rows.Scan(&e.ItemID, &action, &e.ActorID, &e.ActorName, &at, &from, &to, &e.Reason, &publishAt, &fromV, &toV, &eff); err != nil {
			return nil, err
		}
		e.Action, e.From, e.To = catalog.Action(action), catalog.State(from), catalog.State(to)
		e.At = parseTimeOrZero(at)
		e.PublishAt = parseTimeOrZero(publishAt)
		e.FromValidity, e.ToValidity = catalog.Validity(fromV), catalog.Validity(toV)
		e.EffectiveOn = parseDayOrZero(eff)
		out = append(out, e)
	}
	return out, rows.Err()
}

// CatalogTaxonomy returns the agency's 主题分类: its own topics when it has edited them,
// otherwise catalog.DefaultTaxonomy().
func CatalogTaxonomy(ctx context.Context, q Queryer, agencyID int64) (*catalog.Taxonomy, error) {
	taxes, err := catalogTaxonomies(ctx, q, `agency_id = ?`, []any{agencyID}, []int64{agencyID})
	if err != nil {
		return nil, err
	}
	return taxes[agencyID], nil
}

// catalogTaxonomies reads the taxonomies of the agencies whose topics match scope (a
// condition on catalog_topics' agency_id), one query for all; each of ids gets one, the
// default for an agency without topics of its own.
func catalogTaxonomies(ctx context.Context, q Queryer, scope string, args []any, ids []int64) (map[int64]*catalog.Taxonomy, error) {
	rows, err := q.Query(ctx, `SELECT agency_id, code, num, label, article, aliases FROM catalog_topics WHERE `+scope+` ORDER BY agency_id, position, code`, args...)
	if err != nil {
		return nil, fmt.Errorf("store: catalog topics: %w", err)
	}
	defer rows.Close()
	topics := map[int64][]catalog.Topic{}
	for rows.Next() {
		var t catalog.Topic
		var id int64
		var aliases string
		if err := rows.Scan(&id, &t.Code, &t.Num, &t.Label, &t.Article, &aliases); err != nil {
			return nil, err
		}
		if aliases != "" {
			t.Aliases = strings.Split(aliases, "|")
		}
		topics[id] = append(topics[id], t)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	out := make(map[int64]*catalog.Taxonomy, len(ids))
	for _, id := range ids {
		if len(topics[id]) == 0 {
			out[id] = catalog.DefaultTaxonomy()
			continue
		}
		if out[id], err = catalog.NewTaxonomy(topics[id]); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// AgencyIndexPattern returns the agency's 索引号 template, compiled.
func AgencyIndexPattern(ctx context.Context, q Queryer, agencyID int64) (*catalog.IndexPattern, error) {
	var src string
	if err := q.QueryRow(ctx, `SELECT index_pattern FROM agencies WHERE id = ?`, agencyID).Scan(&src); err != nil {
		return nil, notFound(err, "机关不存在")
	}
	if src == "" {
		src = catalog.NationalIndexPattern
	}
	return catalog.ParseIndexPattern(src)
}

// applicationIDByNumber finds the id of an agency's application by its case number (for
// linking 依申请转主动 items); nothing else of the application is read.
func applicationIDByNumber(ctx context.Context, q Queryer, agencyID int64, number string) (int64, error) {
	var id int64
	err := q.QueryRow(ctx, `SELECT id FROM applications WHERE agency_id = ? AND number = ?`, agencyID, strings.TrimSpace(number)).Scan(&id)
	return id, notFound(err, fmt.Sprintf("申请“%s”不存在", number))
}

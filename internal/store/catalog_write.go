package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"gongkai/internal/account"
	"strings"
	"time"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

// AttachmentUpload is a new attachment with its bytes. Its metadata must already have
// been checked (catalog.AttachmentPolicy.Detect, catalog.SafeAttachmentName); the store
// recomputes size and SHA-256 from Data.
type AttachmentUpload struct {
	catalog.Attachment
	Data []byte
}

// NewAttachmentUpload detects the kind of data by content under policy, names it safely
// and computes its digest. Errors are apperr.Invalid with a Chinese message.
func NewAttachmentUpload(policy catalog.AttachmentPolicy, name string, data []byte) (AttachmentUpload, error) {
	head := data
	if len(head) > catalog.DetectHeadSize {
		head = head[:catalog.DetectHeadSize]
	}
	kind, err := policy.Detect(name, head, int64(len(data)))
	if err != nil {
		return AttachmentUpload{}, err
	}
	sum := sha256.Sum256(data)
	return AttachmentUpload{
		Attachment: catalog.Attachment{Name: catalog.SafeAttachmentName(name, kind), Size: int64(len(data)), Kind: kind, SHA256: hex.EncodeToString(sum[:])},
		Data:       data,
	}, nil
}

// catalogAudit is what the audit log keeps of an item: the metadata without the body.
type catalogAudit struct {
	ID        int64  `json:"id"`
	IndexNo   string `json:"index_no,omitempty"`
	Title     string `json:"title"`
	Topic     string `json:"topic"`
	DocNo     string `json:"doc_no,omitempty"`
	WrittenOn string `json:"written_on,omitempty"`
	Validity  string `json:"validity"`
	Kind      string `json:"kind"`
	State     string `json:"state"`
	Files     int    `json:"attachments"`
	// The 保密审查 of this step (its checklist and opinion), when the step is one.
	Secrecy *catalog.Secrecy `json:"secrecy,omitempty"`
}

func auditItem(it catalog.Item) catalogAudit {
	return catalogAudit{ID: it.ID, IndexNo: it.IndexNo, Title: it.Title, Topic: it.Topic, DocNo: it.DocNo, WrittenOn: dayOrEmpty(it.WrittenOn),
		Validity: string(it.Validity), Kind: string(it.Kind), State: string(it.State), Files: len(it.Attachments)}
}

func nullString(s string) any {
	if s == "" {
		return nil
	}
	return s
}

const catalogInsert = `INSERT INTO catalog_items (agency_id, index_no, title, topic, publisher, written_on, published_on, doc_no, keywords, validity, validity_changed_on,
	summary, body_html, kind, changed_on, state, author_id, reviewer_id, approver_id, publish_at, published_at, withdrawn_at, created_at, updated_at)
	VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`

func catalogArgs(it catalog.Item) []any {
	return []any{it.AgencyID, nullString(it.IndexNo), it.Title, it.Topic, it.Publisher, dayOrEmpty(it.WrittenOn), dayOrEmpty(it.PublishedOn), it.DocNo,
		catalog.JoinKeywords(it.Keywords), string(it.Validity), dayOrEmpty(it.ValidityChangedOn), it.Summary, it.BodyHTML, string(it.Kind),
		dayOrEmpty(it.ChangedOn), string(it.State), nullInt(it.AuthorID), nullInt(it.ReviewerID), nullInt(it.ApproverID),
		timeOrEmpty(it.PublishAt), timeOrEmpty(it.PublishedAt), timeOrEmpty(it.WithdrawnAt)}
}

func insertCatalogItem(ctx context.Context, tx *Tx, it catalog.Item, now time.Time) (int64, error) {
	ts := FormatTime(now)
	id, err := Insert(ctx, tx, catalogInsert, append(catalogArgs(it), ts, ts)...)
	if err != nil {
		if IsUniqueViolation(err) {
			return 0, apperr.Newf(apperr.Conflict, "索引号“%s”已被本机关的其他信息使用", it.IndexNo)
		}
		return 0, fmt.Errorf("store: insert catalog item: %w", err)
	}
	return id, nil
}

func updateCatalogRow(ctx context.Context, tx *Tx, it catalog.Item, now time.Time) error {
	args := catalogArgs(it)[1:] // agency never changes
	_, err := tx.Exec(ctx, `UPDATE catalog_items SET index_no=?, title=?, topic=?, publisher=?, written_on=?, published_on=?, doc_no=?, keywords=?, validity=?,
		validity_changed_on=?, summary=?, body_html=?, kind=?, changed_on=?, state=?, author_id=?, reviewer_id=?, approver_id=?, publish_at=?, published_at=?,
		withdrawn_at=?, updated_at=? WHERE id=?`, append(args, FormatTime(now), it.ID)...)
	if err != nil {
		if IsUniqueViolation(err) {
			return apperr.Newf(apperr.Conflict, "索引号“%s”已被本机关的其他信息使用", it.IndexNo)
		}
		return fmt.Errorf("store: update catalog item: %w", err)
	}
	return nil
}

func insertCatalogEvent(ctx context.Context, tx *Tx, actorName string, e catalog.Event) error {
	_, err := tx.Exec(ctx, `INSERT INTO catalog_events (item_id, action, actor_id, actor_name, at, from_state, to_state, reason, publish_at, from_validity, to_validity, effective_on)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`,
		e.ItemID, string(e.Action), nullInt(e.ActorID), actorName, FormatTime(e.At), string(e.From), string(e.To), e.Reason, timeOrEmpty(e.PublishAt),
		string(e.FromValidity), string(e.ToValidity), dayOrEmpty(e.EffectiveOn))
	if err != nil {
		return fmt.Errorf("store: catalog event: %w", err)
	}
	if e.Secrecy != nil {
		clear, err := json.Marshal(e.Secrecy.Clear)
		if err != nil {
			return err
		}
		if e.Secrecy.Clear == nil {
			clear = []byte("[]")
		}
		_, err = tx.Exec(ctx, `INSERT INTO catalog_secrecy_reviews (item_id, reviewer_id, reviewer_name, at, passed, clear, opinion) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			e.ItemID, nullInt(e.ActorID), actorName, FormatTime(e.At), boolInt(e.Action == catalog.ActPassReview), string(clear), e.Secrecy.Opinion)
		if err != nil {
			return fmt.Errorf("store: secrecy review: %w", err)
		}
	}
	return nil
}

// secrecyReviews lists the 保密审查 of an item, newest first.
func secrecyReviews(ctx context.Context, q Queryer, itemID int64) ([]catalog.SecrecyRecord, error) {
	rows, err := q.Query(ctx, `SELECT reviewer_name, at, passed, clear, opinion FROM catalog_secrecy_reviews WHERE item_id = ? ORDER BY id DESC`, itemID)
	if err != nil {
		return nil, fmt.Errorf("store: secrecy reviews: %w", err)
	}
	defer rows.Close()
	var out []catalog.SecrecyRecord
	for rows.Next() {
		r := catalog.SecrecyRecord{ItemID: itemID}
		var at, clear string
		var passed int
		if err := rows.Scan(&r.Reviewer, &at, &passed, &clear, &r.Opinion); err != nil {
			return nil, err
		}
		r.At, _ = ParseTime(at)
		r.Passed = passed != 0
		if err := json.Unmarshal([]byte(clear), &r.Clear); err != nil {
			return nil, fmt.Errorf("store: secrecy review of item %d: %w", itemID, err)
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

func setItemSources(ctx context.Context, tx *Tx, itemID int64, apps []int64) error {
	if _, err := tx.Exec(ctx, `DELETE FROM catalog_item_sources WHERE item_id = ?`, itemID); err != nil {
		return fmt.Errorf("store: item sources: %w", err)
	}
	seen := map[int64]bool{}
	for _, a := range apps {
		if a <= 0 || seen[a] {
			continue
		}
		seen[a] = true
		if _, err := tx.Exec(ctx, `INSERT INTO catalog_item_sources (item_id, application_id) VALUES (?, ?)`, itemID, a); err != nil {
			return fmt.Errorf("store: item sources: %w", err)
		}
	}
	return nil
}

// syncAttachments makes the item's attachment rows match atts (in order): rows whose
// digest is no longer listed are deleted, listed ones renumbered, new ones inserted from
// uploads (matched by SHA-256).
func syncAttachments(ctx context.Context, tx *Tx, itemID int64, atts []catalog.Attachment, uploads []AttachmentUpload, now time.Time) error {
	existing := map[string]bool{}
	rows, err := tx.Query(ctx, `SELECT sha256 FROM catalog_attachments WHERE item_id = ?`, itemID)
	if err != nil {
		return fmt.Errorf("store: attachments: %w", err)
	}
	for rows.Next() {
		var s string
		if err := rows.Scan(&s); err != nil {
			rows.Close()
			return err
		}
		existing[s] = true
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	byDigest := map[string]AttachmentUpload{}
	for _, u := range uploads {
		sum := sha256.Sum256(u.Data)
		u.SHA256, u.Size = hex.EncodeToString(sum[:]), int64(len(u.Data))
		byDigest[u.SHA256] = u
	}
	keep := map[string]bool{}
	for i, a := range atts {
		if keep[a.SHA256] {
			return apperr.Newf(apperr.Invalid, "附件“%s”重复上传", a.Name)
		}
		keep[a.SHA256] = true
		if existing[a.SHA256] {
			if _, err := tx.Exec(ctx, `UPDATE catalog_attachments SET position = ?, name = ? WHERE item_id = ? AND sha256 = ?`, i, a.Name, itemID, a.SHA256); err != nil {
				return fmt.Errorf("store: attachments: %w", err)
			}
			continue
		}
		u, ok := byDigest[a.SHA256]
		if !ok {
			return apperr.Newf(apperr.Invalid, "附件“%s”的内容缺失，请重新上传", a.Name)
		}
		if _, err := tx.Exec(ctx, `INSERT INTO catalog_attachments (item_id, position, name, size, kind, sha256, content, created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`,
			itemID, i, a.Name, u.Size, string(u.Kind), u.SHA256, u.Data, FormatTime(now)); err != nil {
			return fmt.Errorf("store: attachments: %w", err)
		}
	}
	for s := range existing {
		if !keep[s] {
			if _, err := tx.Exec(ctx, `DELETE FROM catalog_attachments WHERE item_id = ? AND sha256 = ?`, itemID, s); err != nil {
				return fmt.Errorf("store: attachments: %w", err)
			}
		}
	}
	return nil
}

// withUploads appends the uploads' metadata to the item's attachment list.
func withUploads(atts []catalog.Attachment, uploads []AttachmentUpload) []catalog.Attachment {
	out := append([]catalog.Attachment(nil), atts...)
	for _, u := range uploads {
		out = append(out, u.Attachment)
	}
	return out
}

// createCatalogItem saves a new draft (catalog.NewDraft) by who, with uploads appended
// to its attachments, validated against the agency's taxonomy and audited. It returns the
// saved item.
func createCatalogItem(ctx context.Context, tx *Tx, who account.Principal, it catalog.Item, uploads []AttachmentUpload, now time.Time) (catalog.Item, error) {
	tax, err := CatalogTaxonomy(ctx, tx, it.AgencyID)
	if err != nil {
		return it, err
	}
	it.Attachments = withUploads(it.Attachments, uploads)
	it, ev, err := catalog.NewDraft(it, who, now)
	if err != nil {
		return it, err
	}
	if err := it.Validate(tax); err != nil {
		return it, err
	}
	if err := checkLinkTargets(ctx, tx, it); err != nil {
		return it, err
	}
	id, err := insertCatalogItem(ctx, tx, it, now)
	if err != nil {
		return it, err
	}
	it.ID, ev.ItemID = id, id
	if err := setItemSources(ctx, tx, id, it.FromApplications); err != nil {
		return it, err
	}
	if err := setItemLinks(ctx, tx, id, it); err != nil {
		return it, err
	}
	if err := syncAttachments(ctx, tx, id, it.Attachments, uploads, now); err != nil {
		return it, err
	}
	if err := insertCatalogEvent(ctx, tx, who.Name, ev); err != nil {
		return it, err
	}
	_, err = Audit(ctx, tx, change(who, "catalog.create", "catalog_item", id, it.AgencyID, nil, auditItem(it), ev.Describe()))
	return it, err
}

// updateCatalogItem applies an edit of a draft (catalog.ApplyEdit) by who: in carries the
// content fields, its Attachments the files to keep (in order), uploads the new ones
// appended.
func updateCatalogItem(ctx context.Context, tx *Tx, who account.Principal, id int64, in catalog.Item, uploads []AttachmentUpload, now time.Time) (catalog.Item, error) {
	cur, err := lockCatalogItem(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	tax, err := CatalogTaxonomy(ctx, tx, cur.AgencyID)
	if err != nil {
		return cur, err
	}
	in.Attachments = withUploads(in.Attachments, uploads)
	if in.Validity == "" {
		in.Validity = catalog.Valid
	}
	if in.Kind == "" {
		in.Kind = catalog.General
	}
	next, err := catalog.ApplyEdit(cur, in, who, tax)
	if err != nil {
		return cur, err
	}
	if err := checkLinkTargets(ctx, tx, next); err != nil {
		return cur, err
	}
	if err := updateCatalogRow(ctx, tx, next, now); err != nil {
		return cur, err
	}
	if err := setItemSources(ctx, tx, id, next.FromApplications); err != nil {
		return cur, err
	}
	if err := setItemLinks(ctx, tx, id, next); err != nil {
		return cur, err
	}
	if err := syncAttachments(ctx, tx, id, next.Attachments, uploads, now); err != nil {
		return cur, err
	}
	_, err = Audit(ctx, tx, change(who, "catalog.update", "catalog_item", id, cur.AgencyID, auditItem(cur), auditItem(next), ""))
	return next, err
}

// lockCatalogItem loads an item for a change; on PostgreSQL the row stays locked until
// the transaction ends (SQLite transactions already serialise writers).
func lockCatalogItem(ctx context.Context, tx *Tx, id int64) (catalog.Item, error) {
	query := `SELECT ` + catalogColumns + ` FROM catalog_items WHERE id = ?`
	query += tx.Dialect().ForUpdate("")
	it, err := scanCatalogItem(tx.QueryRow(ctx, query, id))
	if err != nil {
		return it, notFound(err, "信息不存在")
	}
	return it, loadItemDetails(ctx, tx, &it)
}

// stepCatalogItem applies one workflow command (catalog.Step) by who to item id inside
// tx: saves the item, assigns the 索引号 when the step approved it, appends the event and
// the audit entry. A refused step writes nothing (the caller's transaction rolls back).
func stepCatalogItem(ctx context.Context, tx *Tx, who account.Principal, id int64, cmd catalog.Command, now time.Time) (catalog.Item, error) {
	cur, err := lockCatalogItem(ctx, tx, id)
	if err != nil {
		return cur, err
	}
	cmd.By = who
	next, ev, err := catalog.Step(cur, cmd, now)
	if err != nil {
		return cur, err
	}
	if next.State == catalog.Published && cur.State != catalog.Published {
		if err := checkPublicationLinks(ctx, tx, next, now); err != nil {
			return cur, err
		}
	}
	if catalog.NeedsIndexNo(next) {
		if next.IndexNo, err = nextIndexNo(ctx, tx, next); err != nil {
			return cur, err
		}
	}
	if err := updateCatalogRow(ctx, tx, next, now); err != nil {
		return cur, err
	}
	ev.ItemID = id
	if err := insertCatalogEvent(ctx, tx, who.Name, ev); err != nil {
		return cur, err
	}
	after := auditItem(next)
	after.Secrecy = ev.Secrecy
	_, err = Audit(ctx, tx, change(who, "catalog."+string(ev.Action), "catalog_item", id, cur.AgencyID, auditItem(cur), after, ev.Describe()))
	return next, err
}

// nextIndexNo takes the next serial of the item's agency and 索引号 year and renders the
// number with the agency's pattern. The counter row is updated with one upsert … RETURNING
// inside the caller's transaction, so concurrent approvals queue on its row lock; numbers
// already taken (imported under the same pattern) are skipped.
func nextIndexNo(ctx context.Context, tx *Tx, it catalog.Item) (string, error) {
	var pattern, code string
	if err := tx.QueryRow(ctx, `SELECT index_pattern, credit_code FROM agencies WHERE id = ?`, it.AgencyID).Scan(&pattern, &code); err != nil {
		return "", notFound(err, "机关不存在")
	}
	if pattern == "" {
		pattern = catalog.NationalIndexPattern
	}
	pat, err := catalog.ParseIndexPattern(pattern)
	if err != nil {
		return "", err
	}
	parts := catalog.IndexParts{Code: strings.ToUpper(strings.TrimSpace(code)), Year: catalog.IndexYear(it)}
	if pat.UsesCode() && parts.Code == "" {
		return "", apperr.New(apperr.Conflict, "本机关尚未设置统一社会信用代码，无法生成索引号，请机关管理员在机关设置中填写")
	}
	if pat.UsesTopic() {
		tax, err := CatalogTaxonomy(ctx, tx, it.AgencyID)
		if err != nil {
			return "", err
		}
		tp, ok := tax.Lookup(it.Topic)
		if !ok {
			return "", apperr.Newf(apperr.Invalid, "主题分类“%s”不存在，无法生成索引号", it.Topic)
		}
		parts.Topic = tp.Num
	}
	for range 10000 {
		if err := tx.QueryRow(ctx, `INSERT INTO catalog_index_counters (agency_id, year, last_seq) VALUES (?, ?, 1)
			ON CONFLICT (agency_id, year) DO UPDATE SET last_seq = catalog_index_counters.last_seq + 1 RETURNING last_seq`,
			it.AgencyID, parts.Year).Scan(&parts.Seq); err != nil {
			return "", fmt.Errorf("store: index counter: %w", err)
		}
		no, err := pat.Render(parts)
		if err != nil {
			return "", err
		}
		var taken int
		if err := tx.QueryRow(ctx, `SELECT COUNT(*) FROM catalog_items WHERE agency_id = ? AND index_no = ?`, it.AgencyID, no).Scan(&taken); err != nil {
			return "", fmt.Errorf("store: index check: %w", err)
		}
		if taken == 0 {
			return no, nil
		}
	}
	return "", apperr.New(apperr.Conflict, "无法生成未被占用的索引号，请检查索引号计数")
}

// raiseIndexCounters starts each year's counter of the agency above the highest serial
// already used by its items under the agency's pattern (after an import or demo load).
func raiseIndexCounters(ctx context.Context, tx *Tx, agencyID int64) error {
	pat, err := AgencyIndexPattern(ctx, tx, agencyID)
	if err != nil {
		return err
	}
	rows, err := tx.Query(ctx, `SELECT index_no FROM catalog_items WHERE agency_id = ? AND index_no IS NOT NULL`, agencyID)
	if err != nil {
		return fmt.Errorf("store: index numbers: %w", err)
	}
	top := map[int]int{}
	for rows.Next() {
		var no string
		if err := rows.Scan(&no); err != nil {
			rows.Close()
			return err
		}
		if p, ok := pat.Parse(no); ok && p.Seq > top[p.Year] {
			top[p.Year] = p.Seq
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	for year, seq := range top {
		if _, err := tx.Exec(ctx, `INSERT INTO catalog_index_counters (agency_id, year, last_seq) VALUES (?, ?, ?)
			ON CONFLICT (agency_id, year) DO UPDATE SET last_seq = CASE WHEN catalog_index_counters.last_seq < ? THEN ? ELSE catalog_index_counters.last_seq END`,
			agencyID, year, seq, seq, seq); err != nil {
			return fmt.Errorf("store: index counter: %w", err)
		}
	}
	return nil
}

// importCatalogItems takes over rows of an existing catalog (importer.Preview.Rows) as
// published items of the agency (catalog.Imported), all in tx: any failure leaves nothing
// imported when the caller rolls back. Imported 索引号 are kept (a number already used by
// the agency is a conflict), counters are raised above them, rows without one get the next
// number. One audit entry records the import. It returns the ids in row order.
func importCatalogItems(ctx context.Context, tx *Tx, who account.Principal, agencyID int64, items []catalog.Item, now time.Time) ([]int64, error) {
	if !catalog.CanImport(who, agencyID) {
		return nil, apperr.New(apperr.Forbidden, "导入目录需要经办人权限")
	}
	if len(items) == 0 {
		return nil, apperr.New(apperr.Invalid, "文件中没有可导入的信息")
	}
	tax, err := CatalogTaxonomy(ctx, tx, agencyID)
	if err != nil {
		return nil, err
	}
	seen := map[string]int{}
	for i, it := range items {
		if it.IndexNo == "" {
			continue
		}
		if j, dup := seen[it.IndexNo]; dup {
			return nil, apperr.Newf(apperr.Invalid, "第%d条和第%d条信息的索引号“%s”重复", j+1, i+1, it.IndexNo)
		}
		seen[it.IndexNo] = i
	}
	ids := make([]int64, len(items))
	var needNo []int
	for i, it := range items {
		it.ID, it.AgencyID = 0, agencyID
		it.BodyHTML = catalog.SanitizeBody(it.BodyHTML)
		it.Attachments = nil
		it, ev := catalog.Imported(it, who, now)
		if err := it.Validate(tax); err != nil {
			return nil, apperr.Wrap(apperr.Invalid, fmt.Sprintf("第%d条信息：%s", i+1, apperr.MessageOf(err)), err)
		}
		id, err := insertCatalogItem(ctx, tx, it, now)
		if err != nil {
			return nil, err
		}
		ids[i] = id
		ev.ItemID = id
		if err := insertCatalogEvent(ctx, tx, who.Name, ev); err != nil {
			return nil, err
		}
		if catalog.NeedsIndexNo(it) {
			needNo = append(needNo, i)
		}
	}
	if err := raiseIndexCounters(ctx, tx, agencyID); err != nil {
		return nil, err
	}
	for _, i := range needNo {
		it := items[i]
		it.ID, it.AgencyID, it.State = ids[i], agencyID, catalog.Published
		no, err := nextIndexNo(ctx, tx, it)
		if err != nil {
			return nil, err
		}
		if _, err := tx.Exec(ctx, `UPDATE catalog_items SET index_no = ? WHERE id = ?`, no, ids[i]); err != nil {
			return nil, fmt.Errorf("store: import index: %w", err)
		}
	}
	_, err = Audit(ctx, tx, change(who, "catalog.import", "catalog_item", fmt.Sprintf("%d-%d", ids[0], ids[len(ids)-1]), agencyID, nil,
		map[string]int{"items": len(ids)}, fmt.Sprintf("导入存量目录%d条", len(ids))))
	return ids, err
}

// loadCatalogItems bulk-inserts generated items as they are (any workflow state, 索引号 as
// given) through prepared statements in tx, with the history their state implies (created
// by the author, submitted, passed by the reviewer, approved by the approver, withdrawn;
// published items without a reviewer count as imported), then raises the 索引号 counters
// of every agency involved. For demo data and tests; no audit entries, no validation.
func loadCatalogItems(ctx context.Context, tx *Tx, items []catalog.Item, now time.Time) error {
	ins, err := tx.tx.PrepareContext(ctx, tx.dialect.Rebind(catalogInsert+` RETURNING id`))
	if err != nil {
		return fmt.Errorf("store: load catalog: %w", err)
	}
	defer ins.Close()
	evs, err := tx.tx.PrepareContext(ctx, tx.dialect.Rebind(`INSERT INTO catalog_events (item_id, action, actor_id, actor_name, at, from_state, to_state, publish_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)`))
	if err != nil {
		return fmt.Errorf("store: load catalog: %w", err)
	}
	defer evs.Close()
	names := map[int64]string{}
	name := func(id int64) (string, error) {
		if id == 0 {
			return "", nil
		}
		if n, ok := names[id]; ok {
			return n, nil
		}
		var n string
		if err := tx.QueryRow(ctx, `SELECT display_name FROM users WHERE id = ?`, id).Scan(&n); err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", err
		}
		names[id] = n
		return n, nil
	}
	ts := FormatTime(now)
	agencies := map[int64]bool{}
	for _, it := range items {
		agencies[it.AgencyID] = true
		var id int64
		if err := ins.QueryRowContext(ctx, append(catalogArgs(it), ts, ts)...).Scan(&id); err != nil {
			return fmt.Errorf("store: load catalog item %q: %w", it.Title, err)
		}
		for _, e := range loadedHistory(it, now) {
			n, err := name(e.ActorID)
			if err != nil {
				return err
			}
			if _, err := evs.ExecContext(ctx, id, string(e.Action), nullInt(e.ActorID), n, FormatTime(e.At), string(e.From), string(e.To), timeOrEmpty(e.PublishAt)); err != nil {
				return fmt.Errorf("store: load catalog events: %w", err)
			}
		}
		if len(it.FromApplications) > 0 {
			if err := setItemSources(ctx, tx, id, it.FromApplications); err != nil {
				return err
			}
		}
	}
	for a := range agencies {
		if err := raiseIndexCounters(ctx, tx, a); err != nil {
			return err
		}
	}
	return nil
}

// loadedHistory is the workflow history a loaded item's state implies, in order.
func loadedHistory(it catalog.Item, now time.Time) []catalog.Event {
	if it.State == catalog.Published && it.ReviewerID == 0 {
		at := it.PublishedAt
		if at.IsZero() {
			at = now
		}
		return []catalog.Event{{Action: catalog.ActImport, At: at, To: catalog.Published}}
	}
	// Steps a few hours apart from 09:00 China time of 成文日期 (or now), never after now.
	start := now.Add(-time.Hour)
	if !it.WrittenOn.IsZero() {
		start = it.WrittenOn.Add(time.Hour)
	}
	end := now
	switch {
	case !it.PublishedAt.IsZero():
		end = it.PublishedAt
	case !it.PublishAt.IsZero() && it.PublishAt.Before(now):
		end = it.PublishAt
	}
	if !start.Before(end) {
		start = end.Add(-4 * time.Hour)
	}
	gap := end.Sub(start) / 4
	at := func(n int) time.Time { return start.Add(time.Duration(n) * gap).Truncate(time.Minute) }
	out := []catalog.Event{{Action: catalog.ActCreate, ActorID: it.AuthorID, At: at(0), To: catalog.Draft}}
	if it.State == catalog.Draft {
		return out
	}
	out = append(out, catalog.Event{Action: catalog.ActSubmit, ActorID: it.AuthorID, At: at(1), From: catalog.Draft, To: catalog.SecrecyReview})
	if it.State == catalog.SecrecyReview {
		return out
	}
	out = append(out, catalog.Event{Action: catalog.ActPassReview, ActorID: it.ReviewerID, At: at(2), From: catalog.SecrecyReview, To: catalog.Approval,
		Secrecy: &catalog.Secrecy{Clear: catalog.SecrecyChecks, Opinion: "经审查，不涉及国家秘密、工作秘密、商业秘密、个人隐私和其他不宜公开的内容，同意公开。"}})
	if it.State == catalog.Approval {
		return out
	}
	approve := catalog.Event{Action: catalog.ActApprove, ActorID: it.ApproverID, At: at(3), From: catalog.Approval, To: catalog.Published}
	if it.State == catalog.Scheduled {
		approve.To, approve.PublishAt = catalog.Scheduled, it.PublishAt
		return append(out, approve)
	}
	if !it.PublishedAt.IsZero() {
		approve.At = it.PublishedAt
	}
	out = append(out, approve)
	if it.State == catalog.Withdrawn {
		out = append(out, catalog.Event{Action: catalog.ActWithdraw, ActorID: it.ApproverID, At: it.WithdrawnAt, From: catalog.Published, To: catalog.Withdrawn})
	}
	return out
}

// dueCatalogItems lists the ids of scheduled items whose publication time has come.
func dueCatalogItems(ctx context.Context, q Queryer, now time.Time) ([]int64, error) {
	rows, err := q.Query(ctx, `SELECT id FROM catalog_items WHERE state = ? AND publish_at <> '' AND publish_at <= ? ORDER BY publish_at, id`, string(catalog.Scheduled), FormatTime(now))
	if err != nil {
		return nil, fmt.Errorf("store: due catalog items: %w", err)
	}
	defer rows.Close()
	var ids []int64
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			return nil, err
		}
		ids = append(ids, id)
	}
	return ids, rows.Err()
}

// saveCatalogTaxonomy replaces the agency's 主题分类 with topics (validated by
// catalog.NewTaxonomy). A topic still used by an item cannot be removed.
func saveCatalogTaxonomy(ctx context.Context, tx *Tx, who account.Principal, agencyID int64, topics []catalog.Topic) error {
	tax, err := catalog.NewTaxonomy(topics)
	if err != nil {
		return err
	}
	before, err := CatalogTaxonomy(ctx, tx, agencyID)
	if err != nil {
		return err
	}
	rows, err := tx.Query(ctx, `SELECT DISTINCT topic FROM catalog_items WHERE agency_id = ?`, agencyID)
	if err != nil {
		return fmt.Errorf("store: topics in use: %w", err)
	}
	var used []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			rows.Close()
			return err
		}
		used = append(used, c)
	}
	rows.Close()
	for _, c := range used {
		if _, ok := tax.Lookup(c); !ok {
			return apperr.Newf(apperr.Conflict, "主题分类“%s”仍有信息使用，不能删除", before.Label(c))
		}
	}
	if _, err := tx.Exec(ctx, `DELETE FROM catalog_topics WHERE agency_id = ?`, agencyID); err != nil {
		return fmt.Errorf("store: topics: %w", err)
	}
	for i, t := range tax.Topics() {
		if _, err := tx.Exec(ctx, `INSERT INTO catalog_topics (agency_id, code, num, label, article, aliases, position) VALUES (?, ?, ?, ?, ?, ?, ?)`,
			agencyID, t.Code, t.Num, t.Label, t.Article, strings.Join(t.Aliases, "|"), i); err != nil {
			return fmt.Errorf("store: topics: %w", err)
		}
	}
	_, err = Audit(ctx, tx, change(who, "catalog.taxonomy", "agency", agencyID, agencyID, before.Topics(), tax.Topics(), ""))
	return err
}

// setAgencyIndexPattern changes the agency's 索引号 template after checking it with
// catalog.IndexSettings (the agency's code must be valid when the template uses it).
// Numbers already assigned never change.
func setAgencyIndexPattern(ctx context.Context, tx *Tx, who account.Principal, agencyID int64, pattern string, year int) error {
	var before, code string
	if err := tx.QueryRow(ctx, `SELECT index_pattern, credit_code FROM agencies WHERE id = ?`, agencyID).Scan(&before, &code); err != nil {
		return notFound(err, "机关不存在")
	}
	pattern = strings.TrimSpace(pattern)
	if pattern == "" {
		pattern = catalog.NationalIndexPattern
	}
	if _, _, err := catalog.IndexSettings(pattern, strings.ToUpper(code), year); err != nil {
		return err
	}
	if pattern == before {
		return nil
	}
	if _, err := tx.Exec(ctx, `UPDATE agencies SET index_pattern = ? WHERE id = ?`, pattern, agencyID); err != nil {
		return fmt.Errorf("store: index pattern: %w", err)
	}
	if err := raiseIndexCounters(ctx, tx, agencyID); err != nil {
		return err
	}
	_, err := Audit(ctx, tx, change(who, "agency.index_pattern", "agency", agencyID, agencyID, map[string]string{"index_pattern": before}, map[string]string{"index_pattern": pattern}, ""))
	return err
}

// AgencyIndexPatternSource returns the agency's 索引号 template as stored.
func AgencyIndexPatternSource(ctx context.Context, q Queryer, agencyID int64) (string, error) {
	var src string
	err := q.QueryRow(ctx, `SELECT index_pattern FROM agencies WHERE id = ?`, agencyID).Scan(&src)
	if errors.Is(err, sql.ErrNoRows) {
		return "", notFound(err, "机关不存在")
	}
	return src, err
}

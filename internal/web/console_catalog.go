package web

import (
	"errors"
	"fmt"
	"html/template"
	"io"
	"net/http"
	"net/url"
	"slices"
	"sort"
	"strconv"
	"strings"
	"time"

	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/store"
	"gongkai/internal/workday"
)

func (s *Server) catalogRoutes() {
	s.console("GET /console/catalog", nil, s.catalogList)
	s.console("GET /console/catalog/new", roles(clerk), s.catalogNew)
	s.console("GET /console/catalog/export.xlsx", nil, s.catalogExport)
	s.console("POST /console/catalog", roles(clerk), s.catalogSave)
	s.console("GET /console/catalog/{id}", nil, s.catalogItem)
	s.console("GET /console/catalog/{id}/edit", roles(clerk), s.catalogEdit)
	s.console("POST /console/catalog/{id}", roles(clerk), s.catalogSave)
	s.console("POST /console/catalog/{id}/step", roles(clerk, reviewer, head), s.catalogStep)
	s.console("GET /console/catalog/{id}/files/{n}", nil, s.catalogFile)
	s.console("GET /console/catalog/{id}/secrecy", nil, s.catalogSecrecy)
	s.console("POST /console/applications/{id}/to-catalog", roles(clerk), s.catalogFromApplication)
	s.catalogImportRoutes()
	s.catalogFiguresRoutes()
	s.catalogSettingsRoutes()
	s.headingRoutes()
}

// catalogRow is one line of the console list: the item with its 第二十六条 verdict.
type catalogRow struct {
	Item       catalog.Item
	Timeliness catalog.Timeliness
	Judged     bool
}

const catalogPageSize = 50

// catalogFilter reads the catalog list's filters from the query (agency, topic, state,
// kind, year, late only), for the list and its export.
func (s *Server) catalogFilter(r *http.Request) (store.CatalogFilter, int64, bool, error) {
	agencyID, err := s.agencyParam(r)
	if err != nil {
		return store.CatalogFilter{}, 0, false, err
	}
	q := r.URL.Query()
	f := store.CatalogFilter{AgencyID: agencyID, Topic: q.Get("topic")}
	if v := q.Get("state"); v != "" {
		if f.State, err = catalog.ParseState(v); err != nil {
			return f, 0, false, apperr.New(apperr.Invalid, "未知的状态")
		}
	}
	if v := q.Get("kind"); v != "" {
		if f.Kind, err = catalog.ParseDocKind(v); err != nil {
			return f, 0, false, apperr.New(apperr.Invalid, "未知的文件类别")
		}
	}
	if y, err := strconv.Atoi(q.Get("year")); err == nil && y > 1990 && y < 3000 {
		f.Year = y
	}
	f.Uninterpreted = q.Get("uninterpreted") == "1"
	return f, agencyID, q.Get("late") == "1", nil
}

func (s *Server) catalogList(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	q := r.URL.Query()
	f, agencyID, lateOnly, err := s.catalogFilter(r)
	if err != nil {
		return err
	}
	page := pageParam(r)
	items, _, err := s.db.Catalog().List(ctx, principal(r), f)
	if err != nil {
		return err
	}
	cal, err := s.db.Workdays().Calendar(ctx)
	if err != nil {
		return err
	}
	today := workday.Of(s.now())
	var rows []catalogRow
	late := 0
	for _, it := range items {
		tl, ok := catalog.ItemTimeliness(cal, it, today)
		row := catalogRow{Item: it, Timeliness: tl, Judged: ok && it.State != catalog.Withdrawn}
		if row.Judged && tl.Late {
			late++
		} else if lateOnly {
			continue
		}
		rows = append(rows, row)
	}
	// Items still in the workflow first: they are what staff act on.
	inWorkflow := func(r catalogRow) bool {
		return r.Item.State != catalog.Published && r.Item.State != catalog.Withdrawn
	}
	sort.SliceStable(rows, func(i, j int) bool { return inWorkflow(rows[i]) && !inWorkflow(rows[j]) })
	total := len(rows)
	from := min((page-1)*catalogPageSize, total)
	to := min(from+catalogPageSize, total)
	tax, err := s.db.Catalog().Taxonomy(ctx, agencyID)
	if err != nil {
		return err
	}
	agencies, err := s.visibleAgencies(r)
	if err != nil {
		return err
	}
	all, err := s.db.Catalog().AgencyItems(ctx, principal(r), agencyID)
	if err != nil {
		return err
	}
	year := f.Year
	if year == 0 {
		year = today.Year()
	}
	pageURL := func(p int) string {
		v := url.Values{}
		for k, vs := range q {
			if k != "page" {
				v[k] = vs
			}
		}
		v.Set("page", strconv.Itoa(p))
		return "/console/catalog?" + v.Encode()
	}
	data := map[string]any{
		"Rows": rows[from:to], "Query": exportQuery(q), "Total": total, "Late": late, "Filter": f, "LateOnly": lateOnly, "AgencyID": agencyID, "Agencies": agencies,
		"Taxonomy": tax, "States": catalog.States(), "Kinds": catalog.DocKinds(), "Year": year,
		"YearTimeliness": catalog.TimelinessForYear(cal, all, year, today),
		"CanCreate":      principal(r).AgencyID == agencyID && principal(r).Has(clerk),
	}
	if page > 1 {
		data["Prev"] = pageURL(page - 1)
	}
	if to < total {
		data["Next"] = pageURL(page + 1)
	}
	return s.render(w, r, "console/catalog_list.html", data)
}

// catalogItemFor loads an item the signed-in user may read (404 otherwise), with its agency.
func (s *Server) catalogItemFor(r *http.Request, id int64) (catalog.Item, agency.Agency, error) {
	return s.db.Catalog().Item(r.Context(), principal(r), id)
}

// actionForm describes the form of one workflow button.
type actionForm struct {
	Action   catalog.Action
	Label    string
	Reason   bool // asks for a reason (required by the workflow)
	Schedule bool // approval: optional scheduled time
	Validity bool // 效力状态 change
	Secrecy  bool // 保密审查: the checklist and the opinion
	Danger   bool
}

func actionForms(acts []catalog.Action) []actionForm {
	var out []actionForm
	for _, a := range acts {
		f := actionForm{Action: a, Label: a.Label()}
		switch a {
		case catalog.ActPassReview:
			f.Secrecy = true
		case catalog.ActRejectReview:
			f.Secrecy, f.Reason, f.Danger = true, true, true
		case catalog.ActRejectApproval, catalog.ActWithdraw, catalog.ActCancelSchedule:
			f.Reason, f.Danger = true, true
		case catalog.ActApprove:
			f.Schedule = true
		case catalog.ActChangeValidity:
			f.Validity, f.Reason = true, true
		}
		out = append(out, f)
	}
	return out
}

func (s *Server) catalogItem(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	return s.renderCatalogItem(w, r, http.StatusOK, id, "")
}

func (s *Server) renderCatalogItem(w http.ResponseWriter, r *http.Request, status int, id int64, errMsg string) error {
	ctx := r.Context()
	it, ag, err := s.catalogItemFor(r, id)
	if err != nil {
		return err
	}
	events, err := s.db.Catalog().Events(ctx, principal(r), id)
	if err != nil {
		return err
	}
	tax, err := s.db.Catalog().Taxonomy(ctx, it.AgencyID)
	if err != nil {
		return err
	}
	cal, err := s.db.Workdays().Calendar(ctx)
	if err != nil {
		return err
	}
	tl, judged := catalog.ItemTimeliness(cal, it, workday.Of(s.now()))
	who := principal(r)
	var apps []store.Application
	for _, aid := range it.FromApplications {
		if a, err := s.db.Applications().Get(ctx, principal(r), aid); err == nil {
			apps = append(apps, a)
		}
	}
	var problems []catalog.FieldProblem
	if it.State == catalog.Draft {
		problems = it.Problems(tax, true)
	}
	return s.renderWith(w, r, status, "console/catalog_item.html", map[string]any{
		"SecrecyChecks": catalog.SecrecyChecks,
		"Item":          it, "Agency": ag, "Events": events, "TopicLabel": tax.Label(it.Topic), "Timeliness": tl, "Judged": judged && it.State != catalog.Withdrawn,
		"Body": template.HTML(catalog.SanitizeBody(it.BodyHTML)), "Actions": actionForms(catalog.Allowed(it, who)),
		"CanEdit": catalog.CanEdit(it, who) == nil, "Applications": apps, "Problems": problems, "Error": errMsg,
		"Validities": catalog.Validities(), "Today": workday.Of(s.now()),
	})
}

func (s *Server) catalogStep(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	it, _, err := s.catalogItemFor(r, id)
	if err != nil {
		return err
	}
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	action, err := catalog.ParseAction(f("action"))
	if err != nil {
		return apperr.New(apperr.Invalid, "未知的操作")
	}
	cmd := catalog.Command{Action: action, Reason: f("reason")}
	if action == catalog.ActPassReview || action == catalog.ActRejectReview {
		cmd.Secrecy.Opinion = f("opinion")
		for _, c := range r.PostForm["clear"] {
			cmd.Secrecy.Clear = append(cmd.Secrecy.Clear, catalog.SecrecyCheck(c))
		}
	}
	var msg string
	if v := f("publish_at"); v != "" && action == catalog.ActApprove {
		t, err := time.ParseInLocation("2006-01-02T15:04", v, chinaTime)
		if err != nil {
			msg = "定时发布时间格式不正确"
		}
		cmd.PublishAt = t.UTC()
	}
	if action == catalog.ActChangeValidity {
		if cmd.Validity, err = catalog.ParseValidity(f("validity")); err != nil {
			msg = "请选择效力状态"
		}
		if v := f("effective_on"); v != "" {
			if cmd.EffectiveOn, err = workday.ParseDay(v); err != nil {
				msg = "生效日期：" + apperr.MessageOf(err)
			}
		}
	}
	if msg == "" {
		var next catalog.Item
		next, err = s.db.Catalog().Step(r.Context(), principal(r), id, cmd, s.now())
		if err == nil {
			notice := action.Label() + "：已完成"
			if next.IndexNo != "" && next.IndexNo != it.IndexNo {
				notice += "，索引号 " + next.IndexNo
			}
			return redirect(w, r, fmt.Sprintf("/console/catalog/%d", id), notice)
		}
		if apperr.CodeOf(err) == apperr.Internal || apperr.CodeOf(err) == apperr.NotFound {
			return err
		}
		msg = apperr.MessageOf(err)
	} else {
		err = apperr.New(apperr.Invalid, msg)
	}
	// A refused step (also one the user's role does not allow) is shown on the item's page.
	return s.renderCatalogItem(w, r, apperr.HTTPStatus(err), id, msg)
}

// catalogFile serves an attachment to staff who may read the item: always as a download,
// with the content type decided from the content at upload, never as HTML.
func (s *Server) catalogFile(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	n, err := strconv.Atoi(r.PathValue("n"))
	if err != nil {
		return apperr.New(apperr.NotFound, "附件不存在")
	}
	a, data, err := s.db.Catalog().Attachment(r.Context(), principal(r), id, n)
	if err != nil {
		return err
	}
	serveAttachment(w, a, data)
	return nil
}

// serveAttachment writes a stored attachment with safe headers: Content-Disposition
// attachment with an RFC 5987 filename*, nosniff, the detected content type.
func serveAttachment(w http.ResponseWriter, a catalog.Attachment, data []byte) {
	h := w.Header()
	ct := a.ContentType()
	if ct == "" || strings.Contains(ct, "html") {
		ct = "application/octet-stream"
	}
	h.Set("Content-Type", ct)
	h.Set("X-Content-Type-Options", "nosniff")
	h.Set("Content-Disposition", contentDisposition(a.Name))
	h.Set("Content-Security-Policy", "default-src 'none'; sandbox")
	h.Set("Cache-Control", "private, no-cache")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.WriteHeader(http.StatusOK)
	w.Write(data)
}

// contentDisposition builds an attachment disposition with an ASCII fallback filename and
// the RFC 5987 UTF-8 filename* parameter.
func contentDisposition(name string) string {
	var ascii, ext strings.Builder
	for _, c := range name {
		if c < 0x20 || c > 0x7e || c == '"' || c == '\\' || c == ';' || c == '%' {
			c = '_'
		}
		ascii.WriteRune(c)
	}
	const hexDigits = "0123456789ABCDEF"
	for _, b := range []byte(name) {
		if b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b >= '0' && b <= '9' || strings.IndexByte("!#$&+-.^_`|~", b) >= 0 {
			ext.WriteByte(b)
			continue
		}
		ext.WriteByte('%')
		ext.WriteByte(hexDigits[b>>4])
		ext.WriteByte(hexDigits[b&15])
	}
	return `attachment; filename="` + ascii.String() + `"; filename*=UTF-8''` + ext.String()
}

func (s *Server) catalogNew(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	ag, err := s.db.Agencies().Get(r.Context(), p.AgencyID)
	if err != nil {
		return err
	}
	it := catalog.Item{AgencyID: p.AgencyID, Publisher: ag.Name, Validity: catalog.Valid, Kind: catalog.General}
	return s.renderCatalogForm(w, r, http.StatusOK, it, nil, "")
}

func (s *Server) catalogEdit(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	it, _, err := s.catalogItemFor(r, id)
	if err != nil {
		return err
	}
	if err := catalog.CanEdit(it, principal(r)); err != nil {
		return err
	}
	return s.renderCatalogForm(w, r, http.StatusOK, it, nil, "")
}

func (s *Server) renderCatalogForm(w http.ResponseWriter, r *http.Request, status int, it catalog.Item, problems []catalog.FieldProblem, msg string) error {
	ctx := r.Context()
	tax, err := s.db.Catalog().Taxonomy(ctx, it.AgencyID)
	if err != nil {
		return err
	}
	byField := map[string]string{}
	for _, p := range problems {
		if byField[p.Field] != "" {
			byField[p.Field] += "；"
		}
		byField[p.Field] += p.Problem
	}
	var appNos []string
	for _, aid := range it.FromApplications {
		if a, err := s.db.Applications().Get(ctx, principal(r), aid); err == nil {
			appNos = append(appNos, a.Number)
		}
	}
	return s.renderWith(w, r, status, "console/catalog_form.html", map[string]any{
		"Item": it, "Topics": tax.Topics(), "Validities": catalog.Validities(), "Kinds": catalog.DocKinds(),
		"Problems": byField, "ProblemList": problems, "Error": msg, "Keywords": catalog.JoinKeywords(it.Keywords),
		"Applications": strings.Join(appNos, "，"), "MaxSize": catalog.DefaultMaxAttachmentSize >> 20,
		"Interprets": joinIDs(it.Interprets),
	})
}

// catalogFromForm reads the content fields of the item form; date errors become field
// problems.
func (s *Server) catalogFromForm(r *http.Request, it *catalog.Item) []catalog.FieldProblem {
	f := func(k string) string { return strings.TrimSpace(r.PostFormValue(k)) }
	var ps []catalog.FieldProblem
	day := func(k, label string) time.Time {
		v := f(k)
		if v == "" {
			return time.Time{}
		}
		d, err := workday.ParseDay(v)
		if err != nil {
			ps = append(ps, catalog.FieldProblem{Field: label, Problem: apperr.MessageOf(err)})
		}
		return d
	}
	it.Title, it.Topic, it.Publisher, it.DocNo = f("title"), f("topic"), f("publisher"), f("doc_no")
	it.Keywords = catalog.SplitKeywords(f("keywords"))
	it.Validity, it.Kind = catalog.Validity(f("validity")), catalog.DocKind(f("kind"))
	it.WrittenOn = day("written_on", "成文日期")
	it.ValidityChangedOn = day("validity_changed_on", "失效或废止日期")
	it.ChangedOn = day("changed_on", "变更日期")
	it.Summary = f("summary")
	it.BodyHTML = r.PostFormValue("body")
	it.Period = catalog.NoticePeriod{Start: day("notice_start", "公示期"), End: day("notice_end", "公示期"), ObjectTo: f("object_to")}
	it.Interprets = nil
	ref := func(v, field string) int64 {
		id, err := s.db.Catalog().ItemRef(r.Context(), principal(r), it.AgencyID, v)
		if err != nil {
			ps = append(ps, catalog.FieldProblem{Field: field, Problem: "“" + v + "”：" + apperr.MessageOf(err)})
			return 0
		}
		return id
	}
	for _, v := range strings.FieldsFunc(f("interprets"), func(r rune) bool { return strings.ContainsRune(",，、;； ", r) }) {
		if id := ref(v, "所解读的文件"); id != 0 {
			it.Interprets = append(it.Interprets, id)
		}
	}
	it.ResultOf = 0
	if v := f("result_of"); v != "" {
		it.ResultOf = ref(v, "公示结果")
	}
	return ps
}

func (s *Server) catalogSave(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	p := principal(r)
	var cur catalog.Item
	if r.PathValue("id") != "" {
		id, err := pathID(r, "id")
		if err != nil {
			return err
		}
		if cur, _, err = s.catalogItemFor(r, id); err != nil {
			return err
		}
	} else {
		cur = catalog.Item{AgencyID: p.AgencyID}
	}
	who := p
	if cur.ID != 0 {
		if err := catalog.CanEdit(cur, who); err != nil {
			return err
		}
	}
	in := cur
	problems := s.catalogFromForm(r, &in)
	// Attachments: keep the checked ones in their order, then the new uploads.
	keep := map[string]bool{}
	for _, v := range r.PostForm["keep"] {
		keep[v] = true
	}
	in.Attachments = nil
	for _, a := range cur.Attachments {
		if keep[a.SHA256] {
			in.Attachments = append(in.Attachments, a)
		}
	}
	uploads, upProblems := readUploads(r, "files")
	problems = append(problems, upProblems...)
	apps, appProblem := s.applicationsByNumber(r, cur.AgencyID, r.PostFormValue("applications"))
	if appProblem != "" {
		problems = append(problems, catalog.FieldProblem{Field: "依申请转主动", Problem: appProblem})
	}
	in.FromApplications = apps
	if len(problems) > 0 {
		return s.renderCatalogForm(w, r, http.StatusBadRequest, in, problems, "请修改标出的内容")
	}
	var saved catalog.Item
	var err error
	if cur.ID == 0 {
		saved, err = s.db.Catalog().Create(ctx, p, in, uploads, s.now())
	} else {
		saved, err = s.db.Catalog().Update(ctx, p, cur.ID, in, uploads, s.now())
	}
	if err != nil {
		if apperr.CodeOf(err) == apperr.Internal {
			return err
		}
		var pl catalog.ProblemList
		if errors.As(err, &pl) {
			return s.renderCatalogForm(w, r, apperr.HTTPStatus(err), in, pl, "请修改标出的内容")
		}
		return s.renderCatalogForm(w, r, apperr.HTTPStatus(err), in, nil, apperr.MessageOf(err))
	}
	return redirect(w, r, fmt.Sprintf("/console/catalog/%d", saved.ID), "已保存")
}

// readUploads reads the files of a multipart field, each checked by content.
func readUploads(r *http.Request, field string) ([]store.AttachmentUpload, []catalog.FieldProblem) {
	if r.MultipartForm == nil {
		return nil, nil
	}
	var out []store.AttachmentUpload
	var ps []catalog.FieldProblem
	for _, fh := range r.MultipartForm.File[field] {
		if fh.Size == 0 && fh.Filename == "" {
			continue
		}
		if fh.Size > catalog.DefaultMaxAttachmentSize {
			ps = append(ps, catalog.FieldProblem{Field: "附件", Problem: fmt.Sprintf("“%s”超过%d MB", catalog.SafeAttachmentName(fh.Filename, catalog.PDF), catalog.DefaultMaxAttachmentSize>>20)})
			continue
		}
		f, err := fh.Open()
		if err != nil {
			ps = append(ps, catalog.FieldProblem{Field: "附件", Problem: "无法读取上传的文件"})
			continue
		}
		data, err := io.ReadAll(io.LimitReader(f, catalog.DefaultMaxAttachmentSize+1))
		f.Close()
		if err != nil {
			ps = append(ps, catalog.FieldProblem{Field: "附件", Problem: "无法读取上传的文件"})
			continue
		}
		up, err := store.NewAttachmentUpload(catalog.AttachmentPolicy{}, fh.Filename, data)
		if err != nil {
			ps = append(ps, catalog.FieldProblem{Field: "附件", Problem: apperr.MessageOf(err)})
			continue
		}
		out = append(out, up)
	}
	return out, ps
}

// applicationsByNumber resolves the 依申请转主动 field: application case numbers of the
// agency, separated by commas or blanks.
func (s *Server) applicationsByNumber(r *http.Request, agencyID int64, v string) ([]int64, string) {
	var ids []int64
	for _, no := range strings.FieldsFunc(v, func(c rune) bool {
		return c == ',' || c == '，' || c == '、' || c == ';' || c == '；' || c == ' ' || c == '\n'
	}) {
		id, err := s.db.Applications().IDByNumber(r.Context(), principal(r), agencyID, no)
		if err != nil {
			return ids, fmt.Sprintf("本机关没有编号为“%s”的申请", no)
		}
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	}
	return ids, ""
}

// catalogFromApplication is 依申请转主动 (条例 第四十四条): a draft catalog item prefilled
// from a replied application, linked to it by id, without any applicant data.
func (s *Server) catalogFromApplication(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	saved, err := s.db.Catalog().FromApplication(r.Context(), principal(r), id, s.now())
	if err != nil {
		return err
	}
	return redirect(w, r, fmt.Sprintf("/console/catalog/%d/edit", saved.ID), "已根据申请创建主动公开草稿，请补充正文或附件后提交审查")
}

// catalogWidgets is the console home block of 主动公开: drafts awaiting the user's review or
// approval, their own drafts, and items late under 第二十六条.
func (s *Server) catalogWidgets(r *http.Request) ([]dashboardWidget, error) {
	p := principal(r)
	if !p.HasAny(clerk, reviewer, head) {
		return nil, nil
	}
	ctx := r.Context()
	today := workday.Of(s.now())
	items, err := s.db.Catalog().ItemsForYear(ctx, p, p.AgencyID, today.Year())
	if err != nil {
		return nil, err
	}
	cal, err := s.db.Workdays().Calendar(ctx)
	if err != nil {
		return nil, err
	}
	var mine, review, approval, overdue int
	for _, it := range items {
		switch {
		case it.State == catalog.Draft && it.AuthorID == p.UserID:
			mine++
		case it.State == catalog.SecrecyReview && it.AuthorID != p.UserID:
			review++
		case it.State == catalog.Approval && it.AuthorID != p.UserID:
			approval++
		}
		if it.State != catalog.Published && it.State != catalog.Withdrawn {
			if tl, ok := catalog.ItemTimeliness(cal, it, today); ok && tl.Late {
				overdue++
			}
		}
	}
	yt := catalog.TimelinessForYear(cal, items, today.Year(), today)
	w := dashboardWidget{Title: "主动公开", Link: "/console/catalog"}
	if p.Has(clerk) {
		w.Items = append(w.Items, dashboardItem{Label: "我的草稿", Value: strconv.Itoa(mine), Href: "/console/catalog?state=draft"})
	}
	if p.Has(reviewer) {
		w.Items = append(w.Items, dashboardItem{Label: "待我保密审查", Value: strconv.Itoa(review), Href: "/console/catalog?state=secrecy_review", Warn: review > 0})
	}
	if p.Has(head) {
		w.Items = append(w.Items, dashboardItem{Label: "待我审批", Value: strconv.Itoa(approval), Href: "/console/catalog?state=approval", Warn: approval > 0})
	}
	w.Items = append(w.Items,
		dashboardItem{Label: "超过20个工作日仍未发布", Value: strconv.Itoa(overdue), Href: "/console/catalog?late=1", Warn: overdue > 0},
		dashboardItem{Label: fmt.Sprintf("%d年逾期发布", today.Year()), Value: strconv.Itoa(yt.Late), Href: fmt.Sprintf("/console/catalog?late=1&year=%d", today.Year()), Warn: yt.Late > 0},
	)
	return []dashboardWidget{w}, nil
}

// joinIDs prints item numbers for a form field.
func joinIDs(ids []int64) string {
	parts := make([]string, len(ids))
	for i, id := range ids {
		parts[i] = strconv.FormatInt(id, 10)
	}
	return strings.Join(parts, "，")
}

// catalogSecrecy prints the item's 保密审查单: the latest 保密审查 with its checklist and
// opinion (earlier ones listed below it).
func (s *Server) catalogSecrecy(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	it, ag, recs, err := s.db.Catalog().SecrecyReviews(r.Context(), principal(r), id)
	if err != nil {
		return err
	}
	return s.render(w, r, "console/catalog_secrecy.html", map[string]any{"Item": it, "Agency": ag, "Reviews": recs, "Checks": catalog.SecrecyChecks})
}

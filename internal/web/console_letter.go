package web

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/internal/agency"
	"gongkai/internal/apperr"
	"gongkai/internal/letter"
	"gongkai/internal/store"
)

// letterRoutes serves the letters of a case: a printable page and a Word document.
func (s *Server) letterRoutes() {
	s.console("GET /console/applications/{id}/letter", nil, s.letterPage)
	s.console("GET /console/applications/{id}/letter.docx", nil, s.letterDOCX)
}

// letterAgency is the sender of an agency's letters. A department's 行政复议机关 is its
// own 本级人民政府 (行政复议法第二十四条第一款第（一）项); for a government's own office the
// organ is the government one level up, which gongkai does not know, so the generic
// wording is used. The court is always named generically (有管辖权的人民法院).
func (s *Server) letterAgency(ctx context.Context, ag agency.Agency) (letter.Agency, error) {
	la := letter.Agency{
		Name: ag.Name, ShortName: ag.ShortName, Office: ag.OfficeName, Address: ag.OfficeAddress,
		PostCode: ag.OfficePostcode, Phone: ag.OfficePhone, Email: ag.OfficeEmail,
	}
	if ag.Kind == "government" {
		return la, nil
	}
	govs, err := s.db.Agencies().Governments(ctx)
	if err != nil {
		return la, err
	}
	for _, g := range govs {
		if g.ID == ag.GovernmentID {
			la.ReviewOrgan = g.Name
		}
	}
	return la, nil
}

// letterPageData is what console/letter.html shows.
type letterPageData struct {
	ID     int64
	Number string
	Kind   letter.Kind
	Kinds  []letter.Kind // the kinds this case has a step for
	Letter letter.Letter
	To     string // consultation: the addressee typed by the clerk
	Error  string // why the chosen letter cannot be written
}

// composeCaseLetter loads the case (404 for another agency's) and writes the letter the
// query asks for (?kind=reply|correction|extension|fee|consultation, ?to= the consulted
// party).
func (s *Server) composeCaseLetter(r *http.Request) (letterPageData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return letterPageData{}, err
	}
	ctx := r.Context()
	a, err := s.db.Applications().Get(ctx, principal(r), id)
	if err != nil {
		return letterPageData{}, err
	}
	ag, err := s.readableAgency(r, a.AgencyID)
	if err != nil {
		if apperr.Is(err, apperr.Forbidden) {
			return letterPageData{}, apperr.New(apperr.NotFound, "申请不存在")
		}
		return letterPageData{}, err
	}
	la, err := s.letterAgency(ctx, ag)
	if err != nil {
		return letterPageData{}, err
	}
	cal, err := store.Calendar(ctx, s.db)
	if err != nil {
		return letterPageData{}, err
	}
	kind := letter.Kind(r.URL.Query().Get("kind"))
	if kind != "" && !kind.Valid() {
		return letterPageData{}, apperr.New(apperr.NotFound, "未知的文书类型")
	}
	to := strings.TrimSpace(r.URL.Query().Get("to"))
	if utf8.RuneCountInString(to) > 100 {
		return letterPageData{}, apperr.New(apperr.Invalid, "受文单位名称过长（最多100个字）")
	}
	d := letterPageData{ID: a.ID, Number: a.Number, To: to}
	for _, k := range letter.Kinds {
		if _, err := letter.ForApplication(a.Application, la, k, cal); err == nil {
			d.Kinds = append(d.Kinds, k)
		}
	}
	if kind == "" {
		// The reply when there is one, else the latest step's notice.
		kind = letter.KindReply
		if n := len(d.Kinds); n > 0 {
			kind = d.Kinds[n-1]
		}
	}
	d.Kind = kind
	in, err := letter.ForApplication(a.Application, la, kind, cal)
	if err == nil {
		in.Addressee = to
		d.Letter, err = letter.Compose(in)
	}
	if err != nil {
		if code := apperr.CodeOf(err); code == apperr.Internal {
			return d, err
		}
		d.Error = apperr.MessageOf(err)
	}
	return d, nil
}

func (s *Server) letterPage(w http.ResponseWriter, r *http.Request) error {
	d, err := s.composeCaseLetter(r)
	if err != nil {
		return err
	}
	status := http.StatusOK
	if d.Error != "" {
		status = http.StatusConflict
	}
	return s.renderWith(w, r, status, "console/letter.html", d)
}

func (s *Server) letterDOCX(w http.ResponseWriter, r *http.Request) error {
	d, err := s.composeCaseLetter(r)
	if err != nil {
		return err
	}
	if d.Error != "" {
		return apperr.New(apperr.Conflict, d.Error)
	}
	data, err := d.Letter.DOCX()
	if err != nil {
		return err
	}
	sendDownload(w, d.Letter.FileName(d.Number)+".docx", "application/vnd.openxmlformats-officedocument.wordprocessingml.document", data)
	return nil
}

// sendDownload writes a file as an attachment (never rendered inline), with its name in
// UTF-8 (RFC 6266 / RFC 5987) and an ASCII fallback.
func sendDownload(w http.ResponseWriter, name, contentType string, data []byte) {
	h := w.Header()
	h.Set("Content-Type", contentType)
	h.Set("Content-Disposition", `attachment; filename="`+asciiFallback(name)+`"; filename*=UTF-8''`+url.PathEscape(name))
	h.Set("Cache-Control", "private, no-store")
	h.Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
}

// asciiFallback is the file name for clients without RFC 5987: its ASCII letters, digits,
// hyphens and dots, behind a fixed prefix (so it never starts with a dot).
func asciiFallback(name string) string {
	var b strings.Builder
	b.WriteString("gongkai-")
	for _, r := range name {
		switch {
		case r >= 'a' && r <= 'z', r >= 'A' && r <= 'Z', r >= '0' && r <= '9', r == '.', r == '-', r == '_':
			b.WriteRune(r)
		}
	}
	return b.String()
}

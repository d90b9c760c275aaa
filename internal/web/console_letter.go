package web

import (
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"unicode/utf8"

	"gongkai/internal/apperr"
	"gongkai/internal/letter"
)

// letterRoutes serves the letters of a case: a printable page and a Word document.
func (s *Server) letterRoutes() {
	s.console("GET /console/applications/{id}/letter", nil, s.letterPage)
	s.console("GET /console/applications/{id}/letter.docx", nil, s.letterDOCX)
}

// letterPageData is what console/letter.html shows.
type letterPageData struct {
	ID     int64
	Number string
	Kind   letter.Kind
	Kinds  []letter.Kind // the kinds this case has a step for
	Letter letter.Letter
	To     string // consultation: the addressee typed by the clerk
	// DraftedBy and ReviewedBy: the reply letter's record (its author and approver).
	DraftedBy, ReviewedBy string
	Error                 string // why the chosen letter cannot be written
	Status                int    // and its HTTP status
}

// composeCaseLetter writes, through the door, the letter the query asks for
// (?kind=reply|correction|extension|fee|consultation, ?to= the consulted party) of the case
// of the path (404 for a case the user may not read).
func (s *Server) composeCaseLetter(r *http.Request) (letterPageData, error) {
	id, err := pathID(r, "id")
	if err != nil {
		return letterPageData{}, err
	}
	to := strings.TrimSpace(r.URL.Query().Get("to"))
	if utf8.RuneCountInString(to) > 100 {
		return letterPageData{}, apperr.New(apperr.Invalid, "受文单位名称过长（最多100个字）")
	}
	cl, err := s.db.Letters().ForCase(r.Context(), principal(r), id, letter.Kind(r.URL.Query().Get("kind")), to)
	if err != nil {
		return letterPageData{}, err
	}
	d := letterPageData{ID: cl.Application.ID, Number: cl.Application.Number, To: to, Kinds: cl.Kinds, Kind: cl.Kind, Letter: cl.Letter, DraftedBy: cl.DraftedBy, ReviewedBy: cl.ReviewedBy}
	if cl.Refusal != nil {
		d.Error = apperr.MessageOf(cl.Refusal)
		d.Status = apperr.HTTPStatus(cl.Refusal)
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
		status = d.Status
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

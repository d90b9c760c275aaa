package web

import (
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"io"
	"net/http"
	"net/url"
	"strconv"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
	"gongkai/internal/catalog/importer"
)

// maxCatalogImportWeb bounds a catalog file uploaded through the console (the confirm step
// sends it back base64-encoded inside the multipart form's 64 MiB).
const maxCatalogImportWeb = 20 << 20

func (s *Server) catalogImportRoutes() {
	s.console("GET /console/catalog/import", roles(clerk), s.catalogImportForm)
	s.console("GET /console/catalog/import/template", roles(clerk), s.catalogImportTemplate)
	s.console("POST /console/catalog/import", roles(clerk), s.catalogImportPreview)
	s.console("POST /console/catalog/import/confirm", roles(clerk), s.catalogImportConfirm)
}

func (s *Server) catalogImportForm(w http.ResponseWriter, r *http.Request) error {
	return s.render(w, r, "console/catalog_import.html", map[string]any{"MaxMB": maxCatalogImportWeb >> 20})
}

func (s *Server) catalogImportTemplate(w http.ResponseWriter, r *http.Request) error {
	tax, err := s.db.Catalog().Taxonomy(r.Context(), principal(r).AgencyID)
	if err != nil {
		return err
	}
	data, err := importer.Template(tax)
	if err != nil {
		return err
	}
	w.Header().Set("Content-Type", catalog.XLSX.ContentType())
	w.Header().Set("Content-Disposition", contentDisposition("政府信息公开目录导入模板.xlsx"))
	w.Header().Set("Content-Length", strconv.Itoa(len(data)))
	w.Write(data)
	return nil
}

// catalogImportRead reads an import file against the signed-in user's agency.
func (s *Server) catalogImportRead(r *http.Request, data []byte) (importer.Preview, error) {
	p := principal(r)
	tax, err := s.db.Catalog().Taxonomy(r.Context(), p.AgencyID)
	if err != nil {
		return importer.Preview{}, err
	}
	ag, err := s.db.Agencies().Get(r.Context(), p.AgencyID)
	if err != nil {
		return importer.Preview{}, err
	}
	return importer.Read(bytes.NewReader(data), importer.Options{Taxonomy: tax, Publisher: ag.Name})
}

func (s *Server) renderImportPreview(w http.ResponseWriter, r *http.Request, status int, data []byte, pv importer.Preview, msg string) error {
	tax, err := s.db.Catalog().Taxonomy(r.Context(), principal(r).AgencyID)
	if err != nil {
		return err
	}
	sum := sha256.Sum256(data)
	shown := pv.Rows
	if len(shown) > 200 {
		shown = shown[:200]
	}
	return s.renderWith(w, r, status, "console/catalog_import.html", map[string]any{
		"MaxMB": maxCatalogImportWeb >> 20, "Preview": pv, "Shown": shown, "Rows": len(pv.Rows), "OK": pv.OK() && len(pv.Rows) > 0,
		"Data": base64.StdEncoding.EncodeToString(data), "Digest": hex.EncodeToString(sum[:]), "Taxonomy": tax, "Error": msg,
		"HasPreview": true,
	})
}

// uploadedFile reads one file of a multipart form, at most limit bytes.
func uploadedFile(r *http.Request, field string, limit int64) ([]byte, error) {
	f, fh, err := r.FormFile(field)
	if err != nil {
		return nil, apperr.New(apperr.Invalid, "请选择要上传的文件")
	}
	defer f.Close()
	if fh.Size > limit {
		return nil, apperr.Newf(apperr.Invalid, "文件超过%d MB", limit>>20)
	}
	data, err := io.ReadAll(io.LimitReader(f, limit+1))
	if err != nil {
		return nil, apperr.Wrap(apperr.Invalid, "无法读取上传的文件", err)
	}
	if int64(len(data)) > limit {
		return nil, apperr.Newf(apperr.Invalid, "文件超过%d MB", limit>>20)
	}
	return data, nil
}

func (s *Server) catalogImportPreview(w http.ResponseWriter, r *http.Request) error {
	data, err := uploadedFile(r, "file", maxCatalogImportWeb)
	if err != nil {
		return s.renderWith(w, r, apperr.HTTPStatus(err), "console/catalog_import.html", map[string]any{"MaxMB": maxCatalogImportWeb >> 20, "Error": apperr.MessageOf(err)})
	}
	pv, err := s.catalogImportRead(r, data)
	if err != nil {
		if apperr.CodeOf(err) == apperr.Internal {
			return err
		}
		return s.renderWith(w, r, apperr.HTTPStatus(err), "console/catalog_import.html", map[string]any{"MaxMB": maxCatalogImportWeb >> 20, "Error": apperr.MessageOf(err)})
	}
	return s.renderImportPreview(w, r, http.StatusOK, data, pv, "")
}

// catalogImportConfirm imports every row of the previewed file in one transaction, or none.
func (s *Server) catalogImportConfirm(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	data, err := base64.StdEncoding.DecodeString(r.PostFormValue("data"))
	sum := sha256.Sum256(data)
	if err != nil || len(data) == 0 || len(data) > maxCatalogImportWeb || hex.EncodeToString(sum[:]) != r.PostFormValue("digest") {
		return apperr.New(apperr.Invalid, "导入数据不完整，请重新上传文件")
	}
	pv, err := s.catalogImportRead(r, data)
	if err != nil {
		return err
	}
	if !pv.OK() || len(pv.Rows) == 0 {
		return s.renderImportPreview(w, r, http.StatusBadRequest, data, pv, "文件有问题，未导入任何信息")
	}
	p := principal(r)
	items := make([]catalog.Item, len(pv.Rows))
	for i, row := range pv.Rows {
		items[i] = row.Item
	}
	ids, err := s.db.Catalog().Import(ctx, p, p.AgencyID, items, s.now())
	if err != nil {
		if apperr.CodeOf(err) == apperr.Internal {
			return err
		}
		return s.renderImportPreview(w, r, apperr.HTTPStatus(err), data, pv, "导入失败，未导入任何信息："+apperr.MessageOf(err))
	}
	return redirect(w, r, "/console/catalog?"+url.Values{"state": {string(catalog.Published)}}.Encode(), "已导入"+strconv.Itoa(len(ids))+"条信息")
}

package web

import (
	"fmt"
	"net/http"
	"strconv"
	"strings"

	"gongkai/internal/apperr"
	"gongkai/internal/catalog"
)

// The 机关管理员's catalog settings: the agency's 索引号 template and its 主题分类.
func (s *Server) catalogSettingsRoutes() {
	s.console("GET /console/catalog/settings", roles(agencyAdmin), s.catalogSettings)
	s.console("POST /console/catalog/settings/index", roles(agencyAdmin), s.catalogIndexSave)
	s.console("POST /console/catalog/settings/topics", roles(agencyAdmin), s.catalogTopicsSave)
}

func (s *Server) renderCatalogSettings(w http.ResponseWriter, r *http.Request, status int, pattern string, topics []catalog.Topic, msg string) error {
	ctx := r.Context()
	p := principal(r)
	ag, err := s.db.Agencies().Get(ctx, p.AgencyID)
	if err != nil {
		return err
	}
	if pattern == "" {
		if pattern, err = s.db.Agencies().IndexPattern(ctx, p, p.AgencyID); err != nil {
			return err
		}
	}
	var example, patternErr string
	if _, ex, err := catalog.IndexSettings(pattern, ag.CreditCode, s.now().Year()); err != nil {
		patternErr = apperr.MessageOf(err)
	} else {
		example = ex
	}
	if topics == nil {
		tax, err := s.db.Catalog().Taxonomy(ctx, p.AgencyID)
		if err != nil {
			return err
		}
		topics = tax.Topics()
	}
	return s.renderWith(w, r, status, "console/catalog_settings.html", map[string]any{
		"Agency": ag, "Pattern": pattern, "Example": example, "PatternError": patternErr, "National": catalog.NationalIndexPattern,
		"Topics": topics, "Error": msg,
	})
}

func (s *Server) catalogSettings(w http.ResponseWriter, r *http.Request) error {
	return s.renderCatalogSettings(w, r, http.StatusOK, "", nil, "")
}

func (s *Server) catalogIndexSave(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	pattern := strings.TrimSpace(r.PostFormValue("index_pattern"))
	err := s.db.Catalog().SetIndexPattern(r.Context(), p, p.AgencyID, pattern, s.now().Year())
	if err != nil {
		if !shownInForm(err) {
			return err
		}
		return s.renderCatalogSettings(w, r, apperr.HTTPStatus(err), pattern, nil, "索引号格式："+apperr.MessageOf(err))
	}
	return redirect(w, r, "/console/catalog/settings", "已保存索引号格式")
}

func (s *Server) catalogTopicsSave(w http.ResponseWriter, r *http.Request) error {
	p := principal(r)
	codes, nums, labels, aliases := r.PostForm["code"], r.PostForm["num"], r.PostForm["label"], r.PostForm["aliases"]
	articles := r.PostForm["article"]
	var topics []catalog.Topic
	for i := range codes {
		get := func(vs []string) string {
			if i < len(vs) {
				return strings.TrimSpace(vs[i])
			}
			return ""
		}
		t := catalog.Topic{Code: get(codes), Num: get(nums), Label: get(labels), Article: get(articles)}
		if t.Code == "" && t.Num == "" && t.Label == "" {
			continue
		}
		if r.PostFormValue("delete_"+strconv.Itoa(i)) == "1" {
			continue
		}
		for _, a := range strings.FieldsFunc(get(aliases), func(c rune) bool { return c == '，' || c == ',' || c == '、' }) {
			if a = strings.TrimSpace(a); a != "" {
				t.Aliases = append(t.Aliases, a)
			}
		}
		topics = append(topics, t)
	}
	err := s.db.Catalog().SaveTaxonomy(r.Context(), p, p.AgencyID, topics)
	if err != nil {
		if !shownInForm(err) {
			return err
		}
		return s.renderCatalogSettings(w, r, apperr.HTTPStatus(err), "", topics, "主题分类："+apperr.MessageOf(err))
	}
	return redirect(w, r, "/console/catalog/settings", fmt.Sprintf("已保存%d个主题分类", len(topics)))
}

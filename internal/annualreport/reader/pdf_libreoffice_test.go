package reader

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	ar "gongkai/internal/annualreport"
)

// libreofficeCases are the files of testdata/libreoffice (go generate): generated
// reports saved by LibreOffice as PDF and as old Word, with their true cells.
func libreofficeCases(t *testing.T) (names []string, truths []*ar.Report) {
	t.Helper()
	paths, _ := filepath.Glob(filepath.Join("testdata", "libreoffice", "*.json"))
	if len(paths) == 0 {
		t.Fatal("no testdata/libreoffice: run go generate")
	}
	for _, p := range paths {
		b, err := os.ReadFile(p)
		if err != nil {
			t.Fatal(err)
		}
		var r ar.Report
		if err := json.Unmarshal(b, &r); err != nil {
			t.Fatal(err)
		}
		names = append(names, strings.TrimSuffix(p, ".json"))
		truths = append(truths, &r)
	}
	return names, truths
}

// TestLibreOfficePDF reads PDF files written by LibreOffice's export (embedded TrueType
// fonts, tables drawn as Word's are): every cell exactly, or refused, never wrong; the
// ruled tables nearly all exactly.
func TestLibreOfficePDF(t *testing.T) {
	names, truths := libreofficeCases(t)
	var all, ruled tally
	for k, base := range names {
		data, err := os.ReadFile(base + ".pdf")
		if err != nil {
			t.Fatal(err)
		}
		got := Read(filepath.Base(base)+".pdf", data)
		var one tally
		if wrong := one.add(truths[k], got); len(wrong) > 0 {
			t.Errorf("%s.pdf: wrong figures %v", base, wrong)
		}
		if got.Agency != truths[k].Agency || got.Year != truths[k].Year || got.Format != truths[k].Format {
			t.Errorf("%s.pdf: %s %d %s, want %s %d %s", base, got.Agency, got.Year, got.Format, truths[k].Agency, truths[k].Year, truths[k].Format)
		}
		if one.refused > 0 {
			t.Logf("%s.pdf: %s; %v", base, one, got.Findings)
		}
		all.exact += one.exact
		all.refused += one.refused
		if k < len(names)-2 { // the last two have tables without lines (lotestdata)
			ruled.exact += one.exact
			ruled.refused += one.refused
		}
	}
	t.Logf("%d LibreOffice PDF files: %s; the ruled ones: %s", len(names), all, ruled)
	if ruled.refused*10 > ruled.exact {
		t.Errorf("ruled tables: more than one cell in eleven refused: %s", ruled)
	}
}

// TestDOC reads old Word files through LibreOffice where it is installed; without it,
// each gives the finding that names it.
func TestDOC(t *testing.T) {
	names, truths := libreofficeCases(t)
	office := officeConverter() != ""
	for k, base := range names[:2] {
		data, err := os.ReadFile(base + ".doc")
		if err != nil {
			t.Fatal(err)
		}
		got := Read(filepath.Base(base)+".doc", data)
		if !office {
			if len(got.Findings) != 1 || !strings.Contains(got.Findings[0].Message, "LibreOffice") {
				t.Errorf("%s.doc without LibreOffice: %v", base, got.Findings)
			}
			continue
		}
		if bad := diffCells(truths[k], got); len(bad) > 0 || got.Agency != truths[k].Agency {
			t.Errorf("%s.doc: %s %v", base, got.Agency, bad)
		}
	}
	t.Setenv("PATH", t.TempDir()) // no LibreOffice
	data, _ := os.ReadFile(names[0] + ".doc")
	if got := Read("a.doc", data); len(got.Findings) != 1 || !strings.Contains(got.Findings[0].Message, "未安装 LibreOffice") {
		t.Errorf("without LibreOffice: %v", got.Findings)
	}
}

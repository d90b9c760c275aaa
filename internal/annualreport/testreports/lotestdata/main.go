// Command lotestdata writes the reader's LibreOffice test files: generated reports saved
// as Word documents (testreports.DOCXRuled, the last two testreports.DOCX without table lines), converted by LibreOffice to PDF (its PDF export, another
// PDF writer than Chromium's, close to Word's and WPS's) and to old Word (.doc), each
// beside the report's true cells as JSON. Run once where LibreOffice is installed
// (Debian: libreoffice-writer-nogui), and commit the output, so that the tests need no
// LibreOffice:
//
//	cd internal/annualreport/reader && go generate
//
// Only our own generated reports go there, never a published one.
package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"log"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"

	ar "gongkai/internal/annualreport"
	"gongkai/internal/annualreport/testreports"
)

func main() {
	out := flag.String("out", "testdata/libreoffice", "folder to write into")
	n := flag.Int("n", 6, "reports")
	flag.Parse()
	office, err := exec.LookPath("soffice")
	if err != nil {
		log.Fatal("lotestdata: LibreOffice (soffice) not on PATH")
	}
	if err := os.MkdirAll(*out, 0o755); err != nil {
		log.Fatal(err)
	}
	tmp, err := os.MkdirTemp("", "lotestdata-")
	if err != nil {
		log.Fatal(err)
	}
	defer os.RemoveAll(tmp)
	rng := rand.New(rand.NewPCG(71, 72))
	for i := 0; i < *n; i++ {
		f := []ar.Format{ar.Format2021, ar.Format2019}[i%2]
		truth := testreports.Random(rng, f, []float64{0, 0.05}[i%3/2])
		v := testreports.RandomVariant(rng)
		v.Text, v.DropCell, v.OtherRows = false, "", false
		v.Rowspans = i%2 == 0
		base := fmt.Sprintf("report%d", i+1)
		docx := filepath.Join(tmp, base+".docx")
		// Most as agencies' tables are, drawn with lines; the last two without (the
		// reader must then place figures by position, or refuse them).
		word := testreports.DOCXRuled
		if i >= *n-2 {
			word = testreports.DOCX
		}
		if err := os.WriteFile(docx, word(testreports.RenderVariant(truth, v)), 0o644); err != nil {
			log.Fatal(err)
		}
		for _, to := range []string{"pdf", "doc"} {
			cmd := exec.Command(office, "--headless", "--norestore", "-env:UserInstallation=file://"+filepath.Join(tmp, "profile"),
				"--convert-to", to, "--outdir", tmp, docx)
			if b, err := cmd.CombinedOutput(); err != nil {
				log.Fatalf("lotestdata: %s to %s: %v\n%s", base, to, err, b)
			}
			data, err := os.ReadFile(filepath.Join(tmp, base+"."+to))
			if err != nil {
				log.Fatal(err)
			}
			if err := os.WriteFile(filepath.Join(*out, base+"."+to), data, 0o644); err != nil {
				log.Fatal(err)
			}
		}
		js, err := json.MarshalIndent(truth, "", " ")
		if err != nil {
			log.Fatal(err)
		}
		if err := os.WriteFile(filepath.Join(*out, base+".json"), append(js, '\n'), 0o644); err != nil {
			log.Fatal(err)
		}
	}
}

package letter

import (
	"io"

	"gongkai/internal/docx"
)

// DOCX writes the letter as a Word document in the 公文 layout of GB/T 9704-2012 (see
// package docx): the title, the 文号, 主送, the body, the signature and date.
func (l Letter) DOCX() ([]byte, error) {
	return l.document().Bytes()
}

// WriteDOCX writes the Word document to w.
func (l Letter) WriteDOCX(w io.Writer) error {
	return l.document().Write(w)
}

func (l Letter) document() *docx.Document {
	d := &docx.Document{Title: l.Title, Creator: l.Signer}
	d.Para(docx.Title, l.Title)
	if l.DocNumber != "" {
		d.Para(docx.DocNumber, l.DocNumber)
	} else {
		d.Para(docx.Normal, "")
	}
	d.Para(docx.Addressee, l.To+"：")
	for _, p := range l.Paragraphs {
		d.Para(docx.BodyText, p)
	}
	if l.Contact != "" {
		d.Para(docx.BodyText, l.Contact)
	}
	d.Para(docx.Normal, "")
	d.Para(docx.Normal, "")
	d.Para(docx.Signature, l.Signer)
	d.Para(docx.Signature, l.DateText())
	return d
}

package store

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"path"
	"strings"
	"time"
	"unicode/utf8"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
)

// MaxApplicationFile is the largest file a case accepts (reply letters and attachments).
const MaxApplicationFile = 20 << 20

// ApplicationFile is a file of a case: a reply letter or an attachment. Data is filled
// only by ApplicationFileByID.
type ApplicationFile struct {
	ID            int64
	ApplicationID int64
	EventSeq      int // the event it belongs to (the reply: its position in the log), 0 for none
	Name          string
	ContentType   string
	Size          int64
	SHA256        string
	Data          []byte
	CreatedAt     time.Time
}

type fileView struct {
	ID       int64  `json:"id"`
	EventSeq int    `json:"event_seq"`
	Name     string `json:"name"`
	Type     string `json:"content_type"`
	Size     int64  `json:"size"`
	SHA256   string `json:"sha256"`
}

// addApplicationFile stores a file of a case, audited. The name is reduced to its base
// name; an empty file or one over MaxApplicationFile is refused.
func addApplicationFile(ctx context.Context, tx *Tx, who account.Principal, appID int64, f *ApplicationFile) error {
	a, err := applicationByID(ctx, tx, appID, false)
	if err != nil {
		return err
	}
	f.Name = strings.TrimSpace(path.Base(strings.ReplaceAll(f.Name, `\`, "/")))
	switch {
	case f.Name == "" || f.Name == "." || f.Name == "/":
		return apperr.New(apperr.Invalid, "文件名不能为空")
	case utf8.RuneCountInString(f.Name) > 200:
		return apperr.New(apperr.Invalid, "文件名过长（最多200字）")
	case len(f.Data) == 0:
		return apperr.Newf(apperr.Invalid, "文件“%s”是空文件", f.Name)
	case len(f.Data) > MaxApplicationFile:
		return apperr.Newf(apperr.Invalid, "文件“%s”超过%d MB", f.Name, MaxApplicationFile>>20)
	}
	if f.ContentType == "" {
		f.ContentType = "application/octet-stream"
	}
	if f.EventSeq < 0 || f.EventSeq > len(a.Events) {
		return apperr.New(apperr.Invalid, "附件所属的办理步骤不存在")
	}
	sum := sha256.Sum256(f.Data)
	f.ApplicationID, f.Size, f.SHA256 = appID, int64(len(f.Data)), hex.EncodeToString(sum[:])
	f.CreatedAt = time.Now().UTC().Truncate(time.Microsecond)
	id, err := Insert(ctx, tx, `INSERT INTO application_files (application_id, event_seq, name, content_type, size, sha256, data, created_by, created_at)
		VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`, appID, f.EventSeq, f.Name, f.ContentType, f.Size, f.SHA256, f.Data, nullInt(who.UserID), FormatTime(f.CreatedAt))
	if err != nil {
		return fmt.Errorf("store: add application file: %w", err)
	}
	f.ID = id
	_, err = Audit(ctx, tx, change(who, "application.file_add", "application", appID, a.AgencyID, nil,
		fileView{id, f.EventSeq, f.Name, f.ContentType, f.Size, f.SHA256}, ""))
	return err
}

// applicationFiles lists the files of a case (without their bytes), in upload order.
func applicationFiles(ctx context.Context, q Queryer, appID int64) ([]ApplicationFile, error) {
	rows, err := q.Query(ctx, `SELECT id, application_id, event_seq, name, content_type, size, sha256, created_at FROM application_files WHERE application_id = ? ORDER BY id`, appID)
	if err != nil {
		return nil, fmt.Errorf("store: application files: %w", err)
	}
	defer rows.Close()
	var out []ApplicationFile
	for rows.Next() {
		var f ApplicationFile
		var at string
		if err := rows.Scan(&f.ID, &f.ApplicationID, &f.EventSeq, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &at); err != nil {
			return nil, err
		}
		f.CreatedAt, _ = ParseTime(at)
		out = append(out, f)
	}
	return out, rows.Err()
}

// applicationFileByID returns a file with its bytes. The caller checks that the user may
// read the file's application.
func applicationFileByID(ctx context.Context, q Queryer, id int64) (ApplicationFile, error) {
	var f ApplicationFile
	var at string
	err := q.QueryRow(ctx, `SELECT id, application_id, event_seq, name, content_type, size, sha256, data, created_at FROM application_files WHERE id = ?`, id).
		Scan(&f.ID, &f.ApplicationID, &f.EventSeq, &f.Name, &f.ContentType, &f.Size, &f.SHA256, &f.Data, &at)
	if err != nil {
		return f, notFound(err, "文件不存在")
	}
	f.CreatedAt, _ = ParseTime(at)
	return f, nil
}

package store

import (
	"context"

	"gongkai/internal/account"
	"gongkai/internal/apperr"
	"gongkai/internal/letter"
)

// Letters is the door of the letters of a case (答复书 and 告知书): staff read those of the
// cases they may read (the applicant masked unless they handle it), the applicant those
// sent to them.
type Letters struct{ service }

// Letters is the door of the letters of a case.
func (db *DB) Letters() *Letters { return &Letters{service{db: db}} }

// Letters is the door of the letters of a case inside this transaction (a batch).
func (tx *Tx) Letters() *Letters { return &Letters{service{tx: tx}} }

// CaseLetter is a letter of a case as the console shows it.
type CaseLetter struct {
	Application Application
	Kinds       []letter.Kind // the kinds the case has a step for
	Kind        letter.Kind   // the kind asked for (or the latest step's)
	Letter      letter.Letter
	// DraftedBy and ReviewedBy are the reply letter's author and the 审核人 or 负责人 who
	// approved it (empty for a letter recorded without a draft).
	DraftedBy, ReviewedBy string
	// Refusal says why the letter cannot be written (apperr.Conflict; nil when it is): the
	// case has no such step yet, or the letter lacks what it needs.
	Refusal error
}

// sender is the letter.Agency of an agency: its details and its government's name.
func sender(ctx context.Context, q Queryer, agencyID int64) (letter.Agency, error) {
	ag, err := AgencyByID(ctx, q, agencyID)
	if err != nil {
		return letter.Agency{}, err
	}
	govs, err := listGovernments(ctx, q)
	if err != nil {
		return letter.Agency{}, err
	}
	name := ""
	for _, g := range govs {
		if g.ID == ag.GovernmentID {
			name = g.Name
		}
	}
	return letter.Sender(ag, name), nil
}

// ForCase writes the letter of kind (empty: the reply when there is one, else the latest
// step's notice) of case id for who, addressed to to (a consultation's third party).
func (s *Letters) ForCase(ctx context.Context, who account.Principal, id int64, kind letter.Kind, to string) (CaseLetter, error) {
	var out CaseLetter
	if kind != "" && !kind.Valid() {
		return out, apperr.New(apperr.NotFound, "未知的文书类型")
	}
	a, err := (&Applications{s.service}).Get(ctx, who, id)
	if err != nil {
		return out, err
	}
	out.Application = a
	la, err := sender(ctx, s.q(), a.AgencyID)
	if err != nil {
		return out, err
	}
	cal, err := Calendar(ctx, s.q())
	if err != nil {
		return out, err
	}
	for _, k := range letter.Kinds {
		if _, err := letter.ForApplication(a.Application, la, k, cal); err == nil {
			out.Kinds = append(out.Kinds, k)
		}
	}
	if kind == "" {
		kind = letter.KindReply
		if n := len(out.Kinds); n > 0 {
			kind = out.Kinds[n-1]
		}
	}
	out.Kind = kind
	in, err := letter.ForApplication(a.Application, la, kind, cal)
	if err == nil {
		in.Addressee = to
		out.DraftedBy, out.ReviewedBy = in.DraftedBy, in.ReviewedBy
		out.Letter, err = letter.Compose(in)
	}
	if err != nil {
		if apperr.CodeOf(err) == apperr.Internal {
			return out, err
		}
		// The letter exists as a kind; this case's state does not allow it (yet).
		out.Refusal = apperr.Wrap(apperr.Conflict, apperr.MessageOf(err), err)
	}
	return out, nil
}

// Sent is what the applicant has been sent: the notices (补正, 收费, 延期) and the reply.
// The consultation letter goes to the third party and is not among them.
type Sent struct {
	Notices    []letter.Letter
	Reply      *letter.Letter
	ReplyLabel string
}

// ForApplicant composes the letters sent to the applicant of a (from
// Applications.ForPublic or ForToken), for the portal.
func (s *Letters) ForApplicant(ctx context.Context, a Application) (Sent, error) {
	var out Sent
	la, err := sender(ctx, s.q(), a.AgencyID)
	if err != nil {
		return out, err
	}
	cal, err := Calendar(ctx, s.q())
	if err != nil {
		return out, err
	}
	for _, k := range []letter.Kind{letter.KindCorrection, letter.KindFee, letter.KindExtension, letter.KindReply} {
		in, err := letter.ForApplication(a.Application, la, k, cal)
		if err != nil {
			continue // no such step in this case
		}
		l, err := letter.Compose(in)
		if err != nil {
			continue // incomplete (e.g. a reply without the office's words): the state still shows
		}
		if k == letter.KindReply {
			out.Reply, out.ReplyLabel = &l, in.Reply.Label()
		} else {
			out.Notices = append(out.Notices, l)
		}
	}
	return out, nil
}

package store

import (
	"context"
	"fmt"
	"time"

	"gongkai/internal/agency"
	"gongkai/internal/catalog"
	"gongkai/internal/oversight"
)

// The public column's figures of the 政务公开办's overview and score, counted for every
// agency of the government at once: one query per figure, grouped by agency, and two for
// the agencies' headings.

// columnFigures are an agency's column figures of a year.
type columnFigures struct {
	// 法定主动公开内容: the headings now, those empty now (as Catalog.Headings shows them),
	// those with an item published by the year's end, and whether anything was published
	// by then.
	Headings, Gaps, FilledAtYearEnd int
	Catalogued                      bool
	// 政策解读 of the year (interpretationCounts).
	Interpretations InterpretationYear
	// 政民互动: unanswered past the answer period as of today; received in the year and
	// answered or past the period, and of those answered within it.
	QuestionsOverdue              int
	QuestionsDue, QuestionsOnTime int
}

// fill puts the figures into the overview's row.
func (c columnFigures) fill(r *oversight.Row) {
	r.Headings, r.HeadingGaps = c.Headings, c.Gaps
	r.Interpretations, r.Documents, r.Interpreted = c.Interpretations.Interpretations, c.Interpretations.Documents, c.Interpretations.Interpreted
	r.QuestionsOverdue = c.QuestionsOverdue
}

// scoreInput puts the figures into the score's input.
func (c columnFigures) scoreInput(in *oversight.ScoreInput) {
	in.Headings, in.HeadingsFilled, in.Catalogued = c.Headings, c.FilledAtYearEnd, c.Catalogued
	in.Documents, in.Interpreted = c.Interpretations.Documents, c.Interpretations.Interpreted
	in.QuestionsDue, in.QuestionsOnTime = c.QuestionsDue, c.QuestionsOnTime
}

// columnFiguresOf counts the column figures of year for the agencies given, all of the
// government governmentID (or the one agency agencyID when not 0), as of today.
func columnFiguresOf(ctx context.Context, q Queryer, agencies []agency.Agency, governmentID, agencyID int64, year int, today time.Time) (map[int64]columnFigures, error) {
	out := make(map[int64]columnFigures, len(agencies))
	from, to := fmt.Sprintf("%04d-01-01", year), fmt.Sprintf("%04d-12-31", year)

	// Published items per agency and 主题分类: all of them, and those published by the
	// year's end.
	now, atYearEnd := map[int64]map[string]int{}, map[int64]map[string]int{}
	scope, args := agencyScope("agency_id", governmentID, agencyID)
	err := eachRow(ctx, q, func(scan func(...any) error) error {
		var id int64
		var topic string
		var n, byEnd int
		if err := scan(&id, &topic, &n, &byEnd); err != nil {
			return err
		}
		if now[id] == nil {
			now[id], atYearEnd[id] = map[string]int{}, map[string]int{}
		}
		now[id][topic], atYearEnd[id][topic] = n, byEnd
		return nil
	}, `SELECT agency_id, topic, COUNT(*), SUM(CASE WHEN published_on <> '' AND published_on <= ? THEN 1 ELSE 0 END)
		FROM catalog_items WHERE `+scope+` AND state = 'published' GROUP BY agency_id, topic`, append([]any{to}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: column figures: %w", err)
	}
	ids := make([]int64, len(agencies))
	for i, a := range agencies {
		ids[i] = a.ID
	}
	headings, _, err := agenciesHeadings(ctx, q, governmentID, agencyID, ids)
	if err != nil {
		return nil, err
	}
	for _, a := range agencies {
		hs := headings[a.ID]
		c := columnFigures{Headings: len(hs), Gaps: catalog.Gaps(hs, now[a.ID])}
		c.FilledAtYearEnd = len(hs) - catalog.Gaps(hs, atYearEnd[a.ID])
		for _, n := range atYearEnd[a.ID] {
			c.Catalogued = c.Catalogued || n > 0
		}
		out[a.ID] = c
	}

	iscope, iargs := agencyScope("i.agency_id", governmentID, agencyID)
	err = interpretationCounts(ctx, q, iscope+` AND i.published_on >= ? AND i.published_on <= ?`, append(iargs, from, to), func(id int64, y InterpretationYear) {
		if c, ok := out[id]; ok {
			c.Interpretations = y
			out[id] = c
		}
	})
	if err != nil {
		return nil, err
	}

	err = eachRow(ctx, q, func(scan func(...any) error) error {
		var id int64
		var overdue, due, onTime int
		if err := scan(&id, &overdue, &due, &onTime); err != nil {
			return err
		}
		if c, ok := out[id]; ok {
			c.QuestionsOverdue, c.QuestionsDue, c.QuestionsOnTime = overdue, due, onTime
			out[id] = c
		}
		return nil
	}, `SELECT agency_id,
		SUM(CASE WHEN `+questionOverdue+` THEN 1 ELSE 0 END),
		SUM(CASE WHEN received_on >= ? AND received_on <= ? AND (answered_on <> '' OR due_on < ?) THEN 1 ELSE 0 END),
		SUM(CASE WHEN received_on >= ? AND received_on <= ? AND answered_on <> '' AND answered_on <= due_on THEN 1 ELSE 0 END)
		FROM interaction_questions WHERE `+scope+` GROUP BY agency_id`,
		append([]any{FormatDay(today), from, to, FormatDay(today), from, to}, args...)...)
	if err != nil {
		return nil, fmt.Errorf("store: column figures: %w", err)
	}
	return out, nil
}

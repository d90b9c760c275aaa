// Package catalog holds the rules of 主动公开 (proactive disclosure): the catalog item and
// its metadata, the 索引号 scheme, the topic taxonomy, the review workflow, the 第二十六条
// timeliness rule, table 二 counting for the annual report, rich-text sanitising and
// attachment type detection.
//
// The package is pure: no SQL, no HTTP, no clock. Callers pass "now" and a Workdays
// calculator; the store persists items, the events that workflow steps return, and the
// per-agency-per-year 索引号 counters.
package catalog

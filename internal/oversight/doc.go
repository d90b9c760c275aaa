// Package oversight is about the 政务公开办 (the government's disclosure office) following
// the agencies of its government: the overview of every agency (open applications, due
// soon, overdue, publications late against 第二十六条, the annual report's state), each
// agency's profile (working days taken to reply, the share of each outcome and of each
// 不予公开 reason, against agencies of the same kind and earlier years), the 督办 notice
// (a follow-up with a due date, tracked until the agency answers) and the transparency
// score, whose formula is shown beside it. Pure rules: no SQL, no HTTP.
package oversight
